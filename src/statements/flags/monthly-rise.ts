/**
 * monthly_rise: a month whose charges climb well above the person's own previous months (both
 * baseline × riseRatio and baseline + riseMinIncrease). The line that takes the month over the
 * line is flagged, once per month. The baseline is the average of up to riseLookbackMonths
 * earlier months: from `previousMonths`, and from this file (all of it when a first pass gave
 * `monthTotals`, otherwise the months already read).
 */
import type { ResolvedReviewOptions } from '../review-options.ts';
import type { FlagInput, FlagRule } from './flag-rule.ts';
import { monthLabel } from './flag-rule.ts';

export function monthIndexOf(label: string): number {
  return Number(label.slice(0, 4)) * 12 + Number(label.slice(5, 7)) - 1;
}

export class MonthlyRise implements FlagRule {
  readonly #options: ResolvedReviewOptions;
  readonly #reference: Map<number, number> | null;
  readonly #previous = new Map<number, number>();
  /** Charges per month read so far: the per-month totals, the only state that grows (by months). */
  readonly running = new Map<number, { charges: number; count: number }>();
  readonly #baselines = new Map<number, { value: number; months: number } | null>();
  readonly flagged = new Set<number>();

  constructor(options: ResolvedReviewOptions) {
    this.#options = options;
    for (const [label, total] of Object.entries(options.previousMonths))
      this.#previous.set(monthIndexOf(label), total);
    this.#reference = options.monthTotals
      ? new Map([...options.monthTotals].map(([label, total]) => [monthIndexOf(label), total]))
      : null;
  }

  baseline(month: number): { value: number; months: number } | null {
    if (this.#baselines.has(month)) return this.#baselines.get(month) ?? null;
    const totals: number[] = [];
    for (let m = month - this.#options.riseLookbackMonths; m < month; m++) {
      const inFile = this.#reference ? this.#reference.get(m) : this.running.get(m)?.charges;
      const total = inFile ?? this.#previous.get(m);
      if (total !== undefined) totals.push(total);
    }
    const result =
      totals.length < this.#options.riseMinBaselineMonths
        ? null
        : { value: Math.round(totals.reduce((a, b) => a + b, 0) / totals.length), months: totals.length };
    this.#baselines.set(month, result);
    return result;
  }

  check({ line, monthIndex }: FlagInput) {
    let month = this.running.get(monthIndex);
    if (month === undefined) {
      month = { charges: 0, count: 0 };
      this.running.set(monthIndex, month);
    }
    if (line.amount <= 0) return null;
    month.charges += line.amount;
    month.count++;
    if (this.flagged.has(monthIndex)) return null;
    const base = this.baseline(monthIndex);
    if (base === null) return null;
    const { riseRatio, riseMinIncrease } = this.#options;
    if (month.charges <= base.value * riseRatio || month.charges - base.value < riseMinIncrease) return null;
    this.flagged.add(monthIndex);
    return {
      code: 'monthly_rise' as const,
      month: monthLabel(monthIndex),
      monthTotal: month.charges,
      baseline: base.value,
      months: base.months,
    };
  }
}
