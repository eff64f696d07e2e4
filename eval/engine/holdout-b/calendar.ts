// Japanese calendar helpers: JST formatting, weekends, public holidays and payday (the 25th,
// moved to the previous working day when it falls on a weekend or holiday).

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
const JST_OFFSET = 9 * HOUR;

const HOLIDAYS = new Set([
  '2026-01-01',
  '2026-01-12',
  '2026-02-11',
  '2026-02-23',
  '2026-03-20',
  '2026-04-29',
  '2026-05-03',
  '2026-05-04',
  '2026-05-05',
  '2026-05-06',
  '2026-07-20',
  '2026-08-11',
  '2026-09-21',
  '2026-09-22',
  '2026-09-23',
  '2026-10-12',
  '2026-11-03',
  '2026-11-23',
  '2027-01-01',
  '2027-01-11',
  '2027-02-11',
  '2027-02-23',
  '2027-03-22',
  '2027-04-29',
  '2027-05-03',
  '2027-05-04',
  '2027-05-05',
  '2027-07-19',
  '2027-08-11',
  '2027-09-20',
  '2027-09-23',
  '2027-10-11',
  '2027-11-03',
  '2027-11-23',
]);

const pad = (n: number): string => String(n).padStart(2, '0');

export interface JstParts {
  year: number;
  month: number;
  day: number;
  /** 0 = Sunday. */
  weekday: number;
  hour: number;
  date: string;
}

export function jst(t: number): JstParts {
  const d = new Date(t + JST_OFFSET);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return {
    year,
    month,
    day,
    weekday: d.getUTCDay(),
    hour: d.getUTCHours(),
    date: `${year}-${pad(month)}-${pad(day)}`,
  };
}

/** ISO 8601 in Japan time with an explicit +09:00 offset, to the second. */
export function isoJst(t: number): string {
  const d = new Date(Math.floor(t / SEC) * SEC + JST_OFFSET);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+09:00`
  );
}

/** Midnight JST of a YYYY-MM-DD date, as epoch milliseconds. */
export function jstMidnight(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new Error(`bad date ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - JST_OFFSET;
}

export function isHoliday(t: number): boolean {
  return HOLIDAYS.has(jst(t).date);
}

/** Weekend or public holiday. */
export function isOffDay(t: number): boolean {
  const p = jst(t);
  return p.weekday === 0 || p.weekday === 6 || HOLIDAYS.has(p.date);
}

/** Day of month on which salaries arrive in the given month. */
export function paydayOf(year: number, month: number): number {
  let day = 25;
  for (;;) {
    const t = jstMidnight(`${year}-${pad(month)}-${pad(day)}`);
    if (!isOffDay(t)) return day;
    day--;
  }
}

/** True on payday and the two days after it, when spending is visibly higher. */
export function isPaydayWindow(t: number): boolean {
  const p = jst(t);
  const payday = paydayOf(p.year, p.month);
  return p.day >= payday && p.day <= payday + 2;
}

export function monthKey(t: number): string {
  return jst(t).date.slice(0, 7);
}
