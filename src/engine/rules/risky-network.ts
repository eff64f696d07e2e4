/**
 * risky_network: a login or sensitive action through a hosting provider (cloud servers run attack
 * tools and phishing kits' relays), a VPN, or Tor. Subscribers' own traffic comes from mobile and
 * fixed lines.
 */
import { type Rule, SENSITIVE_TYPES } from '../rule.ts';

export const riskyNetwork: Rule = {
  id: 'risky_network',
  evaluate({ event, features: f, policy }) {
    const kind = f.networkKind;
    if (kind !== 'hosting' && kind !== 'vpn' && kind !== 'tor') return null;
    const isLogin = event.type === 'login' && event.result === 'success';
    if (!isLogin && !SENSITIVE_TYPES.has(event.type)) return null;
    const points = policy.rules.risky_network[kind];
    return points > 0 ? { points, params: { kind } } : null;
  },
};
