/**
 * profile.learningDays: in an account's first week a device the engine has not seen is most
 * likely one more of the subscriber's own when it comes from a network the account already uses.
 */
import { describe, expect, it } from 'vitest';
import type { AccountEvent } from './event-schema.ts';
import { parsePolicy } from './policy.ts';
import { charge, contextFor, D, H, HOME, HOSTING_NET, login, MOBILE, PHONE } from './test-kit.ts';

const TABLET = { id: 'dev-ipad-tanaka-family', platform: 'ios' as const };
// Three days of the subscriber's phone at home and on the move: the baseline.
const firstDays: AccountEvent[] = [0, 1, 2].flatMap((d) => [
  login(d * D + 8 * H, { device: PHONE, network: MOBILE }),
  login(d * D + 21 * H, { device: PHONE, network: HOME }),
]);
const statusOf = (event: AccountEvent, before: readonly AccountEvent[] = firstDays) =>
  contextFor(event, before, undefined, { cold: true }).features.deviceStatus;

describe('a device that turns up in the first week', () => {
  it('joins the baseline from the home network, and stays trusted afterwards', () => {
    const arrival = login(4 * D + 20 * H, { device: TABLET, network: HOME });
    expect(statusOf(arrival)).toBe('first');
    const later = charge(4 * D + 21 * H, 3000, 'm_gift', 'gift_card', { device: TABLET, network: HOME });
    expect(statusOf(later, [...firstDays, arrival])).toBe('known');
  });

  it('stays new from a network the account never used, from a hosting network, or after the learning days', () => {
    expect(statusOf(login(4 * D, { device: TABLET, network: HOSTING_NET }))).toBe('unknown');
    const elsewhere = { ip: '153.1.2.3', country: 'JP', asn: 4713, kind: 'fixed' as const };
    expect(statusOf(login(4 * D, { device: TABLET, network: elsewhere }))).toBe('unknown');
    expect(statusOf(login(8 * D, { device: TABLET, network: HOME }))).toBe('unknown');
    const noLearning = parsePolicy({ profile: { learningDays: 3 } }).policy;
    const arrival = login(4 * D + 20 * H, { device: TABLET, network: HOME });
    expect(contextFor(arrival, firstDays, noLearning, { cold: true }).features.deviceStatus).toBe('unknown');
  });
});
