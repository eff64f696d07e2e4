/**
 * high_risk_category_new_device: e-money and gift cards (resold at once, the usual cash-out) or
 * game and digital content bought from a device that is new, recent or unproven on the account.
 * The same purchase from the subscriber's established device (gift cards for family) is not
 * flagged here.
 */
import type { Rule } from '../rule.ts';

export const highRiskCategoryNewDevice: Rule = {
  id: 'high_risk_category_new_device',
  evaluate({ event, features: f, policy }) {
    if (event.type !== 'charge' || !f.charge || f.charge.categoryTier === 0) return null;
    const s = f.deviceStatus;
    if (s !== 'unknown' && s !== 'recent' && s !== 'unproven') return null;
    const p = policy.rules.high_risk_category_new_device;
    const points = f.charge.categoryTier === 2 ? p.points : p.mediumPoints;
    return points > 0 ? { points, params: { category: event.merchant.category } } : null;
  },
};
