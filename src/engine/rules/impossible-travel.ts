/**
 * impossible_travel: the country changed faster than an airliner could have flown between the two
 * countries' centroids (geo.ts), with slack for airports and clock drift. Skipped when either
 * country is missing or not in the centroid table.
 */
import { type Rule, SENSITIVE_TYPES } from '../rule.ts';

export const impossibleTravel: Rule = {
  id: 'impossible_travel',
  evaluate({ event, features: f, policy }) {
    const t = f.travel;
    if (!t || f.country === null) return null;
    const isLogin = event.type === 'login' && event.result === 'success';
    if (!isLogin && !SENSITIVE_TYPES.has(event.type)) return null;
    const p = policy.rules.impossible_travel;
    if (t.km < p.minKm || t.kmh <= p.maxKmh) return null;
    return {
      points: p.points,
      params: { from: t.from, to: f.country, km: Math.round(t.km), hours: Math.round(t.hours * 10) / 10 },
    };
  },
};
