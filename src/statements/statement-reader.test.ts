import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStatementMapping } from './mapping-schema.ts';
import { parseStatementBytes, readStatementChunks } from './read-statement.ts';
import type { StatementFileError } from './statement-file-error.ts';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/statements');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));

function fileError(fn: () => unknown): StatementFileError {
  try {
    fn();
  } catch (error) {
    return error as StatementFileError;
  }
  throw new Error('expected a StatementFileError');
}

describe('built-in layouts and encodings', () => {
  it('card-basic-ja in Shift_JIS (CP932): account details above the header, total line below', () => {
    const p = parseStatementBytes(fixture('card-basic-sjis.csv'));
    expect(p.info).toMatchObject({ encoding: 'shift_jis', headerLine: 5, mapping: { id: 'card-basic-ja' } });
    expect(p.errors).toEqual([]);
    expect(p.lines.map((l) => [l.line, l.date, l.merchant, l.amount])).toEqual([
      [6, '2026-11-01', 'ﾏﾙﾏﾙｽｰﾊﾟｰ 本店', 3480],
      [7, '2026-11-03', '髙田屋①号店', 1200],
      [8, '2026-11-05', 'エムエス動画 月額プラン', 990],
      [9, '2026-11-08', 'ショップテスト', 100],
      [10, '2026-11-09', 'ＡＢＣ電器', 12800],
      [11, '2026-11-10', 'ＡＢＣ電器', -1200],
      [12, '2026-11-12', 'コンビニエンスＭ', 2000],
      [13, '2026-11-15', 'オンラインギフト券ストア', 10000],
    ]);
    expect(p.lines[5]).toMatchObject({ category: '1回払い', note: '返品' });
    expect(p.skipped).toBe(6); // 4 preamble lines, the header, the total line
  });

  it('card-detailed-ja in UTF-8 with BOM: three date styles, foreign currency, a note over two lines', () => {
    const p = parseStatementBytes(fixture('card-detailed-utf8bom.csv'));
    expect(p.info).toMatchObject({ encoding: 'utf-8', headerLine: 1, mapping: { id: 'card-detailed-ja' } });
    expect(p.errors).toEqual([]);
    expect(p.lines.map((l) => [l.line, l.date])).toEqual([
      [2, '2026-10-24'],
      [3, '2026-10-28'],
      [4, '2026-10-30'],
      [5, '2026-11-02'],
      [7, '2026-11-03'],
      [8, '2026-11-03'],
    ]);
    expect(p.lines[1]).toMatchObject({
      merchant: 'GLOBAL BOOKS LTD',
      amount: 2431,
      currency: 'USD',
      foreignAmount: 15.99,
    });
    expect(p.lines[3]).toMatchObject({ note: '処方箋\n分の支払い', category: '1回払い' });
  });

  it('carrier-billing-ja in UTF-8 without BOM, with times', () => {
    const p = parseStatementBytes(fixture('carrier-billing-utf8.csv'));
    expect(p.info).toMatchObject({
      encoding: 'utf-8',
      mapping: { id: 'carrier-billing-ja', kind: 'carrier_billing' },
    });
    expect(p.lines).toHaveLength(16);
    expect(p.lines[0]).toMatchObject({
      line: 2,
      date: '2026-11-20',
      time: '23:58',
      merchant: 'App Store & iTunes ギフト',
      amount: 1500,
      category: 'キャリア決済',
    });
    expect(p.lines.at(-1)).toMatchObject({ line: 17, amount: -200 });
  });

  it('dates without a year take it from the statement month, across the year end', () => {
    const p = parseStatementBytes(fixture('card-short-dates-sjis.csv'));
    expect(p.lines.map((l) => l.date)).toEqual(['2026-12-28', '2026-12-30', '2027-01-04']);
  });

  it('reads EUC-JP too', () => {
    const p = parseStatementBytes(fixture('card-basic-eucjp.csv'));
    expect(p.info.encoding).toBe('euc-jp');
    expect(p.lines[0]).toMatchObject({ merchant: 'ヤマネコ運輸', amount: 1650 });
  });

  it('gives the same rows when the bytes arrive in small chunks (a Shift_JIS character split)', async () => {
    const bytes = fixture('card-basic-sjis.csv');
    const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, i) =>
      bytes.subarray(i * 7, i * 7 + 7),
    );
    const rows = [];
    for await (const batch of readStatementChunks(chunks)) rows.push(...batch);
    const lines = rows.flatMap((r) => (r.kind === 'line' ? [r.line] : []));
    expect(lines).toEqual(parseStatementBytes(bytes).lines);
  });
});

describe('a mapping file of ones own', () => {
  it('reads a tab-separated file without a header by column position', () => {
    const mapping = parseStatementMapping(
      fixture('own-layout.mapping.json').toString('utf8'),
      'own-layout.mapping.json',
    );
    const p = parseStatementBytes(fixture('own-layout.tsv'), { mapping });
    expect(p.info.mapping?.id).toBe('own-tsv');
    expect(p.lines.map((l) => [l.line, l.date, l.merchant, l.amount, l.currency])).toEqual([
      [1, '2026-11-01', 'KOMEDA COFFEE', 640, 'JPY'],
      [2, '2026-11-02', 'NORTHWIND TRAVEL', 18000, 'EUR'],
    ]);
  });

  it('names every problem of an invalid mapping file', () => {
    const error = fileError(() =>
      parseStatementMapping(fixture('invalid.mapping.json').toString('utf8'), 'invalid.mapping.json', 'en'),
    );
    expect(error.code).toBe('invalid_mapping');
    expect(error.message).toContain('id: lower-case letters');
    expect(error.message).toContain('columns.amount');
    expect(error.message).toContain('columns.merchant.index');
    expect(fileError(() => parseStatementMapping('{', 'm.json')).code).toBe('invalid_mapping');
  });
});

describe('broken files', () => {
  it('wrong encoding: one line naming where the bytes are unreadable', () => {
    const error = fileError(() => parseStatementBytes(fixture('wrong-encoding.csv'), { lang: 'en' }));
    expect(error.code).toBe('undecodable_file');
    expect(error.message).toMatch(/^line 2: not readable as UTF-8 or Shift_JIS/);
  });

  it('UTF-16 and binary data are refused with what to do', () => {
    expect(fileError(() => parseStatementBytes(fixture('utf16.csv'), { lang: 'en' })).message).toBe(
      'line 1: the file is UTF-16; save it as CSV in UTF-8 or Shift_JIS',
    );
    const binary = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(fileError(() => parseStatementBytes(binary)).code).toBe('binary_file');
  });

  it('missing columns: the header line and the column it lacks', () => {
    const error = fileError(() => parseStatementBytes(fixture('missing-columns.csv')));
    expect(error.code).toBe('missing_columns');
    expect(error.message).toBe(
      '1 行目: 見出しに 「ご利用金額」(金額) の列がありません (対応表 card-basic-ja)。列名を確かめるか --mapping で対応表を指定してください',
    );
    expect(fileError(() => parseStatementBytes(fixture('no-header.csv'), { lang: 'en' })).message).toMatch(
      /^no header row with date, merchant and amount columns in lines 1–30/,
    );
    expect(fileError(() => parseStatementBytes(new Uint8Array())).code).toBe('empty_file');
  });

  it('broken rows are reported with their line and every other row is read', () => {
    const p = parseStatementBytes(fixture('broken-rows-sjis.csv'), { lang: 'en' });
    expect(p.info.encoding).toBe('shift_jis');
    expect(p.errors).toEqual([
      {
        line: 3,
        error: {
          code: 'undecodable_line',
          message: 'line 3: bytes that are not valid Shift_JIS (CP932) (the file mixes encodings)',
        },
      },
      { line: 4, error: { code: 'invalid_date', message: 'line 4: "2026/02/30" is not a date' } },
      {
        line: 5,
        error: { code: 'invalid_amount', message: 'line 5: the amount "せんえん" is not a number' },
      },
      { line: 6, error: { code: 'short_row', message: 'line 6: only 1 columns (3 needed)' } },
      {
        line: 7,
        error: { code: 'unclosed_quote', message: 'line 7: a quote (") is not closed within 10 lines' },
      },
    ]);
    expect(p.lines.map((l) => l.line)).toEqual([2, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it('a line over 64 KB is a row error after the header and a file error before it', () => {
    const long = 'x'.repeat(70 * 1024);
    const p = parseStatementBytes(
      new TextEncoder().encode(`ご利用日,ご利用店名,ご利用金額\n2026/11/01,${long},1\n2026/11/02,ok,2\n`),
    );
    expect(p.errors.map((e) => [e.line, e.error.code])).toEqual([[2, 'line_too_long']]);
    expect(p.lines.map((l) => l.line)).toEqual([3]);
    const error = fileError(() => parseStatementBytes(new TextEncoder().encode(long)));
    expect([error.code, error.line]).toEqual(['line_too_long', 1]);
  });

  it('a date without a year and no year in the file asks for --year', () => {
    const bytes = new TextEncoder().encode('ご利用日,ご利用店名,ご利用金額\n11/24,ヤマネコ運輸,500\n');
    expect(parseStatementBytes(bytes).errors[0]?.error.code).toBe('missing_year');
    expect(parseStatementBytes(bytes, { year: 2026 }).lines[0]?.date).toBe('2026-11-24');
  });
});
