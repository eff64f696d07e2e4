/**
 * One review flag per file (style.md §2, as the engine's rules): each rule keeps its own bounded
 * state and sees the statement lines in file order, with the derived facts computed once here.
 */
import type { FlagParams } from '../messages.ts';
import type { ResolvedReviewOptions } from '../review-options.ts';
import type { StatementLine } from '../types.ts';

export interface FlagInput {
  line: StatementLine;
  /** Merchant name folded for comparison (merchantKey). */
  key: string;
  /** Merchant, category and note, NFKC and upper case, for keyword matching. */
  text: string;
  /** Not known beforehand and not met earlier in the file. */
  firstSeen: boolean;
  /** Minutes since 1970-01-01 (midnight when the file gives no time). */
  minute: number;
  hasTime: boolean;
  /** year × 12 + month − 1. */
  monthIndex: number;
}

export interface FlagRule {
  check(input: FlagInput): FlagParams | null;
}

export type FlagRuleFactory = (options: ResolvedReviewOptions) => FlagRule;

/**
 * Folds a merchant name so one shop's rows compare equal: NFKC (half-width kana, full-width
 * letters), upper case, single spaces, and a trailing transaction number dropped
 * (「AMAZON.CO.JP 123456」, 「STEAM PURCHASE *8812」).
 */
export function merchantKey(merchant: string): string {
  return merchant
    .normalize('NFKC')
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s*#]+[A-Z]*\d[A-Z0-9]{3,}$/, '')
    .trim();
}

export function monthLabel(monthIndex: number): string {
  return `${Math.floor(monthIndex / 12)}-${String((monthIndex % 12) + 1).padStart(2, '0')}`;
}

/** Keyword matching: Latin words must stand alone (EDY is not the end of SPEEDY); kana need not. */
export function keywordMatcher(words: readonly string[]): (text: string) => string | null {
  const patterns = words.map((word) => {
    const upper = word.normalize('NFKC').toUpperCase();
    const escaped = upper.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return {
      word,
      re: /^[A-Z0-9 .\-/]+$/.test(upper)
        ? new RegExp(`(?<![A-Z0-9])${escaped}(?![A-Z])`)
        : new RegExp(escaped),
    };
  });
  // One alternation first: most lines match nothing, and one regex scan is far cheaper than many.
  const any = new RegExp(patterns.map((p) => `(?:${p.re.source})`).join('|'));
  return (text) => {
    if (!any.test(text)) return null;
    for (const p of patterns) if (p.re.test(text)) return p.word;
    return null;
  };
}
