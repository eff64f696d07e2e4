import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { DEFAULT_OPERATOR } from './dialect.ts';
import type { NoticeRow } from './tables/notices.table.ts';

export interface Notice {
  ref: string;
  operatorId: string;
  account: string;
  kind: string;
  title: string;
  body: string;
  lang: string;
  eventId: string | null;
  createdAtMs: number;
  readAtMs: number | null;
}

function toNotice(row: NoticeRow): Notice {
  return {
    ref: row.ref,
    operatorId: row.operator_id,
    account: row.account,
    kind: row.kind,
    title: row.title,
    body: row.body,
    lang: row.lang,
    eventId: row.event_id,
    createdAtMs: row.created_at_ms,
    readAtMs: row.read_at_ms,
  };
}

export interface ListNoticesOptions {
  operatorId?: string;
  unreadOnly?: boolean;
  /** At most this many (default 50, at most 500). */
  limit?: number;
}

/**
 * A subscriber's message box, newest first.
 *
 * @example
 * const box = await listNotices(db, 'acc_7', { unreadOnly: true });
 */
export async function listNotices(
  db: Kysely<Database>,
  account: string,
  options: ListNoticesOptions = {},
): Promise<Notice[]> {
  let query = db
    .selectFrom('notices')
    .selectAll()
    .where('operator_id', '=', options.operatorId ?? DEFAULT_OPERATOR)
    .where('account', '=', account);
  if (options.unreadOnly === true) query = query.where('read_at_ms', 'is', null);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
  const rows = await query.orderBy('created_at_ms', 'desc').orderBy('ref').limit(limit).execute();
  return rows.map(toNotice);
}

/** The notice with this reference (as a subscriber types it from the message), or undefined. */
export async function findNoticeByRef(db: Kysely<Database>, ref: string): Promise<Notice | undefined> {
  const row = await db.selectFrom('notices').selectAll().where('ref', '=', ref).executeTakeFirst();
  return row === undefined ? undefined : toNotice(row);
}

/** Marks a notice read; the first read time is kept. Returns false when it was already read or is unknown. */
export async function markRead(db: Kysely<Database>, ref: string, atMs: number): Promise<boolean> {
  const result = await db
    .updateTable('notices')
    .set({ read_at_ms: atMs })
    .where('ref', '=', ref)
    .where('read_at_ms', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
