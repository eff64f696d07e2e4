import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../policy.ts';
import { charge, contextFor } from '../test-kit.ts';
import { largeAmount } from './large-amount.ts';

describe('large_amount', () => {
  it('scores a charge far above the account’s usual few hundred yen, below a challenge on its own', () => {
    const hit = largeAmount.evaluate(contextFor(charge(10, 45_000, 'm_concert', 'ticket')));
    expect(hit?.points).toBe(25);
    expect(hit?.params).toMatchObject({ yen: 45_000 });
  });

  it('adds highRiskPoints for e-money and gift cards when the policy sets them (0 by default)', () => {
    expect(largeAmount.evaluate(contextFor(charge(10, 20_000, 'm_emoney', 'e_money')))?.points).toBe(25);
    const policy = parsePolicy({ rules: { large_amount: { highRiskPoints: 10 } } }).policy;
    if (!policy) throw new Error('policy');
    expect(
      largeAmount.evaluate(contextFor(charge(10, 20_000, 'm_emoney', 'e_money'), [], policy))?.points,
    ).toBe(35);
  });

  it('leaves amounts within habit, and anything under the floor, alone', () => {
    expect(largeAmount.evaluate(contextFor(charge(10, 2200, 'm_ecshop', 'ecommerce')))).toBeNull();
    expect(largeAmount.evaluate(contextFor(charge(10, 9000, 'm_ecshop', 'ecommerce')))).toBeNull();
  });

  it('uses the default typical amount for a new account', () => {
    expect(
      largeAmount.evaluate(contextFor(charge(10, 9999, 'm_x', 'other'), [], undefined, { cold: true })),
    ).toBeNull();
    expect(
      largeAmount.evaluate(contextFor(charge(10, 12_000, 'm_x', 'other'), [], undefined, { cold: true }))
        ?.points,
    ).toBe(25);
  });
});
