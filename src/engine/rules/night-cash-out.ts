import type { Rule } from '../rule.ts';

/**
 * night_cash_out: at night at home, a run of cash-like purchases (e-money, gift cards, game and
 * app-store credit) within the hour, with stored value among them, in a kind the account had never
 * paid for before. That is how a lost or stolen phone is emptied: from the owner's own device and
 * network, where no device or network rule sees anything, while the owner sleeps or has not yet
 * noticed. One such purchase, or the same run by day or in kinds the account already buys, is left
 * to the other rules; the run is held, for the subscriber to confirm in the app.
 */
export const nightCashOut: Rule = {
  id: 'night_cash_out',
  evaluate({ features: f, policy }) {
    const c = f.charge;
    if (!c || c.run.count < 2 || !c.run.storedValue || !c.run.newCategory) return null;
    // Abroad the home clock says nothing about the subscriber's night.
    if (f.isForeign) return null;
    const p = policy.rules.night_cash_out;
    if (c.run.yen < p.minYen) return null;
    const night =
      p.nightStartHour < p.nightEndHour
        ? c.homeHour >= p.nightStartHour && c.homeHour < p.nightEndHour
        : c.homeHour >= p.nightStartHour || c.homeHour < p.nightEndHour;
    if (!night || p.points <= 0) return null;
    return { points: p.points, params: { minutes: p.windowMinutes, count: c.run.count, yen: c.run.yen } };
  },
};
