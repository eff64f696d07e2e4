import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';
import { chunkRows, type DialectName, dialectOf, rowsPerChunk } from './dialect.ts';

type Table = keyof Database & string;
type ColumnOf<T extends Table> = keyof Database[T] & string;

export interface BulkInsertOptions<T extends Table> {
  /** Adds `ON CONFLICT (these columns) DO NOTHING`: rows that already exist are skipped. */
  ignoreConflictOn?: readonly ColumnOf<T>[];
  /**
   * Adds `ON CONFLICT (on) DO UPDATE SET c = excluded.c …` for `set`, and `increment = increment + 1`
   * (e.g. a version column). Rows in one call must not repeat a conflict key (PostgreSQL refuses).
   */
  upsert?: { on: readonly ColumnOf<T>[]; set: readonly ColumnOf<T>[]; increment?: ColumnOf<T> };
  /** Adds `RETURNING these columns` (SQLite ≥ 3.35 and PostgreSQL both return only inserted rows). */
  returning?: readonly ColumnOf<T>[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const sqlCache = new Map<string, string>();

function insertSql<T extends Table>(
  dialect: DialectName,
  table: T,
  columns: readonly string[],
  rowCount: number,
  options: BulkInsertOptions<T>,
): string {
  const { ignoreConflictOn, upsert, returning } = options;
  const cacheKey = [
    dialect,
    table,
    columns.join(','),
    rowCount,
    ignoreConflictOn?.join(',') ?? '',
    upsert === undefined ? '' : `${upsert.on.join(',')}/${upsert.set.join(',')}/${upsert.increment ?? ''}`,
    returning?.join(',') ?? '',
  ].join('|');
  const cached = sqlCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const width = columns.length;
  const tuples: string[] = new Array(rowCount);
  for (let r = 0; r < rowCount; r++) {
    const marks: string[] = new Array(width);
    for (let c = 0; c < width; c++) marks[c] = dialect === 'postgres' ? `$${r * width + c + 1}` : '?';
    tuples[r] = `(${marks.join(', ')})`;
  }
  let text = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values ${tuples.join(', ')}`;
  if (ignoreConflictOn !== undefined)
    text += ` on conflict (${ignoreConflictOn.map(quote).join(', ')}) do nothing`;
  if (upsert !== undefined) {
    const sets = upsert.set.map((c) => `${quote(c)} = excluded.${quote(c)}`);
    if (upsert.increment !== undefined) {
      sets.push(`${quote(upsert.increment)} = ${quote(table)}.${quote(upsert.increment)} + 1`);
    }
    text += ` on conflict (${upsert.on.map(quote).join(', ')}) do update set ${sets.join(', ')}`;
  }
  if (returning !== undefined && returning.length > 0)
    text += ` returning ${returning.map(quote).join(', ')}`;
  if (sqlCache.size > 500) sqlCache.clear(); // bounded: only a few shapes exist in practice
  sqlCache.set(cacheKey, text);
  return text;
}

/** Up to this many rows go in one statement of their exact size (the small batches of HTTP ingest). */
const EXACT_UP_TO = 16;

/**
 * Full chunks, then the remainder split into powers of two (37 → 32 + 4 + 1), so that a table sees
 * only a few distinct statement shapes and their prepared statements stay cached. A remainder of
 * at most EXACT_UP_TO rows stays one statement: a handful more shapes, one statement fewer for
 * nearly every small batch.
 */
function stableChunks<T>(rows: readonly T[], width: number, dialect: DialectName): T[][] {
  const chunks = chunkRows(rows, width, dialect);
  const full = rowsPerChunk(width, dialect);
  const last = chunks[chunks.length - 1];
  if (last === undefined || last.length === full || last.length <= EXACT_UP_TO) return chunks;
  chunks.pop();
  let offset = 0;
  for (let size = 1 << Math.floor(Math.log2(last.length)); size >= 1; size >>= 1) {
    if (last.length - offset >= size) {
      chunks.push(last.slice(offset, offset + size));
      offset += size;
    }
  }
  return chunks;
}

/**
 * Inserts many rows, given as value arrays in `columns` order, with as few statements as the
 * dialect's parameter limit allows. The hot path of {@link storeProcessed}: the SQL text of a
 * full chunk is built once and reused (and on SQLite the prepared statement too), instead of
 * rebuilding a query tree of thousands of values per batch. Runs on the given connection or
 * transaction like any Kysely query.
 */
export async function bulkInsert<T extends Table, R = Record<string, unknown>>(
  db: Kysely<Database>,
  table: T,
  columns: readonly ColumnOf<T>[],
  rows: readonly (readonly unknown[])[],
  options: BulkInsertOptions<T> = {},
): Promise<R[]> {
  if (rows.length === 0) return [];
  const dialect = dialectOf(db);
  const returned: R[] = [];
  for (const chunk of stableChunks(rows, columns.length, dialect)) {
    const text = insertSql(dialect, table, columns, chunk.length, options);
    const parameters: unknown[] = [];
    for (const row of chunk) for (const value of row) parameters.push(value);
    const result = await db.executeQuery<R>(CompiledQuery.raw(text, parameters));
    for (const row of result.rows) returned.push(row);
  }
  return returned;
}
