/**
 * Storage for the accounts domain: users, sessions, recovery codes, passkeys, WebAuthn
 * challenges. Functions take `db` first (style.md §6) and accept the app's `Kysely<Database>` or
 * a transaction of it; the accounts tables are reached through `withTables` (see accounts.table.ts).
 */
import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type {
  AccountsTables,
  ChallengeKind,
  PasskeyRow,
  SessionRow,
  SessionStage,
  UserRole,
  UserRow,
} from './accounts.table.ts';
import type { Database } from './database.ts';
import { DEFAULT_OPERATOR } from './dialect.ts';

type AnyDb = Kysely<Database> | Kysely<Database & AccountsTables>;

function tables(db: AnyDb): Kysely<Database & AccountsTables> {
  return (db as Kysely<Database>).withTables<AccountsTables>();
}

function randomId(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

// ---------------------------------------------------------------------------------------------
// Users

/** A user as stored, secrets included: for the accounts domain only, never sent to a client. */
export interface UserRecord {
  id: string;
  operatorId: string;
  email: string;
  passwordHash: string;
  role: UserRole;
  account: string | null;
  createdAtMs: number;
  passwordChangedAtMs: number;
  failedSignIns: number;
  failedWindowStartMs: number | null;
  lockedUntilMs: number | null;
  totpSecret: string | null;
  totpPendingSecret: string | null;
  totpEnabledAtMs: number | null;
  totpLastStep: number | null;
}

function toUser(row: UserRow): UserRecord {
  return {
    id: row.id,
    operatorId: row.operator_id,
    email: row.email,
    passwordHash: row.password_hash,
    role: row.role,
    account: row.account,
    createdAtMs: Number(row.created_at_ms),
    passwordChangedAtMs: Number(row.password_changed_at_ms),
    failedSignIns: Number(row.failed_sign_ins),
    failedWindowStartMs: row.failed_window_start_ms === null ? null : Number(row.failed_window_start_ms),
    lockedUntilMs: row.locked_until_ms === null ? null : Number(row.locked_until_ms),
    totpSecret: row.totp_secret,
    totpPendingSecret: row.totp_pending_secret,
    totpEnabledAtMs: row.totp_enabled_at_ms === null ? null : Number(row.totp_enabled_at_ms),
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
  };
}

export interface NewUser {
  /** Already normalised (see normalizeEmail in src/accounts). */
  email: string;
  passwordHash: string;
  role: UserRole;
  account: string | null;
  operatorId?: string;
  nowMs: number;
}

/**
 * Creates a user. Returns undefined when the e-mail is taken (no exception, so sign-up can
 * answer one clear message without a race between "check" and "insert").
 *
 * @example
 * const user = await createUser(db, { email: 'a@example.jp', passwordHash, role: 'subscriber', account: 'acc_7', nowMs: Date.now() });
 */
export async function createUser(db: AnyDb, input: NewUser): Promise<UserRecord | undefined> {
  const row: UserRow = {
    id: randomId('usr'),
    operator_id: input.operatorId ?? DEFAULT_OPERATOR,
    email: input.email,
    password_hash: input.passwordHash,
    role: input.role,
    account: input.account,
    created_at_ms: input.nowMs,
    password_changed_at_ms: input.nowMs,
    failed_sign_ins: 0,
    failed_window_start_ms: null,
    locked_until_ms: null,
    totp_secret: null,
    totp_pending_secret: null,
    totp_enabled_at_ms: null,
    totp_last_step: null,
  };
  const inserted = await tables(db)
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted === undefined ? undefined : toUser(row);
}

export async function findUserById(db: AnyDb, id: string): Promise<UserRecord | undefined> {
  const row = await tables(db).selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

export async function findUserByEmail(db: AnyDb, email: string): Promise<UserRecord | undefined> {
  const row = await tables(db).selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row === undefined ? undefined : toUser(row);
}

/** Users (oldest first), optionally of one operator and/or role. */
export async function listUsers(
  db: AnyDb,
  filters: { operatorId?: string; role?: UserRole; account?: string } = {},
): Promise<UserRecord[]> {
  let q = tables(db).selectFrom('users').selectAll();
  if (filters.operatorId !== undefined) q = q.where('operator_id', '=', filters.operatorId);
  if (filters.role !== undefined) q = q.where('role', '=', filters.role);
  if (filters.account !== undefined) q = q.where('account', '=', filters.account);
  const rows = await q.orderBy('created_at_ms').orderBy('id').execute();
  return rows.map(toUser);
}

/** Links a user to the engine's `account` (contract events.md), or unlinks with null. */
export async function setUserAccount(db: AnyDb, userId: string, account: string | null): Promise<boolean> {
  const r = await tables(db)
    .updateTable('users')
    .set({ account })
    .where('id', '=', userId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function setPasswordHash(
  db: AnyDb,
  userId: string,
  passwordHash: string,
  nowMs: number,
): Promise<void> {
  await tables(db)
    .updateTable('users')
    .set({ password_hash: passwordHash, password_changed_at_ms: nowMs })
    .where('id', '=', userId)
    .execute();
}

export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

/**
 * Counts one failed sign-in in a single UPDATE (so parallel guesses cannot slip past the limit
 * between a read and a write). A failure outside the window starts a new one. Reaching
 * `maxFailures` locks the user for `lockMs` and starts counting afresh.
 */
export async function recordSignInFailure(
  db: AnyDb,
  userId: string,
  nowMs: number,
  policy: LockoutPolicy,
): Promise<{ failures: number; lockedUntilMs: number | null }> {
  const windowStart = nowMs - policy.windowMs;
  const fresh = sql<boolean>`failed_window_start_ms is null or failed_window_start_ms <= ${windowStart}`;
  const row = await tables(db)
    .updateTable('users')
    .set({
      failed_sign_ins: sql`case when ${fresh} then 1 else failed_sign_ins + 1 end`,
      failed_window_start_ms: sql`case when ${fresh} then ${nowMs} else failed_window_start_ms end`,
    })
    .where('id', '=', userId)
    .returning('failed_sign_ins')
    .executeTakeFirst();
  const failures = Number(row?.failed_sign_ins ?? 0);
  if (failures < policy.maxFailures) return { failures, lockedUntilMs: null };
  const lockedUntilMs = nowMs + policy.lockMs;
  await tables(db)
    .updateTable('users')
    .set({ locked_until_ms: lockedUntilMs, failed_sign_ins: 0, failed_window_start_ms: null })
    .where('id', '=', userId)
    .execute();
  return { failures, lockedUntilMs };
}

/** After a successful sign-in: forget earlier failures and any expired lock. */
export async function clearSignInFailures(db: AnyDb, userId: string): Promise<void> {
  await tables(db)
    .updateTable('users')
    .set({ failed_sign_ins: 0, failed_window_start_ms: null, locked_until_ms: null })
    .where('id', '=', userId)
    .execute();
}

// ---------------------------------------------------------------------------------------------
// Sessions

export interface Session {
  id: string;
  userId: string;
  stage: SessionStage;
  createdAtMs: number;
  lastSeenAtMs: number;
  expiresAtMs: number;
  userAgent: string | null;
  ip: string | null;
}

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage,
    createdAtMs: Number(row.created_at_ms),
    lastSeenAtMs: Number(row.last_seen_at_ms),
    expiresAtMs: Number(row.expires_at_ms),
    userAgent: row.user_agent,
    ip: row.ip,
  };
}

export interface NewSession {
  userId: string;
  /** SHA-256 hex of the cookie token; the token itself is never stored. */
  tokenHash: string;
  stage: SessionStage;
  nowMs: number;
  expiresAtMs: number;
  userAgent: string | null;
  ip: string | null;
}

export async function createSession(db: AnyDb, input: NewSession): Promise<Session> {
  const row: SessionRow = {
    id: randomId('ses'),
    user_id: input.userId,
    token_hash: input.tokenHash,
    stage: input.stage,
    created_at_ms: input.nowMs,
    last_seen_at_ms: input.nowMs,
    expires_at_ms: input.expiresAtMs,
    user_agent: input.userAgent,
    ip: input.ip,
  };
  await tables(db).insertInto('sessions').values(row).execute();
  return toSession(row);
}

/** The unexpired session with this token hash, and its user, in one query. */
export async function findSessionByTokenHash(
  db: AnyDb,
  tokenHash: string,
  nowMs: number,
): Promise<{ session: Session; user: UserRecord } | undefined> {
  const row = await tables(db)
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select([
      'sessions.id as s_id',
      'sessions.user_id as s_user_id',
      'sessions.token_hash as s_token_hash',
      'sessions.stage as s_stage',
      'sessions.created_at_ms as s_created_at_ms',
      'sessions.last_seen_at_ms as s_last_seen_at_ms',
      'sessions.expires_at_ms as s_expires_at_ms',
      'sessions.user_agent as s_user_agent',
      'sessions.ip as s_ip',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.expires_at_ms', '>', nowMs)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const session = toSession({
    id: row.s_id,
    user_id: row.s_user_id,
    token_hash: row.s_token_hash,
    stage: row.s_stage,
    created_at_ms: row.s_created_at_ms,
    last_seen_at_ms: row.s_last_seen_at_ms,
    expires_at_ms: row.s_expires_at_ms,
    user_agent: row.s_user_agent,
    ip: row.s_ip,
  });
  return { session, user: toUser(row) };
}

/** Records activity and slides the expiry (the caller caps it at the absolute lifetime). */
export async function touchSession(db: AnyDb, id: string, nowMs: number, expiresAtMs: number): Promise<void> {
  await tables(db)
    .updateTable('sessions')
    .set({ last_seen_at_ms: nowMs, expires_at_ms: expiresAtMs })
    .where('id', '=', id)
    .execute();
}

/** A user's unexpired sessions, newest activity first. */
export async function listSessions(db: AnyDb, userId: string, nowMs: number): Promise<Session[]> {
  const rows = await tables(db)
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('stage', '=', 'active')
    .where('expires_at_ms', '>', nowMs)
    .orderBy('last_seen_at_ms', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toSession);
}

/**
 * Ends one of the user's sessions. Scoped by user: another user's session id is "not found",
 * exactly like an id that never existed.
 */
export async function revokeSession(db: AnyDb, userId: string, sessionId: string): Promise<boolean> {
  const r = await tables(db)
    .deleteFrom('sessions')
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Ends every session of a user (optionally keeping one); returns how many ended. */
export async function revokeAllSessions(
  db: AnyDb,
  userId: string,
  options: { exceptSessionId?: string } = {},
): Promise<number> {
  let q = tables(db).deleteFrom('sessions').where('user_id', '=', userId);
  if (options.exceptSessionId !== undefined) q = q.where('id', '!=', options.exceptSessionId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

/**
 * Ends every session of every user linked to an engine account: what a `lock` decision or the
 * one-tap emergency lock needs ("sessions are revoked until unlocked", contract events.md).
 */
export async function revokeSessionsForAccount(
  db: AnyDb,
  operatorId: string,
  account: string,
): Promise<number> {
  const t = tables(db);
  const r = await t
    .deleteFrom('sessions')
    .where(
      'user_id',
      'in',
      t.selectFrom('users').select('id').where('operator_id', '=', operatorId).where('account', '=', account),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteSessionByTokenHash(db: AnyDb, tokenHash: string): Promise<void> {
  await tables(db).deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Housekeeping: removes expired sessions and challenges. */
export async function deleteExpiredSessions(db: AnyDb, nowMs: number): Promise<number> {
  const t = tables(db);
  await t.deleteFrom('auth_challenges').where('expires_at_ms', '<=', nowMs).execute();
  const r = await t.deleteFrom('sessions').where('expires_at_ms', '<=', nowMs).executeTakeFirst();
  return Number(r.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// TOTP and recovery codes

export async function setPendingTotpSecret(db: AnyDb, userId: string, secret: string | null): Promise<void> {
  await tables(db)
    .updateTable('users')
    .set({ totp_pending_secret: secret })
    .where('id', '=', userId)
    .execute();
}

/**
 * Turns TOTP on with the confirmed secret, remembers the step of the confirming code (so it
 * cannot be replayed at sign-in) and replaces the recovery codes, in one transaction.
 */
export async function enableTotp(
  db: AnyDb,
  userId: string,
  input: { secret: string; step: number; recoveryCodeHashes: readonly string[]; nowMs: number },
): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          totp_secret: input.secret,
          totp_pending_secret: null,
          totp_enabled_at_ms: input.nowMs,
          totp_last_step: input.step,
        })
        .where('id', '=', userId)
        .execute();
      await replaceRecoveryCodes(trx, userId, input.recoveryCodeHashes, input.nowMs);
    });
}

/** Turns TOTP off and deletes the recovery codes. */
export async function disableTotp(db: AnyDb, userId: string): Promise<void> {
  await tables(db)
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at_ms: null, totp_last_step: null })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    });
}

/**
 * Accepts a verified TOTP time step only if it is later than the last one accepted, in one
 * conditional UPDATE, so two requests with the same code cannot both pass (RFC 6238 §5.2: a
 * verifier must not accept the same OTP twice).
 */
export async function claimTotpStep(db: AnyDb, userId: string, step: number): Promise<boolean> {
  const r = await tables(db)
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function replaceRecoveryCodes(
  db: AnyDb,
  userId: string,
  codeHashes: readonly string[],
  nowMs: number,
): Promise<void> {
  const t = tables(db);
  await t.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  if (codeHashes.length === 0) return;
  await t
    .insertInto('recovery_codes')
    .values(
      codeHashes.map((h) => ({
        id: randomId('rc'),
        user_id: userId,
        code_hash: h,
        created_at_ms: nowMs,
        used_at_ms: null,
      })),
    )
    .execute();
}

/** Spends a recovery code: true once per code, in one conditional UPDATE. */
export async function consumeRecoveryCode(
  db: AnyDb,
  userId: string,
  codeHash: string,
  nowMs: number,
): Promise<boolean> {
  const r = await tables(db)
    .updateTable('recovery_codes')
    .set({ used_at_ms: nowMs })
    .where('user_id', '=', userId)
    .where('code_hash', '=', codeHash)
    .where('used_at_ms', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function countRecoveryCodes(db: AnyDb, userId: string): Promise<number> {
  const row = await tables(db)
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at_ms', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Passkeys and WebAuthn challenges

export interface Passkey {
  id: string;
  userId: string;
  /** base64url COSE public key. */
  publicKey: string;
  counter: number;
  transports: string[];
  deviceType: string;
  backedUp: boolean;
  name: string;
  createdAtMs: number;
  lastUsedAtMs: number | null;
}

function toPasskey(row: PasskeyRow): Passkey {
  let transports: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.transports);
    if (Array.isArray(parsed)) transports = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    // A damaged transports list only loses a browser hint; the credential still works.
  }
  return {
    id: row.id,
    userId: row.user_id,
    publicKey: row.public_key,
    counter: Number(row.counter),
    transports,
    deviceType: row.device_type,
    backedUp: Number(row.backed_up) === 1,
    name: row.name,
    createdAtMs: Number(row.created_at_ms),
    lastUsedAtMs: row.last_used_at_ms === null ? null : Number(row.last_used_at_ms),
  };
}

export async function savePasskey(db: AnyDb, input: Omit<Passkey, 'lastUsedAtMs'>): Promise<Passkey> {
  const row: PasskeyRow = {
    id: input.id,
    user_id: input.userId,
    public_key: input.publicKey,
    counter: input.counter,
    transports: JSON.stringify(input.transports),
    device_type: input.deviceType,
    backed_up: input.backedUp ? 1 : 0,
    name: input.name,
    created_at_ms: input.createdAtMs,
    last_used_at_ms: null,
  };
  await tables(db).insertInto('passkeys').values(row).execute();
  return toPasskey(row);
}

export async function findPasskey(db: AnyDb, id: string): Promise<Passkey | undefined> {
  const row = await tables(db).selectFrom('passkeys').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toPasskey(row);
}

export async function listPasskeys(db: AnyDb, userId: string): Promise<Passkey[]> {
  const rows = await tables(db)
    .selectFrom('passkeys')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at_ms')
    .orderBy('id')
    .execute();
  return rows.map(toPasskey);
}

export async function updatePasskeyCounter(
  db: AnyDb,
  id: string,
  counter: number,
  nowMs: number,
): Promise<void> {
  await tables(db)
    .updateTable('passkeys')
    .set({ counter, last_used_at_ms: nowMs })
    .where('id', '=', id)
    .execute();
}

/** Removes one of the user's passkeys; another user's id is "not found". */
export async function deletePasskey(db: AnyDb, userId: string, id: string): Promise<boolean> {
  const r = await tables(db)
    .deleteFrom('passkeys')
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function saveChallenge(
  db: AnyDb,
  input: { challenge: string; kind: ChallengeKind; userId: string | null; expiresAtMs: number },
): Promise<void> {
  await tables(db)
    .insertInto('auth_challenges')
    .values({
      challenge: input.challenge,
      kind: input.kind,
      user_id: input.userId,
      expires_at_ms: input.expiresAtMs,
    })
    .execute();
}

/**
 * Consumes a stored challenge (deleted whether or not the ceremony then succeeds, so each
 * challenge is tried once). True when it existed, was of this kind and user, and had not expired.
 */
export async function takeChallenge(
  db: AnyDb,
  input: { challenge: string; kind: ChallengeKind; userId: string | null; nowMs: number },
): Promise<boolean> {
  const row = await tables(db)
    .deleteFrom('auth_challenges')
    .where('challenge', '=', input.challenge)
    .returning(['kind', 'user_id', 'expires_at_ms'])
    .executeTakeFirst();
  if (row === undefined) return false;
  return row.kind === input.kind && row.user_id === input.userId && Number(row.expires_at_ms) > input.nowMs;
}
