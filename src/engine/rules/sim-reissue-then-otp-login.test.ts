import { describe, expect, it } from 'vitest';
import { ATTACKER_PHONE, contextFor, D, H, login, PHONE, simReissue } from '../test-kit.ts';
import { simReissueThenOtpLogin } from './sim-reissue-then-otp-login.ts';

const NEW_IPHONE = { id: 'dev-iphone16-tanaka-new', platform: 'ios' as const };

describe('sim_reissue_then_otp_login', () => {
  it('scores an SMS-code login from a new device after an eSIM re-issued online from a new device (SIM swap)', () => {
    const before = [
      login(0, { device: ATTACKER_PHONE, method: 'password' }),
      simReissue(10, 'esim', 'online', { device: ATTACKER_PHONE }),
    ];
    const hit = simReissueThenOtpLogin.evaluate(
      contextFor(login(40, { device: ATTACKER_PHONE, method: 'sms_otp' }), before),
    );
    expect(hit).toEqual({ points: 40, params: { hours: 1, method: 'sms_otp', channel: 'online' } });
  });

  it('scores less when the re-issue came from the subscriber’s established phone (moving to a new phone)', () => {
    const before = [simReissue(0, 'esim', 'online', { device: PHONE })];
    const hit = simReissueThenOtpLogin.evaluate(
      contextFor(login(30, { device: NEW_IPHONE, method: 'network_pin' }), before),
    );
    expect(hit?.points).toBe(20);
  });

  it('does not score a new phone set up in a shop', () => {
    const before = [simReissue(0, 'physical', 'shop', { device: null })];
    expect(
      simReissueThenOtpLogin.evaluate(
        contextFor(login(60, { device: NEW_IPHONE, method: 'sms_otp' }), before),
      ),
    ).toBeNull();
  });

  it('ignores passkey logins, the established phone, and re-issues older than the window', () => {
    const before = [simReissue(0, 'esim', 'online', { device: ATTACKER_PHONE })];
    expect(
      simReissueThenOtpLogin.evaluate(
        contextFor(login(30, { device: ATTACKER_PHONE, method: 'passkey' }), before),
      ),
    ).toBeNull();
    expect(
      simReissueThenOtpLogin.evaluate(contextFor(login(30, { device: PHONE, method: 'sms_otp' }), before)),
    ).toBeNull();
    expect(
      simReissueThenOtpLogin.evaluate(
        contextFor(login(4 * D + H, { device: NEW_IPHONE, method: 'sms_otp' }), before),
      ),
    ).toBeNull();
  });
});
