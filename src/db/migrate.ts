import { type Kysely, type MigrationResult, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { MamoriError } from '../errors.ts';
import { dialectOf } from './dialect.ts';
import { migrationProvider } from './migrations/index.ts';

/**
 * On PostgreSQL the migration bookkeeping tables are pinned to the current schema (the first on
 * search_path). Without that, Kysely's existence check (its introspector looks at every schema)
 * finds kysely_migration in some other schema of the same database and never creates ours.
 */
async function migrator<DB>(db: Kysely<DB>): Promise<Migrator> {
  if (dialectOf(db) !== 'postgres') return new Migrator({ db, provider: migrationProvider });
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (schema === undefined || schema === null) {
    throw new MamoriError('db_no_schema', 'PostgreSQL: no schema on search_path to keep migrations in', {
      status: 500,
    });
  }
  return new Migrator({ db, provider: migrationProvider, migrationTableSchema: schema });
}

function check(error: unknown, results: MigrationResult[] | undefined): MigrationResult[] {
  if (error !== undefined && error !== null) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MamoriError('db_migration_failed', `database migration ${failed} failed: ${String(error)}`, {
      status: 500,
      cause: error,
    });
  }
  return results ?? [];
}

/**
 * Brings the schema up to the newest migration (a no-op when it already is). Kysely's Migrator
 * takes a lock, so several processes may call this at once.
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await (await migrator(db)).migrateToLatest();
  return check(error, results);
}

/** Runs every migration's `down`, newest first, leaving no Mamori tables behind. */
export async function migrateDownAll<DB>(db: Kysely<DB>): Promise<MigrationResult[]> {
  const { error, results } = await (await migrator(db)).migrateTo(NO_MIGRATIONS);
  return check(error, results);
}
