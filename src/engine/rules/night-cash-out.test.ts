import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy } from '../policy.ts';
import { charge, contextFor, H, login } from '../test-kit.ts';
import { nightCashOut } from './night-cash-out.ts';

// test-kit's T0 is 09:00 in Japan; +17 h is 02:00 the next night, +5 h is 14:00.
const NIGHT = 17 * H;
const AFTERNOON = 5 * H;
const LONDON = { ip: '81.2.69.160', country: 'GB', kind: 'fixed' as const };

describe('night_cash_out', () => {
  it('holds a second stored-value purchase within the hour at 2 a.m., in a kind never bought before', () => {
    const before = [charge(NIGHT, 3000, 'm_gift_a', 'gift_card')];
    const hit = nightCashOut.evaluate(contextFor(charge(NIGHT + 20, 5000, 'm_emoney_b', 'e_money'), before));
    expect(hit).toEqual({ points: 60, params: { minutes: 60, count: 2, yen: 8000 } });
  });

  it('counts game and app-store credit in the run once stored value is part of it', () => {
    const before = [charge(NIGHT, 4900, 'm_game_x', 'game')];
    expect(
      nightCashOut.evaluate(contextFor(charge(NIGHT + 5, 3000, 'm_gift_a', 'gift_card'), before))?.points,
    ).toBe(60);
  });

  it('leaves one purchase, a small run, the same run by day, and a run of game credit alone', () => {
    expect(nightCashOut.evaluate(contextFor(charge(NIGHT, 9000, 'm_gift_a', 'gift_card')))).toBeNull();
    const small = [charge(NIGHT, 1000, 'm_gift_a', 'gift_card')];
    expect(
      nightCashOut.evaluate(contextFor(charge(NIGHT + 10, 1500, 'm_gift_a', 'gift_card'), small)),
    ).toBeNull();
    const byDay = [charge(AFTERNOON, 3000, 'm_gift_a', 'gift_card')];
    expect(
      nightCashOut.evaluate(contextFor(charge(AFTERNOON + 20, 5000, 'm_emoney_b', 'e_money'), byDay)),
    ).toBeNull();
    const game = [charge(NIGHT, 4000, 'm_game_x', 'game')];
    expect(nightCashOut.evaluate(contextFor(charge(NIGHT + 10, 4000, 'm_game_y', 'game'), game))).toBeNull();
  });

  it('leaves a subscriber who already buys gift cards alone', () => {
    const habit = [
      charge(AFTERNOON, 3000, 'm_gift_a', 'gift_card'),
      charge(NIGHT, 3000, 'm_gift_a', 'gift_card'),
    ];
    expect(
      nightCashOut.evaluate(contextFor(charge(NIGHT + 20, 5000, 'm_gift_a', 'gift_card'), habit)),
    ).toBeNull();
  });

  it('does not judge the night by the home clock abroad', () => {
    const trip = [
      login(NIGHT - 30, { network: LONDON }),
      charge(NIGHT, 3000, 'm_gift_a', 'gift_card', { network: LONDON }),
    ];
    expect(
      nightCashOut.evaluate(
        contextFor(charge(NIGHT + 20, 5000, 'm_emoney_b', 'e_money', { network: LONDON }), trip),
      ),
    ).toBeNull();
  });

  it('takes the night and the home time zone from the policy', () => {
    const evening = parsePolicy({ rules: { night_cash_out: { nightStartHour: 22, nightEndHour: 6 } } });
    const utc = parsePolicy({ homeUtcOffsetMinutes: 0 });
    if (!evening.policy || !utc.policy) throw new Error('policy');
    // 23:00 in Japan: outside the default night, inside 22–6.
    const before = [charge(14 * H, 3000, 'm_gift_a', 'gift_card')];
    const event = charge(14 * H + 20, 5000, 'm_emoney_b', 'e_money');
    expect(nightCashOut.evaluate(contextFor(event, before))).toBeNull();
    expect(nightCashOut.evaluate(contextFor(event, before, evening.policy))?.points).toBe(60);
    // 02:00 in Japan is 17:00 UTC.
    const night = [charge(NIGHT, 3000, 'm_gift_a', 'gift_card')];
    expect(
      nightCashOut.evaluate(contextFor(charge(NIGHT + 20, 5000, 'm_emoney_b', 'e_money'), night, utc.policy)),
    ).toBeNull();
    expect(DEFAULT_POLICY.homeUtcOffsetMinutes).toBe(540);
  });
});
