/**
 * Queries for the subscriber API (issue 5 "Subscribers"): everything here is scoped by operator
 * AND account in the WHERE clause itself, so a subscriber's request can never read or change
 * another account's rows, even when it names another account's event id or notice reference
 * (the caller answers "not found", revealing nothing). Functions take `db` first (style.md §6).
 */
import type { Kysely } from 'kysely';
import type { Decision } from '../engine/index.ts';
import type { AccountsTables } from './accounts.table.ts';
import type { Database } from './database.ts';
import type { StoredEvent } from './events.repository.ts';
import { parseJson } from './json.ts';
import type { Notice } from './notices.repository.ts';
import type { AuditLogRow } from './tables/audit-log.table.ts';
import type { NoticeRow } from './tables/notices.table.ts';

/** An account's event with the decision stored for it (null when none was stored). */
export interface AccountActivityRow {
  event: StoredEvent;
  decision: Decision | null;
}

export interface ListAccountActivityOptions {
  /** Only events at or after this time (epoch ms, the event's own `at`). */
  sinceMs?: number;
  /** Only events before this time (epoch ms). */
  untilMs?: number;
  /** Only these event types (contract events.md "Types"). */
  types?: readonly string[];
  /** At most this many, newest first (default 500, at most 2000). */
  limit?: number;
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
    createdAtMs: Number(row.created_at_ms),
    readAtMs: row.read_at_ms === null ? null : Number(row.read_at_ms),
  };
}

/** The account's events, each with its decision (if any), as the activity rows select them. */
function accountEvents(db: Kysely<Database>, operatorId: string, account: string) {
  return db
    .selectFrom('events')
    .leftJoin('decisions', (join) =>
      join
        .onRef('decisions.operator_id', '=', 'events.operator_id')
        .onRef('decisions.event_id', '=', 'events.id'),
    )
    .select([
      'events.operator_id',
      'events.id',
      'events.account',
      'events.type',
      'events.at',
      'events.at_ms',
      'events.received_at_ms',
      'events.payload',
      'decisions.payload as decision_payload',
    ])
    .where('events.operator_id', '=', operatorId)
    .where('events.account', '=', account);
}

/**
 * An account's events, newest first by their own time, each with its stored decision (one query,
 * through events_account_at_idx and the decisions primary key).
 *
 * @example
 * const rows = await listAccountActivity(db, 'default', 'acc_7', { sinceMs: now - 30 * 86_400_000, types: ['login', 'charge'] });
 */
export async function listAccountActivity(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  options: ListAccountActivityOptions = {},
): Promise<AccountActivityRow[]> {
  let query = accountEvents(db, operatorId, account);
  if (options.sinceMs !== undefined) query = query.where('events.at_ms', '>=', options.sinceMs);
  if (options.untilMs !== undefined) query = query.where('events.at_ms', '<', options.untilMs);
  if (options.types !== undefined) {
    if (options.types.length === 0) return [];
    query = query.where('events.type', 'in', [...options.types]);
  }
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 500)), 2000);
  const rows = await query
    .orderBy('events.at_ms', 'desc')
    .orderBy('events.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toActivityRow);
}

/** A joined events/decisions row as the activity list and the event lookup return it. */
function toActivityRow(row: {
  operator_id: string;
  id: string;
  account: string;
  type: string;
  at: string;
  at_ms: number | string;
  received_at_ms: number | string;
  payload: string;
  decision_payload: string | null;
}): AccountActivityRow {
  return {
    event: {
      operatorId: row.operator_id,
      id: row.id,
      account: row.account,
      type: row.type,
      at: row.at,
      atMs: Number(row.at_ms),
      receivedAtMs: Number(row.received_at_ms),
      event: parseJson(row.payload, `event ${row.id}`),
    },
    decision:
      row.decision_payload === null ? null : parseJson<Decision>(row.decision_payload, `decision ${row.id}`),
  };
}

/** The event with this id if it belongs to the account, else undefined (another account's id too). */
export async function findAccountEvent(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  eventId: string,
): Promise<AccountActivityRow | undefined> {
  const row = await accountEvents(db, operatorId, account)
    .where('events.id', '=', eventId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return toActivityRow(row);
}

/** The account's notice with this reference, or undefined (another account's reference too). */
export async function findAccountNotice(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  ref: string,
): Promise<Notice | undefined> {
  const row = await db
    .selectFrom('notices')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .where('ref', '=', ref)
    .executeTakeFirst();
  return row === undefined ? undefined : toNotice(row);
}

/**
 * Marks the account's notice read (the first read time is kept). Returns the notice as it is
 * afterwards, or undefined when the account has no notice with this reference.
 */
export async function markAccountNoticeRead(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  ref: string,
  atMs: number,
): Promise<Notice | undefined> {
  await db
    .updateTable('notices')
    .set({ read_at_ms: atMs })
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .where('ref', '=', ref)
    .where('read_at_ms', 'is', null)
    .execute();
  return findAccountNotice(db, operatorId, account, ref);
}

/** How many of the account's notices are unread. */
export async function countUnreadNotices(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
): Promise<number> {
  const row = await db
    .selectFrom('notices')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('operator_id', '=', operatorId)
    .where('account', '=', account)
    .where('read_at_ms', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** True when a notice with this reference was ever issued (any operator, any account). */
export async function noticeReferenceIssued(db: Kysely<Database>, ref: string): Promise<boolean> {
  const row = await db.selectFrom('notices').select('ref').where('ref', '=', ref).executeTakeFirst();
  return row !== undefined;
}

/**
 * Ends every session of every user linked to the account except `exceptSessionId` (the one the
 * request came with): a `not_me` report signs out whoever else is in, but not the person reporting.
 * Returns how many sessions ended.
 */
export async function revokeAccountSessionsExcept(
  db: Kysely<Database>,
  operatorId: string,
  account: string,
  exceptSessionId: string,
): Promise<number> {
  const t = db.withTables<AccountsTables>();
  const r = await t
    .deleteFrom('sessions')
    .where('id', '!=', exceptSessionId)
    .where(
      'user_id',
      'in',
      t.selectFrom('users').select('id').where('operator_id', '=', operatorId).where('account', '=', account),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Audit entries about the account (subject = account id), newest first. */
export async function listAccountAudit(
  db: Kysely<Database>,
  account: string,
  options: { sinceMs?: number; limit?: number } = {},
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll().where('subject', '=', account);
  if (options.sinceMs !== undefined) query = query.where('at_ms', '>=', options.sinceMs);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 50)), 500);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), at_ms: Number(r.at_ms) }));
}
