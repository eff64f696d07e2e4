import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.ts';
import type { CliIo } from '../io.ts';
import { formatTableLine, run, type StatementReviewOptions } from './statement.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/statements');
const fixture = (name: string) => join(FIXTURES, name);
const tmp = mkdtempSync(join(tmpdir(), 'mamori-statement-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

async function review(options: Omit<StatementReviewOptions, 'file'> & { file: string }) {
  const stdout = new Capture();
  const stderr = new Capture();
  const io: CliIo = { stdin: Readable.from([]), stdout, stderr, env: {}, now: () => 0 };
  const report = await run(options, io);
  return { report, stdout: stdout.text, stderr: stderr.text };
}

async function failure(options: StatementReviewOptions): Promise<InputError> {
  try {
    await review(options as { file: string });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return error as InputError;
  }
  throw new Error('expected the review to fail');
}

describe('mamori statement review', () => {
  it('prints a table of the flagged lines and a summary (Shift_JIS card statement)', async () => {
    const { stdout, report } = await review({ file: fixture('card-basic-sjis.csv') });
    expect(stdout).toMatch(/^ +9 {2}2026-11-08 +100円 {2}ショップテスト$/m);
    expect(stdout).toContain(
      '         ! [small_charge_new_merchant] 初めての加盟店で 100円 の少額の請求です',
    );
    expect(stdout).not.toContain('ﾏﾙﾏﾙｽｰﾊﾟｰ'); // not flagged: only with --all
    expect(stdout).toContain('card-basic-sjis.csv (Shift_JIS (CP932), 形式 card-basic-ja, 見出し 5 行目)');
    expect(stdout).toContain('確認した行 8 件 / 要確認 4 件 / 読めなかった行 0 件 / 読み飛ばした行 6 件');
    expect(stdout).toContain('どこにも送信していません');
    expect(report.summary.byCode).toMatchObject({
      small_charge_new_merchant: 1,
      abused_category: 2,
      new_subscription: 1,
    });
    const all = await review({ file: fixture('card-basic-sjis.csv'), all: true, lang: 'en' });
    expect(all.stdout).toContain('ﾏﾙﾏﾙｽｰﾊﾟｰ 本店');
    expect(all.stdout).toContain('8 lines reviewed / 4 to check / 0 unreadable / 6 skipped');
  });

  it('--json: one object per statement line (and per bad row), summary on standard error', async () => {
    const { stdout, stderr } = await review({
      file: fixture('carrier-billing-utf8.csv'),
      json: true,
      lang: 'en',
    });
    const objects = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(objects).toHaveLength(16);
    expect(objects[2]).toEqual({
      line: 4,
      date: '2026-11-20',
      time: '23:30',
      merchant: 'App Store & iTunes ギフト',
      amount: 1500,
      currency: null,
      flags: [
        {
          code: 'small_charge_burst',
          message: '3 small charges at the same merchant within 24 hours (from line 2)',
        },
        {
          code: 'duplicate_charge',
          message: 'Same merchant, amount and date as line 2: check it is not charged twice',
        },
        {
          code: 'abused_category',
          message:
            'gift cards ("ギフト") are often bought with stolen cards and resold: check that you bought it',
        },
      ],
    });
    expect(objects.find((o) => o.line === 8).flags.map((f: { code: string }) => f.code)).toEqual([
      'abused_category',
      'monthly_rise',
    ]);
    expect(stderr).toMatch(/^ {2}2026-11 +¥30,830 {2}\(7 lines\) {2}← sudden rise$/m);

    const broken = await review({ file: fixture('broken-rows-sjis.csv'), json: true });
    const rows = broken.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows.filter((r) => 'error' in r).map((r) => [r.line, r.error.code])).toEqual([
      [3, 'undecodable_line'],
      [4, 'invalid_date'],
      [5, 'invalid_amount'],
      [6, 'short_row'],
      [7, 'unclosed_quote'],
    ]);
    expect(rows.filter((r) => !('error' in r))).toHaveLength(11);
    expect(broken.report.rowErrors).toBe(5);
  });

  it('--export-csv neutralises formula cells; --out writes the table to a file', async () => {
    const csvPath = join(tmp, 'export.csv');
    const outPath = join(tmp, 'table.txt');
    const { stdout, stderr } = await review({
      file: fixture('formula-cells.csv'),
      exportCsv: csvPath,
      out: outPath,
      all: true,
    });
    expect(stdout).toBe('');
    expect(stderr).toContain('確認した行 7 件');
    const bytes = readFileSync(csvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    const cells = parse(text.slice(1), { relax_column_count: true }) as string[][];
    expect(cells.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
    expect(cells.slice(1).map((r) => r[3])).toEqual([
      `'=HYPERLINK("http://evil.example/refund","返金はこちら")`,
      "'+81-3-0000-0000",
      "'-2+3+cmd|' /C calc'!A0",
      "'@SUM(1+1)*cmd|' /C calc'!A0",
      'TAB SHOP', // cells are trimmed when read
      `'＝HYPERLINK("http://evil.example")`,
      'ヤマネコ運輸',
    ]);
    expect(readFileSync(outPath, 'utf8')).toContain(
      '=HYPERLINK("http://evil.example/refund","返金はこちら")',
    );
    // The terminal table shows merchant names with control characters made visible.
    const withEscape = {
      line: 2,
      date: '2026-11-01',
      time: null,
      merchant: 'A\u001b[2JB',
      amount: 1,
      currency: null,
      flags: [],
    };
    expect(formatTableLine(withEscape, 'en')).toContain('A\\u{001b}[2JB');
  });

  it('a mapping file of ones own', async () => {
    const { report } = await review({
      file: fixture('own-layout.tsv'),
      mapping: fixture('own-layout.mapping.json'),
    });
    expect(report.info.mapping?.id).toBe('own-tsv');
    expect(report.summary.byCode.foreign_charge).toBe(1);
  });

  it('a problem with the whole file is one InputError naming the file and the line', async () => {
    const cases: [string, string, RegExp][] = [
      [
        'wrong-encoding.csv',
        'undecodable_file',
        /wrong-encoding\.csv: line 2: not readable as UTF-8 or Shift_JIS/,
      ],
      ['utf16.csv', 'unsupported_encoding', /utf16\.csv: line 1: the file is UTF-16/],
      [
        'missing-columns.csv',
        'missing_columns',
        /missing-columns\.csv: line 1: the header has no "ご利用金額" \(amount\) column/,
      ],
      ['no-such-file.csv', 'file_not_found', /file not found/],
    ];
    for (const [name, code, message] of cases) {
      const error = await failure({ file: fixture(name), lang: 'en' });
      expect([error.code, error.message.includes('\n')]).toEqual([code, false]);
      expect(error.message).toMatch(message);
    }
    expect(
      (await failure({ file: fixture('own-layout.tsv'), mapping: fixture('invalid.mapping.json') })).code,
    ).toBe('invalid_mapping');
    expect((await failure({ file: '' })).code).toBe('usage');
  });

  it('a 50 MB statement is streamed: every row reviewed, a broken row in the middle named', async () => {
    const path = join(tmp, 'big.csv');
    const out = createWriteStream(path);
    out.write('ご利用日,ご利用店名,ご利用金額\n');
    let bytes = 0;
    let rows = 0;
    const shops = ['ヤマネコ運輸', 'ミナト電力', 'サクラ薬局', 'ソバ処 カネダ', 'ハツウリ書店'];
    while (bytes < 50 * 1024 * 1024) {
      let chunk = '';
      for (let i = 0; i < 10_000; i++) {
        rows++;
        const day = 1 + (rows % 28);
        chunk +=
          rows === 400_000
            ? '2026/11/xx,壊れた行,100\n'
            : `2026/${String(1 + (Math.floor(rows / 100_000) % 12)).padStart(2, '0')}/${String(day).padStart(2, '0')},${shops[rows % 5]},"${(1000 + (rows % 7) * 111).toLocaleString('en-US')}"\n`;
      }
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
    const { report, stdout } = await review({ file: path, lang: 'en' });
    expect(report.summary.lines + report.rowErrors).toBe(rows);
    expect(report.rowErrors).toBe(1);
    expect(stdout).toContain(`${400_001}  error [invalid_date] line ${400_001}: "2026/11/xx" is not a date`);
  }, 120_000);
});
