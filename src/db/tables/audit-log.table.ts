import type { Generated, Insertable, Selectable } from 'kysely';

/** Append-only, hash-chained audit log (`hash` covers `prev_hash` and the row). Table only for now. */
export interface AuditLogTable {
  seq: Generated<number>;
  at_ms: number;
  actor: string;
  action: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
