/**
 * new_network: a login or sensitive action from a network (ASN, else IP prefix) the account has
 * not used. Weak alone (cafés, hotels), it adds up with a new device or a foreign country.
 */
import { type Rule, SENSITIVE_TYPES } from '../rule.ts';

export const newNetwork: Rule = {
  id: 'new_network',
  evaluate({ event, features: f, policy }) {
    if (!f.isNewNetwork) return null;
    const isLogin = event.type === 'login' && event.result === 'success';
    if (!isLogin && !SENSITIVE_TYPES.has(event.type)) return null;
    return { points: policy.rules.new_network.points };
  },
};
