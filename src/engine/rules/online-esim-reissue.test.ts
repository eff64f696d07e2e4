import { describe, expect, it } from 'vitest';
import { ATTACKER_PHONE, contextFor, login, PHONE, simReissue } from '../test-kit.ts';
import { onlineEsimReissue } from './online-esim-reissue.ts';

describe('online_esim_reissue', () => {
  it('scores an eSIM re-issued online from a device first seen minutes ago', () => {
    const hit = onlineEsimReissue.evaluate(
      contextFor(simReissue(10, 'esim', 'online', { device: ATTACKER_PHONE }), [
        login(0, { device: ATTACKER_PHONE }),
      ]),
    );
    expect(hit).toEqual({
      points: 40,
      messageKey: 'online_esim_reissue.new_device',
      params: { kind: 'esim' },
    });
  });

  it('scores a re-issue from the subscriber’s own phone lightly (a phone upgrade)', () => {
    expect(
      onlineEsimReissue.evaluate(contextFor(simReissue(10, 'esim', 'online', { device: PHONE })))?.points,
    ).toBe(15);
  });

  it('scores a re-issue over the phone, and never one in a shop', () => {
    expect(
      onlineEsimReissue.evaluate(contextFor(simReissue(10, 'physical', 'phone', { device: null }))),
    ).toEqual({
      points: 25,
      messageKey: 'online_esim_reissue.phone',
    });
    expect(
      onlineEsimReissue.evaluate(contextFor(simReissue(10, 'physical', 'shop', { device: null }))),
    ).toBeNull();
  });
});
