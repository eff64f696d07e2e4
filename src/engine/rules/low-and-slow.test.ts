import { describe, expect, it } from 'vitest';
import type { AccountEvent } from '../event-schema.ts';
import { parsePolicy } from '../policy.ts';
import { ATTACKER_PHONE, charge, contextFor, D, H, login } from '../test-kit.ts';
import { lowAndSlow } from './low-and-slow.ts';

// The default policy leaves the subscriber's own phone alone (people try new shops all the time:
// on independent traffic it was the largest source of challenges); an operator can weigh it.
const ownPhoneWeighed = parsePolicy({
  rules: { low_and_slow: { knownDevicePoints: 15, knownDeviceHighPoints: 35 } },
}).policy;
if (!ownPhoneWeighed) throw new Error('policy');

describe('low_and_slow', () => {
  it('scores small charges at new merchants over days from the own phone only when the policy weighs it', () => {
    const before: AccountEvent[] = [];
    for (let d = 0; d < 4; d++) before.push(charge(d * D + 10 * H, 1200, `m_new_${d}`, 'digital_content'));
    const event = charge(4 * D + 10 * H, 1200, 'm_new_4', 'digital_content');
    expect(lowAndSlow.evaluate(contextFor(event, before))).toBeNull();
    expect(lowAndSlow.evaluate(contextFor(event, before, ownPhoneWeighed))).toEqual({
      points: 15,
      params: { days: 7, count: 5, yen: 6000 },
    });
  });

  it('needs only two new merchants from a new device', () => {
    const before = [
      login(0, { device: ATTACKER_PHONE }),
      charge(H, 800, 'm_new_a', 'other', { device: ATTACKER_PHONE }),
    ];
    expect(
      lowAndSlow.evaluate(
        contextFor(charge(6 * H, 700, 'm_new_b', 'other', { device: ATTACKER_PHONE }), before),
      )?.points,
    ).toBe(35);
  });

  it('counts distinct new merchants: repeat visits to one new shop are a subscriber adopting it', () => {
    const before: AccountEvent[] = [];
    for (let d = 0; d < 5; d++) before.push(charge(d * D + 10 * H, 1200, 'm_new_shop', 'digital_content'));
    const hit = lowAndSlow.evaluate(
      contextFor(charge(5 * D + 10 * H, 1200, 'm_new_shop', 'digital_content'), before),
    );
    expect(hit).toBeNull();
  });

  it('gives full points for many new merchants from an untrusted device, and more from a weighed own phone', () => {
    const attacker: AccountEvent[] = [login(0, { device: ATTACKER_PHONE })];
    for (let i = 0; i < 3; i++)
      attacker.push(charge((i + 1) * H, 800, `m_x_${i}`, 'other', { device: ATTACKER_PHONE }));
    expect(
      lowAndSlow.evaluate(
        contextFor(charge(5 * H, 700, 'm_x_3', 'other', { device: ATTACKER_PHONE }), attacker),
      )?.points,
    ).toBe(50);
    const own: AccountEvent[] = [];
    for (let i = 0; i < 8; i++) own.push(charge(i * 15 * H, 900, `m_own_${i}`, 'other'));
    const own8 = charge(5 * D + 1, 900, 'm_own_8', 'other');
    expect(lowAndSlow.evaluate(contextFor(own8, own))).toBeNull();
    expect(lowAndSlow.evaluate(contextFor(own8, own, ownPhoneWeighed))?.points).toBe(35);
  });

  it('ignores habitual merchants, large charges, and a brand-new account', () => {
    const before = [0, 1, 2, 3].map((d) => charge(d * D, 480, 'm_appstore', 'app_store'));
    expect(lowAndSlow.evaluate(contextFor(charge(4 * D, 480, 'm_appstore', 'app_store'), before))).toBeNull();
    const cold = [0, 1, 2, 3].map((d) => charge(d * H, 1500, `m_n${d}`, 'other'));
    expect(
      lowAndSlow.evaluate(contextFor(charge(5 * H, 1500, 'm_n5', 'other'), cold, undefined, { cold: true })),
    ).toBeNull();
  });
});
