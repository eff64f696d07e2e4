import { describe, expect, it } from 'vitest';
import { parseStatementDate, yearContextFromText } from './parse-date.ts';

const date = (raw: string, context: Parameters<typeof parseStatementDate>[1] = null) => {
  const r = parseStatementDate(raw, context);
  return r.ok ? `${r.date}${r.time ? ` ${r.time}` : ''}` : r.reason;
};

describe('parseStatementDate', () => {
  it.each([
    ['2026/11/24', '2026-11-24'],
    ['2026-11-24', '2026-11-24'],
    ['2026.11.24', '2026-11-24'],
    ['2026/1/5', '2026-01-05'],
    ['20261124', '2026-11-24'],
    ['2026年11月24日', '2026-11-24'],
    ['2026年11月24日(火)', '2026-11-24'],
    ['２０２６／１１／２４', '2026-11-24'],
    ['令和8年11月24日', '2026-11-24'],
    ['令和元年5月1日', '2019-05-01'],
    ['R8.11.24', '2026-11-24'],
    ['r8/11/24', '2026-11-24'],
    ['H31.4.30', '2019-04-30'],
    ['平成30年12月31日', '2018-12-31'],
    ['26/11/24', '2026-11-24'],
    ['2026/11/24 13:45', '2026-11-24 13:45'],
    ['2026年11月24日 9時05分', '2026-11-24 09:05'],
    ['2026-11-24T23:58:10', '2026-11-24 23:58'],
  ])('%s → %s', (raw, expected) => {
    expect(date(raw)).toBe(expected);
  });

  it.each([
    '2026/02/30',
    '2026/13/01',
    '2026/11/24 25:00',
    '令和1年4月30日', // before the era began
    '平成32年1月1日', // after it ended
    'きのう',
    '',
  ])('%s is not a date', (raw) => {
    expect(date(raw)).toBe('invalid');
  });

  it('takes the year of a month/day date from the context, rolling over at the year end', () => {
    expect(date('11/24')).toBe('missing_year');
    expect(date('11/24', { year: 2026, month: 11 })).toBe('2026-11-24');
    expect(date('11月24日', { year: 2026, month: null })).toBe('2026-11-24');
    expect(date('12/28', { year: 2027, month: 1 })).toBe('2026-12-28');
    expect(date('1/4', { year: 2026, month: 12 })).toBe('2027-01-04');
  });
});

describe('yearContextFromText', () => {
  it('reads the month of a statement from account details', () => {
    expect(yearContextFromText('2027年1月分 ご利用明細')).toEqual({ year: 2027, month: 1 });
    expect(yearContextFromText('お支払日,2026/12/27')).toEqual({ year: 2026, month: 12 });
    expect(yearContextFromText('令和8年11月ご利用分')).toEqual({ year: 2026, month: 11 });
    expect(yearContextFromText('カード名称,テストカード')).toBeNull();
  });
});
