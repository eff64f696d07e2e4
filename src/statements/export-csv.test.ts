import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, exportCsvError, exportCsvRow } from './export-csv.ts';

describe('csvCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","返金")', `"'=HYPERLINK(""http://evil.example"",""返金"")"`],
    ['+81-3-0000-0000', "'+81-3-0000-0000"],
    ['-2+3+cmd', "'-2+3+cmd"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['\tTAB', "'\tTAB"],
    ['\rCR', `"'\rCR"`],
    ['  =1+1', "'  =1+1"],
    ['＝HYPERLINK()', "'＝HYPERLINK()"],
    ['ヤマネコ運輸', 'ヤマネコ運輸'],
    ['a,b', '"a,b"'],
    ['1+1=2', '1+1=2'],
  ])('%j → %s', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('neutralises numbers that start with a minus too, and writes nothing for null', () => {
    expect(csvCell(-1200)).toBe("'-1200");
    expect(csvCell(1200)).toBe('1200');
    expect(csvCell(null)).toBe('');
  });
});

describe('exportCsvRow', () => {
  it('no cell of a formula merchant reads back as a formula', () => {
    const text = exportCsvRow({
      line: 2,
      date: '2026-11-01',
      time: null,
      merchant: '=HYPERLINK("http://evil.example/refund","返金はこちら")',
      amount: 500,
      currency: null,
      flags: [{ code: 'small_charge_new_merchant', message: 'msg' }],
    });
    const [cells] = parse(text) as string[][];
    expect(cells).toEqual([
      '2',
      '2026-11-01',
      '',
      `'=HYPERLINK("http://evil.example/refund","返金はこちら")`,
      '500',
      '',
      'small_charge_new_merchant',
      'msg',
    ]);
    const [errorCells] = parse(
      exportCsvError({ line: 7, error: { code: 'invalid_date', message: 'line 7: "=1" is not a date' } }),
    ) as string[][];
    expect(errorCells?.[0]).toBe('7');
    expect(errorCells?.[6]).toBe('invalid_date');
  });
});
