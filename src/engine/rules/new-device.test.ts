import { describe, expect, it } from 'vitest';
import {
  ATTACKER_PHONE,
  charge,
  contactChange,
  contextFor,
  D,
  H,
  login,
  OLD_PC,
  PHONE,
} from '../test-kit.ts';
import { newDevice } from './new-device.ts';

describe('new_device', () => {
  it('scores a successful login from a device the account has never used', () => {
    const hit = newDevice.evaluate(contextFor(login(10, { device: ATTACKER_PHONE, method: 'sms_otp' })));
    expect(hit).toEqual({ points: 25 });
  });

  it('leaves the subscriber’s own phone and PC alone', () => {
    expect(newDevice.evaluate(contextFor(login(10, { device: PHONE })))).toBeNull();
    expect(
      newDevice.evaluate(contextFor(charge(10, 480, 'm_appstore', 'app_store', { device: OLD_PC }))),
    ).toBeNull();
  });

  it('ignores a failed login (nothing happened) and the very first device of a new account', () => {
    expect(
      newDevice.evaluate(contextFor(login(10, { device: ATTACKER_PHONE, result: 'failure' }))),
    ).toBeNull();
    expect(
      newDevice.evaluate(contextFor(login(10, { device: ATTACKER_PHONE }), [], undefined, { cold: true })),
    ).toBeNull();
  });

  it('keeps scoring sensitive actions from a device first used hours ago, but not its later logins', () => {
    const first = login(0, { device: ATTACKER_PHONE });
    const hit = newDevice.evaluate(contextFor(contactChange(90, { device: ATTACKER_PHONE }), [first]));
    expect(hit).toMatchObject({ points: 15, messageKey: 'new_device.recent', params: { hours: 2 } });
    expect(newDevice.evaluate(contextFor(login(120, { device: ATTACKER_PHONE }), [first]))).toBeNull();
  });

  it('marks a device whose first login was challenged as unproven for days', () => {
    const first = login(0, {
      device: ATTACKER_PHONE,
      network: { ip: '45.77.1.2', country: 'JP', asn: 20473, kind: 'hosting' },
    });
    const hit = newDevice.evaluate(
      contextFor(charge(3 * D, 900, 'm_x', 'ecommerce', { device: ATTACKER_PHONE }), [first]),
    );
    expect(hit).toMatchObject({ points: 10, messageKey: 'new_device.unproven' });
    // …and a device first seen on an allowed event is simply known after the recent window.
    const okFirst = login(0, { device: { id: 'dev-new-ipad' } });
    expect(
      newDevice.evaluate(
        contextFor(charge(2 * D + H, 900, 'm_x', 'ecommerce', { device: { id: 'dev-new-ipad' } }), [okFirst]),
      ),
    ).toBeNull();
  });
});
