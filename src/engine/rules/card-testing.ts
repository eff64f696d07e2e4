/**
 * card_testing: someone checking stolen card numbers through the account — failed card
 * verifications, several cards added in a day, and runs of small charges. Each is a signal; small
 * charges count only on the registered card or alongside the other signals, because a gamer's run
 * of small in-app purchases on the phone bill is ordinary.
 */
import type { Rule } from '../rule.ts';

export const cardTesting: Rule = {
  id: 'card_testing',
  evaluate({ event, features: f, policy }) {
    if (event.type !== 'card_verification' && event.type !== 'card_change' && event.type !== 'charge')
      return null;
    const p = policy.rules.card_testing;
    const fails = f.verifyFailures;
    const cards = Math.max(0, f.cardsAddedRecently - 1);
    let small = 0;
    if (f.charge && f.charge.smallCount >= 3) {
      const onCard = event.type === 'charge' && event.funding === 'registered_card';
      if (onCard || fails + cards > 0) small = f.charge.smallCount - 2;
    }
    const signals = fails + cards + small;
    if (signals < p.minSignals) return null;
    return {
      points: Math.min(p.maxPoints, p.pointsPerSignal * signals),
      params: { failures: fails, cards: f.cardsAddedRecently, small: f.charge?.smallCount ?? 0 },
    };
  },
};
