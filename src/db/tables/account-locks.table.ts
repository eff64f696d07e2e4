import type { Generated, Insertable, Selectable } from 'kysely';

/** Carrier billing suspended on an account, until `unlocked_at_ms` is set. */
export interface AccountLocksTable {
  id: Generated<number>;
  operator_id: string;
  account: string;
  locked_at_ms: number;
  reason: string;
  event_id: string | null;
  unlocked_at_ms: number | null;
}

export type AccountLockRow = Selectable<AccountLocksTable>;
export type NewAccountLockRow = Insertable<AccountLocksTable>;
