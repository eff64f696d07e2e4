import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { NewNoticeRow } from './tables/notices.table.ts';

/**
 * Inserts notices that are sent once per account and key (the key is kept in `event_id`, e.g.
 * `reminder:statement_review:2026-12`): accounts that already have a notice with that key are
 * skipped, so sending the month's reminders twice changes nothing. Returns how many were new.
 */
export async function insertOncePerAccount(
  db: Kysely<Database>,
  rows: readonly NewNoticeRow[],
): Promise<number> {
  if (rows.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const keys = [...new Set(rows.map((r) => r.event_id).filter((k): k is string => typeof k === 'string'))];
    const existing = keys.length
      ? await trx
          .selectFrom('notices')
          .select(['operator_id', 'account', 'event_id'])
          .where('event_id', 'in', keys)
          .execute()
      : [];
    const seen = new Set(existing.map((e) => `${e.operator_id}|${e.account}|${e.event_id}`));
    const fresh = rows.filter((r) => !seen.has(`${r.operator_id}|${r.account}|${r.event_id}`));
    for (let i = 0; i < fresh.length; i += 500)
      await trx
        .insertInto('notices')
        .values(fresh.slice(i, i + 500))
        .execute();
    return fresh.length;
  });
}
