/**
 * online_esim_reissue: a SIM re-issued without a shop visit — an eSIM online or any SIM over the
 * phone — which is how SIM swaps are done. From the account's established device it is usually the
 * subscriber moving to a new phone (a small score); from a new device it is a takeover step.
 */
import type { Rule } from '../rule.ts';

export const onlineEsimReissue: Rule = {
  id: 'online_esim_reissue',
  evaluate({ event, features: f, policy }) {
    if (event.type !== 'sim_reissue' || event.channel === 'shop') return null;
    const p = policy.rules.online_esim_reissue;
    if (event.channel === 'phone') {
      return p.phoneChannelPoints > 0
        ? { points: p.phoneChannelPoints, messageKey: 'online_esim_reissue.phone' }
        : null;
    }
    const established = f.deviceStatus === 'known' || f.deviceStatus === 'first';
    const points = established
      ? p.knownDevicePoints
      : event.kind === 'esim'
        ? p.points
        : p.phoneChannelPoints;
    if (points <= 0) return null;
    return {
      points,
      messageKey: established ? 'online_esim_reissue' : 'online_esim_reissue.new_device',
      params: { kind: event.kind },
    };
  },
};
