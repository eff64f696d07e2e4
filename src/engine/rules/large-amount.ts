/**
 * large_amount: a charge far above what this account usually spends (its geometric-mean amount
 * and spread, or a default while it has little history), and above an absolute floor. One large
 * purchase alone stays at a challenge.
 */
import type { Rule } from '../rule.ts';

export const largeAmount: Rule = {
  id: 'large_amount',
  evaluate({ features: f, policy }) {
    const c = f.charge;
    if (!c) return null;
    const p = policy.rules.large_amount;
    const typical = c.typicalAmount ?? p.defaultTypical;
    const limit = Math.max(p.minAmount, p.ratio * typical, 2 * (c.highUsualAmount ?? 0));
    if (c.amount < limit) return null;
    return {
      points: p.points + (c.categoryTier === 2 ? p.highRiskPoints : 0),
      params: { yen: c.amount, typical: Math.round(typical) },
    };
  },
};
