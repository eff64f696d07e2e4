import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** The slice of better-sqlite3's Database this wrapper uses (as Kysely's dialect config does). */
export interface PreparingDatabase {
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/**
 * Wraps a better-sqlite3 handle so that Kysely's SqliteDriver, which calls `prepare(sql)` for every
 * query, reuses the prepared statement for SQL text it has seen (least recently used out past
 * `capacity`). Parsing a 1,000-row INSERT costs more than running it, and a batch store repeats
 * the same few statements, so this roughly doubles write throughput. Safe because the driver runs
 * one query at a time on SQLite's single connection (a statement is never in use twice at once).
 */
export function withStatementCache(database: PreparingDatabase, capacity = 200): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    prepare(sql: string): SqliteStatement {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        cache.delete(sql); // re-insert: Map order is the recency order
        cache.set(sql, hit);
        return hit;
      }
      const statement = database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest !== undefined) cache.delete(oldest);
      }
      return statement;
    },
    close(): void {
      cache.clear();
      database.close();
    },
  };
}
