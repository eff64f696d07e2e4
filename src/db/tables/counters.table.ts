import type { Selectable } from 'kysely';

/**
 * Named counters (e.g. `case`). A table rather than a PostgreSQL sequence so that numbering
 * works the same on SQLite, and is transactional (a rolled-back batch gives its numbers back).
 */
export interface CountersTable {
  name: string;
  value: number;
}

export type CounterRow = Selectable<CountersTable>;
