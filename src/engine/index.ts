/**
 * Public surface of the risk engine (issue 4; contract ../shared/contracts/events.md). Other
 * domains import only from here. Everything is pure: time is the event's `at`.
 */

export {
  actionFor,
  type DecideEffects,
  type DecideInput,
  type DecideResult,
  decide,
  type EngineDecision,
  type EngineReason,
  evaluateRules,
  unlock,
} from './decide.ts';
export {
  type AccountEvent,
  type Decision,
  type DecisionAction,
  type DecisionReason,
  EVENT_TYPES,
  type EventError,
  type EventOf,
  type EventType,
  eventSchema,
  isoWithOffset,
  type MerchantCategory,
} from './event-schema.ts';
export { type ChargeFeatures, computeFeatures, type DeviceStatus, type Features } from './features.ts';
export {
  emptyGlobalState,
  type GlobalEntry,
  type GlobalHit,
  type GlobalState,
  type KeyStats,
} from './global-state.ts';
export { formatYen, hasMessage, type Lang, reasonMessage } from './messages.ts';
export {
  DEFAULT_POLICY,
  type ParsePolicyResult,
  type Policy,
  parsePolicy,
  policySchema,
  type RuleId,
} from './policy.ts';
export {
  emptyProfile,
  type Profile,
  type UpdateOutcome,
  unlockProfile,
  updateProfile,
} from './profile.ts';
export type { MessageParams, Rule, RuleContext, RuleHit } from './rule.ts';
export { RULES } from './rules/index.ts';
