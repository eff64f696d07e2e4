/**
 * Public surface of the message checker (../shared/contracts/checker.md).
 */
export type * from './types.ts';
export { checkMessage, PHISHING_AT, SUSPICIOUS_AT } from './check-message.ts';
export type { CheckMessageOptions } from './check-message.ts';
export { parseEmail } from './parse-email.ts';
export { REASONS } from './messages.ts';
export type { ReasonCode } from './messages.ts';
export { checkResultSchema } from './result-schema.ts';
