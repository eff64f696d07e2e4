/**
 * Japan time for the subscriber API: day buckets and event times follow Japan time (UTC+9, no
 * daylight saving since 1951), where the subscribers live — the same convention as the engine's
 * day buckets (src/engine/time.ts) and the evidence report (src/report/format-japan.ts).
 */
export const JST_OFFSET_MS = 9 * 3_600_000;
export const DAY_MS = 86_400_000;

/** `2026-11-24T10:15:00+09:00`: an event `at` with Japan's offset (contract events.md "at"). */
export function isoJapan(ms: number): string {
  return `${new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

/** `2026-11-24`: the Japan-time calendar date. */
export function japanDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 Japan time on the first day of the month containing `ms`. */
export function japanMonthStart(ms: number): number {
  return Date.parse(`${japanDate(ms).slice(0, 7)}-01T00:00:00+09:00`);
}
