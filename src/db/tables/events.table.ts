import type { Insertable, Selectable } from 'kysely';

/**
 * One accepted account event (../shared/contracts/events.md "Event"). The primary key
 * (operator_id, id) is the idempotency key: a repeated id changes nothing.
 */
export interface EventsTable {
  operator_id: string;
  id: string;
  account: string;
  type: string;
  /** The event's own `at`, as sent (ISO 8601 with offset). */
  at: string;
  /** `at` as epoch milliseconds, for ordering and range queries. */
  at_ms: number;
  /** The whole event as JSON text. */
  payload: string;
  /** Wall-clock time the event was stored (epoch ms). */
  received_at_ms: number;
}

export type EventRow = Selectable<EventsTable>;
export type NewEventRow = Insertable<EventsTable>;
