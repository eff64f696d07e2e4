/**
 * foreign_login: a login or sensitive action from outside the home country, from a country the
 * account has not used before. Travellers get it once per country (then it is known), which alone
 * stays below a challenge.
 */
import { type Rule, SENSITIVE_TYPES } from '../rule.ts';

export const foreignLogin: Rule = {
  id: 'foreign_login',
  evaluate({ event, features: f, policy }) {
    if (!f.isForeign || f.countryKnown || f.country === null) return null;
    const isLogin = event.type === 'login' && event.result === 'success';
    if (!isLogin && !SENSITIVE_TYPES.has(event.type)) return null;
    return { points: policy.rules.foreign_login.points, params: { country: f.country } };
  },
};
