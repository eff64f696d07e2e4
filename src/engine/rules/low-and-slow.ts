/**
 * low_and_slow: small charges at merchants new to the account, adding up over days while each
 * stays under every per-charge and per-day threshold. Needs some history (a brand-new profile has
 * only new merchants). From a device that is new, unproven, or itself appeared within the window,
 * the thresholds are lower and the points full; from the account's established device the pattern
 * alone is weak (people try new shops, travellers buy abroad) and only adds to other signals.
 */
import type { Rule } from '../rule.ts';

export const lowAndSlow: Rule = {
  id: 'low_and_slow',
  evaluate({ features: f, policy }) {
    const c = f.charge;
    if (!c?.isNewMerchant) return null;
    const p = policy.rules.low_and_slow;
    if (c.amount > p.smallAmount || f.profileAgeDays < p.minHistoryDays) return null;
    const s = f.deviceStatus;
    const young = !f.deviceBaseline && f.deviceAgeHours !== null && f.deviceAgeHours < p.windowDays * 24;
    const untrusted = s === 'unknown' || s === 'recent' || s === 'unproven' || young;
    const minCount = untrusted ? p.newDeviceMinCount : p.minCount;
    const minYen = untrusted ? p.newDeviceMinYen : p.minYen;
    if (c.newMerchantCount < minCount || c.newMerchantYen < minYen) return null;
    const points = !untrusted ? p.knownDevicePoints : c.newMerchantYen >= p.highYen ? p.highPoints : p.points;
    if (points <= 0) return null;
    return { points, params: { days: p.windowDays, count: c.newMerchantCount, yen: c.newMerchantYen } };
  },
};
