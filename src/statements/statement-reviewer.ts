/**
 * The statement review, one line at a time (pure: no fs, no clock; time is each line's date).
 * State is bounded: merchants in LRU maps of maxMerchants, duplicates for the last days, bursts
 * within their windows, and per-month totals (a few hundred numbers for decades of history),
 * so a 1,000,000-line statement is reviewed with flat memory.
 */
import { BoundedMap } from './bounded-map.ts';
import { abusedCategory } from './flags/abused-category.ts';
import { duplicateCharge } from './flags/duplicate-charge.ts';
import { type FlagInput, type FlagRule, merchantKey, monthLabel } from './flags/flag-rule.ts';
import { foreignCharge } from './flags/foreign-charge.ts';
import { MonthlyRise } from './flags/monthly-rise.ts';
import { newSubscription } from './flags/new-subscription.ts';
import { smallChargeBurst } from './flags/small-charge-burst.ts';
import { smallChargeNewMerchant } from './flags/small-charge-new-merchant.ts';
import { flagMessage } from './messages.ts';
import { dayNumber } from './parse-date.ts';
import { type ResolvedReviewOptions, type ReviewOptions, reviewOptionsSchema } from './review-options.ts';
import {
  FLAG_CODES,
  type FlagCode,
  type ReviewedLine,
  type ReviewResult,
  type ReviewSummary,
  type StatementLine,
} from './types.ts';

export class StatementReviewer {
  readonly options: ResolvedReviewOptions;
  readonly #rules: FlagRule[];
  readonly #rise: MonthlyRise;
  readonly #known: Set<string>;
  readonly #seen: BoundedMap<string, true>;
  readonly #summary: Omit<ReviewSummary, 'months'>;

  constructor(options: ReviewOptions = {}) {
    this.options = reviewOptionsSchema.parse(options);
    this.#known = new Set(this.options.knownMerchants.map(merchantKey));
    this.options.knownMerchants = [...this.#known];
    this.#seen = new BoundedMap(this.options.maxMerchants);
    this.#rise = new MonthlyRise(this.options);
    // Order of the flags on a line: most specific first.
    this.#rules = [
      smallChargeNewMerchant(this.options),
      smallChargeBurst(this.options),
      duplicateCharge(this.options),
      abusedCategory(this.options),
      foreignCharge(this.options),
      newSubscription(this.options),
      this.#rise,
    ];
    this.#summary = {
      lines: 0,
      flaggedLines: 0,
      byCode: Object.fromEntries(FLAG_CODES.map((c) => [c, 0])) as Record<FlagCode, number>,
      charges: 0,
      refunds: 0,
      firstDate: null,
      lastDate: null,
    };
  }

  review(line: StatementLine): ReviewedLine {
    const key = merchantKey(line.merchant);
    const firstSeen = !this.#known.has(key) && !this.#seen.has(key);
    this.#seen.set(key, true);
    const minutes =
      line.time === null ? 0 : Number(line.time.slice(0, 2)) * 60 + Number(line.time.slice(3, 5));
    const input: FlagInput = {
      line,
      key,
      text: [line.merchant, line.category ?? '', line.note ?? ''].join(' ').normalize('NFKC').toUpperCase(),
      firstSeen,
      minute: dayNumber(line.date) * 1440 + minutes,
      hasTime: line.time !== null,
      monthIndex: Number(line.date.slice(0, 4)) * 12 + Number(line.date.slice(5, 7)) - 1,
    };
    const flags: ReviewedLine['flags'] = [];
    for (const rule of this.#rules) {
      const hit = rule.check(input);
      if (hit === null) continue;
      flags.push({ code: hit.code, message: flagMessage(hit, this.options.lang) });
      this.#summary.byCode[hit.code]++;
    }
    const s = this.#summary;
    s.lines++;
    if (flags.length > 0) s.flaggedLines++;
    if (line.amount >= 0) s.charges += line.amount;
    else s.refunds += line.amount;
    if (s.firstDate === null || line.date < s.firstDate) s.firstDate = line.date;
    if (s.lastDate === null || line.date > s.lastDate) s.lastDate = line.date;
    return {
      line: line.line,
      date: line.date,
      time: line.time,
      merchant: line.merchant,
      amount: line.amount,
      currency: line.currency,
      flags,
    };
  }

  summary(): ReviewSummary {
    const months = [...this.#rise.running.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, m]) => ({
        month: monthLabel(index),
        charges: m.charges,
        count: m.count,
        baseline: this.#rise.baseline(index)?.value ?? null,
        rise: this.#rise.flagged.has(index),
      }));
    return { ...this.#summary, byCode: { ...this.#summary.byCode }, months };
  }
}

/** Charges per month (`YYYY-MM` → yen), the first pass that lets any row order be compared. */
export class MonthTotals {
  readonly totals = new Map<string, number>();
  add(line: Pick<StatementLine, 'date' | 'amount'>): void {
    if (line.amount <= 0) return;
    const month = line.date.slice(0, 7);
    this.totals.set(month, (this.totals.get(month) ?? 0) + line.amount);
  }
}

/**
 * Reviews a whole statement held in memory: the month totals first, then every line in order.
 *
 * @example
 *   const { lines, summary } = reviewStatement(parsed.lines, { lang: 'en' });
 *   lines.filter((l) => l.flags.length > 0);
 */
export function reviewStatement(lines: readonly StatementLine[], options: ReviewOptions = {}): ReviewResult {
  const totals = new MonthTotals();
  for (const line of lines) totals.add(line);
  const reviewer = new StatementReviewer({ ...options, monthTotals: options.monthTotals ?? totals.totals });
  const reviewed = lines.map((line) => reviewer.review(line));
  return { lines: reviewed, summary: reviewer.summary() };
}
