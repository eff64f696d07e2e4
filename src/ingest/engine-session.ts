/**
 * Events in, decisions out, with storage: the edge around the pure engine. For a batch it
 * validates nothing (callers pass candidates from read-events.ts), answers repeated ids with the
 * stored decision, runs decide() in order, and stores events, decisions, profiles, notices,
 * cases, locks, webhook messages and the cross-account state in ONE transaction before it
 * answers (contract: an event is durable before its decision is returned).
 *
 * Batches are processed one at a time per session, in arrival order, so concurrent requests
 * see each other's profiles in order. Profiles and the cross-account state are cached in memory
 * and reloaded when a write fails, so a failed batch leaves no trace in memory either.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/index.ts';
import {
  type Database,
  findActiveLock,
  findDecision,
  findDecisions,
  loadEngineState,
  loadProfiles,
  type ProcessedItem,
  reserveCaseIds,
  saveEngineState,
  storeProcessed,
} from '../db/index.ts';
import {
  type AccountEvent,
  type Decision,
  decide,
  type EngineDecision,
  type EventError,
  emptyGlobalState,
  emptyProfile,
  type GlobalState,
  type Lang,
  type Policy,
  type Profile,
} from '../engine/index.ts';
import { newNoticeReference, noticeFor } from '../notices/index.ts';
import type { EventCandidate } from './read-events.ts';

export type DecisionOrError = Decision | EventError;

export interface EngineSessionOptions {
  db: Kysely<Database>;
  operatorId: string;
  policy: Policy;
  /** Language of reasons and notices (contract: Japanese unless asked). */
  lang?: Lang;
  /**
   * Key for notice references: a reference is an HMAC of the event id, so a replay of the same
   * file gives the same references, and nobody can guess one without the key.
   */
  noticeKey?: Uint8Array;
  /** Wall clock for received_at only; engine time is always the event's own `at`. */
  now?: () => number;
  /** Profiles kept in memory; beyond this the cache starts over (they are reloaded from storage). */
  maxCachedProfiles?: number;
}

const GLOBAL_KEY = 'global';
/**
 * The cross-account state (time-windowed counts per network and device) is written at most this
 * often, not with every transaction: serialising it was the largest cost of a small request.
 * After a crash it may be this much older than the events; its counts only add evidence across
 * accounts, so that costs a little sensitivity for a moment, never a stored decision.
 */
const GLOBAL_SAVE_EVERY_MS = 1_000;
const GLOBAL_SAVE_EVERY_EVENTS = 20_000;

function webhookBody(kind: string, decision: Decision, event: AccountEvent): string {
  return JSON.stringify({
    kind,
    decision,
    event: { id: event.id, type: event.type, at: event.at, account: event.account },
  });
}

export class EngineSession {
  readonly #db: Kysely<Database>;
  readonly #operatorId: string;
  readonly #policy: Policy;
  readonly #defaultLang: Lang;
  readonly #noticeKey: Uint8Array;
  readonly #now: () => number;
  readonly #maxCached: number;
  #profiles = new Map<string, Profile>();
  #global: GlobalState | undefined;
  /** Notice and case of each locked account's lock, reused by later events on that account. */
  #lockRefs = new Map<string, { notice: string | null; case: string | null }>();
  #waiting: Array<{
    candidates: readonly EventCandidate[];
    lang: Lang;
    resolve: (r: DecisionOrError[]) => void;
    reject: (e: unknown) => void;
  }> = [];
  #busy = false;
  #globalSavedAt = 0;
  #unsavedEvents = 0;

  constructor(options: EngineSessionOptions) {
    this.#db = options.db;
    this.#operatorId = options.operatorId;
    this.#policy = options.policy;
    this.#defaultLang = options.lang ?? 'ja';
    this.#noticeKey = options.noticeKey ?? randomBytes(32);
    this.#now = options.now ?? Date.now;
    this.#maxCached = options.maxCachedProfiles ?? 200_000;
  }

  /**
   * Processes a batch (in order) after every batch handed in before it. Batches that arrive while
   * a write is in flight are decided and committed together (group commit): one transaction for
   * many small HTTP requests, each still answered only after its events are stored.
   */
  process(candidates: readonly EventCandidate[], lang: Lang = this.#defaultLang): Promise<DecisionOrError[]> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ candidates, lang, resolve, reject });
      if (!this.#busy) void this.#drain();
    });
  }

  /** Writes the cross-account state now (call before closing the database). */
  flush(): Promise<void> {
    return new Promise((resolve, reject) => {
      const run = async () => {
        if (this.#global && this.#unsavedEvents > 0) {
          await saveEngineState(this.#db, { [GLOBAL_KEY]: this.#global });
          this.#globalSavedAt = this.#now();
          this.#unsavedEvents = 0;
        }
      };
      // Queue behind any batch in flight so the state written is the newest.
      this.#waiting.push({
        candidates: [],
        lang: this.#defaultLang,
        resolve: () => run().then(resolve, reject),
        reject,
      });
      if (!this.#busy) void this.#drain();
    });
  }

  /**
   * Drops an account's cached profile, after something outside this session changed it in
   * storage (an unlock); queued behind batches in flight so none of them writes it back.
   */
  forget(account: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const drop = () => {
        this.#profiles.delete(account);
        this.#lockRefs.delete(account);
        resolve();
      };
      this.#waiting.push({ candidates: [], lang: this.#defaultLang, resolve: drop, reject });
      if (!this.#busy) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    while (this.#waiting.length > 0) {
      // Requests in the same language share one transaction (group commit).
      const lang = this.#waiting[0]?.lang ?? this.#defaultLang;
      let n = 0;
      while (n < this.#waiting.length && this.#waiting[n]?.lang === lang) n++;
      const group = this.#waiting.splice(0, n);
      const all = group.length === 1 ? (group[0]?.candidates ?? []) : group.flatMap((g) => g.candidates);
      try {
        const results = await this.#processNow(all, lang);
        let offset = 0;
        for (const g of group) {
          g.resolve(results.slice(offset, offset + g.candidates.length));
          offset += g.candidates.length;
        }
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.#busy = false;
  }

  #noticeRef(eventId: string): string {
    const digest = createHmac('sha256', this.#noticeKey).update(`${this.#operatorId}\n${eventId}`).digest();
    let offset = 0;
    return newNoticeReference((n) => {
      const out = digest.subarray(offset, offset + n);
      offset += n;
      return out;
    });
  }

  async #processNow(candidates: readonly EventCandidate[], lang: Lang): Promise<DecisionOrError[]> {
    const out: Array<DecisionOrError | undefined> = new Array(candidates.length);
    const valid: Array<{ index: number; event: AccountEvent }> = [];
    candidates.forEach((c, index) => {
      if (c.ok) valid.push({ index, event: c.event });
      else out[index] = c.error;
    });
    if (valid.length === 0) return out as DecisionOrError[];

    // A repeated id returns the stored decision and changes nothing (contract "HTTP").
    const stored = await findDecisions(
      this.#db,
      this.#operatorId,
      valid.map((v) => v.event.id),
    );
    const firstInBatch = new Map<string, number>();
    const fresh: Array<{ index: number; event: AccountEvent }> = [];
    for (const v of valid) {
      const earlier = stored.get(v.event.id);
      if (earlier) out[v.index] = earlier;
      else if (firstInBatch.has(v.event.id))
        continue; // answered below with the first one's decision
      else {
        firstInBatch.set(v.event.id, v.index);
        fresh.push(v);
      }
    }

    if (fresh.length > 0) {
      try {
        await this.#decideAndStore(fresh, out, lang);
      } catch (error) {
        // Nothing was stored: forget what this batch taught the in-memory state.
        this.#profiles.clear();
        this.#lockRefs.clear();
        this.#global = undefined;
        throw error;
      }
    }
    for (const v of valid) {
      if (out[v.index] === undefined) {
        const first = firstInBatch.get(v.event.id);
        out[v.index] = first === undefined ? undefined : out[first];
      }
    }
    return out as DecisionOrError[];
  }

  async #decideAndStore(
    fresh: Array<{ index: number; event: AccountEvent }>,
    out: Array<DecisionOrError | undefined>,
    lang: Lang,
  ) {
    const missing = [...new Set(fresh.map((f) => f.event.account))].filter((a) => !this.#profiles.has(a));
    if (missing.length > 0) {
      const loaded = await loadProfiles<Profile>(this.#db, this.#operatorId, missing);
      if (this.#profiles.size + missing.length > this.#maxCached) this.#profiles.clear();
      for (const account of missing)
        this.#profiles.set(account, loaded.get(account)?.data ?? emptyProfile(account));
    }
    if (!this.#global) {
      this.#global =
        (await loadEngineState<GlobalState>(this.#db, GLOBAL_KEY)) ?? emptyGlobalState(this.#policy);
    }

    // Events on an already-locked account answer `lock` with the lock's own notice and case
    // rather than a new notice and case each (the message box is not flooded).
    const lockedBefore = [...new Set(fresh.map((f) => f.event.account))].filter(
      (a) => (this.#profiles.get(a) as Profile).lock !== null && !this.#lockRefs.has(a),
    );
    for (const account of lockedBefore) {
      const lock = await findActiveLock(this.#db, this.#operatorId, account);
      const earlier = lock?.eventId
        ? await findDecision(this.#db, this.#operatorId, lock.eventId)
        : undefined;
      this.#lockRefs.set(account, { notice: earlier?.notice ?? null, case: earlier?.case ?? null });
    }

    let global = this.#global;
    const profiles = new Map<string, Profile>();
    const decided: Array<{
      index: number;
      event: AccountEvent;
      decision: EngineDecision;
      notice: boolean;
      openCase: boolean;
      lock: boolean;
    }> = [];
    for (const { index, event } of fresh) {
      const profile = profiles.get(event.account) ?? (this.#profiles.get(event.account) as Profile);
      const result = decide({ profile, event, policy: this.#policy, global, lang });
      profiles.set(event.account, result.profile);
      global = result.global;
      decided.push({
        index,
        event,
        decision: result.decision,
        notice: result.effects.notice !== undefined,
        openCase: result.effects.openCase === true,
        lock: result.effects.lockAccount === true,
      });
    }

    const nowMs = this.#now();
    const result = await this.#db.transaction().execute(async (trx) => {
      // Case ids are taken first, inside the transaction, so the webhook body names the case.
      const caseIds = await reserveCaseIds(trx, decided.filter((d) => d.openCase).length);
      let nextCase = 0;
      const batchLocks = new Map<string, { notice: string | null; case: string | null }>();
      const items: ProcessedItem[] = decided.map((d) => {
        const notice = d.notice ? this.#noticeRef(d.event.id) : null;
        const caseId = d.openCase ? (caseIds[nextCase++] ?? null) : null;
        const lockRefs = batchLocks.get(d.event.account) ?? this.#lockRefs.get(d.event.account);
        const reuse = d.decision.decision === 'lock' && !d.lock && !d.notice && lockRefs !== undefined;
        const decision: Decision = reuse
          ? { ...d.decision, notice: lockRefs.notice, case: lockRefs.case }
          : { ...d.decision, notice, case: caseId };
        if (d.lock) batchLocks.set(d.event.account, { notice, case: caseId });
        const text = notice ? noticeFor(decision, d.event, lang) : null;
        const webhooks =
          decision.decision === 'hold' || decision.decision === 'lock'
            ? [
                {
                  eventKind: `decision.${decision.decision}`,
                  body: webhookBody(`decision.${decision.decision}`, decision, d.event),
                },
              ]
            : [];
        return {
          operatorId: this.#operatorId,
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
          webhooks,
        };
      });
      this.#unsavedEvents += items.length;
      const saveGlobal =
        nowMs - this.#globalSavedAt >= GLOBAL_SAVE_EVERY_MS ||
        this.#unsavedEvents >= GLOBAL_SAVE_EVERY_EVENTS;
      const stored = await storeProcessed(
        trx,
        items,
        saveGlobal ? { nowMs, engineState: { [GLOBAL_KEY]: global } } : { nowMs },
      );
      if (saveGlobal) {
        this.#globalSavedAt = nowMs;
        this.#unsavedEvents = 0;
      }
      // Locks and the notices put in a subscriber's message box are security-relevant actions:
      // each new one goes into the hash-chained audit trail, in the same transaction as the
      // decision that caused it.
      for (let n = 0; n < items.length; n++) {
        const item = items[n] as ProcessedItem;
        const decision = stored.decisions[n];
        if ((!item.lock && !item.notice) || stored.duplicate[n] || !decision) continue;
        await appendAudit(trx, {
          actor: 'engine',
          action: item.lock ? 'account.lock' : 'notice.create',
          subject: item.event.account,
          data: {
            operator: this.#operatorId,
            event: item.event.id,
            decision: decision.decision,
            notice: decision.notice,
            case: decision.case,
            rules: decision.reasons.map((r) => r.rule),
          },
          atMs: Date.parse(item.event.at),
        });
      }
      return stored;
    });

    decided.forEach((d, n) => {
      out[d.index] = result.decisions[n];
    });
    for (const [account, profile] of profiles) {
      this.#profiles.set(account, profile);
      if (profile.lock === null) this.#lockRefs.delete(account);
    }
    decided.forEach((d, n) => {
      const stored = result.decisions[n];
      if (d.lock && stored) this.#lockRefs.set(d.event.account, { notice: stored.notice, case: stored.case });
    });
    this.#global = global;
  }
}

/**
 * One EngineSession per operator, shared by every route that feeds the engine (POST /v1/events,
 * subscriber reports, limits): two sessions on one account would each cache a profile and
 * overwrite the other's changes.
 */
export class EngineSessions {
  readonly #options: Omit<EngineSessionOptions, 'operatorId'>;
  readonly #sessions = new Map<string, EngineSession>();

  constructor(options: Omit<EngineSessionOptions, 'operatorId'>) {
    this.#options = options;
  }

  session(operatorId: string): EngineSession {
    let s = this.#sessions.get(operatorId);
    if (!s) {
      s = new EngineSession({ ...this.#options, operatorId });
      this.#sessions.set(operatorId, s);
    }
    return s;
  }

  /** A view of the operator's session that answers in `lang`. */
  for(operatorId: string, lang: Lang) {
    const s = this.session(operatorId);
    return {
      process: (candidates: readonly EventCandidate[]) => s.process(candidates, lang),
      forget: (account: string) => s.forget(account),
    };
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.flush()));
  }
}
