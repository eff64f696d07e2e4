import type { Kysely } from 'kysely';
import type { Decision } from '../engine/index.ts';
import type { Database } from './database.ts';
import { chunkRows, dialectOf } from './dialect.ts';
import { parseJson } from './json.ts';
import type { EventRow } from './tables/events.table.ts';

export interface StoredEvent {
  operatorId: string;
  id: string;
  account: string;
  type: string;
  at: string;
  atMs: number;
  receivedAtMs: number;
  /** The event object as it was accepted. */
  event: unknown;
}

/**
 * The decision stored for an event id, or undefined if the event was never stored. A repeated id
 * answers with this (contract "HTTP": a repeated id returns the stored decision).
 *
 * @example
 * const earlier = await findDecision(db, 'default', 'evt_81');
 */
export async function findDecision(
  db: Kysely<Database>,
  operatorId: string,
  eventId: string,
): Promise<Decision | undefined> {
  const row = await db
    .selectFrom('decisions')
    .select('payload')
    .where('operator_id', '=', operatorId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return row === undefined ? undefined : parseJson<Decision>(row.payload, `decision ${eventId}`);
}

/** Stored decisions for many event ids at once (one query per chunk), keyed by event id. */
export async function findDecisions(
  db: Kysely<Database>,
  operatorId: string,
  eventIds: readonly string[],
): Promise<Map<string, Decision>> {
  const found = new Map<string, Decision>();
  const unique = [...new Set(eventIds)];
  for (const chunk of chunkRows(unique, 1, dialectOf(db), 10_000)) {
    const rows = await db
      .selectFrom('decisions')
      .select(['event_id', 'payload'])
      .where('operator_id', '=', operatorId)
      .where('event_id', 'in', chunk)
      .execute();
    for (const row of rows)
      found.set(row.event_id, parseJson<Decision>(row.payload, `decision ${row.event_id}`));
  }
  return found;
}

/** The stored event, or undefined. */
export async function findEvent(
  db: Kysely<Database>,
  operatorId: string,
  eventId: string,
): Promise<StoredEvent | undefined> {
  const row = await db
    .selectFrom('events')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('id', '=', eventId)
    .executeTakeFirst();
  return row === undefined ? undefined : toStoredEvent(row);
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    operatorId: row.operator_id,
    id: row.id,
    account: row.account,
    type: row.type,
    at: row.at,
    atMs: row.at_ms,
    receivedAtMs: row.received_at_ms,
    event: parseJson(row.payload, `event ${row.id}`),
  };
}

/** How many events are stored (for one operator, or all). */
export async function countEvents(db: Kysely<Database>, operatorId?: string): Promise<number> {
  let query = db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n'));
  if (operatorId !== undefined) query = query.where('operator_id', '=', operatorId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many decisions are stored (for one operator, or all). */
export async function countDecisions(db: Kysely<Database>, operatorId?: string): Promise<number> {
  let query = db.selectFrom('decisions').select((eb) => eb.fn.countAll<number>().as('n'));
  if (operatorId !== undefined) query = query.where('operator_id', '=', operatorId);
  const row = await query.executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ListAccountEventsOptions {
  /** Only events at or after this time (epoch ms, the event's own `at`). */
  sinceMs?: number;
  /** Only events before this time (epoch ms). */
  untilMs?: number;
  /** At most this many, newest first (default 100, at most 1000). */
  limit?: number;
}

/**
 * An account's events by their own time, newest first (operator case view; rebuilding a profile).
 * Served by the (operator_id, account, at_ms) index.
 *
 * @example
 * const lastDay = await listAccountEvents(db, 'default', 'acc_7', { sinceMs: Date.parse(at) - 86_400_000 });
 */
export async function listAccountEvents(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  options: ListAccountEventsOptions = {},
): Promise<StoredEvent[]> {
  let query = db
    .selectFrom('events')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('account', '=', account);
  if (options.sinceMs !== undefined) query = query.where('at_ms', '>=', options.sinceMs);
  if (options.untilMs !== undefined) query = query.where('at_ms', '<', options.untilMs);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), 1000);
  const rows = await query.orderBy('at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toStoredEvent);
}
