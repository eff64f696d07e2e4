/**
 * Features: everything the rules ask about one event, computed once from (profile before the
 * event, event, policy, global state) and shared by all rules through the context — the role of
 * json-rules-engine's Almanac (style.md). Rules never scan the profile themselves, so adding a rule
 * costs no extra pass over the data and every rule sees the same numbers.
 */
import type { AccountEvent } from './event-schema.ts';
import { countryDistanceKm } from './geo.ts';
import { deviceKey, type GlobalState, ipKey, type KeyStats, keyStats } from './global-state.ts';
import type { Policy } from './policy.ts';
import {
  CATEGORIES,
  categoryIndex,
  findDevice,
  findMerchant,
  findNetwork,
  isNewMerchantFor,
  joinsBaseline,
  networkKey,
  type Profile,
  type SimReissueEntry,
} from './profile.ts';
import { shortHash } from './short-hash.ts';
import { DAY, dayOf, HOUR, MINUTE, toSeconds } from './time.ts';

/**
 * - `none`: the event carries no device.
 * - `first`: the account has no known device yet (its first events ever): nothing to compare with.
 * - `unknown`: never seen on this account.
 * - `recent`: first seen less than `device.recentHours` ago.
 * - `unproven`: first seen on a challenged-or-worse event less than `device.unprovenDays` ago.
 * - `known`: an established device of the account.
 */
export type DeviceStatus = 'none' | 'first' | 'unknown' | 'recent' | 'unproven' | 'known';

/** A security change that can precede an account takeover's cash-out. */
export type SecurityChangeKind =
  | 'password_reset'
  | 'contact_change'
  | 'mfa_disabled'
  | 'mfa_reset'
  | 'sim_reissue';

export interface ChargeFeatures {
  amount: number;
  /** Charge attempts (this one included) in the last hour / 24 hours, and their yen. */
  hourCount: number;
  hourYen: number;
  dayCount: number;
  dayYen: number;
  /** Typical charges and yen on an active day of this account (0 while it has no history). */
  typicalDayCount: number;
  typicalDayYen: number;
  /** Typical (geometric mean) and "high usual" (mean + 1 sd in log space) amounts, or null without history. */
  typicalAmount: number | null;
  highUsualAmount: number | null;
  /** Risk tier of the merchant category: 2 e_money/gift_card, 1 game/digital_content, 0 others. */
  categoryTier: 0 | 1 | 2;
  isNewMerchant: boolean;
  isNewCategory: boolean;
  /**
   * Distinct merchants first used in the low_and_slow window (this one included when it is a first
   * use), and the yen of all charges at merchants new to the account in that window.
   */
  newMerchantCount: number;
  newMerchantYen: number;
  /** Small charges (≤ card_testing.smallAmount) in the card-testing window, this one included. */
  smallCount: number;
  /** E-money and gift-card charge attempts in the last hour and their yen, this one included. */
  hourHighRiskCount: number;
  hourHighRiskYen: number;
  /**
   * Charge attempts in cash-like categories (BURST_CATEGORIES) within velocity.burstWindowMinutes,
   * this one included, and their yen; 0 when this charge is not in such a category.
   */
  burstCount: number;
  burstYen: number;
  /** The largest single charge of the burst. */
  burstMaxYen: number;
  /**
   * Cash-like charge attempts within night_cash_out.windowMinutes, this one included (0 when this
   * charge is not cash-like), their yen, whether one is e-money or a gift card, and whether one
   * was in a category the account had never paid for before.
   */
  run: { count: number; yen: number; storedValue: boolean; newCategory: boolean };
  /** Hour of the day (0–23) at home (policy homeUtcOffsetMinutes). */
  homeHour: number;
}

export interface Features {
  at: number;
  type: AccountEvent['type'];
  locked: boolean;
  /** Days since the account's first event (0 for its first). */
  profileAgeDays: number;
  deviceStatus: DeviceStatus;
  deviceAgeHours: number | null;
  /** The device's first event on this account was challenged or worse. */
  deviceRisky: boolean;
  /** The device was among the account's own when the engine first saw the account (its baseline). */
  deviceBaseline: boolean;
  networkKey: string | null;
  /** The network is not among the account's known ones (false while it knows none). */
  isNewNetwork: boolean;
  networkKind: string | null;
  country: string | null;
  isForeign: boolean;
  /** The country already appears among the account's known networks. */
  countryKnown: boolean;
  /** Travel from the last accepted login's country: distance, hours, and effective km/h. */
  travel: { from: string; km: number; hours: number; kmh: number } | null;
  /** Minutes since each latest security change (null: none within the profile's memory). */
  minutesSince: Record<SecurityChangeKind, number | null>;
  sim: SimReissueEntry | null;
  /** Security changes within security_change_then_card.windowHours before this event. */
  recentChanges: { kind: SecurityChangeKind; minutesAgo: number }[];
  /** Card verification failures in the card-testing window, this event included. */
  verifyFailures: number;
  /** Login failures in the last hour, this event included. */
  loginFailuresHour: number;
  /**
   * Login failures within login_failures_then_charge.windowMinutes before this event that no
   * successful passkey/TOTP login has followed (someone guessing the password or PIN).
   */
  loginFailuresUncleared: number;
  /** An SMS-code login followed those failures (profile.ts SecurityState.smsAfterFailures). */
  smsAfterFailures: boolean;
  /** Distinct cards added within card_testing.cardsWindowHours, this event included. */
  cardsAddedRecently: number;
  charge: ChargeFeatures | null;
  /** Cross-account counts for this event's IP and device (login events only). */
  ipStats: KeyStats | null;
  deviceStats: KeyStats | null;
  /** True when the event's network is a mobile carrier's (shared carrier-grade NAT addresses). */
  mobileNetwork: boolean;
}

const TIER: Record<string, 0 | 1 | 2> = { e_money: 2, gift_card: 2, game: 1, digital_content: 1 };

/**
 * Categories a thief or an account taker turns into money or resellable value at once: stored value
 * (e-money, gift cards), in-game currency and app-store credit, digital content. A burst of these is
 * the cash-out, whoever's device it comes from.
 */
const BURST_CATEGORIES: ReadonlySet<string> = new Set([
  'e_money',
  'gift_card',
  'game',
  'app_store',
  'digital_content',
]);

function minutesSince(at: number, t: number | undefined, ttl: number): number | null {
  if (t === undefined || at - t > ttl || t > at) return null;
  return (at - t) / MINUTE;
}

function deviceStatusOf(
  p: Profile,
  e: AccountEvent,
  at: number,
  policy: Policy,
): [status: DeviceStatus, ageHours: number | null, risky: boolean, baseline: boolean] {
  if (!e.device) return ['none', null, false, false];
  if (p.devices.length === 0) return ['first', null, false, true];
  // The account's first days in the engine are its baseline (profile.baselineDays): the devices
  // it brings then are its own, not arrivals to be suspicious of.
  const baselineEnd = p.since + policy.profile.baselineDays * DAY;
  const d = findDevice(p, shortHash(e.device.id));
  if (!d) {
    return at < baselineEnd || joinsBaseline(p, e, at, policy)
      ? ['first', null, false, true]
      : ['unknown', null, false, false];
  }
  const ageH = Math.max(0, (at - d[1]) / HOUR);
  const risky = d[3] === 1;
  const baseline = !risky && (d[1] < baselineEnd || d[1] - p.since < policy.device.recentHours * HOUR);
  if (baseline) return ['known', ageH, false, true];
  if (ageH < policy.device.recentHours) return ['recent', ageH, risky, false];
  if (risky && ageH < policy.device.unprovenDays * 24) return ['unproven', ageH, risky, false];
  // A device that joined the account later and had actions held is not trusted merely because it
  // is older now: it stays unproven until it goes unprovenDays without a hold.
  const flagged = d[4] ?? 0;
  if (flagged > 0 && at - flagged < policy.device.unprovenDays * DAY) {
    return ['unproven', ageH, true, false];
  }
  return ['known', ageH, risky, false];
}

function chargeFeatures(
  p: Profile,
  e: Extract<AccountEvent, { type: 'charge' }>,
  at: number,
  policy: Policy,
): ChargeFeatures {
  const r = policy.rules;
  let hourCount = 1;
  let hourYen = e.amount;
  let dayCount = 1;
  let dayYen = e.amount;
  const small = r.card_testing.smallAmount;
  const smallFrom = at - r.card_testing.windowMinutes * MINUTE;
  let smallCount = e.amount <= small ? 1 : 0;
  const tier = TIER[e.merchant.category] ?? 0;
  let hourHighRiskCount = tier === 2 ? 1 : 0;
  let hourHighRiskYen = tier === 2 ? e.amount : 0;
  const burstable = BURST_CATEGORIES.has(e.merchant.category);
  const burstFrom = at - r.velocity.burstWindowMinutes * MINUTE;
  let burstCount = burstable ? 1 : 0;
  let burstYen = burstable ? e.amount : 0;
  let burstMaxYen = burstYen;
  const runFrom = at - r.night_cash_out.windowMinutes * MINUTE;
  const isNewCategory = p.since > 0 && (p.categories & (1 << categoryIndex(e.merchant.category))) === 0;
  const run = {
    count: burstable ? 1 : 0,
    yen: burstable ? e.amount : 0,
    storedValue: burstable && tier === 2,
    newCategory: burstable && isNewCategory,
  };
  for (const [t, amount, cat, newCategory] of p.charges) {
    if (t > at) continue;
    const age = at - t;
    const category = CATEGORIES[cat] ?? 'other';
    const cashLike = burstable && BURST_CATEGORIES.has(category);
    if (cashLike && t >= runFrom) {
      run.count++;
      run.yen += amount;
      if (TIER[category] === 2) run.storedValue = true;
      if (newCategory === 1) run.newCategory = true;
    }
    if (cashLike && t >= burstFrom) {
      burstCount++;
      burstYen += amount;
      if (amount > burstMaxYen) burstMaxYen = amount;
    }
    if (age <= DAY) {
      dayCount++;
      dayYen += amount;
      if (age <= HOUR) {
        hourCount++;
        hourYen += amount;
        if (TIER[category] === 2) {
          hourHighRiskCount++;
          hourHighRiskYen += amount;
        }
      }
    }
    if (t >= smallFrom && amount <= small) smallCount++;
  }
  const [n, mean, variance] = p.amounts;
  const enough = n >= policy.profile.amountMinSamples;
  const day = dayOf(at);
  const mh = shortHash(e.merchant.id);
  const isNewMerchant = isNewMerchantFor(p, mh, day, policy);
  const minDay = day - r.low_and_slow.windowDays + 1;
  let newMerchantCount = isNewMerchant && findMerchant(p, mh) === undefined ? 1 : 0;
  let newMerchantYen = isNewMerchant ? e.amount : 0;
  for (const [d, c, y] of p.newMerchantDays) {
    if (d >= minDay && d <= day) {
      newMerchantCount += c;
      newMerchantYen += y;
    }
  }
  const [dDay, dCount, dYen, tCount, tYen] = p.daily;
  // The profile folds a finished day into the typical-day averages only at the next charge;
  // fold it here the same way (profile.ts updateDaily) so the first charge of a day sees it.
  const finished = dDay < day && dCount > 0;
  const a = tCount === 0 ? 1 : policy.profile.dailyAlpha;
  return {
    amount: e.amount,
    hourCount,
    hourYen,
    dayCount,
    dayYen,
    typicalDayCount: finished ? tCount + a * (dCount - tCount) : tCount,
    typicalDayYen: finished ? tYen + a * (dYen - tYen) : tYen,
    typicalAmount: enough ? Math.exp(mean) : null,
    highUsualAmount: enough ? Math.exp(mean + Math.sqrt(Math.max(0, variance))) : null,
    categoryTier: tier,
    isNewMerchant,
    isNewCategory,
    newMerchantCount,
    newMerchantYen,
    smallCount,
    hourHighRiskCount,
    hourHighRiskYen,
    burstCount,
    burstYen,
    burstMaxYen,
    run,
    homeHour: Math.floor(((((at + policy.homeUtcOffsetMinutes * MINUTE) % DAY) + DAY) % DAY) / HOUR),
  };
}

/** Computes the features of `event` against the account's profile as it was before the event. */
export function computeFeatures(
  profile: Profile,
  event: AccountEvent,
  policy: Policy,
  global: GlobalState,
): Features {
  const at = toSeconds(event.at);
  const r = policy.rules;
  const [deviceStatus, deviceAgeHours, deviceRisky, deviceBaseline] = deviceStatusOf(
    profile,
    event,
    at,
    policy,
  );

  const net = event.network;
  const nKey = net ? networkKey(net) : null;
  const isNewNetwork =
    nKey !== null && profile.networks.length > 0 && findNetwork(profile, nKey) === undefined;
  const country = net?.country ?? null;
  let countryKnown = false;
  if (country) for (const n of profile.networks) if (n[1] === country) countryKnown = true;

  let travel: Features['travel'] = null;
  if (country && profile.login && profile.login[1] <= at) {
    const [from, t] = profile.login;
    const km = countryDistanceKm(from, country);
    if (km !== null && km > 0) {
      const hours = (at - t) / HOUR;
      travel = { from, km, hours, kmh: km / (hours + r.impossible_travel.slackHours) };
    }
  }

  const sec = profile.security;
  const ttl = policy.profile.securityTtlDays * DAY;
  const since: Record<SecurityChangeKind, number | null> = {
    password_reset: minutesSince(at, sec.passwordReset, ttl),
    contact_change: minutesSince(at, sec.contactChange, ttl),
    mfa_disabled: minutesSince(at, sec.mfaDisabled, ttl),
    mfa_reset: minutesSince(at, sec.mfaReset, ttl),
    sim_reissue: minutesSince(at, sec.sim?.[0], ttl),
  };
  const windowMin = r.security_change_then_card.windowHours * 60;
  const recentChanges: Features['recentChanges'] = [];
  for (const kind of Object.keys(since) as SecurityChangeKind[]) {
    const m = since[kind];
    if (m === null || m > windowMin) continue;
    // A SIM re-issue counts as a takeover step only when it was not done in a shop, where the
    // subscriber's identity is checked in person (issue 4: a new phone bought in a shop is legit).
    // Nor when it was requested from the account's established device: that is the subscriber
    // moving to a new phone, not an attacker taking the number.
    if (kind === 'sim_reissue' && (sec.sim?.[2] === 'shop' || sec.sim?.[3] === 1)) continue;
    recentChanges.push({ kind, minutesAgo: m });
  }

  const ctFrom = at - r.card_testing.windowMinutes * MINUTE;
  let verifyFailures = event.type === 'card_verification' && event.result === 'failure' ? 1 : 0;
  for (const t of profile.verifyFailures) if (t >= ctFrom && t <= at) verifyFailures++;
  let loginFailuresHour = event.type === 'login' && event.result === 'failure' ? 1 : 0;
  for (const t of profile.loginFailures) if (t >= at - HOUR && t <= at) loginFailuresHour++;
  const lfFrom = Math.max(
    at - r.login_failures_then_charge.windowMinutes * MINUTE,
    (sec.strongLogin ?? 0) + 1,
  );
  let loginFailuresUncleared = 0;
  for (const t of profile.loginFailures) if (t >= lfFrom && t <= at) loginFailuresUncleared++;
  const cardsFrom = at - r.card_testing.cardsWindowHours * HOUR;
  let cardsAddedRecently = 0;
  let thisCardKnown = false;
  const newCard =
    event.type === 'card_change' && event.action !== 'remove'
      ? `${event.card.bin}:${event.card.last4}`
      : null;
  for (const [c, t] of profile.cards) {
    if (c === newCard) thisCardKnown = true;
    if (t >= cardsFrom && t <= at && c !== newCard) cardsAddedRecently++;
  }
  if (newCard && !thisCardKnown) cardsAddedRecently++;

  let ipStats: KeyStats | null = null;
  let deviceStats: KeyStats | null = null;
  if (event.type === 'login') {
    const cur = { account: event.account, ok: event.result === 'success' };
    if (net) ipStats = keyStats(global, ipKey(net.ip), cur, at, policy);
    if (event.device) deviceStats = keyStats(global, deviceKey(event.device.id), cur, at, policy);
  }

  return {
    at,
    type: event.type,
    locked: profile.lock !== null,
    profileAgeDays: profile.since === 0 ? 0 : Math.max(0, (at - profile.since) / DAY),
    deviceStatus,
    deviceAgeHours,
    deviceRisky,
    deviceBaseline,
    networkKey: nKey,
    isNewNetwork,
    networkKind: net?.kind ?? null,
    country,
    isForeign: country !== null && country !== policy.homeCountry,
    countryKnown,
    travel,
    minutesSince: since,
    sim: sec.sim && since.sim_reissue !== null ? sec.sim : null,
    recentChanges,
    verifyFailures,
    loginFailuresHour,
    loginFailuresUncleared,
    smsAfterFailures:
      sec.smsAfterFailures !== undefined && sec.smsAfterFailures >= lfFrom && sec.smsAfterFailures <= at,
    cardsAddedRecently,
    charge: event.type === 'charge' ? chargeFeatures(profile, event, at, policy) : null,
    ipStats,
    deviceStats,
    mobileNetwork: net?.kind === 'mobile',
  };
}
