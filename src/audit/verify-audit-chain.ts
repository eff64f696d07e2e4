import type { Kysely } from 'kysely';
import { type Database, listAllAuditRows } from '../db/index.ts';
import { type AuditVerification, type VerifyChainOptions, verifyChain } from './verify-chain.ts';

/**
 * Reads the whole audit log and verifies its hash chain (see verifyChain for what each problem
 * kind means).
 *
 * @example
 * const { ok, problems } = await verifyAuditChain(db);
 */
export async function verifyAuditChain(
  db: Kysely<Database>,
  options: VerifyChainOptions = {},
): Promise<AuditVerification> {
  return verifyChain(await listAllAuditRows(db), options);
}
