/**
 * mamori statement review FILE [--mapping FILE] [--json] [--lang en] [--out FILE]
 *                              [--export-csv FILE] [--year YYYY] [--all]
 * (issue 6 "Statement review (prevention)"). Reads a card statement or carrier-billing history
 * CSV (encoding and layout detected), reviews every line and prints a table of the lines worth a
 * look and a summary; `--json` prints one object per statement line instead. Streams the file
 * twice — month totals first, so a month is compared with the months before it whatever the row
 * order, then the review — holding one chunk and bounded review state, so a 1,000,000-line file
 * is reviewed with flat memory. Reads and writes only local files: nothing is sent anywhere.
 *
 * A problem with the whole file (undecodable, no header, unreadable) is one line and exit 2; a
 * bad row is reported with its line number and the other rows are still reviewed.
 */
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { ExitError, InputError } from '../../errors.ts';
import {
  CSV_BOM,
  encodingLabel,
  exportCsvError,
  exportCsvHeader,
  exportCsvRow,
  type FlagCode,
  formatYen,
  type Lang,
  MonthTotals,
  parseStatementMapping,
  type ReviewedLine,
  type ReviewSummary,
  type RowError,
  readStatementChunks,
  StatementFileError,
  type StatementInfo,
  type StatementMapping,
  StatementReviewer,
} from '../../statements/index.ts';
import { type CliIo, decodeText, openOutput, readInputFile, statInputFile, writeAll } from '../io.ts';
import { parseOptions } from '../options.ts';
import { printable } from '../printable.ts';

export const statementReviewOptionsSchema = z.strictObject({
  file: z.string().min(1, 'needs a statement file'),
  mapping: z.string().min(1).optional(),
  json: z.boolean().default(false),
  lang: z.enum(['ja', 'en']).default('ja'),
  out: z.string().min(1).optional(),
  exportCsv: z.string().min(1).optional(),
  /** Year for dates written without one (11/24) when the file does not say. */
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  /** Table: every line, not only the flagged ones and the errors. */
  all: z.boolean().default(false),
});
export type StatementReviewOptions = z.input<typeof statementReviewOptionsSchema>;

export interface StatementReviewReport {
  info: StatementInfo;
  summary: ReviewSummary;
  rowErrors: number;
  skipped: number;
  seconds: number;
}

/** A mapping file is a few hundred bytes; anything near this is not one. */
const MAX_MAPPING_BYTES = 1024 * 1024;
const READ_CHUNK = 256 * 1024;

const FLAG_LABEL: Record<FlagCode, Record<Lang, string>> = {
  small_charge_new_merchant: { ja: '初めての加盟店で少額', en: 'small, new merchant' },
  small_charge_burst: { ja: '少額の連続', en: 'burst of small charges' },
  duplicate_charge: { ja: '重複', en: 'duplicate' },
  foreign_charge: { ja: '海外・外貨', en: 'overseas / foreign currency' },
  new_subscription: { ja: '新しい継続課金', en: 'new subscription' },
  abused_category: { ja: 'ギフト・電子マネー・ゲーム', en: 'gift card / e-money / game credit' },
  monthly_rise: { ja: '月の利用額の急増', en: 'sudden monthly rise' },
};

const TEXT = {
  ja: {
    head: ['行', '利用日', '金額', '利用店名'],
    error: 'エラー',
    file: (f: string, enc: string, id: string, h: string) => `明細: ${f} (${enc}, 形式 ${id}${h})`,
    header: (n: number) => `, 見出し ${n} 行目`,
    counts: (l: number, f: number, e: number, s: number) =>
      `確認した行 ${l} 件 / 要確認 ${f} 件 / 読めなかった行 ${e} 件 / 読み飛ばした行 ${s} 件`,
    totals: (c: string, r: string, a: string, b: string) => `利用 ${c}、返金 ${r} (${a}〜${b})`,
    flags: 'フラグ',
    months: '月別',
    rise: '急増',
    count: (n: number) => `${n} 件`,
    none: 'フラグの付いた行はありません',
    local: 'このファイルはこのコンピューターの中だけで確認し、どこにも送信していません',
  },
  en: {
    head: ['line', 'date', 'amount', 'merchant'],
    error: 'error',
    file: (f: string, enc: string, id: string, h: string) => `statement: ${f} (${enc}, layout ${id}${h})`,
    header: (n: number) => `, header on line ${n}`,
    counts: (l: number, f: number, e: number, s: number) =>
      `${l} lines reviewed / ${f} to check / ${e} unreadable / ${s} skipped`,
    totals: (c: string, r: string, a: string, b: string) => `charges ${c}, refunds ${r} (${a} to ${b})`,
    flags: 'flags',
    months: 'by month',
    rise: 'sudden rise',
    count: (n: number) => `${n} lines`,
    none: 'no line is flagged',
    local: 'the file was reviewed on this computer only; nothing was sent anywhere',
  },
} as const;

async function loadMapping(path: string | undefined, lang: Lang): Promise<StatementMapping | undefined> {
  if (path === undefined) return undefined;
  const text = decodeText(await readInputFile(path, MAX_MAPPING_BYTES), path);
  return parseStatementMapping(text, path, lang);
}

/** Terminal columns of a string: East Asian wide and full-width characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    width +=
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000
        ? 2
        : 1;
  }
  return width;
}

function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

export function formatTableHeader(lang: Lang): string {
  const [l, d, a, m] = TEXT[lang].head;
  return `${padStart(l ?? '', 7)}  ${padEnd(d ?? '', 16)}  ${padStart(a ?? '', 12)}  ${m}\n`;
}

export function formatTableLine(line: ReviewedLine, lang: Lang): string {
  const when = line.time === null ? line.date : `${line.date} ${line.time}`;
  let text = `${padStart(String(line.line), 7)}  ${padEnd(when, 16)}  ${padStart(formatYen(line.amount, lang), 12)}  ${printable(line.merchant)}${line.currency !== null && line.currency !== 'JPY' ? ` (${line.currency})` : ''}\n`;
  for (const flag of line.flags) text += `${' '.repeat(9)}! [${flag.code}] ${printable(flag.message)}\n`;
  return text;
}

export function formatTableError(error: RowError, lang: Lang): string {
  return `${padStart(String(error.line), 7)}  ${TEXT[lang].error} [${error.error.code}] ${printable(error.error.message)}\n`;
}

export function formatSummary(
  file: string,
  report: Omit<StatementReviewReport, 'seconds'>,
  lang: Lang,
): string {
  const t = TEXT[lang];
  const { summary: s, info } = report;
  const out: string[] = [];
  out.push(
    t.file(
      file,
      encodingLabel(info.encoding),
      info.mapping?.id ?? '-',
      info.headerLine === null ? '' : t.header(info.headerLine),
    ),
  );
  out.push(t.counts(s.lines, s.flaggedLines, report.rowErrors, report.skipped));
  if (s.firstDate !== null && s.lastDate !== null)
    out.push(t.totals(formatYen(s.charges, lang), formatYen(s.refunds, lang), s.firstDate, s.lastDate));
  const codes = (Object.keys(s.byCode) as FlagCode[]).filter((c) => s.byCode[c] > 0);
  if (codes.length === 0) out.push(t.none);
  else {
    out.push(`${t.flags}:`);
    for (const c of codes) out.push(`  ${FLAG_LABEL[c][lang]} [${c}]: ${s.byCode[c]}`);
  }
  if (s.months.length > 0) {
    out.push(`${t.months}:`);
    for (const m of s.months)
      out.push(
        `  ${m.month}  ${padStart(formatYen(m.charges, lang), 14)}  (${t.count(m.count)})${m.rise ? `  ← ${t.rise}` : ''}`,
      );
  }
  out.push(t.local);
  return `${out.join('\n')}\n`;
}

function withPath(error: unknown, file: string): unknown {
  if (error instanceof StatementFileError)
    return new StatementFileError(error.code, `${file}: ${error.message}`, error.line);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && !(error instanceof InputError) && code !== 'EPIPE')
    return new InputError('file_unreadable', `cannot read ${file} (${code})`);
  return error;
}

export async function run(rawOptions: StatementReviewOptions, io: CliIo): Promise<StatementReviewReport> {
  const opts = parseOptions(statementReviewOptionsSchema, rawOptions);
  const lang = opts.lang;
  const size = await statInputFile(opts.file);
  const mapping = await loadMapping(opts.mapping, lang);
  const readerOptions = { lang, ...(mapping ? { mapping } : {}), ...(opts.year ? { year: opts.year } : {}) };
  const chunks = () => createReadStream(opts.file, { highWaterMark: READ_CHUNK });
  const started = io.now();

  // Pass 1: month totals (and every whole-file problem, before anything is written).
  const totals = new MonthTotals();
  let info: StatementInfo;
  try {
    const rows = readStatementChunks(chunks(), readerOptions);
    for (;;) {
      const next = await rows.next();
      if (next.done) {
        info = next.value;
        break;
      }
      for (const row of next.value) if (row.kind === 'line') totals.add(row.line);
    }
  } catch (error) {
    throw withPath(error, opts.file);
  }

  // Pass 2: the review.
  const reviewer = new StatementReviewer({ lang, monthTotals: totals.totals });
  const out: Writable = opts.out ? await openOutput(opts.out) : io.stdout;
  const csv: Writable | null = opts.exportCsv ? await openOutput(opts.exportCsv) : null;
  const bar =
    io.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: '{bar} {percentage}% | {lines} lines',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(Math.max(size, 1), 0, { lines: 0 });
  let rowErrors = 0;
  let skipped = 0;
  let bytesSeen = 0;
  let reviewed = 0;
  try {
    if (!opts.json) await writeAll(out, formatTableHeader(lang));
    if (csv) await writeAll(csv, CSV_BOM + exportCsvHeader(lang));
    const input = chunks();
    input.on('data', (chunk) => {
      bytesSeen += (chunk as Buffer).length;
    });
    for await (const rows of readStatementChunks(input, readerOptions)) {
      let text = '';
      let csvText = '';
      for (const row of rows) {
        if (row.kind === 'skipped') {
          skipped++;
          continue;
        }
        if (row.kind === 'error') {
          rowErrors++;
          text += opts.json ? `${JSON.stringify(row.error)}\n` : formatTableError(row.error, lang);
          if (csv) csvText += exportCsvError(row.error);
          continue;
        }
        const line = reviewer.review(row.line);
        reviewed++;
        if (opts.json) text += `${JSON.stringify(line)}\n`;
        else if (opts.all || line.flags.length > 0) text += formatTableLine(line, lang);
        if (csv) csvText += exportCsvRow(line);
      }
      if (text !== '') await writeAll(out, text);
      if (csv && csvText !== '') await writeAll(csv, csvText);
      bar?.update(Math.min(bytesSeen, size), { lines: reviewed + rowErrors });
    }
  } catch (error) {
    bar?.stop();
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new ExitError(0);
    throw withPath(error, opts.file);
  } finally {
    for (const stream of [out === io.stdout ? null : out, csv]) {
      if (stream === null) continue;
      stream.end();
      await new Promise((resolve) => stream.once('finish', resolve).once('error', resolve));
    }
  }
  bar?.stop();
  const report: StatementReviewReport = {
    info,
    summary: reviewer.summary(),
    rowErrors,
    skipped,
    seconds: (io.now() - started) / 1000,
  };
  // The summary goes with the table; with --json (machine output) it goes to standard error.
  const summaryText = formatSummary(opts.file, report, lang);
  if (opts.json || opts.out) io.stderr.write(summaryText);
  else await writeAll(io.stdout, `\n${summaryText}`);
  return report;
}
