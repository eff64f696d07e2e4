/**
 * Accounts API (issue 5, back end): sign-up, sign-in with lockout and a TOTP / recovery-code
 * second step, sign-out, sessions, TOTP enrolment, passkeys, and an operator-only example route.
 * JSON in and out; every body is parsed by a schema from src/accounts/schemas.ts; errors are
 * MamoriErrors (Japanese by default, `?lang=en`) answered by src/server/error-handler.ts.
 *
 * Register on the root app after registerErrorHandler:
 *
 * @example
 * void app.register(accountsRoutes, {
 *   db,
 *   cookieSecret: process.env.MAMORI_COOKIE_SECRET!,   // ≥ 32 chars; signs the CSRF cookie
 *   secure: true,                                      // HTTPS: Secure cookies
 *   webauthn: { rpID: 'mamori.example.jp', origin: 'https://mamori.example.jp' },
 *   onSecurityEvent: (e) => appendAudit(db, …),         // optional sink (audit, engine events)
 * });
 *
 * The plugin registers @fastify/cookie (unless a parent already did; it must then have a
 * secret), @fastify/csrf-protection (secret in a signed, HttpOnly, SameSite=Strict `_csrf`
 * cookie) and @fastify/rate-limit (unless a parent already did, as buildServer does with
 * `global: false`) inside its own scope.
 */
import { randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type AccountsSettingsInput,
  type AuthContext,
  accountMessage,
  accountsError,
  authGuards,
  burnPasswordCheck,
  challengeOf,
  checkPasswordStrength,
  currentAuth,
  hashPassword,
  hashRecoveryCode,
  type Lang,
  langOf,
  matchTotp,
  newRecoveryCode,
  newSessionToken,
  newTotpSecret,
  type PasskeyView,
  type PublicUser,
  parseAccountsSettings,
  passkeyAuthenticationBodySchema,
  passkeyAuthenticationOptions,
  passkeyIdParamsSchema,
  passkeyRegistrationBodySchema,
  passkeyRegistrationOptions,
  passwordStrengthBodySchema,
  RECOVERY_CODE_COUNT,
  recordSecurityEvent,
  SESSION_COOKIE,
  type SecurityEvent,
  type SecurityEventSink,
  type SessionView,
  secondFactorBodySchema,
  sessionIdParamsSchema,
  sessionToken,
  sha256Hex,
  signInBodySchema,
  signUpBodySchema,
  totpCodeBodySchema,
  totpUri,
  userHandle,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
  verifyPassword,
} from '../../accounts/index.ts';
import {
  claimTotpStep,
  clearSignInFailures,
  consumeRecoveryCode,
  countRecoveryCodes,
  createSession,
  createUser,
  type Database,
  deletePasskey,
  deleteSessionByTokenHash,
  disableTotp,
  enableTotp,
  findPasskey,
  findUserByEmail,
  findUserById,
  listPasskeys,
  listSessions,
  listUsers,
  type Passkey,
  recordSignInFailure,
  replaceRecoveryCodes,
  revokeAllSessions,
  revokeSession,
  type SessionStage,
  saveChallenge,
  savePasskey,
  setPendingTotpSecret,
  takeChallenge,
  type UserRecord,
  updatePasskeyCounter,
} from '../../db/index.ts';
import { MamoriError } from '../../errors.ts';
import { registerSessionScope } from '../session-scope.ts';

export interface AccountsRoutesOptions extends AccountsSettingsInput {
  db: Kysely<Database>;
  /** Clock (epoch ms); tests move it to expire locks and sessions. */
  now?: () => number;
  /** Receives every security event (see src/accounts/security-events.ts). */
  onSecurityEvent?: SecurityEventSink;
  /**
   * The engine `account` id for a new subscriber. Default: a fresh `acc_<random>`; sign-up never
   * takes an account id from the request, so nobody can attach themselves to another account.
   * The lead (or an operator tool) links real accounts with setUserAccount().
   */
  accountIdFor?: (input: { email: string }) => string | Promise<string>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function publicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    account: user.account,
    createdAt: iso(user.createdAtMs),
    passwordChangedAt: iso(user.passwordChangedAtMs),
    totpEnabled: user.totpSecret !== null,
  };
}

function passkeyView(p: Passkey): PasskeyView {
  return {
    id: p.id,
    name: p.name,
    deviceType: p.deviceType,
    backedUp: p.backedUp,
    transports: p.transports,
    createdAt: iso(p.createdAtMs),
    lastUsedAt: p.lastUsedAtMs === null ? null : iso(p.lastUsedAtMs),
  };
}

/** Parses with a schema; a failure is a 400 `invalid_request` naming the fields, in `lang`. */
function parse<S extends z.ZodType>(schema: S, value: unknown, lang: Lang): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  throw new MamoriError('invalid_request', `${accountMessage('invalid_request', lang)}: ${fields}`, {
    status: 400,
  });
}

export const accountsRoutes: FastifyPluginAsync<AccountsRoutesOptions> = async (app, options) => {
  const settings = parseAccountsSettings(options);
  const { db } = options;
  const now = options.now ?? Date.now;
  const guards = authGuards({
    db,
    now,
    sessionTtlMs: settings.sessionTtlMs,
    sessionIdleMs: settings.sessionIdleMs,
  });
  const { requireUser, requireRole } = guards;
  const rp = settings.webauthn;

  const { csrf } = await registerSessionScope(app, {
    cookieSecret: settings.cookieSecret,
    secure: settings.secure,
  });
  if (!app.hasDecorator('rateLimit')) {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (request) => accountsError('sign_in_rate_limited', langOf(request)),
    });
  }

  /** Per-IP limit for the routes that take a password or a code. */
  const ipLimit = {
    rateLimit: {
      max: settings.ipRateLimit.max,
      timeWindow: settings.ipRateLimit.timeWindowMs,
      errorResponseBuilder: (request: FastifyRequest) =>
        accountsError('sign_in_rate_limited', langOf(request)),
    },
  };

  const auth = (request: FastifyRequest): AuthContext => {
    const a = currentAuth(request);
    if (!a) throw accountsError('unauthenticated', langOf(request));
    return a;
  };

  const clientOf = (request: FastifyRequest) => ({
    ip: request.ip ?? null,
    userAgent: (request.headers['user-agent'] ?? '').slice(0, 512) || null,
  });

  /** One security event about `user` (null: the e-mail matched nobody): logged, audited, sunk. */
  const record = (
    request: FastifyRequest,
    user: UserRecord | null,
    event: Pick<SecurityEvent, 'type' | 'method' | 'reason' | 'sessionId' | 'passkeyId'>,
  ) =>
    recordSecurityEvent(
      { db, log: request.log, sink: options.onSecurityEvent },
      {
        operatorId: user?.operatorId ?? settings.operatorId,
        atMs: now(),
        userId: user?.id ?? null,
        role: user?.role ?? null,
        account: user?.account ?? null,
        ...clientOf(request),
        ...event,
      },
    );

  /** Starts a session (ending the one the request came with), and sets the cookie. */
  async function startSession(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    stage: SessionStage,
  ) {
    const old = sessionToken(request);
    if (old !== undefined) await deleteSessionByTokenHash(db, sha256Hex(old));
    const nowMs = now();
    const lifetime =
      stage === 'active'
        ? Math.min(settings.sessionIdleMs, settings.sessionTtlMs)
        : settings.secondFactorTtlMs;
    const token = newSessionToken();
    const session = await createSession(db, {
      userId: user.id,
      tokenHash: sha256Hex(token),
      stage,
      nowMs,
      expiresAtMs: nowMs + lifetime,
      ...clientOf(request),
    });
    reply.setCookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: settings.secure,
      path: '/',
      // The cookie may outlive an idle session; the server decides expiry, the cookie only carries it.
      maxAge: Math.floor((stage === 'active' ? settings.sessionTtlMs : settings.secondFactorTtlMs) / 1000),
    });
    return session;
  }

  function clearSessionCookie(reply: FastifyReply) {
    reply.clearCookie(SESSION_COOKIE, {
      httpOnly: true,
      sameSite: 'strict',
      secure: settings.secure,
      path: '/',
    });
  }

  const lockedError = (lang: Lang, lockedUntilMs: number) =>
    accountsError('account_locked', lang, {
      minutes: Math.max(1, Math.ceil((lockedUntilMs - now()) / 60_000)),
    });

  /** Counts a failed first or second step; throws account_locked when this failure locks the user. */
  async function failSignIn(
    request: FastifyRequest,
    user: UserRecord,
    reason: string,
    method: SecurityEvent['method'],
  ) {
    const result = await recordSignInFailure(db, user.id, now(), settings.lockout);
    await record(request, user, { type: 'sign_in_failed', method, reason });
    if (result.lockedUntilMs !== null) {
      await record(request, user, { type: 'sign_in_locked', method });
      throw lockedError(langOf(request), result.lockedUntilMs);
    }
  }

  async function signedIn(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    method: NonNullable<SecurityEvent['method']>,
  ) {
    await clearSignInFailures(db, user.id);
    const session = await startSession(request, reply, user, 'active');
    await record(request, user, {
      type: 'sign_in_succeeded',
      method,
      sessionId: session.id,
    });
    return { status: 'signed_in' as const, user: publicUser(user) };
  }

  // ---- CSRF token --------------------------------------------------------------------------

  app.get('/api/csrf', async (_request, reply) => ({ token: reply.generateCsrf() }));

  // ---- Sign-up, sign-in, sign-out ----------------------------------------------------------

  app.post('/api/auth/password-strength', { config: ipLimit }, async (request) => {
    const lang = langOf(request);
    const body = parse(passwordStrengthBodySchema, request.body, lang);
    return checkPasswordStrength(body.password, body.email ? [body.email] : [], lang);
  });

  app.post('/api/auth/sign-up', { config: ipLimit, preHandler: [csrf] }, async (request, reply) => {
    const lang = langOf(request);
    const body = parse(signUpBodySchema, request.body, lang);
    const strength = checkPasswordStrength(body.password, [body.email], lang);
    if (!strength.acceptable) {
      // zxcvbn's sentences come without a final full stop in Japanese; add one to each.
      const feedback = [strength.warning, ...strength.suggestions]
        .filter(Boolean)
        .map((t) => (lang === 'ja' && !/[。！？]$/.test(t as string) ? `${t}。` : t))
        .join(lang === 'ja' ? '' : ' ');
      throw accountsError('weak_password', lang, { feedback });
    }
    const passwordHash = await hashPassword(body.password, settings.argon2);
    const account = options.accountIdFor
      ? await options.accountIdFor({ email: body.email })
      : `acc_${randomBytes(8).toString('hex')}`;
    const user = await createUser(db, {
      email: body.email,
      passwordHash,
      role: 'subscriber',
      account,
      operatorId: settings.operatorId,
      nowMs: now(),
    });
    if (!user) throw accountsError('email_taken', lang);
    const session = await startSession(request, reply, user, 'active');
    await record(request, user, { type: 'sign_up', sessionId: session.id });
    return reply.status(201).send({ status: 'signed_in', user: publicUser(user) });
  });

  app.post('/api/auth/sign-in', { config: ipLimit, preHandler: [csrf] }, async (request, reply) => {
    const lang = langOf(request);
    const body = parse(signInBodySchema, request.body, lang);
    const user = await findUserByEmail(db, body.email);
    if (!user) {
      await burnPasswordCheck(body.password, settings.argon2);
      await record(request, null, {
        type: 'sign_in_failed',
        method: 'password',
        reason: 'unknown_user',
      });
      throw accountsError('invalid_credentials', lang);
    }
    if (user.lockedUntilMs !== null && user.lockedUntilMs > now()) {
      await record(request, user, {
        type: 'sign_in_failed',
        method: 'password',
        reason: 'locked',
      });
      throw lockedError(lang, user.lockedUntilMs);
    }
    if (!(await verifyPassword(user.passwordHash, body.password))) {
      await failSignIn(request, user, 'bad_password', 'password');
      throw accountsError('invalid_credentials', lang);
    }
    if (user.totpSecret !== null) {
      await startSession(request, reply, user, 'second_factor');
      return { status: 'second_factor_required', methods: ['totp', 'recovery_code'] };
    }
    return signedIn(request, reply, user, 'password');
  });

  app.post(
    '/api/auth/sign-in/second-factor',
    { config: ipLimit, preHandler: [csrf] },
    async (request, reply) => {
      const lang = langOf(request);
      const body = parse(secondFactorBodySchema, request.body, lang);
      const pending = await guards.resolve(request);
      if (pending?.session.stage !== 'second_factor' || pending.user.totpSecret === null) {
        throw accountsError('no_pending_sign_in', lang);
      }
      const { user } = pending;
      const endPending = async () => {
        await revokeSession(db, user.id, pending.session.id);
        clearSessionCookie(reply);
      };
      if (user.lockedUntilMs !== null && user.lockedUntilMs > now()) {
        await endPending();
        throw lockedError(lang, user.lockedUntilMs);
      }
      try {
        if ('code' in body) {
          const step = await matchTotp(user.totpSecret ?? '', body.code, now());
          if (step === null) {
            await failSignIn(request, user, 'bad_totp', 'totp');
            throw accountsError('totp_invalid', lang);
          }
          if (!(await claimTotpStep(db, user.id, step))) {
            await failSignIn(request, user, 'totp_replayed', 'totp');
            throw accountsError('totp_replayed', lang);
          }
          await endPending();
          return await signedIn(request, reply, user, 'totp');
        }
        if (!(await consumeRecoveryCode(db, user.id, hashRecoveryCode(body.recoveryCode), now()))) {
          await failSignIn(request, user, 'bad_recovery_code', 'recovery_code');
          throw accountsError('recovery_code_invalid', lang);
        }
        await record(request, user, {
          type: 'recovery_code_used',
          method: 'recovery_code',
        });
        await endPending();
        return await signedIn(request, reply, user, 'recovery_code');
      } catch (error) {
        // A lock ends the waiting sign-in too: the person starts again after the lock.
        if (error instanceof MamoriError && error.code === 'account_locked') await endPending();
        throw error;
      }
    },
  );

  app.post('/api/auth/sign-out', { preHandler: [csrf] }, async (request, reply) => {
    const token = sessionToken(request);
    if (token !== undefined) {
      const found = await guards.resolve(request);
      await deleteSessionByTokenHash(db, sha256Hex(token));
      if (found) {
        await record(request, found.user, {
          type: 'sign_out',
          sessionId: found.session.id,
        });
      }
    }
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  // ---- The signed-in user ------------------------------------------------------------------

  app.get('/api/account/me', { preHandler: [requireUser] }, async (request) => {
    const { user } = auth(request);
    const [passkeys, recoveryCodesLeft] = await Promise.all([
      listPasskeys(db, user.id),
      countRecoveryCodes(db, user.id),
    ]);
    return { user: publicUser(user), passkeys: passkeys.length, recoveryCodesLeft };
  });

  app.get('/api/account/sessions', { preHandler: [requireUser] }, async (request) => {
    const { user, session } = auth(request);
    const sessions: SessionView[] = (await listSessions(db, user.id, now())).map((s) => ({
      id: s.id,
      current: s.id === session.id,
      createdAt: iso(s.createdAtMs),
      lastSeenAt: iso(s.lastSeenAtMs),
      expiresAt: iso(s.expiresAtMs),
      userAgent: s.userAgent,
      ip: s.ip,
    }));
    return { sessions };
  });

  app.delete('/api/account/sessions/:id', { preHandler: [csrf, requireUser] }, async (request, reply) => {
    const lang = langOf(request);
    const { id } = parse(sessionIdParamsSchema, request.params, lang);
    const { user, session } = auth(request);
    if (!(await revokeSession(db, user.id, id))) throw accountsError('session_not_found', lang);
    if (id === session.id) clearSessionCookie(reply);
    await record(request, user, { type: 'session_revoked', sessionId: id });
    return reply.status(204).send();
  });

  // 「他のすべてのセッションを終了」: every session of the caller but the one making the request
  // (pending second-factor sign-ins too: someone elsewhere may have the password).
  app.post('/api/account/sessions/revoke-others', { preHandler: [csrf, requireUser] }, async (request) => {
    const { user, session } = auth(request);
    const listed = await listSessions(db, user.id, now());
    const ended = await revokeAllSessions(db, user.id, { exceptSessionId: session.id });
    for (const s of listed) {
      if (s.id !== session.id) await record(request, user, { type: 'session_revoked', sessionId: s.id });
    }
    return { ended };
  });

  // ---- TOTP ----------------------------------------------------------------------------------

  app.post('/api/account/totp/setup', { preHandler: [csrf, requireUser] }, async (request) => {
    const { user } = auth(request);
    if (user.totpSecret !== null) throw accountsError('totp_already_enabled', langOf(request));
    const secret = newTotpSecret();
    await setPendingTotpSecret(db, user.id, secret);
    return { secret, uri: totpUri({ issuer: settings.totpIssuer, label: user.email, secret }) };
  });

  app.post('/api/account/totp/confirm', { preHandler: [csrf, requireUser] }, async (request) => {
    const lang = langOf(request);
    const { code } = parse(totpCodeBodySchema, request.body, lang);
    const { user } = auth(request);
    if (user.totpSecret !== null) throw accountsError('totp_already_enabled', lang);
    if (user.totpPendingSecret === null) throw accountsError('totp_setup_missing', lang);
    const step = await matchTotp(user.totpPendingSecret, code, now());
    if (step === null) throw accountsError('totp_invalid', lang);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await enableTotp(db, user.id, {
      secret: user.totpPendingSecret,
      step,
      recoveryCodeHashes: recoveryCodes.map(hashRecoveryCode),
      nowMs: now(),
    });
    await record(request, user, { type: 'totp_enabled', method: 'totp' });
    return { recoveryCodes };
  });

  /** A current TOTP code for a signed-in user with TOTP on (step-up for 2FA changes). */
  async function requireCurrentCode(request: FastifyRequest, user: UserRecord, code: string) {
    const lang = langOf(request);
    if (user.totpSecret === null) throw accountsError('totp_not_enabled', lang);
    const step = await matchTotp(user.totpSecret, code, now());
    if (step === null) throw accountsError('totp_invalid', lang);
    if (!(await claimTotpStep(db, user.id, step))) throw accountsError('totp_replayed', lang);
  }

  app.post('/api/account/totp/disable', { preHandler: [csrf, requireUser] }, async (request, reply) => {
    const { code } = parse(totpCodeBodySchema, request.body, langOf(request));
    const { user } = auth(request);
    await requireCurrentCode(request, user, code);
    await disableTotp(db, user.id);
    await record(request, user, { type: 'totp_disabled', method: 'totp' });
    return reply.status(204).send();
  });

  app.post('/api/account/totp/recovery-codes', { preHandler: [csrf, requireUser] }, async (request) => {
    const { code } = parse(totpCodeBodySchema, request.body, langOf(request));
    const { user } = auth(request);
    await requireCurrentCode(request, user, code);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await replaceRecoveryCodes(db, user.id, recoveryCodes.map(hashRecoveryCode), now());
    await record(request, user, { type: 'recovery_codes_regenerated' });
    return { recoveryCodes };
  });

  // ---- Passkeys ------------------------------------------------------------------------------

  app.get('/api/account/passkeys', { preHandler: [requireUser] }, async (request) => {
    const { user } = auth(request);
    return { passkeys: (await listPasskeys(db, user.id)).map(passkeyView) };
  });

  app.delete('/api/account/passkeys/:id', { preHandler: [csrf, requireUser] }, async (request, reply) => {
    const lang = langOf(request);
    const { id } = parse(passkeyIdParamsSchema, request.params, lang);
    const { user } = auth(request);
    if (!(await deletePasskey(db, user.id, id))) throw accountsError('passkey_not_found', lang);
    await record(request, user, { type: 'passkey_removed', passkeyId: id });
    return reply.status(204).send();
  });

  if (rp) {
    app.post(
      '/api/account/passkeys/register/options',
      { preHandler: [csrf, requireUser] },
      async (request) => {
        const { user } = auth(request);
        const opts = await passkeyRegistrationOptions(rp, user, await listPasskeys(db, user.id));
        await saveChallenge(db, {
          challenge: opts.challenge,
          kind: 'registration',
          userId: user.id,
          expiresAtMs: now() + rp.challengeTtlMs,
        });
        return opts;
      },
    );

    app.post(
      '/api/account/passkeys/register/verify',
      { preHandler: [csrf, requireUser] },
      async (request, reply) => {
        const lang = langOf(request);
        const body = parse(passkeyRegistrationBodySchema, request.body, lang);
        const { user } = auth(request);
        const challenge = challengeOf(body.response.response.clientDataJSON);
        if (
          challenge === undefined ||
          !(await takeChallenge(db, { challenge, kind: 'registration', userId: user.id, nowMs: now() }))
        ) {
          throw accountsError('passkey_challenge_invalid', lang);
        }
        const verified = await verifyPasskeyRegistration(
          rp,
          body.response as RegistrationResponseJSON,
          challenge,
        );
        if (!verified || (await findPasskey(db, verified.id))) throw accountsError('passkey_invalid', lang);
        const passkey = await savePasskey(db, {
          ...verified,
          userId: user.id,
          name: body.name ?? (lang === 'ja' ? 'パスキー' : 'Passkey'),
          createdAtMs: now(),
        });
        await record(request, user, {
          type: 'passkey_added',
          passkeyId: passkey.id,
        });
        return reply.status(201).send({ passkey: passkeyView(passkey) });
      },
    );

    app.post('/api/auth/passkey/options', { config: ipLimit, preHandler: [csrf] }, async () => {
      const opts = await passkeyAuthenticationOptions(rp);
      await saveChallenge(db, {
        challenge: opts.challenge,
        kind: 'authentication',
        userId: null,
        expiresAtMs: now() + rp.challengeTtlMs,
      });
      return opts;
    });

    app.post('/api/auth/passkey/verify', { config: ipLimit, preHandler: [csrf] }, async (request, reply) => {
      const lang = langOf(request);
      const body = parse(passkeyAuthenticationBodySchema, request.body, lang);
      const challenge = challengeOf(body.response.response.clientDataJSON);
      if (
        challenge === undefined ||
        !(await takeChallenge(db, { challenge, kind: 'authentication', userId: null, nowMs: now() }))
      ) {
        throw accountsError('passkey_challenge_invalid', lang);
      }
      const passkey = await findPasskey(db, body.response.id);
      const user = passkey ? await findUserById(db, passkey.userId) : undefined;
      const handle = body.response.response.userHandle;
      const handleOk =
        user !== undefined &&
        (handle === undefined || handle === Buffer.from(userHandle(user.id)).toString('base64url'));
      const verified =
        passkey && handleOk
          ? await verifyPasskeyAuthentication(
              rp,
              body.response as AuthenticationResponseJSON,
              challenge,
              passkey,
            )
          : undefined;
      if (!passkey || !user || !verified) {
        await record(request, user ?? null, {
          type: 'sign_in_failed',
          method: 'passkey',
          reason: 'bad_passkey',
        });
        throw accountsError('passkey_invalid', lang);
      }
      await updatePasskeyCounter(db, passkey.id, verified.newCounter, now());
      return signedIn(request, reply, user, 'passkey');
    });
  }

  // ---- Operator-only example -----------------------------------------------------------------

  /** Users of the operator's tenant: the role-gated example route (issue 5, "Operators"). */
  app.get('/api/operator/users', { preHandler: [requireRole('operator')] }, async (request) => {
    const { user } = auth(request);
    return { users: (await listUsers(db, { operatorId: user.operatorId })).map(publicUser) };
  });
};
