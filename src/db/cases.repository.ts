import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { parseJson } from './json.ts';
import type { CaseRow, CaseStatus } from './tables/cases.table.ts';

export const CASE_STATUSES: readonly CaseStatus[] = Object.freeze([
  'open',
  'confirmed_fraud',
  'legitimate',
  'closed',
]);

const CASE_COUNTER = 'case';

export interface Case {
  id: string;
  operatorId: string;
  account: string;
  status: CaseStatus;
  decision: string;
  score: number;
  eventId: string | null;
  openedAtMs: number;
  updatedAtMs: number;
  payload: unknown;
}

/** `C-` and the number, at least six digits: 123 → C-000123. */
export function formatCaseId(seq: number): string {
  return `C-${String(seq).padStart(6, '0')}`;
}

/** The number inside a case id, or undefined when `id` is not one. */
export function parseCaseId(id: string): number | undefined {
  const m = /^C-(\d{6,15})$/.exec(id);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

/**
 * Reserves `count` consecutive case numbers with one statement (an upsert on the `counters` row,
 * which works the same on SQLite and PostgreSQL and is locked by the row for concurrent writers).
 * Inside a transaction, a rollback gives the numbers back.
 */
export async function reserveCaseIds(db: Kysely<Database>, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const row = await db
    .insertInto('counters')
    .values({ name: CASE_COUNTER, value: count })
    .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + ${count}` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  const last = Number(row.value);
  return Array.from({ length: count }, (_, i) => formatCaseId(last - count + 1 + i));
}

/**
 * The next case id (C-000001, C-000002, …).
 *
 * @example
 * const id = await nextCaseId(db); // 'C-000124'
 */
export async function nextCaseId(db: Kysely<Database>): Promise<string> {
  const [id] = await reserveCaseIds(db, 1);
  return id as string;
}

function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    operatorId: row.operator_id,
    account: row.account,
    status: row.status,
    decision: row.decision,
    score: row.score,
    eventId: row.event_id,
    openedAtMs: row.opened_at_ms,
    updatedAtMs: row.updated_at_ms,
    payload: parseJson(row.payload, `case ${row.id}`),
  };
}

/** One case, or undefined. */
export async function getCase(db: Kysely<Database>, id: string): Promise<Case | undefined> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

export interface CaseFilters {
  operatorId?: string;
  status?: CaseStatus | readonly CaseStatus[];
  account?: string;
  /** Only cases numbered below this id (for paging newest first). */
  before?: string;
  /** At most this many (default 100, at most 1000). */
  limit?: number;
}

/** Cases matching the filters, newest first. */
export async function listCases(db: Kysely<Database>, filters: CaseFilters = {}): Promise<Case[]> {
  let query = db.selectFrom('cases').selectAll();
  if (filters.operatorId !== undefined) query = query.where('operator_id', '=', filters.operatorId);
  if (filters.account !== undefined) query = query.where('account', '=', filters.account);
  if (filters.status !== undefined) {
    const statuses = typeof filters.status === 'string' ? [filters.status] : [...filters.status];
    if (statuses.length === 0) return [];
    query = query.where('status', 'in', statuses);
  }
  if (filters.before !== undefined) {
    const seq = parseCaseId(filters.before);
    if (seq !== undefined) query = query.where('seq', '<', seq);
  }
  const limit = Math.min(Math.max(1, Math.trunc(filters.limit ?? 100)), 1000);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(toCase);
}

/** Sets a case's status (e.g. confirmed_fraud after review). Returns false if there is no such case. */
export async function updateCaseStatus(
  db: Kysely<Database>,
  id: string,
  status: CaseStatus,
  atMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('cases')
    .set({ status, updated_at_ms: atMs })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
