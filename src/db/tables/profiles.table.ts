import type { Insertable, Selectable } from 'kysely';

/** The engine's per-account profile, stored as opaque JSON text owned by src/engine/. */
export interface ProfilesTable {
  operator_id: string;
  account: string;
  data: string;
  updated_at_ms: number;
  /** Incremented on every write; lets a caller detect a concurrent writer. */
  version: number;
}

export type ProfileRow = Selectable<ProfilesTable>;
export type NewProfileRow = Insertable<ProfilesTable>;
