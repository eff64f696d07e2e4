/**
 * Bytes of a statement file → rows, without fs: the caller hands in the bytes (a whole file, or
 * the chunks of a stream). `readStatementChunks` holds one chunk's rows at a time.
 */
import { type DecodedLine, LineDecoder, type TextEncodingName } from './decode-lines.ts';
import {
  StatementReader,
  type StatementReaderInfo,
  type StatementReaderOptions,
  type StatementRow,
} from './statement-reader.ts';
import type { RowError, StatementLine } from './types.ts';

export interface StatementInfo extends StatementReaderInfo {
  encoding: TextEncodingName | null;
}

const ENCODING_LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  shift_jis: 'Shift_JIS (CP932)',
  'euc-jp': 'EUC-JP',
};

export function encodingLabel(encoding: TextEncodingName | null): string {
  return encoding === null ? '-' : ENCODING_LABEL[encoding];
}

/** Reads a statement chunk by chunk; yields the rows each chunk completes, in file order. */
export async function* readStatementChunks(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: StatementReaderOptions = {},
  onInfo?: (info: StatementInfo) => void,
): AsyncGenerator<StatementRow[], StatementInfo> {
  const decoder = new LineDecoder(options.lang);
  const reader = new StatementReader(options);
  const feed = (lines: DecodedLine[]): StatementRow[] => {
    if (lines.length > 0 && decoder.encoding !== null) reader.encoding = encodingLabel(decoder.encoding);
    const rows: StatementRow[] = [];
    for (const line of lines) for (const row of reader.push(line)) rows.push(row);
    return rows;
  };
  let announced = false;
  const info = (): StatementInfo => ({ ...reader.info, encoding: decoder.encoding });
  for await (const chunk of chunks) {
    const rows = feed(decoder.push(chunk));
    if (!announced && reader.info.mapping !== null) {
      announced = true;
      onInfo?.(info());
    }
    if (rows.length > 0) yield rows;
  }
  const rows = feed(decoder.end());
  rows.push(...reader.end());
  if (!announced) onInfo?.(info());
  if (rows.length > 0) yield rows;
  return info();
}

export interface ParsedStatement {
  info: StatementInfo;
  lines: StatementLine[];
  errors: RowError[];
  skipped: number;
}

/** Reads a whole statement held in memory (tests, the web app's upload). */
export function parseStatementBytes(
  bytes: Uint8Array,
  options: StatementReaderOptions = {},
): ParsedStatement {
  const decoder = new LineDecoder(options.lang);
  const reader = new StatementReader(options);
  const result: ParsedStatement = {
    info: { mapping: null, headerLine: null, encoding: null },
    lines: [],
    errors: [],
    skipped: 0,
  };
  const take = (rows: StatementRow[]) => {
    for (const row of rows) {
      if (row.kind === 'line') result.lines.push(row.line);
      else if (row.kind === 'error') result.errors.push(row.error);
      else result.skipped++;
    }
  };
  const decoded = [...decoder.push(bytes), ...decoder.end()];
  reader.encoding = encodingLabel(decoder.encoding);
  for (const line of decoded) take(reader.push(line));
  take(reader.end());
  result.info = { ...reader.info, encoding: decoder.encoding };
  return result;
}
