import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from './database.ts';
import { dialectOf } from './dialect.ts';
import type { AuditLogRow } from './tables/audit-log.table.ts';

/** The last entry of the chain as an appender needs it: where to continue and what to link to. */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

/** What the sealing callback returns: the whole row, with its own `seq` and `hash`. */
export type SealedAuditRow = AuditLogRow;

/**
 * Appends one row to `audit_log` with the chain head read under a write lock, so concurrent
 * appenders (threads of one server, several processes, several servers on one PostgreSQL) never
 * link two entries to the same predecessor.
 *
 * `seal(head)` gets the current last entry (undefined for an empty log) and returns the complete
 * row (`seq = head.seq + 1`, `prev_hash = head.hash`, its `hash`); it runs inside the transaction.
 * The seq is written explicitly, so the chain is numbered without gaps (a rolled-back PostgreSQL
 * transaction would otherwise burn a serial value, and a gap must mean a removed entry).
 *
 * Locking: PostgreSQL takes a transaction-level advisory lock keyed by the current schema (two
 * schemas on one server do not wait for each other); SQLite starts the write transaction at once
 * with a no-op UPDATE (the same as BEGIN IMMEDIATE: the RESERVED lock is taken when a writing
 * statement starts, before the head is read, and busy_timeout makes other writers wait).
 * Inside a caller's transaction it joins that transaction.
 *
 * @example
 * const row = await appendAuditRow(db, (head) => seal({ seq: (head?.seq ?? 0) + 1, prev_hash: head?.hash ?? GENESIS, … }));
 */
export async function appendAuditRow(
  db: Kysely<Database>,
  seal: (head: AuditChainHead | undefined) => SealedAuditRow,
): Promise<SealedAuditRow> {
  const run = async (trx: Kysely<Database>) => {
    if (dialectOf(trx) === 'postgres') {
      await sql`select pg_advisory_xact_lock(hashtext('mamori.audit_log'), hashtext(current_schema()))`.execute(
        trx,
      );
    } else {
      await sql`update audit_log set seq = seq where 0 = 1`.execute(trx);
    }
    const head = await lastAuditRow(trx);
    const row = seal(head === undefined ? undefined : { seq: head.seq, hash: head.hash });
    await trx.insertInto('audit_log').values(row).execute();
    return row;
  };
  return db.isTransaction ? run(db) : db.transaction().execute((trx: Transaction<Database>) => run(trx));
}

/** The newest audit row, or undefined when the log is empty. */
export async function lastAuditRow(db: Kysely<Database>): Promise<AuditLogRow | undefined> {
  const row = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : normaliseRow(row);
}

export interface ListAuditRowsOptions {
  /** Only rows with seq greater than this (paging). */
  afterSeq?: number;
  /** At most this many (default 1000, at most 10,000). */
  limit?: number;
  /** Only rows about this subject. */
  subject?: string;
  /** Only rows at or after this time (epoch ms). */
  sinceMs?: number;
  /** Only rows before this time (epoch ms). */
  untilMs?: number;
}

/**
 * Audit rows in chain order (seq ascending), a page at a time.
 *
 * @example
 * for (let after = 0; ; ) { const page = await listAuditRows(db, { afterSeq: after }); if (!page.length) break; after = page.at(-1).seq; }
 */
export async function listAuditRows(
  db: Kysely<Database>,
  options: ListAuditRowsOptions = {},
): Promise<AuditLogRow[]> {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.afterSeq !== undefined) query = query.where('seq', '>', options.afterSeq);
  if (options.subject !== undefined) query = query.where('subject', '=', options.subject);
  if (options.sinceMs !== undefined) query = query.where('at_ms', '>=', options.sinceMs);
  if (options.untilMs !== undefined) query = query.where('at_ms', '<', options.untilMs);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 1000)), 10_000);
  const rows = await query.orderBy('seq', 'asc').limit(limit).execute();
  return rows.map(normaliseRow);
}

/** Every audit row, in chain order, read in pages (the whole log is held in memory). */
export async function listAllAuditRows(db: Kysely<Database>): Promise<AuditLogRow[]> {
  const all: AuditLogRow[] = [];
  let after = 0;
  for (;;) {
    const page = await listAuditRows(db, { afterSeq: after, limit: 10_000 });
    all.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < 10_000) return all;
    after = last.seq;
  }
}

/** The audit rows with these seq numbers (missing ones are simply absent), in seq order. */
export async function findAuditRows(db: Kysely<Database>, seqs: readonly number[]): Promise<AuditLogRow[]> {
  const unique = [...new Set(seqs)];
  const found: AuditLogRow[] = [];
  for (let i = 0; i < unique.length; i += 10_000) {
    const chunk = unique.slice(i, i + 10_000);
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', 'in', chunk).execute();
    found.push(...rows.map(normaliseRow));
  }
  return found.sort((a, b) => a.seq - b.seq);
}

/** PostgreSQL serial/int8 may arrive as strings depending on the pool's parsers; hashing needs numbers. */
function normaliseRow(row: AuditLogRow): AuditLogRow {
  return typeof row.seq === 'number' && typeof row.at_ms === 'number'
    ? row
    : { ...row, seq: Number(row.seq), at_ms: Number(row.at_ms) };
}
