/**
 * Shapes of the statement review (issue 6 "Statement review (prevention)"): one statement line as
 * read from a card statement or carrier-billing history, the flags the review puts on it, and the
 * per-row errors that are reported in place without stopping the review.
 */

export type Lang = 'ja' | 'en';

/** One charge (or refund, when `amount` < 0) read from a statement file. */
export interface StatementLine {
  /** 1-based physical line number in the file where the row starts. */
  line: number;
  /** Calendar date, `YYYY-MM-DD`. */
  date: string;
  /** `HH:MM` when the file gives a time (carrier-billing histories do), otherwise null. */
  time: string | null;
  merchant: string;
  /** Yen; negative for a refund or cancellation (△, ▲, −, -). */
  amount: number;
  /** ISO 4217 code from a currency column, upper case; null when the file has none. */
  currency: string | null;
  /** Amount in `currency` (現地通貨額) when the file gives one. */
  foreignAmount: number | null;
  /** Category, payment method or service type column, when mapped. */
  category: string | null;
  /** 備考 / note column, when mapped. */
  note: string | null;
}

export const FLAG_CODES = [
  'small_charge_new_merchant',
  'small_charge_burst',
  'duplicate_charge',
  'foreign_charge',
  'new_subscription',
  'abused_category',
  'monthly_rise',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export interface ReviewFlag {
  code: FlagCode;
  message: string;
}

/** A statement line after review: the wire shape of `--json` (one object per line). */
export interface ReviewedLine {
  line: number;
  date: string;
  time: string | null;
  merchant: string;
  amount: number;
  currency: string | null;
  flags: ReviewFlag[];
}

export const ROW_ERROR_CODES = [
  'undecodable_line',
  'line_too_long',
  'unclosed_quote',
  'short_row',
  'missing_date',
  'invalid_date',
  'missing_year',
  'invalid_amount',
] as const;
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/** A row that could not be read; the other rows are still reviewed. */
export interface RowError {
  line: number;
  error: { code: RowErrorCode; message: string };
}

export interface MonthSummary {
  /** `YYYY-MM`. */
  month: string;
  /** Sum of the charges (refunds not subtracted), yen. */
  charges: number;
  count: number;
  /** Average of the previous months this month is compared with; null without any. */
  baseline: number | null;
  rise: boolean;
}

export interface ReviewSummary {
  /** Statement lines reviewed (row errors and skipped rows are not counted here). */
  lines: number;
  flaggedLines: number;
  byCode: Record<FlagCode, number>;
  /** Sum of charges and of refunds (negative), yen. */
  charges: number;
  refunds: number;
  firstDate: string | null;
  lastDate: string | null;
  months: MonthSummary[];
}

export interface ReviewResult {
  lines: ReviewedLine[];
  summary: ReviewSummary;
}
