/**
 * Events in, decisions out, with storage: the edge around the pure engine. For a batch it
 * validates nothing (callers pass candidates from read-events.ts), answers repeated ids with the
 * stored decision, runs decide() in order, and stores events, decisions, profiles, notices,
 * cases, locks, webhook messages and the cross-account state in ONE transaction before it
 * answers (contract: an event is durable before its decision is returned).
 *
 * Batches are decided one at a time per session, in arrival order, so concurrent requests see
 * each other's profiles in order; batches waiting together share one transaction (group commit),
 * and the next group may be decided while the one before is written (a pipeline of two).
 * Profiles and the cross-account state are cached in memory and dropped when a write fails,
 * together with every group decided on top of it, so a failed batch leaves no trace in memory.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Database,
  findActiveLock,
  findDecision,
  findDecisions,
  loadEngineState,
  loadProfiles,
  saveEngineState,
} from '../db/index.ts';
import {
  type AccountEvent,
  type Decision,
  decide,
  type EventError,
  emptyGlobalState,
  emptyProfile,
  type GlobalState,
  type Lang,
  type Policy,
  type Profile,
} from '../engine/index.ts';
import { MamoriError } from '../errors.ts';
import { newNoticeReference } from '../notices/index.ts';
import type { EventCandidate } from './read-events.ts';
import {
  type DecidedBatch,
  type DecidedEvent,
  type DecidedWriter,
  inProcessWriter,
  type LockRefs,
} from './store-decided.ts';

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
  /**
   * Where decided batches are written: by default one transaction on `db` (store-decided.ts).
   * A seam for tests (a failing disk) and for a writer elsewhere; a SQLite writer thread was
   * tried and was slower on a 2-core machine (DEVELOPERS.md).
   */
  writer?: DecidedWriter;
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
/** Batches are joined into one transaction up to this many events (a larger batch goes alone). */
const MAX_GROUP_EVENTS = 5_000;

interface WaitingBatch {
  candidates: readonly EventCandidate[];
  lang: Lang;
  resolve: (r: DecisionOrError[]) => void;
  reject: (e: unknown) => void;
}

const earlierBatchFailed = () =>
  new MamoriError('db_write_failed', 'an earlier batch could not be stored', { status: 503 });

export class EngineSession {
  readonly #db: Kysely<Database>;
  readonly #operatorId: string;
  readonly #policy: Policy;
  readonly #defaultLang: Lang;
  readonly #noticeKey: Uint8Array;
  readonly #now: () => number;
  readonly #maxCached: number;
  readonly #writer: DecidedWriter;
  #profiles = new Map<string, Profile>();
  #global: GlobalState | undefined;
  /** Notice and case of each locked account's lock, reused by later events on that account. */
  #lockRefs = new Map<string, { notice: string | null; case: string | null }>();
  /** Batches to decide, and work that must run between batches (flush, exclusive), in order. */
  #waiting: Array<WaitingBatch | { between: () => Promise<void> }> = [];
  #busy = false;
  /** The newest group's write and the one before it (see #drain), settled once answered. */
  #lastWrite: Promise<void> | undefined;
  #previousWrite: Promise<void> | undefined;
  /** Event ids decided but not yet written, with their decision once it is stored. */
  #pendingIds = new Map<string, Promise<Decision | undefined>>();
  /** Groups are numbered as they start; those up to #poisonedThrough must not be written. */
  #startedSeq = 0;
  #poisonedThrough = 0;
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
    this.#writer = options.writer ?? inProcessWriter(options.db);
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
    return this.exclusive(async () => {
      if (this.#global && this.#unsavedEvents > 0) {
        await saveEngineState(this.#db, { [GLOBAL_KEY]: this.#global });
        this.#globalSavedAt = this.#now();
        this.#unsavedEvents = 0;
      }
    });
  }

  /**
   * Runs `change` between batches: after every batch handed in before it is stored, and before any
   * batch handed in after it is decided. For changes to engine state made outside the session
   * (an unlock), so that no batch in flight writes an older profile over them.
   */
  exclusive<T>(change: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push({ between: () => change().then(resolve, reject) });
      if (!this.#busy) void this.#drain();
    });
  }

  /**
   * Drops an account's cached profile, after something outside this session changed it in
   * storage; queued behind batches in flight so none of them writes it back. Prefer running the
   * change itself through {@link exclusive} with `forget` inside it ({@link forgetNow}).
   */
  forget(account: string): Promise<void> {
    return this.exclusive(async () => this.forgetNow(account));
  }

  /** Drops an account's cached profile at once: only inside {@link exclusive}. */
  forgetNow(account: string): void {
    this.#profiles.delete(account);
    this.#lockRefs.delete(account);
  }

  async #drain(): Promise<void> {
    this.#busy = true;
    while (this.#waiting.length > 0) {
      const head = this.#waiting[0];
      if (head && 'between' in head) {
        this.#waiting.shift();
        await this.#settled(this.#lastWrite);
        await head.between();
        continue;
      }
      // Let the event loop read the sockets first: requests that arrived meanwhile join this
      // group. SQLite answers within the same tick, so without this every request would be a
      // transaction of its own and the commits alone would saturate the thread.
      await new Promise((resolve) => setImmediate(resolve));
      // Batches in the same language share one transaction (group commit), up to a size.
      const group: WaitingBatch[] = [];
      let events = 0;
      for (const next of this.#waiting) {
        if ('between' in next || next.lang !== (group[0]?.lang ?? next.lang)) break;
        if (group.length > 0 && events + next.candidates.length > MAX_GROUP_EVENTS) break;
        group.push(next);
        events += next.candidates.length;
      }
      this.#waiting.splice(0, group.length);
      const lang = group[0]?.lang ?? this.#defaultLang;
      const all = group.length === 1 ? (group[0]?.candidates ?? []) : group.flatMap((g) => g.candidates);
      // Pipeline of two: this group is decided while the one before it is written, never further.
      await this.#settled(this.#previousWrite);
      const answer = (results: DecisionOrError[]) => {
        let offset = 0;
        for (const g of group) {
          g.resolve(results.slice(offset, offset + g.candidates.length));
          offset += g.candidates.length;
        }
      };
      try {
        const { written } = await this.#decide(all, lang);
        const answered = written.then(answer, (error: unknown) => {
          for (const g of group) g.reject(error);
        });
        this.#previousWrite = this.#lastWrite;
        this.#lastWrite = answered;
      } catch (error) {
        for (const g of group) g.reject(error);
      }
    }
    this.#busy = false;
  }

  async #settled(write: Promise<void> | undefined): Promise<void> {
    if (write) await write;
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

  /** Forgets everything the batches since the last good write taught the in-memory state. */
  #discardMemory(): void {
    this.#profiles.clear();
    this.#lockRefs.clear();
    this.#global = undefined;
  }

  /**
   * Decides a group on the main thread (reads, dedupe, decide) and returns its write, which
   * starts once the write before it has finished and resolves to the answers.
   */
  async #decide(
    candidates: readonly EventCandidate[],
    lang: Lang,
  ): Promise<{ written: Promise<DecisionOrError[]> }> {
    const seq = ++this.#startedSeq;
    const out: Array<DecisionOrError | undefined> = new Array(candidates.length);
    const valid: Array<{ index: number; event: AccountEvent; appHandlesSessions: boolean }> = [];
    candidates.forEach((c, index) => {
      if (c.ok) valid.push({ index, event: c.event, appHandlesSessions: c.appHandlesSessions === true });
      else out[index] = c.error;
    });
    if (valid.length === 0) return { written: Promise.resolve(out as DecisionOrError[]) };

    // A repeated id returns the stored decision and changes nothing (contract "HTTP"); an id
    // still being written by the group before answers with that group's decision. Looked up
    // before the read: a write that ends during the read is then seen by one or the other.
    const pendingBefore = valid.map((v) => this.#pendingIds.get(v.event.id));
    const stored = await findDecisions(
      this.#db,
      this.#operatorId,
      valid.map((v) => v.event.id),
    );
    const firstInBatch = new Map<string, number>();
    const fresh: typeof valid = [];
    const inFlight: Array<{ index: number; decision: Promise<Decision | undefined> }> = [];
    valid.forEach((v, n) => {
      const earlier = stored.get(v.event.id);
      const pending = pendingBefore[n];
      if (earlier) out[v.index] = earlier;
      else if (pending) inFlight.push({ index: v.index, decision: pending });
      else if (firstInBatch.has(v.event.id)) {
        // answered below with the first one's decision
      } else {
        firstInBatch.set(v.event.id, v.index);
        fresh.push(v);
      }
    });
    const finish = async () => {
      for (const f of inFlight) {
        const decision = await f.decision;
        if (!decision) throw earlierBatchFailed(); // its first arrival was never stored
        out[f.index] = decision;
      }
      for (const v of valid) {
        if (out[v.index] === undefined) {
          const first = firstInBatch.get(v.event.id);
          out[v.index] = first === undefined ? undefined : out[first];
        }
      }
      return out as DecisionOrError[];
    };
    if (fresh.length === 0) return { written: finish() };

    const { batch, decided, lockedBefore } = await this.#decideFresh(fresh, lang, seq);
    const results = new Map<string, (d: Decision | undefined) => void>();
    for (const d of decided) {
      const settled = new Promise<Decision | undefined>((resolve) => results.set(d.event.id, resolve));
      this.#pendingIds.set(d.event.id, settled);
    }
    const before = this.#lastWrite;
    const write = (async () => {
      try {
        await this.#settled(before);
        if (seq <= this.#poisonedThrough) throw earlierBatchFailed();
        const stored = await this.#writer.store({
          ...batch,
          lockRefs: await this.#lockRefsFor(lockedBefore),
        });
        decided.forEach((d, n) => {
          const decision = stored.decisions[n];
          out[d.index] = decision;
          if (d.lock && decision) {
            this.#lockRefs.set(d.event.account, { notice: decision.notice, case: decision.case });
          }
        });
        for (const [account, profile] of batch.profiles) {
          if (profile.lock === null) this.#lockRefs.delete(account);
        }
        return await finish();
      } catch (error) {
        if (seq > this.#poisonedThrough) {
          // Every group decided since was decided on top of this one: none of them may be written.
          this.#discardMemory();
          this.#poisonedThrough = this.#startedSeq;
        }
        throw error;
      } finally {
        for (const d of decided) {
          results.get(d.event.id)?.(out[d.index] as Decision | undefined);
          this.#pendingIds.delete(d.event.id);
        }
      }
    })();
    return { written: write };
  }

  /** Runs decide() over the fresh events, in order, and keeps what it learnt in memory. */
  async #decideFresh(
    fresh: ReadonlyArray<{ index: number; event: AccountEvent; appHandlesSessions: boolean }>,
    lang: Lang,
    seq: number,
  ) {
    const accounts = [...new Set(fresh.map((f) => f.event.account))];
    const missing = accounts.filter((a) => !this.#profiles.has(a));
    if (missing.length > 0) {
      if (this.#profiles.size + missing.length > this.#maxCached) {
        // Profiles of the batch being written exist only in memory until its commit.
        await this.#settled(this.#lastWrite);
        this.#profiles.clear();
      }
      const loaded = await loadProfiles<Profile>(this.#db, this.#operatorId, missing);
      for (const account of missing)
        this.#profiles.set(account, loaded.get(account)?.data ?? emptyProfile(account));
    }
    if (!this.#global) {
      this.#global =
        (await loadEngineState<GlobalState>(this.#db, GLOBAL_KEY)) ?? emptyGlobalState(this.#policy);
    }

    // Accounts already locked before this batch: their lock's notice and case are looked up for
    // the write (see #lockRefsFor); nobody else's.
    const lockedBefore = accounts.filter((a) => (this.#profiles.get(a) as Profile).lock !== null);
    let global = this.#global;
    const profiles = new Map<string, Profile>();
    const decided: Array<DecidedEvent & { index: number }> = [];
    for (const { index, event, appHandlesSessions } of fresh) {
      const profile = profiles.get(event.account) ?? (this.#profiles.get(event.account) as Profile);
      const result = decide({ profile, event, policy: this.#policy, global, lang });
      profiles.set(event.account, result.profile);
      global = result.global;
      decided.push({
        index,
        event,
        decision: result.decision,
        noticeRef: result.effects.notice !== undefined ? this.#noticeRef(event.id) : null,
        openCase: result.effects.openCase === true,
        lock: result.effects.lockAccount === true,
        endAppSessions: !appHandlesSessions,
      });
    }
    // A write failed while this group was being decided: what it read may be gone.
    if (seq <= this.#poisonedThrough) throw earlierBatchFailed();
    // The next group is decided on top of this one before it is written (see #drain).
    for (const [account, profile] of profiles) this.#profiles.set(account, profile);
    this.#global = global;

    const nowMs = this.#now();
    this.#unsavedEvents += decided.length;
    const saveGlobal =
      nowMs - this.#globalSavedAt >= GLOBAL_SAVE_EVERY_MS || this.#unsavedEvents >= GLOBAL_SAVE_EVERY_EVENTS;
    if (saveGlobal) {
      this.#globalSavedAt = nowMs;
      this.#unsavedEvents = 0;
    }
    const batch: Omit<DecidedBatch, 'lockRefs'> = {
      operatorId: this.#operatorId,
      lang,
      nowMs,
      decided: decided.map(({ index: _, ...d }) => d),
      profiles: [...profiles],
      ...(saveGlobal ? { engineState: { [GLOBAL_KEY]: global } } : {}),
    };
    return { batch, decided, lockedBefore };
  }

  /**
   * Notice and case of the lock of each account that was locked before the batch, read once the
   * write before has finished (it may be the one that locked the account).
   */
  async #lockRefsFor(lockedBefore: readonly string[]): Promise<Array<readonly [string, LockRefs]>> {
    const refs: Array<readonly [string, LockRefs]> = [];
    for (const account of lockedBefore) {
      const known = this.#lockRefs.get(account);
      if (known) {
        refs.push([account, known]);
        continue;
      }
      const lock = await findActiveLock(this.#db, this.#operatorId, account);
      if (!lock) continue;
      const earlier = lock.eventId ? await findDecision(this.#db, this.#operatorId, lock.eventId) : undefined;
      const found = { notice: earlier?.notice ?? null, case: earlier?.case ?? null };
      this.#lockRefs.set(account, found);
      refs.push([account, found]);
    }
    return refs;
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
      exclusive: <T>(change: () => Promise<T>) => s.exclusive(change),
      forgetNow: (account: string) => s.forgetNow(account),
    };
  }

  async flushAll(): Promise<void> {
    await Promise.all([...this.#sessions.values()].map((s) => s.flush()));
  }
}
