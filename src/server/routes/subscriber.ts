/**
 * Subscriber API (issue 5 "Subscribers", JSON for the web app): message box, public reference
 * lookup, activity with 「身に覚えがない」, one-tap emergency lock and step-up unlock (a TOTP code
 * or a passkey, either set up before the lock), monthly spending limit, security checkup. Every
 * route but the public lookup needs a signed-in SUBSCRIBER (the accounts plugin's session
 * cookie), and only ever reads or changes the caller's own account: every query is scoped by
 * operator and account in SQL, and another account's ids answer 404 exactly like ids that never
 * existed. State-changing routes need the CSRF token
 * (`x-csrf-token`, from GET /api/csrf of the accounts plugin). Errors are MamoriErrors, Japanese by
 * default, `?lang=en`, answered by src/server/error-handler.ts as `{"error":{"code","message"}}`.
 *
 * Register on the root app after registerErrorHandler, beside accountsRoutes:
 *
 * @example
 * void app.register(subscriberRoutes, {
 *   db,
 *   cookieSecret,                 // the SAME secret as accountsRoutes: it verifies the `_csrf` cookie
 *   secure: true,                 // as accountsRoutes (Secure cookies)
 *   // The engine that decides subscriber reports and limit changes. Either one session (single
 *   // tenant; give `operatorId` too) or a factory per operator and language:
 *   engine: ({ operatorId, lang }) => sessionFor(operatorId, lang),
 *   operatorId: 'default',        // optional: serve only this operator's users
 *   webauthn: { rpID, origin },   // optional, as accountsRoutes: passkeys can then lift a lock
 * });
 *
 * Engine sessions cache profiles in memory. An unlock runs through `engine.exclusive` (between
 * the engine's batches) and drops the cached profile; an engine without it gets `forget(account)`
 * after the unlock, and one without either keeps answering `lock` until it is rebuilt.
 */
import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type AccountsSettingsInput,
  type AuthContext,
  accountMessage,
  accountsError,
  authGuards,
  challengeOf,
  currentAuth,
  langOf,
  matchTotp,
  passkeyAuthenticationOptions,
  SESSION_COOKIE,
  sessionToken,
  sha256Hex,
  stepUpBodySchema,
  userHandle,
  verifyPasskeyAuthentication,
} from '../../accounts/index.ts';
import { appendAudit } from '../../audit/index.ts';
import {
  claimTotpStep,
  countRecoveryCodes,
  countUnreadNotices,
  type Database,
  findAccountEvent,
  findAccountNotice,
  findActiveLock,
  findPasskey,
  listAccountActivity,
  listAccountAudit,
  listNotices,
  listPasskeys,
  listSessions,
  loadProfiles,
  markAccountNoticeRead,
  type Notice,
  noticeReferenceIssued,
  revokeAccountSessionsExcept,
  revokeSessionsForAccount,
  saveChallenge,
  takeChallenge,
  type UserRecord,
  updatePasskeyCounter,
} from '../../db/index.ts';
import type { AccountEvent, Decision, Profile } from '../../engine/index.ts';
import { MamoriError } from '../../errors.ts';
import {
  type DecisionOrError,
  type EventCandidate,
  toCandidate,
  unlockAccountState,
} from '../../ingest/index.ts';
import { normalizeNoticeReference } from '../../notices/index.ts';
import {
  ACTIVITY_TYPES,
  activityQuerySchema,
  buildActivity,
  currentMonthlyLimit,
  DAY_MS,
  isoJapan,
  japanMonthStart,
  type Lang,
  type LockView,
  monthlyLimitBodySchema,
  noticeListQuerySchema,
  noticeRefParamsSchema,
  notMeBodySchema,
  RECENT_DAYS,
  SECURITY_EVENT_TYPES,
  securityChangesFrom,
  securityCheckup,
  spentIn,
  subscriberError,
  subscriberText,
  type UnlockMethod,
} from '../../subscriber/index.ts';
import { registerSessionScope } from '../session-scope.ts';

/** What the plugin needs of the engine: EngineSession (src/ingest) satisfies it. */
export interface SubscriberEngine {
  process(candidates: readonly EventCandidate[]): Promise<DecisionOrError[]>;
  /** Drops the cached profile of `account` (called after an unlock rewrote it in storage). */
  forget?(account: string): void;
  /**
   * Runs a change between the engine's batches (EngineSession.exclusive): the unlock then cannot
   * be overwritten by a batch that was being decided or written at the same time.
   */
  exclusive?<T>(change: () => Promise<T>): Promise<T>;
  /** Drops the cached profile at once; only inside `exclusive`. */
  forgetNow?(account: string): void;
}

export type SubscriberEngineSource =
  | SubscriberEngine
  | ((context: { operatorId: string; lang: Lang }) => SubscriberEngine);

export interface SubscriberRoutesOptions {
  db: Kysely<Database>;
  /**
   * The engine session subscriber reports and limit changes go through (so the engine locks,
   * holds, opens a case and puts a notice in the message box), or a factory per operator and
   * language. Use the same session the events route uses, so profiles are not cached twice.
   */
  engine: SubscriberEngineSource;
  /** The accounts plugin's cookie secret (≥ 32 chars): verifies the signed `_csrf` cookie. */
  cookieSecret: string;
  /** Secure cookies (HTTPS), as for the accounts plugin. */
  secure?: boolean;
  /** Serve only this operator's users (must match a single `engine` session's operator). */
  operatorId?: string;
  /** Clock (epoch ms); tests move it. */
  now?: () => number;
  /** As the accounts plugin's settings (defaults 30 days and 7 days). */
  sessionTtlMs?: number;
  sessionIdleMs?: number;
  /** Per-IP limit of the public reference lookup (default 30 a minute). */
  publicLookupRateLimit?: { max: number; timeWindowMs: number };
  /** Per-session limit of unlock attempts (default 10 in 15 minutes; passkey challenges count apart). */
  unlockRateLimit?: { max: number; timeWindowMs: number };
  /**
   * The WebAuthn relying party, the same as the accounts plugin's `webauthn`. With it a passkey
   * registered before the lock can lift it (POST /api/account/unlock/passkey/options, then
   * POST /api/account/unlock with the assertion); without it unlocking is by TOTP only.
   */
  webauthn?: AccountsSettingsInput['webauthn'];
}

const DEFAULT_PUBLIC_LIMIT = { max: 30, timeWindowMs: 60_000 };
const DEFAULT_UNLOCK_LIMIT = { max: 10, timeWindowMs: 15 * 60_000 };
/** As the accounts plugin's default `webauthn.challengeTtlMs`. */
const DEFAULT_CHALLENGE_TTL_MS = 5 * 60_000;

/**
 * Whether a second factor was added after the lock began. Such a factor may be the attacker's own
 * (signed in with a stolen password after the lock), so it cannot lift the lock. Lock times are
 * whole seconds (event times), so compare at that precision.
 */
function addedAfter(addedAtMs: number, lockSinceMs: number | null): boolean {
  return lockSinceMs !== null && Math.floor(addedAtMs / 1000) * 1000 > lockSinceMs;
}
/** Event types read for the security checkup's "recent changes". */
const CHECKUP_EVENT_TYPES: readonly string[] = SECURITY_EVENT_TYPES;

/** A notice as the message box shows it. */
export interface NoticeView {
  ref: string;
  kind: string;
  title: string;
  body: string;
  lang: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
  /** The account event it is about (so the app can offer 「身に覚えがない」 for it). */
  eventId: string | null;
}

function noticeView(n: Notice): NoticeView {
  return {
    ref: n.ref,
    kind: n.kind,
    title: n.title,
    body: n.body,
    lang: n.lang,
    createdAt: isoJapan(n.createdAtMs),
    read: n.readAtMs !== null,
    readAt: n.readAtMs === null ? null : isoJapan(n.readAtMs),
    eventId: n.eventId,
  };
}

/** The decision as the app shows it (the contract's Decision, nothing more). */
function decisionView(d: Decision): Decision {
  return {
    event: d.event,
    account: d.account,
    decision: d.decision,
    score: d.score,
    reasons: d.reasons.map((r) => ({ rule: r.rule, points: r.points, message: r.message })),
    notice: d.notice,
    case: d.case,
  };
}

/** Parses with a schema; a failure is a 400 `invalid_request` naming the fields, in `lang`. */
function parse<S extends z.ZodType>(schema: S, value: unknown, lang: Lang): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  throw new MamoriError('invalid_request', `${accountMessage('invalid_request', lang)}: ${fields}`, {
    status: 400,
  });
}

const rateLimitedError = (request: FastifyRequest) =>
  new MamoriError(
    'rate_limited',
    langOf(request) === 'en'
      ? 'Too many requests. Please wait a moment and try again.'
      : '短い時間に多くのリクエストがありました。しばらく待ってからもう一度お試しください。',
    { status: 429 },
  );

export const subscriberRoutes: FastifyPluginAsync<SubscriberRoutesOptions> = async (app, options) => {
  const { db } = options;
  if (typeof options.cookieSecret !== 'string' || options.cookieSecret.length < 32) {
    throw new MamoriError(
      'subscriber_config_invalid',
      'subscriber plugin options: cookieSecret: must be at least 32 characters',
      {
        status: 500,
      },
    );
  }
  const now = options.now ?? Date.now;
  const guards = authGuards({
    db,
    now,
    ...(options.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.sessionTtlMs }),
    ...(options.sessionIdleMs === undefined ? {} : { sessionIdleMs: options.sessionIdleMs }),
  });
  const publicLimit = options.publicLookupRateLimit ?? DEFAULT_PUBLIC_LIMIT;
  const unlockLimit = options.unlockRateLimit ?? DEFAULT_UNLOCK_LIMIT;
  const secure = options.secure ?? false;
  const rp = options.webauthn && {
    ...options.webauthn,
    rpName: options.webauthn.rpName ?? 'Mamori',
    challengeTtlMs: options.webauthn.challengeTtlMs ?? DEFAULT_CHALLENGE_TTL_MS,
  };

  // The same cookie secret and CSRF cookie settings as the accounts plugin, so a token from its
  const { csrf } = await registerSessionScope(app, { cookieSecret: options.cookieSecret, secure: secure });
  if (!app.hasDecorator('rateLimit')) {
    await app.register(rateLimit, { global: false, errorResponseBuilder: rateLimitedError });
  }

  /** A signed-in subscriber linked to an engine account (of the served operator, if one is named). */
  const requireSubscriber = guards.requireRole('subscriber');
  const requireAccount: preHandlerAsyncHookHandler = async (request, reply) => {
    await requireSubscriber.call(app, request, reply);
    const auth = currentAuth(request);
    if (options.operatorId !== undefined && auth?.user.operatorId !== options.operatorId) {
      throw accountsError('forbidden', langOf(request));
    }
    if (!auth?.user.account) throw subscriberError('no_account', langOf(request));
  };

  type Caller = AuthContext & { account: string; operatorId: string; lang: Lang };
  const caller = (request: FastifyRequest): Caller => {
    const auth = currentAuth(request);
    if (!auth?.user.account) throw accountsError('unauthenticated', langOf(request));
    return { ...auth, account: auth.user.account, operatorId: auth.user.operatorId, lang: langOf(request) };
  };

  const engineFor = (operatorId: string, lang: Lang): SubscriberEngine =>
    typeof options.engine === 'function' ? options.engine({ operatorId, lang }) : options.engine;

  /** One event through the engine (decided, stored, notice/case/lock written) → its decision. */
  async function submit(request: FastifyRequest, c: Caller, event: AccountEvent): Promise<Decision> {
    const candidate = toCandidate(event);
    if (!candidate.ok) {
      // Our own event failed the contract schema: a bug here, not the subscriber's input.
      throw new MamoriError('subscriber_event_invalid', candidate.error.error.message, { status: 500 });
    }
    // The routes here decide themselves which of the account's sessions a lock ends.
    candidate.appHandlesSessions = true;
    let result: DecisionOrError | undefined;
    try {
      [result] = await engineFor(c.operatorId, c.lang).process([candidate]);
    } catch (error) {
      request.log.error({ errType: (error as Error | undefined)?.name }, 'engine session failed');
      throw subscriberError('engine_unavailable', c.lang);
    }
    if (result === undefined || 'error' in result) {
      throw new MamoriError('subscriber_event_invalid', 'the engine refused a subscriber event', {
        status: 500,
      });
    }
    return result;
  }

  const newEventId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

  /** Audit entry for a subscriber's own action; a failing append is logged, never fatal (as accounts do). */
  async function audit(request: FastifyRequest, c: Caller, action: string, data: Record<string, unknown>) {
    try {
      await appendAudit(db, {
        actor: `subscriber:${c.account}`,
        action,
        subject: c.account,
        data: { userId: c.user.id, ip: request.ip ?? null, ...data },
        atMs: now(),
      });
    } catch (error) {
      request.log.error({ action, errType: (error as Error | undefined)?.name }, 'audit append failed');
    }
  }

  /** Whether carrier billing is suspended: a lock row in force, or a lock in the engine profile. */
  async function lockState(operatorId: string, account: string) {
    const [row, profiles] = await Promise.all([
      findActiveLock(db, operatorId, account),
      loadProfiles<Profile>(db, operatorId, [account]),
    ]);
    const profileLock = profiles.get(account)?.data.lock ?? null;
    const sinceMs = Math.min(
      row?.lockedAtMs ?? Number.POSITIVE_INFINITY,
      profileLock === null ? Number.POSITIVE_INFINITY : profileLock[0] * 1000,
    );
    return {
      locked: row !== undefined || profileLock !== null,
      sinceMs: Number.isFinite(sinceMs) ? sinceMs : null,
      reason: profileLock?.[1] ?? row?.reason ?? null,
    };
  }

  const clearSessionCookie = (reply: FastifyReply) => {
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`,
    );
  };

  const signedIn = { preHandler: [requireAccount] };
  const changing = { preHandler: [csrf, requireAccount] };

  // ---- Message box -------------------------------------------------------------------------

  app.get('/api/notices', signedIn, async (request) => {
    const c = caller(request);
    const q = parse(noticeListQuerySchema, request.query, c.lang);
    const unreadOnly = q.unread === '1' || q.unread === 'true';
    const [notices, unread] = await Promise.all([
      listNotices(db, c.account, { operatorId: c.operatorId, unreadOnly, limit: q.limit ?? 50 }),
      countUnreadNotices(db, c.operatorId, c.account),
    ]);
    return { notices: notices.map(noticeView), unread };
  });

  /** The caller's notice with a reference as typed; anything else is `notice_not_found`. */
  async function ownNotice(c: Caller, params: unknown): Promise<string> {
    const { ref } = parse(noticeRefParamsSchema, params, c.lang);
    const normalized = normalizeNoticeReference(ref);
    if (normalized === null) throw subscriberError('invalid_reference', c.lang);
    return normalized;
  }

  app.get('/api/notices/:ref', signedIn, async (request) => {
    const c = caller(request);
    const ref = await ownNotice(c, request.params);
    const notice = await findAccountNotice(db, c.operatorId, c.account, ref);
    if (!notice) throw subscriberError('notice_not_found', c.lang);
    return { notice: noticeView(notice) };
  });

  app.post('/api/notices/:ref/read', changing, async (request) => {
    const c = caller(request);
    const ref = await ownNotice(c, request.params);
    const notice = await markAccountNoticeRead(db, c.operatorId, c.account, ref, now());
    if (!notice) throw subscriberError('notice_not_found', c.lang);
    return { notice: noticeView(notice) };
  });

  // Public: was such a reference ever issued? Nothing about whom, when or why (issue 5: "the
  // public lookup says only whether such a reference was ever issued").
  app.get(
    '/api/public/notices/:ref',
    {
      config: {
        rateLimit: {
          max: publicLimit.max,
          timeWindow: publicLimit.timeWindowMs,
          errorResponseBuilder: rateLimitedError,
        },
      },
    },
    async (request) => {
      const lang = langOf(request);
      const { ref } = parse(noticeRefParamsSchema, request.params, lang);
      const normalized = normalizeNoticeReference(ref);
      if (normalized === null) throw subscriberError('invalid_reference', lang);
      return { issued: await noticeReferenceIssued(db, normalized) };
    },
  );

  // ---- Activity and 「身に覚えがない」 --------------------------------------------------------

  app.get('/api/account/activity', signedIn, async (request) => {
    const c = caller(request);
    const { days } = parse(activityQuerySchema, request.query, c.lang);
    const nowMs = now();
    const sinceMs = nowMs - days * DAY_MS;
    const rows = await listAccountActivity(db, c.operatorId, c.account, {
      sinceMs,
      types: ACTIVITY_TYPES,
      limit: 2000,
    });
    return { days, ...buildActivity({ rows, sinceMs, nowMs }) };
  });

  app.post('/api/account/not-me', changing, async (request) => {
    const c = caller(request);
    const { eventId } = parse(notMeBodySchema, request.body, c.lang);
    const reported = await findAccountEvent(db, c.operatorId, c.account, eventId);
    if (!reported) throw subscriberError('event_not_found', c.lang);
    const decision = await submit(request, c, {
      id: newEventId('sub_notme'),
      type: 'subscriber_report',
      kind: 'not_me',
      ref: eventId,
      at: isoJapan(now()),
      account: c.account,
    });
    const locked = decision.decision === 'lock';
    // Contract "Decision": a lock revokes sessions. The person reporting keeps theirs, so they
    // can follow the response steps; every other sign-in (perhaps the attacker's) ends.
    const sessionsEnded = locked
      ? await revokeAccountSessionsExcept(db, c.operatorId, c.account, c.session.id)
      : 0;
    await audit(request, c, 'account.report_not_me', {
      reportedEvent: eventId,
      event: decision.event,
      decision: decision.decision,
      notice: decision.notice,
      case: decision.case,
      sessionsEnded,
    });
    return {
      decision: decisionView(decision),
      locked,
      sessionsEnded,
      message: subscriberText(locked ? 'not_me_locked' : 'not_me_recorded', c.lang),
      // The guided-response situation the app opens next (src/response).
      responseSituation:
        reported.event.type === 'charge' || reported.event.type === 'card_change'
          ? 'unknown_charge'
          : 'entered_data',
    };
  });

  // ---- Emergency lock and unlock -----------------------------------------------------------

  /** The caller's own passkeys that may answer a step-up for a lock that began at `sinceMs`. */
  async function unlockPasskeys(user: UserRecord, sinceMs: number | null) {
    if (!rp) return { all: 0, eligible: [] };
    const passkeys = await listPasskeys(db, user.id);
    return { all: passkeys.length, eligible: passkeys.filter((p) => !addedAfter(p.createdAtMs, sinceMs)) };
  }

  app.get('/api/account/lock', signedIn, async (request): Promise<LockView> => {
    const c = caller(request);
    const state = await lockState(c.operatorId, c.account);
    const passkeys = await unlockPasskeys(c.user, state.sinceMs);
    const totpOk =
      c.user.totpSecret !== null &&
      (c.user.totpEnabledAtMs === null || !addedAfter(c.user.totpEnabledAtMs, state.sinceMs));
    const unlockMethods: UnlockMethod[] = [
      ...(totpOk ? (['totp'] as const) : []),
      ...(passkeys.eligible.length > 0 ? (['passkey'] as const) : []),
    ];
    return {
      locked: state.locked,
      since: state.sinceMs === null ? null : isoJapan(state.sinceMs),
      reason: state.reason,
      canUnlock: unlockMethods.length > 0,
      unlockMethods,
    };
  });

  app.post('/api/account/lock', changing, async (request, reply) => {
    const c = caller(request);
    // A `lost_phone` report: the engine locks (its policy requires the report to reach the lock
    // band), suspends carrier billing, opens a case and puts a notice in the message box.
    const decision = await submit(request, c, {
      id: newEventId('sub_lock'),
      type: 'subscriber_report',
      kind: 'lost_phone',
      at: isoJapan(now()),
      account: c.account,
    });
    // Every session of the account ends, the caller's too (issue 5: "signs out every session").
    const sessionsEnded = await revokeSessionsForAccount(db, c.operatorId, c.account);
    clearSessionCookie(reply);
    await audit(request, c, 'account.emergency_lock', {
      event: decision.event,
      decision: decision.decision,
      notice: decision.notice,
      case: decision.case,
      sessionsEnded,
    });
    return {
      locked: decision.decision === 'lock',
      decision: decisionView(decision),
      sessionsEnded,
      signedOut: true,
      message: subscriberText('emergency_locked', c.lang),
      responseSituation: 'lost_phone',
    };
  });

  /** Per session (then per address): a stolen session cannot try codes or passkeys without end. */
  const unlockRateLimit = {
    rateLimit: {
      max: unlockLimit.max,
      timeWindow: unlockLimit.timeWindowMs,
      keyGenerator: (request: FastifyRequest) => {
        const token = sessionToken(request);
        return token === undefined ? `ip:${request.ip}` : `s:${sha256Hex(token)}`;
      },
      errorResponseBuilder: rateLimitedError,
    },
  };

  /** Lifts every lock of the caller's account after a step-up, audited in the same transaction. */
  async function liftLock(
    request: FastifyRequest,
    c: Caller,
    method: UnlockMethod,
    detail: Record<string, unknown> = {},
  ) {
    const atMs = now();
    const engine = engineFor(c.operatorId, c.lang);
    const unlockInStorage = () =>
      db.transaction().execute(async (trx) => {
        const n = await unlockAccountState(trx, c.operatorId, c.account, atMs);
        // In the same transaction as the change it records (as the engine does for locks).
        await appendAudit(trx, {
          actor: `subscriber:${c.account}`,
          action: 'account.unlock',
          subject: c.account,
          data: { userId: c.user.id, method, ...detail, locksLifted: n, ip: request.ip ?? null },
          atMs,
        });
        return n;
      });
    let lifted: number;
    if (engine.exclusive && engine.forgetNow) {
      const forgetNow = engine.forgetNow.bind(engine);
      lifted = await engine.exclusive(async () => {
        const n = await unlockInStorage();
        forgetNow(c.account);
        return n;
      });
    } else {
      lifted = await unlockInStorage();
      engine.forget?.(c.account);
    }
    return { unlocked: true, locksLifted: lifted, message: subscriberText('unlocked', c.lang) };
  }

  if (rp) {
    // A WebAuthn authentication challenge for the caller's own passkeys registered before the lock
    // (allowCredentials), bound to this user, used once, expiring like the accounts plugin's.
    app.post(
      '/api/account/unlock/passkey/options',
      { preHandler: [csrf, requireAccount], config: unlockRateLimit },
      async (request) => {
        const c = caller(request);
        const state = await lockState(c.operatorId, c.account);
        if (!state.locked) throw subscriberError('not_locked', c.lang);
        const passkeys = await unlockPasskeys(c.user, state.sinceMs);
        if (passkeys.all === 0) throw subscriberError('step_up_unavailable', c.lang);
        if (passkeys.eligible.length === 0) throw subscriberError('step_up_too_recent', c.lang);
        const opts = await passkeyAuthenticationOptions(rp, passkeys.eligible);
        await saveChallenge(db, {
          challenge: opts.challenge,
          kind: 'authentication',
          userId: c.user.id,
          expiresAtMs: now() + rp.challengeTtlMs,
        });
        return opts;
      },
    );
  }

  app.post(
    '/api/account/unlock',
    { preHandler: [csrf, requireAccount], config: unlockRateLimit },
    async (request) => {
      const c = caller(request);
      const body = parse(stepUpBodySchema, request.body, c.lang);
      const user: UserRecord = c.user;

      if ('response' in body) {
        if (!rp) throw subscriberError('step_up_unavailable', c.lang);
        // The challenge must be one this route's options gave THIS user (a sign-in challenge has no
        // user, another user's has theirs); it is consumed whatever follows, so a replayed
        // assertion finds it gone (WebAuthn §7.2 step 12 compares it with the one issued).
        const challenge = challengeOf(body.response.response.clientDataJSON);
        if (
          challenge === undefined ||
          !(await takeChallenge(db, { challenge, kind: 'authentication', userId: user.id, nowMs: now() }))
        ) {
          throw accountsError('passkey_challenge_invalid', c.lang);
        }
        const state = await lockState(c.operatorId, c.account);
        if (!state.locked) throw subscriberError('not_locked', c.lang);
        // Only the caller's own passkeys: another user's credential is refused exactly like an
        // unknown one (WebAuthn §7.2: when the user was identified before the ceremony, here by
        // the session, the credential must be one of theirs).
        const passkey = await findPasskey(db, body.response.id);
        const handle = body.response.response.userHandle;
        if (
          !passkey ||
          passkey.userId !== user.id ||
          (handle !== undefined && handle !== Buffer.from(userHandle(user.id)).toString('base64url'))
        ) {
          throw accountsError('passkey_invalid', c.lang);
        }
        if (addedAfter(passkey.createdAtMs, state.sinceMs)) {
          throw subscriberError('step_up_too_recent', c.lang);
        }
        const verified = await verifyPasskeyAuthentication(
          rp,
          body.response as AuthenticationResponseJSON,
          challenge,
          passkey,
        );
        if (!verified) throw accountsError('passkey_invalid', c.lang);
        await updatePasskeyCounter(db, passkey.id, verified.newCounter, now());
        return liftLock(request, c, 'passkey', { passkeyId: passkey.id });
      }

      // Step-up by TOTP (issue 5: passkey or TOTP, not SMS). Without either, only the operator can unlock.
      if (user.totpSecret === null) throw subscriberError('step_up_unavailable', c.lang);
      const state = await lockState(c.operatorId, c.account);
      if (!state.locked) throw subscriberError('not_locked', c.lang);
      // A second factor added after the lock may be the attacker's own: it cannot lift the lock.
      if (user.totpEnabledAtMs !== null && addedAfter(user.totpEnabledAtMs, state.sinceMs)) {
        throw subscriberError('step_up_too_recent', c.lang);
      }
      const step = await matchTotp(user.totpSecret, body.code, now());
      if (step === null) throw accountsError('totp_invalid', c.lang);
      // RFC 6238 §5.2: the same code is never accepted twice (sign-in or any step-up).
      if (!(await claimTotpStep(db, user.id, step))) throw accountsError('totp_replayed', c.lang);
      return liftLock(request, c, 'totp');
    },
  );

  // ---- Monthly limit -----------------------------------------------------------------------

  async function limitView(c: Caller) {
    const nowMs = now();
    const [changes, charges] = await Promise.all([
      listAccountActivity(db, c.operatorId, c.account, { types: ['limit_change'], limit: 50 }),
      listAccountActivity(db, c.operatorId, c.account, {
        types: ['charge'],
        sinceMs: japanMonthStart(nowMs),
        limit: 2000,
      }),
    ]);
    return { ...currentMonthlyLimit(changes), spentThisMonth: spentIn(charges) };
  }

  app.get('/api/account/limit', signedIn, async (request) => limitView(caller(request)));

  app.post('/api/account/limit', changing, async (request) => {
    const c = caller(request);
    const { monthlyLimit } = parse(monthlyLimitBodySchema, request.body, c.lang);
    const decision = await submit(request, c, {
      id: newEventId('sub_limit'),
      type: 'limit_change',
      monthly_limit: monthlyLimit,
      at: isoJapan(now()),
      account: c.account,
    });
    const applied = decision.decision === 'allow' || decision.decision === 'challenge';
    return {
      applied,
      decision: decisionView(decision),
      message: subscriberText(applied ? 'limit_applied' : 'limit_pending', c.lang),
      ...(await limitView(c)),
    };
  });

  // ---- Security checkup --------------------------------------------------------------------

  app.get('/api/account/checkup', signedIn, async (request) => {
    const c = caller(request);
    const nowMs = now();
    const sinceMs = nowMs - RECENT_DAYS * DAY_MS;
    const [recoveryCodesLeft, passkeys, sessions, securityEvents, auditRows, limitChanges, state] =
      await Promise.all([
        countRecoveryCodes(db, c.user.id),
        listPasskeys(db, c.user.id),
        listSessions(db, c.user.id, nowMs),
        listAccountActivity(db, c.operatorId, c.account, { sinceMs, types: CHECKUP_EVENT_TYPES, limit: 200 }),
        listAccountAudit(db, c.account, { sinceMs, limit: 200 }),
        listAccountActivity(db, c.operatorId, c.account, { types: ['limit_change'], limit: 50 }),
        lockState(c.operatorId, c.account),
      ]);
    const recentChanges = securityChangesFrom({
      events: securityEvents.map((r) => r.event),
      audit: auditRows.map((a) => ({ action: a.action, atMs: a.at_ms })),
    });
    const devices = new Set(sessions.map((s) => s.userAgent ?? `(unknown:${s.id})`)).size;
    const limit = currentMonthlyLimit(limitChanges);
    const checkup = securityCheckup(
      {
        nowMs,
        totpEnabled: c.user.totpSecret !== null,
        recoveryCodesLeft,
        passkeys: passkeys.length,
        passwordChangedAtMs: c.user.passwordChangedAtMs,
        activeSessions: sessions.length,
        devices,
        recentChanges,
        monthlyLimit: limit.monthlyLimit,
        locked: state.locked,
      },
      c.lang,
    );
    return {
      ...checkup,
      facts: {
        totpEnabled: c.user.totpSecret !== null,
        recoveryCodesLeft: c.user.totpSecret === null ? null : recoveryCodesLeft,
        passkeys: passkeys.length,
        passwordChangedAt: isoJapan(c.user.passwordChangedAtMs),
        passwordAgeDays: Math.max(0, Math.floor((nowMs - c.user.passwordChangedAtMs) / DAY_MS)),
        activeSessions: sessions.length,
        devices,
        monthlyLimit: limit.monthlyLimit,
        locked: state.locked,
      },
      recentChanges: recentChanges.map((ch) => ({ kind: ch.kind, at: isoJapan(ch.atMs) })),
    };
  });
};
