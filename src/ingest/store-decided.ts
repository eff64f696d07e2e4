/**
 * The write half of an engine batch, as plain data in and out (so that it could run anywhere a
 * connection is: EngineSession writes it on its own, and tests put a failing writer in its
 * place): case numbers, the stored decisions with their notice and case, webhook outbox rows,
 * profiles, the cross-account state, the app sessions a new lock ends, and the audit entries for
 * locks and notices — all in the one transaction it is given.
 */
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.ts';
import {
  type Database,
  type ProcessedItem,
  reserveCaseIds,
  revokeSessionsForAccount,
  storeProcessed,
} from '../db/index.ts';
import type { AccountEvent, Decision, EngineDecision, Lang, Profile } from '../engine/index.ts';
import { noticeFor } from '../notices/index.ts';

export interface LockRefs {
  notice: string | null;
  case: string | null;
}

/** One event the engine decided in this batch. */
export interface DecidedEvent {
  event: AccountEvent;
  decision: EngineDecision;
  /** The notice reference to use when the decision puts a notice in the message box. */
  noticeRef: string | null;
  openCase: boolean;
  lock: boolean;
  /** A new lock also ends the account's sessions in the subscriber app (unless its route does). */
  endAppSessions: boolean;
}

export interface DecidedBatch {
  operatorId: string;
  lang: Lang;
  nowMs: number;
  decided: readonly DecidedEvent[];
  /** The newest profile of each account the batch touched. */
  profiles: ReadonlyArray<readonly [string, Profile]>;
  /** Notice and case of the lock of each account that was locked before this batch. */
  lockRefs: ReadonlyArray<readonly [string, LockRefs]>;
  /** Cross-account state to save with the batch, under these keys (omitted: not saved this time). */
  engineState?: Readonly<Record<string, unknown>>;
}

export interface StoredBatch {
  /** One per decided event, in order. */
  decisions: Decision[];
}

function webhookBody(kind: string, decision: Decision, event: AccountEvent): string {
  return JSON.stringify({
    kind,
    decision,
    event: { id: event.id, type: event.type, at: event.at, account: event.account },
  });
}

/**
 * Stores a decided batch on `trx`, which must be a transaction (the caller commits). Events on an
 * account that is already locked answer `lock` with the lock's own notice and case rather than a
 * new notice and case each, so the message box is not flooded.
 */
export async function storeDecided(trx: Kysely<Database>, batch: DecidedBatch): Promise<StoredBatch> {
  const { operatorId, lang, decided } = batch;
  const profiles = new Map(batch.profiles);
  const knownLocks = new Map(batch.lockRefs);
  // Case ids are taken first, inside the transaction, so the webhook body names the case.
  const caseIds = await reserveCaseIds(trx, decided.filter((d) => d.openCase).length);
  let nextCase = 0;
  const batchLocks = new Map<string, LockRefs>();
  const items: ProcessedItem[] = decided.map((d) => {
    const notice = d.noticeRef;
    const caseId = d.openCase ? (caseIds[nextCase++] ?? null) : null;
    const lockRefs = batchLocks.get(d.event.account) ?? knownLocks.get(d.event.account);
    const reuse = d.decision.decision === 'lock' && !d.lock && notice === null && lockRefs !== undefined;
    const decision: Decision = reuse
      ? { ...d.decision, notice: lockRefs.notice, case: lockRefs.case }
      : { ...d.decision, notice, case: caseId };
    if (d.lock) batchLocks.set(d.event.account, { notice, case: caseId });
    const text = notice ? noticeFor(decision, d.event, lang) : null;
    const kind = `decision.${decision.decision}`;
    return {
      operatorId,
      event: d.event,
      decision,
      profile: profiles.get(d.event.account),
      notice:
        text && notice
          ? { ref: notice, kind: decision.decision, title: text.title, body: text.body, lang }
          : null,
      case: caseId
        ? { id: caseId, payload: { reasons: decision.reasons, score: decision.score, event: d.event.id } }
        : null,
      lock: d.lock ? { reason: decision.reasons.map((r) => r.rule).join(',') } : null,
      webhooks:
        decision.decision === 'hold' || decision.decision === 'lock'
          ? [{ eventKind: kind, body: webhookBody(kind, decision, d.event) }]
          : [],
    };
  });
  const stored = await storeProcessed(
    trx,
    items,
    batch.engineState ? { nowMs: batch.nowMs, engineState: batch.engineState } : { nowMs: batch.nowMs },
  );
  // Locks and the notices put in a subscriber's message box are security-relevant actions: each
  // new one goes into the hash-chained audit trail, in the same transaction as its decision.
  for (let n = 0; n < items.length; n++) {
    const item = items[n] as ProcessedItem;
    const decision = stored.decisions[n];
    if ((!item.lock && !item.notice) || stored.duplicate[n] || !decision) continue;
    // Contract "Decision": a lock revokes sessions until unlocked — in our app too, so a session
    // the attacker may hold ends with it.
    const sessionsEnded =
      item.lock && decided[n]?.endAppSessions
        ? await revokeSessionsForAccount(trx, operatorId, item.event.account)
        : 0;
    await appendAudit(trx, {
      actor: 'engine',
      action: item.lock ? 'account.lock' : 'notice.create',
      subject: item.event.account,
      data: {
        operator: operatorId,
        event: item.event.id,
        decision: decision.decision,
        notice: decision.notice,
        case: decision.case,
        rules: decision.reasons.map((r) => r.rule),
        ...(item.lock ? { sessionsEnded } : {}),
      },
      atMs: Date.parse(item.event.at),
    });
  }
  return { decisions: stored.decisions };
}

/** Writes decided batches; the session waits for each before it answers. */
export interface DecidedWriter {
  store(batch: DecidedBatch): Promise<StoredBatch>;
}

/** The default writer: one transaction on the session's own connection. */
export function inProcessWriter(db: Kysely<Database>): DecidedWriter {
  return { store: (batch) => db.transaction().execute((trx) => storeDecided(trx, batch)) };
}
