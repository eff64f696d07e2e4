/**
 * Storage: one SQL layer (Kysely) over SQLite (default) and PostgreSQL (DATABASE_URL).
 * Other domains import only from here.
 */

export {
  type AccountLock,
  findActiveLock,
  listLocks,
  lockAccount,
  unlockAccount,
} from './account-locks.repository.ts';
export {
  claimTotpStep,
  clearSignInFailures,
  consumeRecoveryCode,
  countRecoveryCodes,
  createSession,
  createUser,
  deleteExpiredSessions,
  deletePasskey,
  deleteSessionByTokenHash,
  disableTotp,
  enableTotp,
  findPasskey,
  findSessionByTokenHash,
  findUserByEmail,
  findUserById,
  type LockoutPolicy,
  listPasskeys,
  listSessions,
  listUsers,
  type NewSession,
  type NewUser,
  type Passkey,
  recordSignInFailure,
  replaceRecoveryCodes,
  revokeAllSessions,
  revokeSession,
  revokeSessionsForAccount,
  type Session,
  saveChallenge,
  savePasskey,
  setPasswordHash,
  setPendingTotpSecret,
  setUserAccount,
  takeChallenge,
  touchSession,
  type UserRecord,
  updatePasskeyCounter,
} from './accounts.repository.ts';
export {
  type AccountsTables,
  type AuthChallengesTable,
  type ChallengeKind,
  type PasskeysTable,
  type RecoveryCodesTable,
  type SessionStage,
  type SessionsTable,
  USER_ROLES,
  type UserRole,
  type UsersTable,
} from './accounts.table.ts';
export {
  API_KEY_PREFIX,
  type ApiKey,
  createApiKey,
  findApiKeyByHash,
  hashApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from './api-keys.repository.ts';
export {
  type AuditChainHead,
  appendAuditRow,
  findAuditRows,
  type ListAuditRowsOptions,
  lastAuditRow,
  listAllAuditRows,
  listAuditRows,
  type SealedAuditRow,
} from './audit.repository.ts';
export {
  CASE_STATUSES,
  type Case,
  type CaseFilters,
  formatCaseId,
  getCase,
  listCases,
  nextCaseId,
  parseCaseId,
  reserveCaseIds,
  updateCaseStatus,
} from './cases.repository.ts';
export {
  type DatabaseTarget,
  DEFAULT_SQLITE_FILE,
  type OpenDatabaseOptions,
  type OpenedDatabase,
  openDatabase,
  redactUrl,
  resolveDatabaseTarget,
} from './connect.ts';
export type { Database } from './database.ts';
export { chunkRows, DEFAULT_OPERATOR, type DialectName, dialectOf } from './dialect.ts';
export { loadEngineState, saveEngineState } from './engine-state.repository.ts';
export {
  countDecisions,
  countEvents,
  findDecision,
  findDecisions,
  findEvent,
  type ListAccountEventsOptions,
  listAccountEvents,
  type StoredEvent,
} from './events.repository.ts';
export { migrateDownAll, migrateToLatest } from './migrate.ts';
export { migrations } from './migrations/index.ts';
export {
  findNoticeByRef,
  type ListNoticesOptions,
  listNotices,
  markRead,
  type Notice,
} from './notices.repository.ts';
export {
  addCaseNote,
  type CampaignWarning,
  type CaseNote,
  type CaseQueueFilters,
  caseRules,
  countCaseOutcomes,
  countDecisionsByHour,
  findOperatorCase,
  listCampaignWarnings,
  listCaseNotes,
  listCaseQueue,
  listFlaggedDecisions,
  listReportedMessages,
  type NewReportedMessage,
  type OperatorTables,
  type ReportedMessage,
  saveReportedMessage,
  sendCampaignWarning,
  type WarningNotice,
} from './operator.repository.ts';
export {
  type CaseInput,
  type LockInput,
  type NoticeInput,
  type ProcessedItem,
  type StorableEvent,
  type StoreProcessedOptions,
  type StoreProcessedResult,
  storeProcessed,
} from './processed.repository.ts';
export {
  loadProfiles,
  type ProfileWrite,
  type StoredProfile,
  saveProfiles,
} from './profiles.repository.ts';
export { insertOncePerAccount } from './reminders.repository.ts';
export {
  type AccountActivityRow,
  countUnreadNotices,
  findAccountEvent,
  findAccountNotice,
  type ListAccountActivityOptions,
  listAccountActivity,
  listAccountAudit,
  markAccountNoticeRead,
  noticeReferenceIssued,
  revokeAccountSessionsExcept,
} from './subscriber.repository.ts';
export type { AccountLockRow, AccountLocksTable } from './tables/account-locks.table.ts';
export type { ApiKeyRow, ApiKeysTable } from './tables/api-keys.table.ts';
export type { AuditLogRow, AuditLogTable } from './tables/audit-log.table.ts';
export type { CaseRow, CaseStatus, CasesTable } from './tables/cases.table.ts';
export type { CountersTable } from './tables/counters.table.ts';
export type { DecisionRow, DecisionsTable } from './tables/decisions.table.ts';
export type { EngineStateTable } from './tables/engine-state.table.ts';
export type { EventRow, EventsTable } from './tables/events.table.ts';
export type { NoticeRow, NoticesTable } from './tables/notices.table.ts';
export type { ProfileRow, ProfilesTable } from './tables/profiles.table.ts';
export type {
  DeliveryStatus,
  WebhookDeliveriesTable,
  WebhookDeliveryRow,
  WebhookRow,
  WebhooksTable,
} from './tables/webhooks.table.ts';
export {
  type ClaimedDelivery,
  claimDueDeliveries,
  createWebhook,
  enqueueDeliveries,
  listDeliveries,
  listWebhooks,
  markDelivered,
  markFailed,
  setWebhookActive,
  type Webhook,
  type WebhookDelivery,
  type WebhookMessage,
} from './webhooks.repository.ts';
