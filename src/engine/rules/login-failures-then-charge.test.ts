import { describe, expect, it } from 'vitest';
import { cardView, charge, contextFor, login, MOBILE, PHONE } from '../test-kit.ts';
import { loginFailuresThenCharge } from './login-failures-then-charge.ts';

const fail = (m: number) =>
  login(m, { device: PHONE, network: MOBILE, method: 'password', result: 'failure' });

describe('login_failures_then_charge', () => {
  it('scores a charge right after guessed passwords on the subscriber’s own phone (a stolen phone)', () => {
    const hit = loginFailuresThenCharge.evaluate(
      contextFor(charge(10, 10_000, 'm_gift', 'gift_card'), [fail(1), fail(3), fail(5)]),
    );
    expect(hit).toEqual({ points: 25, params: { failures: 3, minutes: 120 } });
    expect(loginFailuresThenCharge.evaluate(contextFor(cardView(10), [fail(1), fail(3)]))?.points).toBe(25);
  });

  it('adds the SMS-code login that followed the failures: the code arrives on the phone in hand', () => {
    const hit = loginFailuresThenCharge.evaluate(
      contextFor(charge(20, 5000, 'm_gift', 'gift_card'), [
        fail(1),
        fail(3),
        login(6, { device: PHONE, network: MOBILE, method: 'sms_otp' }),
      ]),
    );
    expect(hit).toMatchObject({ points: 35, messageKey: 'login_failures_then_charge.sms' });
  });

  it('holds the cash-out after the guesses: a second cash-like purchase, in a kind never bought', () => {
    const guesses = [fail(1), fail(3), charge(8, 1500, 'm_gift', 'gift_card')];
    const hit = loginFailuresThenCharge.evaluate(
      contextFor(charge(12, 1000, 'm_emoney', 'e_money'), guesses),
    );
    expect(hit).toMatchObject({ points: 60, messageKey: 'login_failures_then_charge.cash_out' });
    // The same two purchases in the kind the subscriber buys every other day (app-store credit).
    const habit = [fail(1), fail(3), charge(8, 1500, 'm_appstore', 'app_store')];
    expect(
      loginFailuresThenCharge.evaluate(contextFor(charge(12, 1000, 'm_appstore', 'app_store'), habit))
        ?.points,
    ).toBe(25);
  });

  it('ignores one typo, old failures, and failures cleared by a passkey login', () => {
    expect(
      loginFailuresThenCharge.evaluate(contextFor(charge(10, 5000, 'm_gift', 'gift_card'), [fail(1)])),
    ).toBeNull();
    expect(
      loginFailuresThenCharge.evaluate(
        contextFor(charge(300, 5000, 'm_gift', 'gift_card'), [fail(1), fail(3)]),
      ),
    ).toBeNull();
    expect(
      loginFailuresThenCharge.evaluate(
        contextFor(charge(20, 5000, 'm_gift', 'gift_card'), [
          fail(1),
          fail(3),
          login(6, { device: PHONE, network: MOBILE, method: 'passkey' }),
        ]),
      ),
    ).toBeNull();
  });
});
