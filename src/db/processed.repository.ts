import type { Kysely, Transaction } from 'kysely';
import type { Decision } from '../engine/index.ts';
import { MamoriError } from '../errors.ts';
import { bulkInsert } from './bulk-insert.ts';
import { parseCaseId, reserveCaseIds } from './cases.repository.ts';
import type { Database } from './database.ts';
import { DEFAULT_OPERATOR } from './dialect.ts';
import { saveEngineState } from './engine-state.repository.ts';
import { findDecisions } from './events.repository.ts';
import { toJsonText } from './json.ts';
import { saveProfiles } from './profiles.repository.ts';
import { enqueueDeliveries, type WebhookMessage } from './webhooks.repository.ts';

/** The fields of an event the tables index; the whole object is stored as JSON. */
export interface StorableEvent {
  id: string;
  account: string;
  type: string;
  at: string;
  [field: string]: unknown;
}

export interface NoticeInput {
  /**
   * N-XXXX-XXXX, chosen by src/notices/ (a clash with another notice fails the batch). Written
   * into the decision's `notice`.
   */
  ref: string;
  kind: string;
  title: string;
  body: string;
  lang: string;
}

export interface CaseInput {
  /** A case id; omitted, the next number is taken inside the transaction and written into the decision's `case`. */
  id?: string;
  /** Anything the operator view needs (reasons, amounts…), stored as JSON. */
  payload?: unknown;
}

export interface LockInput {
  reason: string;
}

/** One event the engine has already decided, with everything that follows from the decision. */
export interface ProcessedItem {
  /** Default 'default'. */
  operatorId?: string;
  event: StorableEvent;
  decision: Decision;
  /** The account's profile after this event. Only the last one per account in the batch is written. */
  profile?: unknown;
  notice?: NoticeInput | null;
  case?: CaseInput | null;
  lock?: LockInput | null;
  /** Messages for the operator's active webhooks (outbox: queued in the same transaction). */
  webhooks?: readonly WebhookMessage[];
}

export interface StoreProcessedOptions {
  /** Wall-clock time of the write (received_at_ms, created_at_ms, delivery due time); default Date.now(). */
  nowMs?: number;
  /** Cross-account engine state to save in the same transaction, by key. */
  engineState?: Readonly<Record<string, unknown>>;
}

export interface StoreProcessedResult {
  /** One decision per input item, in order: the one stored now, or the earlier one for a repeated id. */
  decisions: Decision[];
  /** Per input item: true when its event id was already stored (or repeated earlier in the batch). */
  duplicate: boolean[];
  /** How many events were newly stored. */
  stored: number;
}

const key = (operatorId: string, id: string) => `${operatorId}\u0000${id}`;

/**
 * Stores a batch of decided events in ONE transaction: events, decisions, profiles (upsert, last
 * per account), notices, cases, account locks, webhook outbox rows and engine state. Either all of
 * it is stored or none of it (a failure rolls back the batch and rethrows).
 *
 * Idempotent by (operator, event id): events are inserted with ON CONFLICT DO NOTHING … RETURNING,
 * and only the newly inserted ones get their decision, profile, notice, case and lock written; a
 * repeated id keeps its first decision, which is returned in its place. Rows go in multi-row
 * INSERTs chunked under each dialect's parameter limit, so a batch costs a handful of statements.
 *
 * Callers should drop ids already stored (see {@link findDecisions}) before running the engine, so
 * that a profile never sees an event twice; the dedupe here is the safety net for races between
 * two writers, not a replacement for that check.
 *
 * Times: notices, cases and locks carry the event's own `at` (replays give the same message box);
 * received_at_ms / created_at_ms are the wall clock `nowMs`.
 *
 * @example
 * const { decisions } = await storeProcessed(db, decided.map((d) => ({ event: d.event, decision: d.decision, profile: d.profile })));
 */
export async function storeProcessed(
  db: Kysely<Database>,
  items: readonly ProcessedItem[],
  options: StoreProcessedOptions = {},
): Promise<StoreProcessedResult> {
  const run = (trx: Kysely<Database>) => storeInTransaction(trx, items, options);
  // Inside a caller's transaction, join it (Kysely does not nest transactions).
  return db.isTransaction ? run(db) : db.transaction().execute((trx: Transaction<Database>) => run(trx));
}

async function storeInTransaction(
  trx: Kysely<Database>,
  items: readonly ProcessedItem[],
  options: StoreProcessedOptions,
): Promise<StoreProcessedResult> {
  const nowMs = options.nowMs ?? Date.now();

  // 1. The first occurrence of each id in the batch is the candidate; later ones are repeats.
  const firstIndex = new Map<string, number>();
  const candidates: number[] = [];
  items.forEach((item, i) => {
    const k = key(item.operatorId ?? DEFAULT_OPERATOR, item.event.id);
    if (!firstIndex.has(k)) {
      firstIndex.set(k, i);
      candidates.push(i);
    }
  });

  // 2. Insert the events; RETURNING tells which ones are new (ON CONFLICT rows are not returned).
  const inserted = new Set<string>();
  // Rows go in in key order, on PostgreSQL two concurrent batches that share ids or accounts then
  // take their row locks in the same order and cannot deadlock.
  const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const eventRows = candidates.map((i) => {
    const item = items[i] as ProcessedItem;
    const atMs = Date.parse(item.event.at);
    if (Number.isNaN(atMs)) {
      throw new MamoriError('db_event_time_invalid', `event ${item.event.id}: "at" is not a date and time`, {
        status: 500,
      });
    }
    return [
      item.operatorId ?? DEFAULT_OPERATOR,
      item.event.id,
      item.event.account,
      item.event.type,
      item.event.at,
      atMs,
      JSON.stringify(item.event),
      nowMs,
    ];
  });
  eventRows.sort((a, b) => byKey(a[0] as string, b[0] as string) || byKey(a[1] as string, b[1] as string));
  const newEvents = await bulkInsert<'events', { operator_id: string; id: string }>(
    trx,
    'events',
    ['operator_id', 'id', 'account', 'type', 'at', 'at_ms', 'payload', 'received_at_ms'],
    eventRows,
    { ignoreConflictOn: ['operator_id', 'id'], returning: ['operator_id', 'id'] },
  );
  for (const r of newEvents) inserted.add(key(r.operator_id, r.id));
  const fresh = candidates.filter((i) => {
    const item = items[i] as ProcessedItem;
    return inserted.has(key(item.operatorId ?? DEFAULT_OPERATOR, item.event.id));
  });

  // 3. Case numbers for new items that open a case without naming one.
  const needIds = fresh.filter((i) => {
    const c = items[i]?.case;
    return c !== undefined && c !== null && c.id === undefined;
  });
  const newIds = await reserveCaseIds(trx, needIds.length);
  const caseIdOf = new Map<number, string>();
  needIds.forEach((i, n) => {
    caseIdOf.set(i, newIds[n] as string);
  });

  // 4. Everything that follows from each new event.
  const finalDecision = new Map<string, Decision>();
  // Value arrays in the column order of the bulkInsert calls below.
  const decisionRows: unknown[][] = [];
  const noticeRows: unknown[][] = [];
  const caseRows: unknown[][] = [];
  const lockRows: unknown[][] = [];
  const lastProfile = new Map<string, { operatorId: string; account: string; data: unknown }>();
  const messagesByOperator = new Map<string, WebhookMessage[]>();
  for (const i of fresh) {
    const item = items[i] as ProcessedItem;
    const operatorId = item.operatorId ?? DEFAULT_OPERATOR;
    const atMs = Date.parse(item.event.at);
    const caseId = item.case ? (item.case.id ?? caseIdOf.get(i) ?? null) : null;
    // The stored decision points at the notice and case stored with it (contract "Decision").
    const noticeRef = item.notice ? item.notice.ref : item.decision.notice;
    const decision: Decision =
      (caseId !== null && item.decision.case !== caseId) || noticeRef !== item.decision.notice
        ? { ...item.decision, case: caseId ?? item.decision.case, notice: noticeRef }
        : item.decision;
    finalDecision.set(key(operatorId, item.event.id), decision);
    decisionRows.push([
      operatorId,
      item.event.id,
      item.event.account,
      decision.decision,
      decision.score,
      JSON.stringify(decision),
      nowMs,
    ]);
    if (item.notice) {
      const n = item.notice;
      noticeRows.push([
        n.ref,
        operatorId,
        item.event.account,
        n.kind,
        n.title,
        n.body,
        n.lang,
        item.event.id,
        atMs,
      ]);
    }
    if (item.case && caseId !== null) {
      const seq = parseCaseId(caseId);
      if (seq === undefined) {
        throw new MamoriError(
          'db_case_id_invalid',
          `case id: unexpected "${caseId}", expected C- and at least 6 digits`,
          {
            status: 500,
          },
        );
      }
      caseRows.push([
        caseId,
        seq,
        operatorId,
        item.event.account,
        'open',
        decision.decision,
        decision.score,
        item.event.id,
        atMs,
        atMs,
        toJsonText(item.case.payload ?? null),
      ]);
    }
    if (item.lock) {
      lockRows.push([operatorId, item.event.account, atMs, item.lock.reason, item.event.id]);
    }
    if (item.profile !== undefined) {
      lastProfile.set(key(operatorId, item.event.account), {
        operatorId,
        account: item.event.account,
        data: item.profile,
      });
    }
    if (item.webhooks !== undefined && item.webhooks.length > 0) {
      const list = messagesByOperator.get(operatorId) ?? [];
      list.push(...item.webhooks);
      messagesByOperator.set(operatorId, list);
    }
  }

  await bulkInsert(
    trx,
    'decisions',
    ['operator_id', 'event_id', 'account', 'decision', 'score', 'payload', 'created_at_ms'],
    decisionRows,
  );
  await bulkInsert(
    trx,
    'notices',
    ['ref', 'operator_id', 'account', 'kind', 'title', 'body', 'lang', 'event_id', 'created_at_ms'],
    noticeRows,
  );
  await bulkInsert(
    trx,
    'cases',
    [
      'id',
      'seq',
      'operator_id',
      'account',
      'status',
      'decision',
      'score',
      'event_id',
      'opened_at_ms',
      'updated_at_ms',
      'payload',
    ],
    caseRows,
  );
  await bulkInsert(
    trx,
    'account_locks',
    ['operator_id', 'account', 'locked_at_ms', 'reason', 'event_id'],
    lockRows,
  );
  await saveProfiles(
    trx,
    [...lastProfile.values()]
      .sort((a, b) => byKey(a.operatorId, b.operatorId) || byKey(a.account, b.account))
      .map((p) => ({ ...p, updatedAtMs: nowMs })),
  );
  for (const [operatorId, messages] of messagesByOperator) {
    await enqueueDeliveries(trx, operatorId, messages, nowMs);
  }
  if (options.engineState !== undefined) await saveEngineState(trx, options.engineState);

  // 5. Repeats answer with what was stored first.
  const repeatsByOperator = new Map<string, string[]>();
  items.forEach((item) => {
    const operatorId = item.operatorId ?? DEFAULT_OPERATOR;
    if (!finalDecision.has(key(operatorId, item.event.id))) {
      const list = repeatsByOperator.get(operatorId) ?? [];
      list.push(item.event.id);
      repeatsByOperator.set(operatorId, list);
    }
  });
  for (const [operatorId, ids] of repeatsByOperator) {
    const stored = await findDecisions(trx, operatorId, ids);
    for (const [id, decision] of stored) finalDecision.set(key(operatorId, id), decision);
  }

  const decisions: Decision[] = [];
  const duplicate: boolean[] = [];
  items.forEach((item, i) => {
    const k = key(item.operatorId ?? DEFAULT_OPERATOR, item.event.id);
    const decision = finalDecision.get(k);
    if (decision === undefined) {
      // An event row without its decision: only possible if someone wrote events by hand.
      throw new MamoriError('db_decision_missing', `event ${item.event.id} is stored without a decision`, {
        status: 500,
      });
    }
    decisions.push(decision);
    duplicate.push(!(firstIndex.get(k) === i && inserted.has(k)));
  });
  return { decisions, duplicate, stored: fresh.length };
}
