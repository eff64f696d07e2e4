import { describe, expect, it } from 'vitest';
import {
  ATTACKER_PHONE,
  cardView,
  charge,
  contactChange,
  contextFor,
  D,
  H,
  mfaChange,
  PHONE,
  passwordChange,
  simReissue,
} from '../test-kit.ts';
import { securityChangeThenCard } from './security-change-then-card.ts';

describe('security_change_then_card', () => {
  it('scores a large charge soon after a contact change (the contract example)', () => {
    const hit = securityChangeThenCard.evaluate(
      contextFor(charge(90, 30_000, 'm_emoney', 'e_money'), [contactChange(0)]),
    );
    // 25 base + 10 within 2 hours + 10 risky charge
    expect(hit).toEqual({
      points: 45,
      params: { changes: 'contact_change', hours: 2, target: 'large_charge' },
    });
  });

  it('adds points for each further change: contact change and 2-step verification turned off', () => {
    const before = [
      contactChange(0, { device: ATTACKER_PHONE }),
      mfaChange(5, 'disabled', { device: ATTACKER_PHONE }),
    ];
    const hit = securityChangeThenCard.evaluate(contextFor(charge(20, 5000, 'm_gift', 'gift_card'), before));
    expect(hit?.points).toBe(60);
    expect(hit?.params).toMatchObject({ changes: 'contact_change,mfa_disabled', target: 'charge' });
  });

  it('covers card views and card changes after a password reset', () => {
    expect(
      securityChangeThenCard.evaluate(contextFor(cardView(3 * H), [passwordChange(0, 'reset')]))?.points,
    ).toBe(25);
  });

  it('is a sequence: no change, a change outside the window, or a settings password change do not count', () => {
    expect(
      securityChangeThenCard.evaluate(contextFor(charge(10, 480, 'm_appstore', 'app_store'))),
    ).toBeNull();
    expect(
      securityChangeThenCard.evaluate(
        contextFor(charge(3 * D, 480, 'm_appstore', 'app_store'), [contactChange(0)]),
      ),
    ).toBeNull();
    expect(
      securityChangeThenCard.evaluate(
        contextFor(charge(60, 480, 'm_appstore', 'app_store'), [passwordChange(0, 'settings')]),
      ),
    ).toBeNull();
  });

  it('counts a SIM re-issue only when it was not in a shop and not from the established phone', () => {
    const shop = [simReissue(0, 'physical', 'shop', { device: null })];
    expect(
      securityChangeThenCard.evaluate(contextFor(charge(60, 480, 'm_appstore', 'app_store'), shop)),
    ).toBeNull();
    const own = [simReissue(0, 'esim', 'online', { device: PHONE })];
    expect(
      securityChangeThenCard.evaluate(contextFor(charge(60, 480, 'm_appstore', 'app_store'), own)),
    ).toBeNull();
    const swap = [simReissue(0, 'esim', 'online', { device: ATTACKER_PHONE })];
    expect(
      securityChangeThenCard.evaluate(contextFor(charge(60, 480, 'm_appstore', 'app_store'), swap))?.params,
    ).toMatchObject({
      changes: 'sim_reissue',
    });
  });
});
