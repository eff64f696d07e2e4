/**
 * velocity: more charges, or more yen, in an hour or a day than this account's own history
 * explains, or a burst of e-money and gift cards within an hour (a lost phone emptied, or a
 * takeover's cash-out). A single large charge is large_amount's business, so yen velocity needs at
 * least two charges.
 */
import type { Rule } from '../rule.ts';

export const velocity: Rule = {
  id: 'velocity',
  evaluate({ features: f, policy }) {
    const c = f.charge;
    if (!c) return null;
    const p = policy.rules.velocity;
    const dayCountLimit = Math.max(p.dayCount, Math.ceil(p.historyMultiplier * c.typicalDayCount));
    const dayYenLimit = Math.max(p.dayYenFloor, p.historyMultiplier * c.typicalDayYen);
    let points = 0;
    if (c.hourCount >= p.hourCount || c.dayCount >= dayCountLimit) points += p.countPoints;
    if (c.dayCount >= 2 && c.dayYen > dayYenLimit) points += p.yenPoints;
    // A run of e-money and gift cards within the hour is the cash-out pattern of a stolen phone,
    // even from the subscriber's own device and under the daily yen limit.
    if (c.categoryTier === 2 && c.hourHighRiskCount >= 2 && c.hourHighRiskYen >= p.burstYen) {
      points += p.burstPoints;
    }
    if (points === 0) return null;
    return {
      points: Math.min(points, p.maxPoints),
      params: { hourCount: c.hourCount, count: c.dayCount, yen: c.dayYen },
    };
  },
};
