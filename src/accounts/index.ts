/**
 * Accounts domain: people who sign in to Mamori (subscribers and operators), their passwords,
 * sessions, TOTP, recovery codes and passkeys. The HTTP routes live in
 * src/server/routes/accounts.ts; storage in src/db/accounts.repository.ts.
 */
export {
  type AuthContext,
  type AuthGuardOptions,
  type AuthGuards,
  authGuards,
  currentAuth,
  sessionToken,
} from './auth-guards.ts';
export {
  ACCOUNT_ERRORS,
  type AccountErrorCode,
  accountMessage,
  accountsError,
  type Lang,
  langOf,
} from './messages.ts';
export {
  challengeOf,
  passkeyAuthenticationOptions,
  passkeyRegistrationOptions,
  type RelyingParty,
  userHandle,
  type VerifiedRegistration,
  verifyPasskeyAuthentication,
  verifyPasskeyRegistration,
} from './passkeys.ts';
export {
  type Argon2Params,
  burnPasswordCheck,
  checkPasswordStrength,
  DEFAULT_ARGON2,
  hashPassword,
  MIN_PASSWORD_SCORE,
  type PasswordStrength,
  verifyPassword,
} from './password.ts';
export * from './schemas.ts';
export {
  auditEntryFor,
  recordSecurityEvent,
  type SecurityEvent,
  type SecurityEventSink,
  type SecurityEventType,
  type SignInMethod,
} from './security-events.ts';
export {
  type AccountsSettings,
  type AccountsSettingsInput,
  accountsSettingsSchema,
  parseAccountsSettings,
} from './settings.ts';
export {
  hashRecoveryCode,
  newRecoveryCode,
  newSessionToken,
  normalizeRecoveryCode,
  RECOVERY_CODE_COUNT,
  readCookie,
  SESSION_COOKIE,
  sha256Hex,
} from './tokens.ts';
export { matchTotp, newTotpSecret, TOTP_PERIOD_S, totpCode, totpUri } from './totp.ts';
