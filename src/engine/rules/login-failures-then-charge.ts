/**
 * login_failures_then_charge: a sequence rule. Several failed logins (a wrong password or PIN being
 * guessed) and then, within a window, a charge, a card view or change, or a limit change, with no
 * successful passkey/TOTP login in between. The lost- or stolen-phone story (the thief guesses the
 * PIN, then spends from the subscriber's own, already signed-in device) and the credential-stuffing
 * one (failures, then the guess that worked, then cash-out). An SMS-code login right after the
 * failures adds smsPoints: the thief cannot guess the PIN, but the code arrives on the phone in hand. A subscriber who mistypes a password
 * and then buys something gets this alone, which stays below a challenge.
 */
import type { Rule } from '../rule.ts';

export const loginFailuresThenCharge: Rule = {
  id: 'login_failures_then_charge',
  evaluate({ event, features: f, policy }) {
    if (
      event.type !== 'charge' &&
      event.type !== 'card_view' &&
      event.type !== 'card_change' &&
      event.type !== 'limit_change'
    ) {
      return null;
    }
    const p = policy.rules.login_failures_then_charge;
    if (f.loginFailuresUncleared < p.minFailures || p.points <= 0) return null;
    // A code sent to the phone let them in after the guesses failed: the phone is in other hands.
    let points = p.points + (f.smsAfterFailures ? p.smsPoints : 0);
    // After the guesses, a run of cash-like purchases in a kind the account never bought: the
    // cash-out itself. Held, whatever the device (on every traffic set we measured, a subscriber
    // who mistyped a password almost never did this).
    const run = event.type === 'charge' ? f.charge?.run : undefined;
    const cashOut = run !== undefined && run.count >= 2 && run.newCategory;
    if (cashOut) points = Math.max(points, p.cashOutPoints);
    return {
      points,
      ...(cashOut
        ? { messageKey: 'login_failures_then_charge.cash_out' }
        : f.smsAfterFailures
          ? { messageKey: 'login_failures_then_charge.sms' }
          : {}),
      params: { failures: f.loginFailuresUncleared, minutes: p.windowMinutes },
    };
  },
};
