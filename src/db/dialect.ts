import { type Kysely, PostgresAdapter } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/** Which database a Kysely instance (or transaction) talks to. */
export function dialectOf<DB>(db: Kysely<DB>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Bound parameters allowed in one statement: SQLite's SQLITE_MAX_VARIABLE_NUMBER is 32766 since
 * 3.32 (better-sqlite3 12 bundles 3.5x); PostgreSQL's wire protocol counts parameters in an int16,
 * so 65535. We stay a little under both.
 */
export const MAX_PARAMETERS: Readonly<Record<DialectName, number>> = Object.freeze({
  sqlite: 32_000,
  postgres: 65_000,
});

/**
 * Rows per multi-row INSERT. Bigger statements stop paying off well before the parameter limit
 * (measured: SQLite parse time grows with statement size), so rows per chunk are also capped.
 */
export const MAX_ROWS_PER_INSERT = 1_000;

/** Rows per chunk for `columns` per row under the dialect's parameter limit. */
export function rowsPerChunk(
  columns: number,
  dialect: DialectName,
  maxRows: number = MAX_ROWS_PER_INSERT,
): number {
  return Math.max(1, Math.min(maxRows, Math.floor(MAX_PARAMETERS[dialect] / columns)));
}

/** Splits `rows` into chunks that respect the dialect's parameter limit for `columns` per row. */
export function chunkRows<T>(
  rows: readonly T[],
  columns: number,
  dialect: DialectName,
  maxRows: number = MAX_ROWS_PER_INSERT,
): T[][] {
  const size = rowsPerChunk(columns, dialect, maxRows);
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** The default operator, for single-tenant deployments (contract: ids are unique per operator). */
export const DEFAULT_OPERATOR = 'default';
