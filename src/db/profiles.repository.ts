import type { Kysely } from 'kysely';
import { bulkInsert } from './bulk-insert.ts';
import type { Database } from './database.ts';
import { chunkRows, dialectOf } from './dialect.ts';
import { parseJson, toJsonText } from './json.ts';

export interface StoredProfile<T = unknown> {
  data: T;
  version: number;
  updatedAtMs: number;
}

/**
 * The stored profiles of many accounts, in one query (per 10,000 accounts), keyed by account.
 * Accounts without a profile are simply absent from the map.
 *
 * @example
 * const profiles = await loadProfiles(db, 'default', batch.map((e) => e.account));
 */
export async function loadProfiles<T = unknown>(
  db: Kysely<Database>,
  operatorId: string,
  accounts: readonly string[],
): Promise<Map<string, StoredProfile<T>>> {
  const found = new Map<string, StoredProfile<T>>();
  const unique = [...new Set(accounts)];
  for (const chunk of chunkRows(unique, 1, dialectOf(db), 10_000)) {
    const rows = await db
      .selectFrom('profiles')
      .select(['account', 'data', 'version', 'updated_at_ms'])
      .where('operator_id', '=', operatorId)
      .where('account', 'in', chunk)
      .execute();
    for (const row of rows) {
      found.set(row.account, {
        data: parseJson<T>(row.data, `profile ${row.account}`),
        version: row.version,
        updatedAtMs: row.updated_at_ms,
      });
    }
  }
  return found;
}

export interface ProfileWrite {
  operatorId: string;
  account: string;
  /** The profile object (serialised here), or JSON text already serialised by the caller. */
  data: unknown;
  updatedAtMs: number;
}

/**
 * Inserts or replaces profiles, several rows per statement; each write bumps `version`.
 * Give at most one write per (operator, account) in a call.
 */
export async function saveProfiles(db: Kysely<Database>, writes: readonly ProfileWrite[]): Promise<void> {
  await bulkInsert(
    db,
    'profiles',
    ['operator_id', 'account', 'data', 'updated_at_ms', 'version'],
    writes.map((w) => [w.operatorId, w.account, toJsonText(w.data), w.updatedAtMs, 1]),
    { upsert: { on: ['operator_id', 'account'], set: ['data', 'updated_at_ms'], increment: 'version' } },
  );
}
