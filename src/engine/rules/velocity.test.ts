import { describe, expect, it } from 'vitest';
import { charge, contextFor } from '../test-kit.ts';
import { velocity } from './velocity.ts';

describe('velocity', () => {
  it('scores yen far beyond the account’s usual day (a stolen phone emptied into e-money)', () => {
    const hit = velocity.evaluate(
      contextFor(charge(20, 20_000, 'm_emoney', 'e_money'), [charge(10, 20_000, 'm_emoney', 'e_money')]),
    );
    // 25 for the day's yen + 35 for an e-money burst within the hour, capped at 55.
    expect(hit).toEqual({ points: 55, params: { hourCount: 2, count: 2, yen: 40_000 } });
  });

  it('scores a burst of e-money and gift cards within the hour even under the daily yen limit', () => {
    const hit = velocity.evaluate(
      contextFor(charge(30, 5000, 'm_gift', 'gift_card'), [charge(10, 5000, 'm_emoney', 'e_money')]),
    );
    expect(hit?.points).toBe(35);
    expect(
      velocity.evaluate(
        contextFor(charge(30, 3000, 'm_gift', 'gift_card'), [charge(10, 3000, 'm_gift', 'gift_card')]),
      ),
    ).toBeNull();
  });

  it('scores a burst of game and app-store credit from the subscriber’s own phone (a stolen phone)', () => {
    const hit = velocity.evaluate(
      contextFor(charge(50, 10_000, 'm_appstore', 'app_store'), [charge(10, 5000, 'm_game_x', 'game')]),
    );
    expect(hit?.points).toBe(35);
  });

  it('does not call one large top-up with a small charge beside it a burst (large_amount’s business)', () => {
    const topUp = charge(30, 10_000, 'm_appstore', 'app_store');
    expect(velocity.evaluate(contextFor(topUp, [charge(10, 160, 'm_game_x', 'game')]))).toBeNull();
    // The same top-up after a substantial cash-like charge is a run.
    expect(velocity.evaluate(contextFor(topUp, [charge(10, 5000, 'm_game_x', 'game')]))?.points).toBe(35);
  });

  it('holds a long cash-out run many times the usual day, even from the known phone', () => {
    const before = [
      charge(10, 8000, 'm_gift', 'gift_card'),
      charge(30, 8000, 'm_appstore', 'app_store'),
      charge(60, 8000, 'm_gift', 'gift_card'),
      charge(80, 9000, 'm_game_x', 'game'),
    ];
    // ¥43,000 in cash-like charges within the burst window: over 4 × the ¥10,000 burst limit.
    const hit = velocity.evaluate(contextFor(charge(100, 10_000, 'm_emoney', 'e_money'), before));
    expect(hit?.points).toBe(60);
  });

  it('uses the daily floor for a burst while the account has no finished day of history', () => {
    const first = charge(10, 5000, 'm_game_x', 'game');
    expect(
      velocity.evaluate(
        contextFor(charge(40, 6000, 'm_gift', 'gift_card'), [first], undefined, { cold: true }),
      ),
    ).toBeNull();
  });

  it('scores many charges in an hour', () => {
    const before = [1, 2, 3].map((m) => charge(m, 480, 'm_appstore', 'app_store'));
    expect(velocity.evaluate(contextFor(charge(4, 480, 'm_appstore', 'app_store'), before))?.points).toBe(20);
  });

  it('leaves one large purchase to large_amount, and an ordinary day alone', () => {
    expect(velocity.evaluate(contextFor(charge(10, 60_000, 'm_concert', 'ticket')))).toBeNull();
    expect(
      velocity.evaluate(
        contextFor(charge(300, 1480, 'm_video_sub', 'subscription'), [
          charge(10, 480, 'm_appstore', 'app_store'),
        ]),
      ),
    ).toBeNull();
  });
});
