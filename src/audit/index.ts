/**
 * Audit trail (issue 6 "Audit trail"): an append-only, hash-chained log of security-relevant
 * actions. Other domains import only from here.
 */
export { type AuditInput, appendAudit } from './append-audit.ts';
export { canonicalJson } from './canonical-json.ts';
export { type AuditEntryFields, GENESIS_HASH, hashAuditEntry, sha256Hex } from './hash-audit-entry.ts';
export { verifyAuditChain } from './verify-audit-chain.ts';
export {
  type AuditProblem,
  type AuditProblemKind,
  type AuditRow,
  type AuditVerification,
  type VerifyChainOptions,
  verifyChain,
} from './verify-chain.ts';
