/**
 * Statement review (issue 6 "Statement review (prevention)"): read a card statement or
 * carrier-billing history CSV in any of the common Japanese layouts and encodings, and flag the
 * lines worth a second look. Pure: no fs, no clock; the CLI command does the I/O.
 */
export { BUILTIN_MAPPINGS } from './builtin-mappings.ts';
export { MAX_RECORD_LINES, parseCsvRecord } from './csv-records.ts';
export { detectEncoding, LineDecoder, MAX_LINE_BYTES, type TextEncodingName } from './decode-lines.ts';
export { CSV_BOM, csvCell, exportCsvError, exportCsvHeader, exportCsvRow } from './export-csv.ts';
export { ABUSED_KEYWORDS, abusedKind } from './flags/abused-category.ts';
export { merchantKey } from './flags/flag-rule.ts';
export { formatYen } from './format-yen.ts';
export {
  type ColumnRef,
  parseStatementMapping,
  type StatementMapping,
  type StatementMappingInput,
  statementMappingSchema,
} from './mapping-schema.ts';
export { parseAmount } from './parse-amount.ts';
export { type ParsedDate, parseStatementDate, type YearContext } from './parse-date.ts';
export {
  encodingLabel,
  type ParsedStatement,
  parseStatementBytes,
  readStatementChunks,
  type StatementInfo,
} from './read-statement.ts';
export {
  DEFAULT_REVIEW_OPTIONS,
  type ResolvedReviewOptions,
  type ReviewOptions,
  reviewOptionsSchema,
} from './review-options.ts';
export { StatementFileError } from './statement-file-error.ts';
export {
  type SkipReason,
  StatementReader,
  type StatementReaderOptions,
  type StatementRow,
} from './statement-reader.ts';
export { MonthTotals, reviewStatement, StatementReviewer } from './statement-reviewer.ts';
export * from './types.ts';
