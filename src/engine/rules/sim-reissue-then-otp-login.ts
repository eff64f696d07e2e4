/**
 * sim_reissue_then_otp_login: a login by SMS code or network PIN soon after a SIM re-issue — the
 * SIM-swap story (the attacker now receives the subscriber's SMS). A re-issue in a shop, where
 * identity is checked in person, counts little; one requested from a device the account already
 * knew counts less than one requested from a new device; a login from the account's own
 * established device is not a swap.
 */
import type { Rule } from '../rule.ts';

export const simReissueThenOtpLogin: Rule = {
  id: 'sim_reissue_then_otp_login',
  evaluate({ event, features: f, policy }) {
    if (event.type !== 'login' || event.result !== 'success') return null;
    if (event.method !== 'sms_otp' && event.method !== 'network_pin') return null;
    const sim = f.sim;
    const since = f.minutesSince.sim_reissue;
    const p = policy.rules.sim_reissue_then_otp_login;
    if (!sim || since === null || since > p.windowHours * 60) return null;
    if (f.deviceStatus === 'known') return null;
    const points = sim[2] === 'shop' ? p.shopPoints : sim[3] === 1 ? p.knownDevicePoints : p.points;
    if (points <= 0) return null;
    return {
      points,
      params: { hours: Math.max(1, Math.ceil(since / 60)), method: event.method, channel: sim[2] },
    };
  },
};
