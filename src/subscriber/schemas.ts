/**
 * Wire shapes of the subscriber API, defined once (style.md §5, §10): the routes parse every body
 * and query with these, and the web app can import the same schemas for its forms.
 */
import { z } from 'zod';

const lang = z.enum(['ja', 'en']).optional();

/** `GET /api/notices?unread=1&limit=50` */
export const noticeListQuerySchema = z.object({
  lang,
  unread: z.enum(['0', '1', 'true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/** `:ref` as typed from a message: full-width, lower case and missing hyphens are forgiven later. */
export const noticeRefParamsSchema = z.object({ ref: z.string().min(1).max(64) });

/** `GET /api/account/activity?days=30` (1–90 days). */
export const activityQuerySchema = z.object({
  lang,
  days: z.coerce.number().int().min(1).max(90).default(30),
});

/** `POST /api/account/not-me` — the id of one of the caller's own events. */
export const notMeBodySchema = z.object({ eventId: z.string().min(1).max(128) }).strict();
export type NotMeBody = z.infer<typeof notMeBodySchema>;

/** `POST /api/account/limit` — yen per month (0 stops carrier billing purchases altogether). */
export const monthlyLimitBodySchema = z
  .object({ monthlyLimit: z.number().int().min(0).max(100_000_000) })
  .strict();
export type MonthlyLimitBody = z.infer<typeof monthlyLimitBodySchema>;

// ---- Responses (what the server sends; for the web app's typed client) ----------------------

/** How a subscriber proves it is them to lift a lock (issue 5: passkey or TOTP, never SMS). */
export type UnlockMethod = 'totp' | 'passkey';

/** `GET /api/account/lock` */
export interface LockView {
  locked: boolean;
  since: string | null;
  reason: string | null;
  /** True when at least one of `unlockMethods` is open to the caller. */
  canUnlock: boolean;
  /** Step-ups that can lift this lock: only factors set up before it began. */
  unlockMethods: UnlockMethod[];
}
