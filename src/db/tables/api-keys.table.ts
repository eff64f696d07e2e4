import type { Insertable, Selectable } from 'kysely';

/**
 * An operator's API key. Only the SHA-256 hex of the secret is kept: the secret is 256 random
 * bits, so a fast unsalted hash cannot be brute-forced and lookups stay one indexed query.
 */
export interface ApiKeysTable {
  id: string;
  operator_id: string;
  name: string;
  key_hash: string;
  /** First characters of the secret, shown in listings so a person can tell keys apart. */
  prefix: string;
  created_at_ms: number;
  revoked_at_ms: number | null;
  last_used_at_ms: number | null;
}

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type NewApiKeyRow = Insertable<ApiKeysTable>;
