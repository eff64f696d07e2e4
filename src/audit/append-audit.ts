import type { Kysely } from 'kysely';
import { appendAuditRow, type Database } from '../db/index.ts';
import { canonicalJson } from './canonical-json.ts';
import { GENESIS_HASH, hashAuditEntry } from './hash-audit-entry.ts';
import type { AuditRow } from './verify-chain.ts';

export interface AuditInput {
  /** Who did it: `subscriber:acc_7`, `operator:alice`, `api_key:k_12`, `cli`, `engine`… */
  actor: string;
  /** What, as a dotted verb: `auth.sign_in`, `mfa.enabled`, `account.lock`, `report.create`… */
  action: string;
  /** What it is about. For an account's actions, the account id itself (evidence reports cite by it). */
  subject: string;
  /** Any JSON details (no secrets: they stay in the log for good). */
  data?: unknown;
  /** When it happened (epoch ms); the caller owns the clock. */
  atMs: number;
}

/**
 * Appends one entry to the hash-chained audit log and returns it. Safe under concurrent appends
 * (the head is read under a write lock, see appendAuditRow in src/db). Pass a transaction to
 * make the entry part of the change it records.
 *
 * @example
 * await appendAudit(db, { actor: 'operator:alice', action: 'account.unlock', subject: 'acc_7', data: { case: 'C-000123' }, atMs: Date.now() });
 */
export async function appendAudit(db: Kysely<Database>, input: AuditInput): Promise<AuditRow> {
  if (!Number.isSafeInteger(input.atMs)) {
    throw new TypeError(`atMs: unexpected ${input.atMs}, expected epoch milliseconds`);
  }
  // Stored as canonical JSON text; the hash covers the parsed value, so it is the same on both
  // databases whatever they do to whitespace.
  const dataText = canonicalJson(input.data ?? {});
  const data: unknown = JSON.parse(dataText);
  return appendAuditRow(db, (head) => {
    const fields = {
      seq: (head?.seq ?? 0) + 1,
      at_ms: input.atMs,
      actor: input.actor,
      action: input.action,
      subject: input.subject,
      prev_hash: head?.hash ?? GENESIS_HASH,
    };
    return { ...fields, data: dataText, hash: hashAuditEntry({ ...fields, data }) };
  });
}
