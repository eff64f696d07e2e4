/**
 * Public surface of the message checker (../shared/contracts/checker.md).
 */

export type { CheckMessageOptions } from './check-message.ts';
export { checkMessage, PHISHING_AT, SUSPICIOUS_AT } from './check-message.ts';
export type { ReasonCode } from './messages.ts';
export { REASONS } from './messages.ts';
export { parseEmail } from './parse-email.ts';
export { checkResultSchema } from './result-schema.ts';
export type * from './types.ts';
