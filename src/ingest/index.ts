/** Events in, stored decisions out: the edge between the pure engine and storage. */
export {
  type DecisionOrError,
  EngineSession,
  type EngineSessionOptions,
  EngineSessions,
} from './engine-session.ts';
export { loadOrCreateCookieSecret, loadOrCreateNoticeKey } from './notice-key.ts';
export { candidateFromLine, candidatesFromBody, type EventCandidate, toCandidate } from './read-events.ts';
export type { DecidedBatch, DecidedWriter, StoredBatch } from './store-decided.ts';
export { unlockAccountState } from './unlock-account.ts';
