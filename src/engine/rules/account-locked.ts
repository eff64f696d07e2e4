/**
 * account_locked: any event on a locked account is refused until an operator unlocks it
 * (contract "Decision": lock suspends carrier billing and revokes sessions until unlocked).
 */
import type { Rule } from '../rule.ts';

export const accountLocked: Rule = {
  id: 'account_locked',
  evaluate({ features: f, policy }) {
    return f.locked ? { points: policy.rules.account_locked.points } : null;
  },
};
