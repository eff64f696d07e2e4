import type { Insertable, Selectable } from 'kysely';

/** A notice in the subscriber's in-app message box; `ref` looks like N-4K7Q-9P2X. */
export interface NoticesTable {
  ref: string;
  operator_id: string;
  account: string;
  kind: string;
  title: string;
  body: string;
  lang: string;
  event_id: string | null;
  created_at_ms: number;
  read_at_ms: number | null;
}

export type NoticeRow = Selectable<NoticesTable>;
export type NewNoticeRow = Insertable<NoticesTable>;
