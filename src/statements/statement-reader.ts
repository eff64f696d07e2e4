/**
 * Decoded lines → statement lines, row errors and skipped rows, one line at a time (pure: no fs,
 * no clock). Finds the header row among the first lines (account details often sit above it),
 * picks the layout whose header explains the most columns, then reads each row with that layout.
 * A problem with the file as a whole (no header) throws StatementFileError; a problem with a row
 * becomes a RowError in its place and reading goes on (issue 6: "valid lines are not lost").
 */
import { BUILTIN_MAPPINGS } from './builtin-mappings.ts';
import { CsvRecordAssembler, MAX_RECORD_LINES, parseCsvRecord } from './csv-records.ts';
import type { DecodedLine } from './decode-lines.ts';
import { MAX_LINE_BYTES } from './decode-lines.ts';
import type { ColumnName, StatementMapping } from './mapping-schema.ts';
import { REQUIRED_COLUMNS } from './mapping-schema.ts';
import { type ColumnIndexes, columnLabel, matchHeader, normalizeHeader } from './match-header.ts';
import { type RowErrorParams, rowErrorMessage } from './messages.ts';
import { parseAmount } from './parse-amount.ts';
import { parseStatementDate, type YearContext, yearContextFromText } from './parse-date.ts';
import { StatementFileError } from './statement-file-error.ts';
import type { Lang, RowError, StatementLine } from './types.ts';

export type SkipReason = 'preamble' | 'header' | 'blank' | 'total' | 'repeated_header';

export type StatementRow =
  | { kind: 'line'; line: StatementLine }
  | { kind: 'error'; error: RowError }
  | { kind: 'skipped'; line: number; reason: SkipReason };

export interface StatementReaderOptions {
  /** Use only this layout (from `--mapping FILE`). */
  mapping?: StatementMapping;
  /** Layouts to choose from by header; the built-in ones by default. */
  mappings?: readonly StatementMapping[];
  /** Year for dates written without one (11/24) when the file does not say. */
  year?: number;
  lang?: Lang;
}

export interface StatementReaderInfo {
  mapping: StatementMapping | null;
  headerLine: number | null;
}

/** A row whose date cell is empty and that says 合計 is the export's total line, not a charge. */
const DIGIT_START = /^[0-9０-９]/;

const TOTAL_ROW = /合計|小計|総額|^total$|^subtotal$/i;

const COLUMN_JA: Record<ColumnName, string> = {
  date: '利用日',
  merchant: '利用店名',
  amount: '金額',
  time: '時刻',
  currency: '通貨',
  foreignAmount: '現地通貨額',
  category: '区分',
  note: '備考',
};

export class StatementReader {
  readonly #lang: Lang;
  readonly #candidates: readonly StatementMapping[];
  readonly #searchLines: number;
  #mapping: StatementMapping | null = null;
  #columns: ColumnIndexes | null = null;
  #needed = 0;
  #headerLine: number | null = null;
  #headerKey = '';
  #assembler: CsvRecordAssembler | null = null;
  #context: YearContext | null;
  #best: { line: number; mapping: StatementMapping; missing: ColumnName[]; found: number } | null = null;
  #sawText = false;
  /** Named in the message of an undecodable line; set by whoever decoded the bytes. */
  encoding = 'UTF-8';

  constructor(options: StatementReaderOptions = {}) {
    this.#lang = options.lang ?? 'ja';
    this.#candidates = options.mapping ? [options.mapping] : (options.mappings ?? BUILTIN_MAPPINGS);
    this.#searchLines = Math.max(...this.#candidates.map((m) => m.headerSearchLines));
    this.#context = options.year === undefined ? null : { year: options.year, month: null };
    const headerless = options.mapping && !options.mapping.header ? options.mapping : null;
    if (headerless) this.#start(headerless, indexColumns(headerless), null);
  }

  get info(): StatementReaderInfo {
    return { mapping: this.#mapping, headerLine: this.#headerLine };
  }

  push(decoded: DecodedLine): StatementRow[] {
    if (decoded.text !== null) this.#sawText ||= decoded.text.trim() !== '';
    if (this.#assembler === null) return this.#beforeHeader(decoded);
    if (decoded.text === null) return [this.#error(decoded.line, this.#decodeError(decoded.error))];
    const out: StatementRow[] = [];
    for (const r of this.#assembler.push(decoded.text, decoded.line)) out.push(this.#record(r));
    return out;
  }

  end(): StatementRow[] {
    if (this.#assembler === null) throw this.#noHeader();
    return this.#assembler.end().map((r) => this.#record(r));
  }

  #decodeError(error: 'undecodable_line' | 'line_too_long'): RowErrorParams {
    return error === 'line_too_long'
      ? { code: 'line_too_long', limit: MAX_LINE_BYTES }
      : { code: 'undecodable_line', encoding: this.encoding };
  }

  #beforeHeader(decoded: DecodedLine): StatementRow[] {
    const { line } = decoded;
    const ja = this.#lang === 'ja';
    if (decoded.text === null) {
      if (decoded.error === 'line_too_long')
        throw new StatementFileError(
          'line_too_long',
          ja
            ? `${line} 行目: ${MAX_LINE_BYTES / 1024} KB を超える長い行です。明細の CSV ではないようです`
            : `line ${line}: longer than ${MAX_LINE_BYTES / 1024} KB; this is not a statement CSV`,
          line,
        );
      return this.#afterPreambleLine(line);
    }
    const mapping = this.#mapping;
    if (mapping !== null) {
      // Headerless layout: lines before the data are skipped by count.
      return line <= mapping.skipLines ? [{ kind: 'skipped', line, reason: 'preamble' }] : [];
    }
    let chosen: {
      mapping: StatementMapping;
      columns: ColumnIndexes;
      found: number;
      header: string[];
    } | null = null;
    for (const candidate of this.#candidates) {
      const parsed = parseCsvRecord(decoded.text, candidate.delimiter);
      if (parsed.open) continue;
      const header = parsed.fields.map(normalizeHeader);
      const match = matchHeader(header, candidate);
      if (match.columns !== null) {
        if (chosen === null || match.found > chosen.found)
          chosen = { mapping: candidate, columns: match.columns, found: match.found, header };
      } else if (match.missing.length < REQUIRED_COLUMNS.length) {
        if (this.#best === null || match.found > this.#best.found)
          this.#best = { line, mapping: candidate, missing: match.missing, found: match.found };
      }
    }
    if (chosen !== null) {
      this.#start(chosen.mapping, chosen.columns, line);
      this.#headerKey = chosen.header.join('\u0000');
      return [{ kind: 'skipped', line, reason: 'header' }];
    }
    // Account details above the header may say which month this is (for dates without a year).
    if (this.#context === null || this.#context.month === null) {
      const found = yearContextFromText(decoded.text);
      if (found) this.#context = found;
    }
    return this.#afterPreambleLine(line);
  }

  #afterPreambleLine(line: number): StatementRow[] {
    if (line >= this.#searchLines) throw this.#noHeader();
    return [{ kind: 'skipped', line, reason: 'preamble' }];
  }

  #start(mapping: StatementMapping, columns: ColumnIndexes, headerLine: number | null): void {
    this.#mapping = mapping;
    this.#columns = columns;
    this.#headerLine = headerLine;
    this.#needed = Math.max(columns.date, columns.merchant, columns.amount) + 1;
    this.#assembler = new CsvRecordAssembler(mapping.delimiter);
  }

  #noHeader(): StatementFileError {
    const ja = this.#lang === 'ja';
    if (!this.#sawText)
      return new StatementFileError('empty_file', ja ? 'ファイルが空です' : 'the file is empty');
    const best = this.#best;
    if (best !== null) {
      const names = best.missing.map((c) =>
        ja
          ? `「${columnLabel(best.mapping, c)}」(${COLUMN_JA[c]})`
          : `"${columnLabel(best.mapping, c)}" (${c})`,
      );
      return new StatementFileError(
        'missing_columns',
        ja
          ? `${best.line} 行目: 見出しに ${names.join('、')} の列がありません (対応表 ${best.mapping.id})。列名を確かめるか --mapping で対応表を指定してください`
          : `line ${best.line}: the header has no ${names.join(', ')} column (layout ${best.mapping.id}); check the column names or pass --mapping`,
        best.line,
      );
    }
    const layouts = this.#candidates.map((m) => m.id).join(', ');
    const limit = this.#searchLines;
    return new StatementFileError(
      'missing_columns',
      ja
        ? `1〜${limit} 行目に利用日・利用店名・金額の見出し行がありません (対応している形式: ${layouts})。--mapping で対応表を指定してください`
        : `no header row with date, merchant and amount columns in lines 1–${limit} (known layouts: ${layouts}); pass --mapping`,
      1,
    );
  }

  #error(line: number, params: RowErrorParams): StatementRow {
    return {
      kind: 'error',
      error: { line, error: { code: params.code, message: rowErrorMessage(params, line, this.#lang) } },
    };
  }

  #record(r: ReturnType<CsvRecordAssembler['push']>[number]): StatementRow {
    if (r.kind === 'unclosed')
      return this.#error(r.line, { code: 'unclosed_quote', lines: MAX_RECORD_LINES });
    const { line, fields } = r;
    const columns = this.#columns as ColumnIndexes;
    if (fields.every((f) => f.trim() === '')) return { kind: 'skipped', line, reason: 'blank' };
    const dateCell = (fields[columns.date] ?? '').trim();
    // Exports that list card members one after another repeat the header; a date never starts
    // like a header cell, so only rows whose date cell is not a number are compared.
    if (
      this.#headerKey !== '' &&
      !DIGIT_START.test(dateCell) &&
      fields.map(normalizeHeader).join('\u0000') === this.#headerKey
    )
      return { kind: 'skipped', line, reason: 'repeated_header' };
    if (dateCell === '' && fields.some((f) => TOTAL_ROW.test(f.normalize('NFKC').trim())))
      return { kind: 'skipped', line, reason: 'total' };
    if (fields.length < this.#needed)
      return this.#error(line, { code: 'short_row', cells: fields.length, needed: this.#needed });
    if (dateCell === '') return this.#error(line, { code: 'missing_date' });
    const date = parseStatementDate(dateCell, this.#context);
    if (!date.ok)
      return this.#error(
        line,
        date.reason === 'missing_year'
          ? { code: 'missing_year', value: dateCell }
          : { code: 'invalid_date', value: dateCell },
      );
    if (date.hasYear) this.#context = { year: date.year, month: date.month };
    const amountCell = fields[columns.amount] ?? '';
    const amount = parseAmount(amountCell);
    if (amount === null) return this.#error(line, { code: 'invalid_amount', value: amountCell.trim() });
    let time = date.time;
    if (time === null && columns.time !== undefined) time = parseTime(fields[columns.time] ?? '');
    const currencyCell = optional(fields, columns.currency);
    const currency = currencyCell === null ? null : normalizeCurrency(currencyCell);
    const foreignCell = optional(fields, columns.foreignAmount);
    return {
      kind: 'line',
      line: {
        line,
        date: date.date,
        time,
        merchant: (fields[columns.merchant] ?? '').trim(),
        amount,
        currency,
        foreignAmount: foreignCell === null ? null : parseAmount(foreignCell),
        category: optional(fields, columns.category),
        note: optional(fields, columns.note),
      },
    };
  }
}

function indexColumns(mapping: StatementMapping): ColumnIndexes {
  const out: Partial<Record<ColumnName, number>> = {};
  for (const [name, ref] of Object.entries(mapping.columns))
    if (ref !== undefined && typeof ref === 'object' && 'index' in ref) out[name as ColumnName] = ref.index;
  return out as ColumnIndexes;
}

function optional(fields: readonly string[], index: number | undefined): string | null {
  if (index === undefined) return null;
  const value = (fields[index] ?? '').trim();
  return value === '' ? null : value;
}

function normalizeCurrency(cell: string): string {
  const text = cell.normalize('NFKC').trim().toUpperCase();
  return text === '円' || text === '¥' ? 'JPY' : text;
}

function parseTime(cell: string): string | null {
  const m = /^(\d{1,2})(?::|時)(\d{1,2})/.exec(cell.normalize('NFKC').trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}
