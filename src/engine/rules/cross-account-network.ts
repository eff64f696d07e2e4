/**
 * cross_account_network: one device used to log in to several accounts, or one IP address failing
 * logins on many accounts, within the global window — credential stuffing. Mobile carriers put
 * many subscribers behind one address (carrier-grade NAT), so mobile addresses need more accounts.
 */
import type { Rule } from '../rule.ts';

export const crossAccountNetwork: Rule = {
  id: 'cross_account_network',
  evaluate({ features: f, policy }) {
    const p = policy.rules.cross_account_network;
    const d = f.deviceStats;
    if (d && d.accounts >= p.deviceAccounts) {
      return {
        points: p.points,
        messageKey: 'cross_account_network.device',
        params: { accounts: d.accounts },
      };
    }
    const ip = f.ipStats;
    const need = f.mobileNetwork ? Math.ceil(p.failAccounts * p.mobileMultiplier) : p.failAccounts;
    if (ip && ip.failedAccounts >= need) {
      return {
        points: p.points,
        messageKey: 'cross_account_network.ip',
        params: { accounts: ip.failedAccounts },
      };
    }
    return null;
  },
};
