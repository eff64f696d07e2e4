/**
 * new_device: activity from a device the account has never used, and sensitive actions from a
 * device first used only hours ago (the takeover story: phished password + SMS code, then a new
 * device that changes contacts and cashes out). A failed login changes nothing and is left to
 * cross_account_network; the account's very first device (cold start) is not "new".
 */
import { type Rule, SENSITIVE_TYPES } from '../rule.ts';

export const newDevice: Rule = {
  id: 'new_device',
  evaluate({ event, features: f, policy }) {
    if (event.type === 'login' && event.result === 'failure') return null;
    const p = policy.rules.new_device;
    if (f.deviceStatus === 'unknown') return { points: p.points };
    if (!SENSITIVE_TYPES.has(event.type)) return null;
    if (f.deviceStatus === 'recent') {
      // A device that arrived on a challenged login and acts at once carries both weights.
      const points = p.recentPoints + (f.deviceRisky ? p.unprovenPoints : 0);
      return {
        points,
        messageKey: 'new_device.recent',
        params: { hours: Math.max(1, Math.ceil(f.deviceAgeHours ?? 0)) },
      };
    }
    if (f.deviceStatus === 'unproven') return { points: p.unprovenPoints, messageKey: 'new_device.unproven' };
    return null;
  },
};
