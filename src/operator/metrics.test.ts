import { describe, expect, it } from 'vitest';
import { computeMetrics, HOUR_MS } from './metrics.ts';

const nowMs = 1000 * HOUR_MS + 30 * 60_000; // half past hour 1000

describe('computeMetrics', () => {
  it('counts decisions per hour by action over the window, oldest hour first', () => {
    const m = computeMetrics({
      nowMs,
      hours: 3,
      hourly: [
        { hour: 998, decision: 'allow', count: 5 },
        { hour: 1000, decision: 'allow', count: 2 },
        { hour: 1000, decision: 'challenge', count: 1 },
        { hour: 999, decision: 'hold', count: 1 },
        { hour: 997, decision: 'lock', count: 9 }, // before the window
        { hour: 1000, decision: 'weird', count: 4 }, // not an action
      ],
      flagged: [],
      outcomes: { legitimate: 0, confirmedFraud: 0 },
    });
    expect(m.sinceMs).toBe(998 * HOUR_MS);
    expect(m.perHour).toEqual([
      { startMs: 998 * HOUR_MS, allow: 5, challenge: 0, hold: 0, lock: 0 },
      { startMs: 999 * HOUR_MS, allow: 0, challenge: 0, hold: 1, lock: 0 },
      { startMs: 1000 * HOUR_MS, allow: 2, challenge: 1, hold: 0, lock: 0 },
    ]);
    expect(m.totals).toEqual({ allow: 7, challenge: 1, hold: 1, lock: 0, all: 9 });
    expect(m.challengeRate).toBeCloseTo(1 / 9);
    expect(m.falsePositiveRate).toBeNull();
  });

  it('sums yen held from held and locked charges only, and ranks rules', () => {
    const m = computeMetrics({
      nowMs,
      hours: 24,
      hourly: [],
      flagged: [
        { decision: 'hold', amount: 30_000, rules: ['new_device_high_amount', 'gift_card_burst'] },
        { decision: 'lock', amount: 50_000, rules: ['gift_card_burst', 'gift_card_burst'] },
        { decision: 'lock', amount: null, rules: ['sim_swap_then_login'] },
        { decision: 'challenge', amount: 9_000, rules: ['gift_card_burst'] },
      ],
      outcomes: { legitimate: 1, confirmedFraud: 3 },
    });
    expect(m.yenHeld).toBe(80_000);
    expect(m.topRules).toEqual([
      { rule: 'gift_card_burst', count: 3 },
      { rule: 'new_device_high_amount', count: 1 },
      { rule: 'sim_swap_then_login', count: 1 },
    ]);
    expect(m.falsePositiveRate).toBe(0.25);
    expect(m.challengeRate).toBeNull();
  });
});
