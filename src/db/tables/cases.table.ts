import type { Insertable, Selectable } from 'kysely';

export type CaseStatus = 'open' | 'confirmed_fraud' | 'legitimate' | 'closed';

/** An operator case opened by a hold or lock; `id` looks like C-000123. */
export interface CasesTable {
  id: string;
  /** The number inside `id`, so ordering still works past C-999999. */
  seq: number;
  operator_id: string;
  account: string;
  status: CaseStatus;
  decision: string;
  score: number;
  event_id: string | null;
  opened_at_ms: number;
  updated_at_ms: number;
  payload: string;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCaseRow = Insertable<CasesTable>;
