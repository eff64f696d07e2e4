import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.ts';

/** `prev_hash` of the first entry: 64 zeros (no predecessor). */
export const GENESIS_HASH = '0'.repeat(64);

/** SHA-256 of a UTF-8 string, lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The fields an audit entry's hash covers (everything but the hash itself). */
export interface AuditEntryFields {
  seq: number;
  at_ms: number;
  actor: string;
  action: string;
  subject: string;
  /** The parsed `data` JSON. */
  data: unknown;
  prev_hash: string;
}

/**
 * SHA-256 over the canonical JSON of seq, at_ms, actor, action, subject, data and prev_hash. The
 * seq is covered, so an entry moved to another place no longer verifies there; prev_hash is
 * covered, so each entry fixes everything before it.
 *
 * @example
 * hashAuditEntry({ seq: 1, at_ms: 0, actor: 'cli', action: 'report.create', subject: 'acc_7', data: {}, prev_hash: GENESIS_HASH });
 */
export function hashAuditEntry(fields: AuditEntryFields): string {
  return sha256Hex(
    canonicalJson({
      seq: fields.seq,
      at_ms: fields.at_ms,
      actor: fields.actor,
      action: fields.action,
      subject: fields.subject,
      data: fields.data,
      prev_hash: fields.prev_hash,
    }),
  );
}
