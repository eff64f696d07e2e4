/**
 * new_subscription: a merchant that starts charging every month — one charge last month and the
 * same amount (within subscriptionTolerance) this month — or a first charge whose name says it is
 * a subscription (月額, 定額, SUBSCRIPTION …). Phishing sites sign victims up for monthly "services".
 * Flagged once per merchant; merchants the person already knows are left alone.
 */
import { BoundedMap } from '../bounded-map.ts';
import { type FlagRuleFactory, keywordMatcher, monthLabel } from './flag-rule.ts';

const SUBSCRIPTION_WORDS = keywordMatcher([
  '月額',
  '月会費',
  '定額',
  '継続課金',
  'サブスク',
  '会費',
  '自動更新',
  'SUBSCRIPTION',
  'MONTHLY',
  'MEMBERSHIP',
]);

interface MerchantMonths {
  monthIndex: number;
  count: number;
  /** The month's first charge. */
  amount: number;
  flagged: boolean;
}

export const newSubscription: FlagRuleFactory = (options) => {
  const known = new Set(options.knownMerchants);
  const state = new BoundedMap<string, MerchantMonths>(options.maxMerchants);
  return {
    check({ line, key, text, firstSeen, monthIndex }) {
      if (line.amount <= 0 || known.has(key)) return null;
      const s = state.get(key);
      if (s === undefined) {
        const keyword = firstSeen ? SUBSCRIPTION_WORDS(text) : null;
        state.set(key, { monthIndex, count: 1, amount: line.amount, flagged: keyword !== null });
        return keyword === null ? null : { code: 'new_subscription', reason: 'keyword', keyword };
      }
      if (s.monthIndex === monthIndex) {
        s.count++;
        return null;
      }
      // An adjacent month, either way: histories are often listed newest first.
      const adjacent = Math.abs(s.monthIndex - monthIndex) === 1;
      const same =
        Math.abs(line.amount - s.amount) <= options.subscriptionTolerance * Math.max(line.amount, s.amount);
      const recurring = adjacent && s.count === 1 && same;
      const flag = recurring && !s.flagged;
      state.set(key, { monthIndex, count: 1, amount: line.amount, flagged: s.flagged || flag });
      return flag
        ? {
            code: 'new_subscription',
            reason: 'recurring',
            months: [
              monthLabel(Math.min(s.monthIndex, monthIndex)),
              monthLabel(Math.max(s.monthIndex, monthIndex)),
            ],
          }
        : null;
    },
  };
};
