import type { Insertable, Selectable } from 'kysely';

/**
 * Tables of the accounts domain (people who sign in: subscribers and operators). They are not in
 * `Database` (database.ts belongs to the storage owner); repositories reach them through
 * `db.withTables<AccountsTables>()`, so callers keep passing the app's `Kysely<Database>`.
 */
export type UserRole = 'subscriber' | 'operator';
export const USER_ROLES: readonly UserRole[] = ['subscriber', 'operator'];

export interface UsersTable {
  /** `usr_` + 16 hex: random, so it can double as the WebAuthn user handle without personal data. */
  id: string;
  operator_id: string;
  /** Normalised (NFKC, trimmed, lower-case); unique. */
  email: string;
  /** PHC string from argon2id. */
  password_hash: string;
  role: UserRole;
  /** The engine's `account` (contract events.md) for a subscriber; null for operators. */
  account: string | null;
  created_at_ms: number;
  password_changed_at_ms: number;
  /** Sign-in failures inside the current window (lockout). */
  failed_sign_ins: number;
  failed_window_start_ms: number | null;
  locked_until_ms: number | null;
  /** Base32 TOTP secret once confirmed; null while TOTP is off. */
  totp_secret: string | null;
  /** Secret shown by /totp/setup, kept until /totp/confirm proves the app has it. */
  totp_pending_secret: string | null;
  totp_enabled_at_ms: number | null;
  /** Last accepted RFC 6238 time step: a code from this step or earlier is a replay. */
  totp_last_step: number | null;
}

export type SessionStage = 'active' | 'second_factor';

export interface SessionsTable {
  /** Public id (`ses_…`) used in listings and DELETE; never the token. */
  id: string;
  user_id: string;
  /** SHA-256 hex of the 256-bit cookie token (random, so a fast hash is right, as for API keys). */
  token_hash: string;
  /** `second_factor`: password accepted, waiting for TOTP or a recovery code; grants nothing. */
  stage: SessionStage;
  created_at_ms: number;
  last_seen_at_ms: number;
  expires_at_ms: number;
  user_agent: string | null;
  ip: string | null;
}

export interface RecoveryCodesTable {
  id: string;
  user_id: string;
  /** SHA-256 hex of the normalised code (80 random bits each, so not guessable offline). */
  code_hash: string;
  created_at_ms: number;
  used_at_ms: number | null;
}

export interface PasskeysTable {
  /** WebAuthn credential id, base64url (globally unique by the spec). */
  id: string;
  user_id: string;
  /** COSE public key, base64url. */
  public_key: string;
  counter: number;
  /** JSON array of AuthenticatorTransport strings. */
  transports: string;
  device_type: string;
  backed_up: number;
  name: string;
  created_at_ms: number;
  last_used_at_ms: number | null;
}

export type ChallengeKind = 'registration' | 'authentication';

export interface AuthChallengesTable {
  /** The challenge itself (base64url, 256 random bits): the browser echoes it in clientDataJSON. */
  challenge: string;
  kind: ChallengeKind;
  /** The signed-in user for registration; null for a sign-in ceremony. */
  user_id: string | null;
  expires_at_ms: number;
}

export type AccountsTables = {
  users: UsersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  passkeys: PasskeysTable;
  auth_challenges: AuthChallengesTable;
};

export type UserRow = Selectable<UsersTable>;
export type NewUserRow = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;
export type RecoveryCodeRow = Selectable<RecoveryCodesTable>;
export type PasskeyRow = Selectable<PasskeysTable>;
export type AuthChallengeRow = Selectable<AuthChallengesTable>;
