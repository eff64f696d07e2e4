/**
 * Operator metrics (issue 5 "Metrics"): decisions per hour by action, yen held, challenge rate,
 * false-positive rate from case outcomes, top rules. Pure: the repository reads the rows, this
 * turns them into the figures the console charts.
 */

export const ACTIONS = ['allow', 'challenge', 'hold', 'lock'] as const;
export type Action = (typeof ACTIONS)[number];

export const HOUR_MS = 3_600_000;

/** Decisions counted per (hour, action); `hour` is epoch ms / HOUR_MS, floored. */
export interface HourlyCount {
  hour: number;
  decision: string;
  count: number;
}

/** A non-allow decision: its action, the charge amount it stopped (if a charge), its rules. */
export interface FlaggedDecision {
  decision: string;
  amount: number | null;
  rules: readonly string[];
}

export interface MetricsInput {
  nowMs: number;
  hours: number;
  hourly: readonly HourlyCount[];
  flagged: readonly FlaggedDecision[];
  /** Cases resolved in the window, by outcome. */
  outcomes: { legitimate: number; confirmedFraud: number };
  /** How many rules to list (default 10). */
  topRules?: number;
}

export interface HourBucket extends Record<Action, number> {
  /** Start of the hour, epoch ms. */
  startMs: number;
}

export interface OperatorMetrics {
  hours: number;
  sinceMs: number;
  untilMs: number;
  perHour: HourBucket[];
  totals: Record<Action, number> & { all: number };
  /** Sum of the charge amounts decided `hold` or `lock` (yen). */
  yenHeld: number;
  /** challenge / all decisions, or null when there were none. */
  challengeRate: number | null;
  /** legitimate / (legitimate + confirmed fraud) among resolved cases, or null when none were resolved. */
  falsePositiveRate: number | null;
  caseOutcomes: { legitimate: number; confirmedFraud: number };
  topRules: { rule: string; count: number }[];
}

/** The first hour (epoch ms / HOUR_MS) of a window of `hours` ending at `nowMs`, inclusive of the current hour. */
export function windowStartHour(nowMs: number, hours: number): number {
  return Math.floor(nowMs / HOUR_MS) - hours + 1;
}

/**
 * @example
 * const m = computeMetrics({ nowMs, hours: 24, hourly, flagged, outcomes: { legitimate: 1, confirmedFraud: 3 } });
 * m.falsePositiveRate; // 0.25
 */
export function computeMetrics(input: MetricsInput): OperatorMetrics {
  const firstHour = windowStartHour(input.nowMs, input.hours);
  const perHour: HourBucket[] = Array.from({ length: input.hours }, (_, i) => ({
    startMs: (firstHour + i) * HOUR_MS,
    allow: 0,
    challenge: 0,
    hold: 0,
    lock: 0,
  }));
  const totals = { allow: 0, challenge: 0, hold: 0, lock: 0, all: 0 };
  for (const row of input.hourly) {
    if (!(ACTIONS as readonly string[]).includes(row.decision)) continue;
    const action = row.decision as Action;
    const bucket = perHour[row.hour - firstHour];
    if (bucket === undefined) continue; // outside the window
    bucket[action] += row.count;
    totals[action] += row.count;
    totals.all += row.count;
  }

  let yenHeld = 0;
  const ruleCounts = new Map<string, number>();
  for (const f of input.flagged) {
    if ((f.decision === 'hold' || f.decision === 'lock') && f.amount !== null && Number.isFinite(f.amount)) {
      yenHeld += f.amount;
    }
    for (const rule of new Set(f.rules)) ruleCounts.set(rule, (ruleCounts.get(rule) ?? 0) + 1);
  }
  const topRules = [...ruleCounts]
    .map(([rule, count]) => ({ rule, count }))
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule))
    .slice(0, input.topRules ?? 10);

  const resolved = input.outcomes.legitimate + input.outcomes.confirmedFraud;
  return {
    hours: input.hours,
    sinceMs: firstHour * HOUR_MS,
    untilMs: input.nowMs,
    perHour,
    totals,
    yenHeld,
    challengeRate: totals.all === 0 ? null : totals.challenge / totals.all,
    falsePositiveRate: resolved === 0 ? null : input.outcomes.legitimate / resolved,
    caseOutcomes: { ...input.outcomes },
    topRules,
  };
}
