import type { Insertable, Selectable } from 'kysely';

/** The decision returned for an event; `payload` is the full Decision as JSON text. */
export interface DecisionsTable {
  operator_id: string;
  event_id: string;
  account: string;
  /** allow | challenge | hold | lock */
  decision: string;
  score: number;
  payload: string;
  created_at_ms: number;
}

export type DecisionRow = Selectable<DecisionsTable>;
export type NewDecisionRow = Insertable<DecisionsTable>;
