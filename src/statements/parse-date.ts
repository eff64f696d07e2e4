/**
 * Dates as Japanese statements write them: 2026/11/24, 2026-11-24, 2026.11.24, 20261124,
 * 2026年11月24日, 令和8年11月24日, R8.11.24, 26/11/24, and a month/day without a year (11/24,
 * 11月24日) whose year comes from the file (a 「2026年11月分」 line above the header, or the rows
 * before). Full-width digits and separators are accepted (NFKC). A time (13:45, 13時45分) may
 * follow, as in carrier-billing histories (ご利用日時).
 */

export interface YearContext {
  year: number;
  /** 1–12, or null when only the year is known (then no year roll-over is applied). */
  month: number | null;
}

export type ParsedDate =
  | {
      ok: true;
      date: string;
      time: string | null;
      year: number;
      month: number;
      day: number;
      hasYear: boolean;
    }
  | { ok: false; reason: 'invalid' | 'missing_year' };

/** First day of each era (Cabinet Order on era names); dates before it belong to the previous era. */
const ERAS: Record<string, { offset: number; start: number; end: number }> = {
  令和: { offset: 2018, start: 20190501, end: 99991231 },
  平成: { offset: 1988, start: 19890108, end: 20190430 },
  昭和: { offset: 1925, start: 19261225, end: 19890107 },
};
const ERA_LETTER: Record<string, string> = { R: '令和', H: '平成', S: '昭和' };

const TIME = String.raw`(?:[\sT]*(\d{1,2})(?::|時)(\d{1,2})(?:分)?(?:(?::|分)?(\d{1,2})秒?)?)?`;
const SEP = String.raw`\s*[/\-.]\s*`;
const YMD = new RegExp(String.raw`^(\d{4})${SEP}(\d{1,2})${SEP}(\d{1,2})${TIME}$`);
const YMD_COMPACT = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${TIME}$`);
const YMD_KANJI = new RegExp(
  String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*\([^)]*\))?${TIME}$`,
);
const ERA_DATE = new RegExp(
  String.raw`^(令和|平成|昭和|[RHS])\s*(\d{1,2}|元)\s*(?:年|[/\-.])\s*(\d{1,2})\s*(?:月|[/\-.])\s*(\d{1,2})\s*日?(?:\s*\([^)]*\))?${TIME}$`,
  'i',
);
const YY_MD = new RegExp(String.raw`^(\d{2})${SEP}(\d{1,2})${SEP}(\d{1,2})${TIME}$`);
const MD = new RegExp(String.raw`^(\d{1,2})\s*(?:[/\-]|月)\s*(\d{1,2})\s*日?(?:\s*\([^)]*\))?${TIME}$`);

export function normalizeDateText(raw: string): string {
  return raw
    .normalize('NFKC')
    .trim()
    .replace(/^["']|["']$/g, '');
}

export function parseStatementDate(raw: string, context: YearContext | null): ParsedDate {
  const text = normalizeDateText(raw);
  if (text === '') return { ok: false, reason: 'invalid' };
  let m = YMD.exec(text) ?? YMD_COMPACT.exec(text) ?? YMD_KANJI.exec(text);
  if (m) return build(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4), true);
  m = ERA_DATE.exec(text);
  if (m) {
    const letter = (m[1] ?? '').toUpperCase();
    const era = ERAS[ERA_LETTER[letter] ?? m[1] ?? ''];
    if (!era) return { ok: false, reason: 'invalid' };
    const eraYear = m[2] === '元' ? 1 : Number(m[2]);
    if (eraYear < 1) return { ok: false, reason: 'invalid' };
    const parsed = build(era.offset + eraYear, Number(m[3]), Number(m[4]), m.slice(5), true);
    if (!parsed.ok) return parsed;
    const key = parsed.year * 10000 + parsed.month * 100 + parsed.day;
    return key < era.start || key > era.end ? { ok: false, reason: 'invalid' } : parsed;
  }
  m = YY_MD.exec(text);
  if (m) return build(2000 + Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4), true);
  m = MD.exec(text);
  if (m) {
    if (!context) return { ok: false, reason: 'missing_year' };
    const month = Number(m[1]);
    let year = context.year;
    // A statement spans a few weeks: 12/28 on a statement printed in January 2027 is 2026.
    if (context.month !== null) {
      if (month - context.month > 6) year--;
      else if (context.month - month > 6) year++;
    }
    return build(year, month, Number(m[2]), m.slice(3), false);
  }
  return { ok: false, reason: 'invalid' };
}

function build(
  year: number,
  month: number,
  day: number,
  timeParts: (string | undefined)[],
  hasYear: boolean,
): ParsedDate {
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1900 || year > 2200)
    return { ok: false, reason: 'invalid' };
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return { ok: false, reason: 'invalid' }; // 2026/02/30
  let time: string | null = null;
  if (timeParts[0] !== undefined) {
    const h = Number(timeParts[0]);
    const min = Number(timeParts[1]);
    if (h > 23 || min > 59) return { ok: false, reason: 'invalid' };
    time = `${pad(h)}:${pad(min)}`;
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}`, time, year, month, day, hasYear };
}

const pad = (n: number) => String(n).padStart(2, '0');

const YEAR_MONTH =
  /(?:(\d{4})|(令和|平成|R|H)\s*(\d{1,2}|元))\s*(?:年|[/\-.])\s*(\d{1,2})\s*(?:月|$|[/\-.])/i;

/**
 * A year (and month) mentioned in a cell above the header: 「2026年11月分」, 「お支払日 2026/12/27」,
 * 「令和8年11月ご利用分」. Used only for dates without a year.
 */
export function yearContextFromText(raw: string): YearContext | null {
  const text = raw.normalize('NFKC');
  const m = YEAR_MONTH.exec(text);
  if (!m) return null;
  let year: number;
  if (m[1] !== undefined) year = Number(m[1]);
  else {
    const era = ERAS[ERA_LETTER[(m[2] ?? '').toUpperCase()] ?? m[2] ?? ''];
    if (!era) return null;
    year = era.offset + (m[3] === '元' ? 1 : Number(m[3]));
  }
  const month = Number(m[4]);
  if (year < 1900 || year > 2200 || month < 1 || month > 12) return null;
  return { year, month };
}

/** Days since 1970-01-01 for a `YYYY-MM-DD` date (UTC arithmetic; no clock involved). */
export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / 86_400_000
  );
}
