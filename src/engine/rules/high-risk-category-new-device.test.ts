import { describe, expect, it } from 'vitest';
import { ATTACKER_PHONE, charge, contextFor, login } from '../test-kit.ts';
import { highRiskCategoryNewDevice } from './high-risk-category-new-device.ts';

describe('high_risk_category_new_device', () => {
  const first = [login(0, { device: ATTACKER_PHONE, method: 'sms_otp' })];

  it('scores e-money and gift cards from a device first seen minutes ago', () => {
    const hit = highRiskCategoryNewDevice.evaluate(
      contextFor(charge(20, 10_000, 'm_emoney', 'e_money', { device: ATTACKER_PHONE }), first),
    );
    expect(hit).toEqual({ points: 35, params: { category: 'e_money' } });
  });

  it('scores game items less', () => {
    expect(
      highRiskCategoryNewDevice.evaluate(
        contextFor(charge(20, 3000, 'm_game', 'game', { device: ATTACKER_PHONE }), first),
      )?.points,
    ).toBe(20);
  });

  it('leaves gift cards bought from the subscriber’s own phone, and other categories, alone', () => {
    expect(
      highRiskCategoryNewDevice.evaluate(contextFor(charge(20, 5000, 'm_gift', 'gift_card'))),
    ).toBeNull();
    expect(
      highRiskCategoryNewDevice.evaluate(
        contextFor(charge(20, 5000, 'm_ec', 'ecommerce', { device: ATTACKER_PHONE }), first),
      ),
    ).toBeNull();
  });
});
