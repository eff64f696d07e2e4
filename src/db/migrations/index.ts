import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './2026-11-25T12-00-00-initial.ts';
import * as accounts from './2026-11-25T14-00-00-accounts.ts';
import * as operator from './2026-11-25T16-00-00-operator.ts';

/**
 * Every migration, by timestamped name (the Migrator runs them in name order). Listed in code
 * rather than found by scanning a folder, so migrations run the same from tsx, tests and a bundle.
 */
export const migrations: Readonly<Record<string, Migration>> = Object.freeze({
  '2026-11-25T12-00-00-initial': initial,
  '2026-11-25T14-00-00-accounts': accounts,
  '2026-11-25T16-00-00-operator': operator,
});

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => ({ ...migrations }),
};
