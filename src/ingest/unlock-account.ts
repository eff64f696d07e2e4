/**
 * Lifts an account's lock in storage: the engine profile (so later events are decided as
 * unlocked) and the lock rows. Run it inside the caller's transaction, beside the audit entry
 * that records who unlocked. Returns how many lock rows were lifted.
 */
import type { Kysely } from 'kysely';
import { type Database, loadProfiles, saveProfiles, unlockAccount } from '../db/index.ts';
import { type Profile, unlock } from '../engine/index.ts';

export async function unlockAccountState(
  trx: Kysely<Database>,
  operatorId: string,
  account: string,
  atMs: number,
): Promise<number> {
  const stored = (await loadProfiles<Profile>(trx, operatorId, [account])).get(account);
  if (stored) {
    const { profile } = unlock(stored.data);
    await saveProfiles(trx, [{ operatorId, account, data: profile, updatedAtMs: atMs }]);
  }
  return unlockAccount(trx, operatorId, account, atMs);
}
