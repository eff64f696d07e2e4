/**
 * Event time helpers. Time inside the engine is the event's own `at` (contract "account events
 * in, decisions out"), kept as whole epoch seconds so profiles stay small and replays identical.
 */

/** Epoch seconds of an ISO 8601 timestamp with offset (already validated by the event schema). */
export function toSeconds(at: string): number {
  return Math.floor(Date.parse(at) / 1000);
}

/** Day buckets follow Japan time (UTC+9, no DST), where the subscribers live. */
const JST_OFFSET_S = 9 * 3600;

/** Day index (days since 1970-01-01 in Japan time) of epoch seconds. */
export function dayOf(seconds: number): number {
  return Math.floor((seconds + JST_OFFSET_S) / 86_400);
}

export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;
