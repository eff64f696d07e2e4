/**
 * small_charge_new_merchant: a charge of a few hundred yen at a merchant the person has not used
 * before. Card-testing: whoever holds a stolen number first checks it with a small purchase.
 */
import type { FlagRuleFactory } from './flag-rule.ts';

export const smallChargeNewMerchant: FlagRuleFactory = (options) => ({
  check({ line, firstSeen }) {
    if (!firstSeen || line.amount <= 0 || line.amount > options.testChargeMax) return null;
    return { code: 'small_charge_new_merchant', amount: line.amount };
  },
});
