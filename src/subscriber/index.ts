/**
 * Subscriber domain (issue 5 "Subscribers"): the pure parts behind the subscriber API — activity
 * view and spending per day, the monthly limit in force, security changes and the security
 * checkup, and the API's messages. The HTTP routes live in src/server/routes/subscriber.ts.
 */
export {
  ACTIVITY_TYPES,
  type ActivityDecision,
  type ActivityInputRow,
  type ActivityView,
  buildActivity,
  type CardChangeItem,
  type ChargeItem,
  type ChargeStatus,
  chargeStatus,
  currentMonthlyLimit,
  type MonthlyLimitView,
  type SignInItem,
  type SpendingDay,
  spentIn,
} from './activity.ts';
export {
  CHECK_WEIGHTS,
  type CheckId,
  type CheckItem,
  type CheckStatus,
  type Checkup,
  type CheckupInput,
  MAX_USUAL_DEVICES,
  MIN_RECOVERY_CODES,
  type NextAction,
  OLD_PASSWORD_DAYS,
  RECENT_DAYS,
  RISKY_CHANGES,
  type SecurityChange,
  type SecurityChangeKind,
  securityCheckup,
} from './checkup.ts';
export { DAY_MS, isoJapan, JST_OFFSET_MS, japanDate, japanMonthStart } from './japan-time.ts';
export {
  type Lang,
  SUBSCRIBER_ERRORS,
  SUBSCRIBER_TEXT,
  type SubscriberErrorCode,
  type SubscriberTextKey,
  subscriberError,
  subscriberText,
} from './messages.ts';
export {
  activityQuerySchema,
  type LockView,
  type MonthlyLimitBody,
  monthlyLimitBodySchema,
  type NotMeBody,
  noticeListQuerySchema,
  noticeRefParamsSchema,
  notMeBodySchema,
  type UnlockMethod,
} from './schemas.ts';
export { SECURITY_EVENT_TYPES, securityChangesFrom } from './security-changes.ts';
