/**
 * Formatting for Japanese readers (police, consumer centres, card companies): dates in Japan time,
 * amounts in yen. Japan has had no daylight saving time since 1951, so Japan time is UTC+9.
 */

const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** `2026/11/24 10:15:00` in Japan time. */
export function formatJapanTime(ms: number): string {
  const iso = new Date(ms + JST_OFFSET_MS).toISOString(); // 2026-11-24T01:15:00.000Z shifted
  return `${iso.slice(0, 10).replaceAll('-', '/')} ${iso.slice(11, 19)}`;
}

/** `2026-11-24T10:15:00+09:00`: the same instant, written with Japan's offset. */
export function isoJapan(ms: number): string {
  return `${new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 19)}+09:00`;
}

/** `2026-11-24`: the Japan-time calendar date (file names). */
export function japanDate(ms: number): string {
  return new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `¥12,800` */
export function formatYen(amount: number): string {
  const s = String(Math.round(Math.abs(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}¥${s}`;
}
