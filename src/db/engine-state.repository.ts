import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { parseJson, toJsonText } from './json.ts';

/**
 * The engine's cross-account state stored under `key`, or undefined.
 *
 * @example
 * const global = await loadEngineState(db, 'global');
 */
export async function loadEngineState<T = unknown>(
  db: Kysely<Database>,
  key: string,
): Promise<T | undefined> {
  const row = await db.selectFrom('engine_state').select('data').where('key', '=', key).executeTakeFirst();
  return row === undefined ? undefined : parseJson<T>(row.data, `engine state ${key}`);
}

/** Stores (inserts or replaces) state under each key; a string value is taken as JSON text. */
export async function saveEngineState(
  db: Kysely<Database>,
  entries: Readonly<Record<string, unknown>>,
): Promise<void> {
  const rows = Object.entries(entries).map(([key, data]) => ({ key, data: toJsonText(data) }));
  if (rows.length === 0) return;
  await db
    .insertInto('engine_state')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ data: eb.ref('excluded.data') })))
    .execute();
}
