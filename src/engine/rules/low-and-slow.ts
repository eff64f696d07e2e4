/**
 * low_and_slow: small charges at many distinct merchants new to the account (not repeat visits to
 * one new shop, which is how a subscriber adopts a merchant), adding up over days while each
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
    // Full points grow with the spread: from an untrusted device, as many distinct new merchants as
    // would be notable from the subscriber's own phone (minCount) is the pattern itself; from the
    // established device only a week of very many new merchants (manyCount) counts for more.
    const points = untrusted
      ? c.newMerchantYen >= p.highYen || c.newMerchantCount >= p.minCount
        ? p.highPoints
        : p.points
      : c.newMerchantCount >= p.manyCount
        ? p.knownDeviceHighPoints
        : p.knownDevicePoints;
    if (points <= 0) return null;
    return { points, params: { days: p.windowDays, count: c.newMerchantCount, yen: c.newMerchantYen } };
  },
};
