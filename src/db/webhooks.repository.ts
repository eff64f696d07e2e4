import { randomBytes, randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { chunkRows, dialectOf } from './dialect.ts';
import type { DeliveryStatus, WebhookDeliveryRow, WebhookRow } from './tables/webhooks.table.ts';

export interface Webhook {
  id: string;
  operatorId: string;
  url: string;
  secret: string;
  createdAtMs: number;
  active: boolean;
}

export interface WebhookDelivery {
  id: string;
  webhookId: string;
  eventKind: string;
  body: string;
  attempts: number;
  nextAttemptAtMs: number;
  status: DeliveryStatus;
  lastError: string | null;
  createdAtMs: number;
  deliveredAtMs: number | null;
}

/** A claimed delivery with what the sender needs: where to post and the signing secret. */
export interface ClaimedDelivery extends WebhookDelivery {
  url: string;
  secret: string;
}

/** A message to send to every active webhook of an operator. */
export interface WebhookMessage {
  eventKind: string;
  /** The JSON body, exactly as it will be signed and sent. */
  body: string;
}

function toWebhook(row: WebhookRow): Webhook {
  return {
    id: row.id,
    operatorId: row.operator_id,
    url: row.url,
    secret: row.secret,
    createdAtMs: row.created_at_ms,
    active: Number(row.active) === 1,
  };
}

function toDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventKind: row.event_kind,
    body: row.body,
    attempts: row.attempts,
    nextAttemptAtMs: row.next_attempt_at_ms,
    status: row.status,
    lastError: row.last_error,
    createdAtMs: row.created_at_ms,
    deliveredAtMs: row.delivered_at_ms,
  };
}

/** Registers a webhook endpoint; a signing secret is generated unless one is given. */
export async function createWebhook(
  db: Kysely<Database>,
  options: { operatorId: string; url: string; secret?: string; nowMs: number },
): Promise<Webhook> {
  const row: WebhookRow = {
    id: `wh_${randomBytes(8).toString('hex')}`,
    operator_id: options.operatorId,
    url: options.url,
    secret: options.secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
    created_at_ms: options.nowMs,
    active: 1,
  };
  await db.insertInto('webhooks').values(row).execute();
  return toWebhook(row);
}

/** An operator's webhooks (active only unless `all`). */
export async function listWebhooks(
  db: Kysely<Database>,
  operatorId: string,
  options: { all?: boolean } = {},
): Promise<Webhook[]> {
  let query = db.selectFrom('webhooks').selectAll().where('operator_id', '=', operatorId);
  if (options.all !== true) query = query.where('active', '=', 1);
  const rows = await query.orderBy('created_at_ms').orderBy('id').execute();
  return rows.map(toWebhook);
}

/** Turns a webhook on or off; pending deliveries of an inactive webhook are not claimed. */
export async function setWebhookActive(db: Kysely<Database>, id: string, active: boolean): Promise<boolean> {
  const result = await db
    .updateTable('webhooks')
    .set({ active: active ? 1 : 0 })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Writes one pending delivery per active webhook of the operator, due at once. Call it inside the
 * transaction that stores what the message is about (outbox), so a message is sent if and only if
 * its cause was stored. Returns how many deliveries were queued.
 *
 * @example
 * await enqueueDeliveries(trx, 'default', [{ eventKind: 'case.opened', body }], Date.now());
 */
export async function enqueueDeliveries(
  db: Kysely<Database>,
  operatorId: string,
  messages: readonly WebhookMessage[],
  nowMs: number,
): Promise<number> {
  if (messages.length === 0) return 0;
  const hooks = await db
    .selectFrom('webhooks')
    .select('id')
    .where('operator_id', '=', operatorId)
    .where('active', '=', 1)
    .execute();
  if (hooks.length === 0) return 0;
  const rows = messages.flatMap((m) =>
    hooks.map((h) => ({
      id: randomUUID(),
      webhook_id: h.id,
      event_kind: m.eventKind,
      body: m.body,
      attempts: 0,
      next_attempt_at_ms: nowMs,
      status: 'pending' as const,
      last_error: null,
      created_at_ms: nowMs,
      delivered_at_ms: null,
    })),
  );
  for (const chunk of chunkRows(rows, 10, dialectOf(db))) {
    await db.insertInto('webhook_deliveries').values(chunk).execute();
  }
  return rows.length;
}

/**
 * Claims up to `limit` due deliveries of active webhooks, oldest due first. Claiming counts an
 * attempt and pushes `next_attempt_at_ms` to now + `leaseMs`, in one UPDATE whose WHERE repeats
 * the due condition, so two workers never claim the same delivery, and a worker that dies
 * mid-send leaves the delivery to be claimed again once the lease runs out.
 */
export async function claimDueDeliveries(
  db: Kysely<Database>,
  options: { nowMs: number; limit?: number; leaseMs?: number },
): Promise<ClaimedDelivery[]> {
  const limit = Math.max(1, Math.trunc(options.limit ?? 50));
  const leaseUntil = options.nowMs + Math.max(0, Math.trunc(options.leaseMs ?? 60_000));
  const due = db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at_ms', '<=', options.nowMs)
    .where('w.active', '=', 1)
    .orderBy('d.next_attempt_at_ms')
    .orderBy('d.id')
    .limit(limit);
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set({ attempts: sql<number>`attempts + 1`, next_attempt_at_ms: leaseUntil })
    .where('id', 'in', due)
    .where('status', '=', 'pending')
    .where('next_attempt_at_ms', '<=', options.nowMs)
    .returningAll()
    .execute();
  if (claimed.length === 0) return [];
  const hooks = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'secret'])
    .where('id', 'in', [...new Set(claimed.map((d) => d.webhook_id))])
    .execute();
  const byId = new Map(hooks.map((h) => [h.id, h]));
  return claimed
    .map((row) => {
      const hook = byId.get(row.webhook_id);
      return hook === undefined ? undefined : { ...toDelivery(row), url: hook.url, secret: hook.secret };
    })
    .filter((d): d is ClaimedDelivery => d !== undefined)
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.id.localeCompare(b.id));
}

/** Marks a claimed delivery as delivered. */
export async function markDelivered(db: Kysely<Database>, id: string, atMs: number): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'delivered', delivered_at_ms: atMs, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a failed attempt. With `retryAtMs` (the caller's backoff) the delivery stays pending
 * and becomes due then; with `retryAtMs: null` it is given up on (status `failed`).
 */
export async function markFailed(
  db: Kysely<Database>,
  id: string,
  failure: { error: string; retryAtMs: number | null },
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set(
      failure.retryAtMs === null
        ? { status: 'failed', last_error: failure.error }
        : { next_attempt_at_ms: failure.retryAtMs, last_error: failure.error },
    )
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Deliveries of one webhook, oldest first (for an operator's delivery log). */
export async function listDeliveries(
  db: Kysely<Database>,
  webhookId: string,
  options: { status?: DeliveryStatus; limit?: number } = {},
): Promise<WebhookDelivery[]> {
  let query = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
  if (options.status !== undefined) query = query.where('status', '=', options.status);
  const rows = await query
    .orderBy('created_at_ms')
    .orderBy('id')
    .limit(Math.min(Math.max(1, Math.trunc(options.limit ?? 100)), 1000))
    .execute();
  return rows.map(toDelivery);
}
