/**
 * security_change_then_card: a sequence rule. A password reset, contact change, 2-step
 * verification turned off or reset, or a SIM re-issue outside a shop, followed within a window by
 * a card view, card change or charge: the takeover story's cash-out after the attacker has locked
 * the subscriber out. More distinct changes, a short gap and a risky charge raise the points.
 */
import type { Rule } from '../rule.ts';

export const securityChangeThenCard: Rule = {
  id: 'security_change_then_card',
  evaluate({ event, features: f, policy }) {
    if (event.type !== 'card_view' && event.type !== 'card_change' && event.type !== 'charge') return null;
    if (f.recentChanges.length === 0) return null;
    const p = policy.rules.security_change_then_card;
    let nearest = Number.POSITIVE_INFINITY;
    for (const c of f.recentChanges) nearest = Math.min(nearest, c.minutesAgo);
    let points = p.points + p.extraChangePoints * (f.recentChanges.length - 1);
    if (nearest <= p.soonMinutes) points += p.soonPoints;
    const large = f.charge !== null && f.charge.amount >= policy.rules.large_amount.minAmount;
    if (f.charge !== null && (f.charge.categoryTier === 2 || large)) points += p.highRiskPoints;
    const target = event.type === 'charge' ? (large ? 'large_charge' : 'charge') : event.type;
    return {
      points: Math.min(points, p.maxPoints),
      params: {
        changes: f.recentChanges.map((c) => c.kind).join(','),
        hours: Math.max(1, Math.ceil(nearest / 60)),
        target,
      },
    };
  },
};
