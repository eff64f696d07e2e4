/**
 * velocity: more charges, or more yen, in an hour or a day than this account's own history
 * explains, or a burst of cash-like charges (e-money, gift cards, game and app-store credit) within a
 * few hours far above the account's usual day (a lost phone emptied, or a takeover's cash-out). A single large charge is large_amount's business, so yen velocity needs at
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
    // A run of cash-like charges (stored value, game and app-store credit) within a few hours, far
    // above this account's own usual day, is the cash-out of a stolen phone or a taken-over account,
    // even from the subscriber's own device and under the daily yen limit.
    // Without a finished day of history there is no "usual day" to compare with: the daily floor.
    const burstLimit =
      c.typicalDayYen > 0 ? Math.max(p.burstYen, p.historyMultiplier * c.typicalDayYen) : p.dayYenFloor;
    // One large charge with small ones beside it is large_amount's business, not a run: the rest
    // of the burst must come to half the limit on its own.
    const rest = c.burstYen - c.burstMaxYen;
    if (c.burstCount >= 2 && c.burstYen >= burstLimit && rest >= burstLimit / 2) points += p.burstPoints;
    points = Math.min(points, p.maxPoints);
    // A long run of cash-like charges, many times the account's usual day, is held whatever the
    // device: the subscriber confirms it in the app, and a thief cannot.
    if (c.burstCount >= 3 && c.burstYen >= p.burstStrongMultiple * burstLimit) {
      points = Math.max(points, p.burstStrongPoints);
    }
    if (points === 0) return null;
    return {
      points,
      params: { hourCount: c.hourCount, count: c.dayCount, yen: c.dayYen },
    };
  },
};
