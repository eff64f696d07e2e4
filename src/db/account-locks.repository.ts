import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { AccountLockRow } from './tables/account-locks.table.ts';

export interface AccountLock {
  id: number;
  operatorId: string;
  account: string;
  lockedAtMs: number;
  reason: string;
  eventId: string | null;
  unlockedAtMs: number | null;
}

function toLock(row: AccountLockRow): AccountLock {
  return {
    id: Number(row.id),
    operatorId: row.operator_id,
    account: row.account,
    lockedAtMs: row.locked_at_ms,
    reason: row.reason,
    eventId: row.event_id,
    unlockedAtMs: row.unlocked_at_ms,
  };
}

/** Locks an account outside a batch (e.g. an operator's manual lock). */
export async function lockAccount(
  db: Kysely<Database>,
  lock: { operatorId: string; account: string; lockedAtMs: number; reason: string; eventId?: string | null },
): Promise<void> {
  await db
    .insertInto('account_locks')
    .values({
      operator_id: lock.operatorId,
      account: lock.account,
      locked_at_ms: lock.lockedAtMs,
      reason: lock.reason,
      event_id: lock.eventId ?? null,
    })
    .execute();
}

/** The newest lock still in force on the account, or undefined when billing is not suspended. */
export async function findActiveLock(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
): Promise<AccountLock | undefined> {
  const row = await db
    .selectFrom('account_locks')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .where('unlocked_at_ms', 'is', null)
    .orderBy('locked_at_ms', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row === undefined ? undefined : toLock(row);
}

/** Every lock ever placed on the account, oldest first. */
export async function listLocks(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
): Promise<AccountLock[]> {
  const rows = await db
    .selectFrom('account_locks')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .orderBy('locked_at_ms')
    .orderBy('id')
    .execute();
  return rows.map(toLock);
}

/** Lifts every lock in force on the account. Returns how many were lifted. */
export async function unlockAccount(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  atMs: number,
): Promise<number> {
  const result = await db
    .updateTable('account_locks')
    .set({ unlocked_at_ms: atMs })
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .where('unlocked_at_ms', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
