/**
 * Security events of the accounts domain (sign-ins, 2FA changes, passkeys, session revocations).
 * Every event goes through recordSecurityEvent: it is logged (ids only, never an e-mail or a
 * secret), appended to the hash-chained audit trail (src/audit `appendAudit`, issue 6) and handed
 * to the optional sink from the plugin options — e.g. to forward a subscriber's sign-ins to the
 * engine as `login` / `mfa_change` events (contract events.md).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { type AuditInput, appendAudit } from '../audit/index.ts';
import type { Database, UserRole } from '../db/index.ts';

export type SecurityEventType =
  | 'sign_up'
  | 'sign_in_succeeded'
  | 'sign_in_failed'
  | 'sign_in_locked'
  | 'sign_out'
  | 'totp_enabled'
  | 'totp_disabled'
  | 'recovery_codes_regenerated'
  | 'recovery_code_used'
  | 'passkey_added'
  | 'passkey_removed'
  | 'session_revoked';

export type SignInMethod = 'password' | 'totp' | 'recovery_code' | 'passkey';

export interface SecurityEvent {
  type: SecurityEventType;
  atMs: number;
  operatorId: string;
  /** Null when the e-mail given at sign-in matches no user. */
  userId: string | null;
  role: UserRole | null;
  /** The engine account of a subscriber (so the lead can forward it as an engine event). */
  account: string | null;
  method?: SignInMethod;
  /** Why a sign-in failed: `unknown_user`, `bad_password`, `bad_totp`, `totp_replayed`, `bad_recovery_code`, `locked`. */
  reason?: string;
  /** The session concerned (created, ended or revoked). */
  sessionId?: string;
  /** Passkey credential id for passkey_added / passkey_removed. */
  passkeyId?: string;
  ip: string | null;
  userAgent: string | null;
}

export type SecurityEventSink = (event: SecurityEvent) => void | Promise<void>;

/** Audit action names (src/audit: dotted verbs such as `auth.sign_in`, `mfa.enabled`). */
const AUDIT_ACTIONS: Readonly<Record<SecurityEventType, string>> = Object.freeze({
  sign_up: 'auth.sign_up',
  sign_in_succeeded: 'auth.sign_in',
  sign_in_failed: 'auth.sign_in_failed',
  sign_in_locked: 'auth.locked_out',
  sign_out: 'auth.sign_out',
  totp_enabled: 'mfa.enabled',
  totp_disabled: 'mfa.disabled',
  recovery_codes_regenerated: 'mfa.recovery_codes_regenerated',
  recovery_code_used: 'mfa.recovery_code_used',
  passkey_added: 'passkey.added',
  passkey_removed: 'passkey.removed',
  session_revoked: 'session.revoked',
});

/**
 * The audit entry for an event. Actor and subject follow src/audit's conventions: a subscriber is
 * `subscriber:<account>` and the subject is the account itself (evidence reports cite by it); an
 * operator is `operator:<user id>`. A failed sign-in for an unknown e-mail has actor and subject
 * `anonymous`; the e-mail is not recorded (the log is kept for good).
 */
export function auditEntryFor(event: SecurityEvent): AuditInput {
  const who =
    event.userId === null
      ? 'anonymous'
      : event.role === 'subscriber' && event.account !== null
        ? event.account
        : event.userId;
  const data: Record<string, unknown> = { userId: event.userId, ip: event.ip, userAgent: event.userAgent };
  for (const key of ['method', 'reason', 'sessionId', 'passkeyId'] as const) {
    if (event[key] !== undefined) data[key] = event[key];
  }
  return {
    actor: event.userId === null ? 'anonymous' : `${event.role ?? 'user'}:${who}`,
    action: AUDIT_ACTIONS[event.type],
    subject: who,
    data,
    atMs: event.atMs,
  };
}

/**
 * Records one security event: logged, appended to the audit trail when `db` is given, then passed
 * to `sink`. A failing audit append or sink is logged and does not fail the request: a person
 * must still be able to sign in, or lock their account, while the audit store has a problem.
 *
 * @example
 * await recordSecurityEvent({ db, log: request.log, sink }, event);
 */
export async function recordSecurityEvent(
  context: { db?: Kysely<Database>; log: FastifyBaseLogger; sink?: SecurityEventSink | undefined },
  event: SecurityEvent,
): Promise<void> {
  context.log.info(
    {
      securityEvent: event.type,
      userId: event.userId,
      method: event.method,
      reason: event.reason,
      sessionId: event.sessionId,
    },
    'security event',
  );
  if (context.db) {
    try {
      await appendAudit(context.db, auditEntryFor(event));
    } catch (error) {
      context.log.error(
        { securityEvent: event.type, errType: (error as Error | undefined)?.name },
        'audit append failed',
      );
    }
  }
  if (!context.sink) return;
  try {
    await context.sink(event);
  } catch (error) {
    context.log.error(
      { securityEvent: event.type, errType: (error as Error | undefined)?.name },
      'security event sink failed',
    );
  }
}
