/**
 * The reviewed statement as CSV for a spreadsheet (`--export-csv`). Every cell that a spreadsheet
 * would run as a formula is neutralised with a leading single quote (OWASP "CSV Injection": cells
 * starting with =, +, -, @, tab or CR), so a merchant named =HYPERLINK("http://evil","返金") is
 * shown as text, never followed. Full-width ＝＋－＠ are treated the same: Japanese spreadsheet
 * input may turn them into their ASCII forms. UTF-8 with a BOM, so Excel in Japan reads it.
 */
import type { Lang, ReviewedLine, RowError } from './types.ts';

const FORMULA_START = /^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** One cell: neutralised, then quoted per RFC 4180 when it holds a comma, quote or line break. */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (FORMULA_START.test(text) || text.startsWith('\t') || text.startsWith('\r')) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_BOM = '\uFEFF';

const HEADER: Record<Lang, string[]> = {
  ja: ['行', '利用日', '時刻', '利用店名', '金額', '通貨', 'フラグ', '理由'],
  en: ['line', 'date', 'time', 'merchant', 'amount', 'currency', 'flags', 'reasons'],
};

export function exportCsvHeader(lang: Lang): string {
  return `${HEADER[lang].map(csvCell).join(',')}\r\n`;
}

export function exportCsvRow(line: ReviewedLine): string {
  return `${[
    line.line,
    line.date,
    line.time,
    line.merchant,
    line.amount,
    line.currency,
    line.flags.map((f) => f.code).join(' '),
    line.flags.map((f) => f.message).join(' / '),
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

/** A row that could not be read, kept in the export so the person sees which line to fix. */
export function exportCsvError(error: RowError): string {
  return `${[error.line, '', '', '', '', '', error.error.code, error.error.message].map(csvCell).join(',')}\r\n`;
}
