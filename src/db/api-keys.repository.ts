import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { ApiKeyRow } from './tables/api-keys.table.ts';

/** Secrets look like `mk_` + 43 base64url characters (256 random bits). */
export const API_KEY_PREFIX = 'mk_';
/** Characters of the secret kept in the clear for listings (`mk_` + 8). */
const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

export interface ApiKey {
  id: string;
  operatorId: string;
  name: string;
  /** The first characters of the secret, e.g. `mk_Q2x9LpA0`, to tell keys apart. */
  prefix: string;
  createdAtMs: number;
  revokedAtMs: number | null;
  lastUsedAtMs: number | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    operatorId: row.operator_id,
    name: row.name,
    prefix: row.prefix,
    createdAtMs: row.created_at_ms,
    revokedAtMs: row.revoked_at_ms,
    lastUsedAtMs: row.last_used_at_ms,
  };
}

/**
 * SHA-256 hex of a secret. A fast hash is right here: the secret is 256 random bits, so there is
 * nothing to guess, and the server looks a key up on every request.
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/**
 * Creates a key and returns its secret. The secret is shown this once and never stored.
 *
 * @example
 * const { key, secret } = await createApiKey(db, { operatorId: 'default', name: 'ingest', nowMs: Date.now() });
 */
export async function createApiKey(
  db: Kysely<Database>,
  options: { operatorId: string; name: string; nowMs: number },
): Promise<{ key: ApiKey; secret: string }> {
  const secret = API_KEY_PREFIX + randomBytes(32).toString('base64url');
  const row: ApiKeyRow = {
    id: `key_${randomBytes(8).toString('hex')}`,
    operator_id: options.operatorId,
    name: options.name,
    key_hash: hashApiKey(secret),
    prefix: secret.slice(0, DISPLAY_PREFIX_LENGTH),
    created_at_ms: options.nowMs,
    revoked_at_ms: null,
    last_used_at_ms: null,
  };
  await db.insertInto('api_keys').values(row).execute();
  return { key: toApiKey(row), secret };
}

/** The key with this hash if it exists and is not revoked; revoked keys are treated as unknown. */
export async function findApiKeyByHash(db: Kysely<Database>, keyHash: string): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', keyHash)
    .where('revoked_at_ms', 'is', null)
    .executeTakeFirst();
  return row === undefined ? undefined : toApiKey(row);
}

/** Records that a key was used (callers may throttle this; it is informational). */
export async function touchApiKey(db: Kysely<Database>, id: string, atMs: number): Promise<void> {
  await db.updateTable('api_keys').set({ last_used_at_ms: atMs }).where('id', '=', id).execute();
}

/** Revokes a key. Returns false when there is no such key or it was already revoked. */
export async function revokeApiKey(db: Kysely<Database>, id: string, atMs: number): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at_ms: atMs })
    .where('id', '=', id)
    .where('revoked_at_ms', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Keys (revoked ones too, so a listing shows them), oldest first. */
export async function listApiKeys(db: Kysely<Database>, operatorId?: string): Promise<ApiKey[]> {
  let query = db.selectFrom('api_keys').selectAll();
  if (operatorId !== undefined) query = query.where('operator_id', '=', operatorId);
  const rows = await query.orderBy('created_at_ms').orderBy('id').execute();
  return rows.map(toApiKey);
}
