import type { Insertable, Selectable } from 'kysely';

/** Cross-account engine state (e.g. one network failing on many accounts), keyed by name. */
export interface EngineStateTable {
  key: string;
  data: string;
}

export type EngineStateRow = Selectable<EngineStateTable>;
export type NewEngineStateRow = Insertable<EngineStateTable>;
