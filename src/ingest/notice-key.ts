/**
 * The per-installation key behind notice references (see engine-session.ts). Made once, kept in
 * the database, so references stay stable across restarts and cannot be guessed without it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Database, loadEngineState, saveEngineState } from '../db/index.ts';

const KEY = 'notice_key';

export async function loadOrCreateNoticeKey(db: Kysely<Database>): Promise<Uint8Array> {
  const stored = await loadEngineState<string>(db, KEY);
  if (typeof stored === 'string' && /^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
  const key = randomBytes(32);
  // A string value is taken as JSON text by saveEngineState, so quote it.
  await saveEngineState(db, { [KEY]: JSON.stringify(key.toString('hex')) });
  return key;
}

/** The cookie-signing secret kept in the database when MAMORI_COOKIE_SECRET is not set. */
export async function loadOrCreateCookieSecret(db: Kysely<Database>): Promise<string> {
  const stored = await loadEngineState<string>(db, 'cookie_secret');
  if (typeof stored === 'string' && stored.length >= 32) return stored;
  const secret = randomBytes(32).toString('base64url');
  await saveEngineState(db, { cookie_secret: JSON.stringify(secret) });
  return secret;
}
