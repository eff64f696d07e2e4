/**
 * Test support (not exported from index.ts): the databases a storage spec runs on. PostgreSQL
 * runs when a server answers at MAMORI_TEST_DATABASE_URL (default the local 127.0.0.1:5432/test);
 * each opened test database lives in its own schema, dropped on close, so test files and test
 * runs can share one server in parallel.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type OpenDatabaseOptions, type OpenedDatabase, openDatabase, redactUrl } from './connect.ts';
import type { DialectName } from './dialect.ts';
import { migrateToLatest } from './migrate.ts';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export const PG_TEST_URL = process.env.MAMORI_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** True when PostgreSQL accepts a connection within `timeoutMs`. */
export async function postgresReachable(url: string = PG_TEST_URL, timeoutMs = 1_500): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probe: Promise<boolean> | undefined;

/** Probes PostgreSQL once per test file and says so when its tests are skipped. */
export function postgresAvailable(): Promise<boolean> {
  probe ??= postgresReachable().then((ok) => {
    if (!ok) {
      console.log(`PostgreSQL not reachable at ${redactUrl(PG_TEST_URL)}: skipping PostgreSQL storage tests`);
    }
    return ok;
  });
  return probe;
}

/** A fresh, migrated database: SQLite in memory, or a new PostgreSQL schema dropped by close(). */
export async function openTestDatabase(
  dialect: DialectName,
  options: Omit<OpenDatabaseOptions, 'url' | 'file' | 'schema' | 'env'> = {},
): Promise<OpenedDatabase> {
  if (dialect === 'sqlite') return openDatabase({ ...options, file: ':memory:' });
  const schema = `mamori_test_${randomBytes(6).toString('hex')}`;
  const opened = await openDatabase({ ...options, url: PG_TEST_URL, schema, poolSize: 4, migrate: false });
  const test: OpenedDatabase = {
    ...opened,
    async close() {
      try {
        await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(opened.db);
      } finally {
        await opened.close();
      }
    },
  };
  if (options.migrate !== false) {
    // Migrate after wrapping, so a failed migration still drops its schema.
    await migrateToLatest(opened.db).catch(async (error: unknown) => {
      await test.close();
      throw error;
    });
  }
  return test;
}
