import type { Insertable, Selectable } from 'kysely';

/** An operator's webhook endpoint; deliveries are signed with `secret` (HMAC-SHA256). */
export interface WebhooksTable {
  id: string;
  operator_id: string;
  url: string;
  secret: string;
  created_at_ms: number;
  /** 1 or 0: integer rather than boolean so the column is the same on SQLite and PostgreSQL. */
  active: number;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** Outbox: a delivery is written in the same transaction as the decision that caused it. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_kind: string;
  body: string;
  attempts: number;
  next_attempt_at_ms: number;
  status: DeliveryStatus;
  last_error: string | null;
  created_at_ms: number;
  delivered_at_ms: number | null;
}

export type WebhookRow = Selectable<WebhooksTable>;
export type NewWebhookRow = Insertable<WebhooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type NewWebhookDeliveryRow = Insertable<WebhookDeliveriesTable>;
