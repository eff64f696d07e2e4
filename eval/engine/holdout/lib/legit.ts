/**
 * Legitimate life: the everyday routine of every owner, and the legitimate surprises that a risk
 * engine must not block (travel, a new phone, account changes, a big purchase, ...).
 */
import type { Account, Context, Trip } from './account.ts';
import { type Label, legit } from './events.ts';
import { addFamilyMember, addPrivacyRelay, type Subscription, storeForPlatform } from './owner.ts';
import {
  CORPORATE_VPN,
  DAY,
  FOREIGN,
  HOUR,
  hours,
  isDayOff,
  isHoliday,
  JP_PUBLIC_WIFI,
  jstDayOfMonth,
  jstHour,
  type Merchant,
  makeDevice,
  makeJapaneseCard,
  merchantById,
  minutes,
  type Platform,
  randomNetwork,
  SEC,
  TRAVEL_COUNTRIES,
  VPN_EXITS,
} from './world.ts';

// ---------------------------------------------------------------------------------------------
// Everyday routine

/** Buys from a merchant if the owner still has room under the monthly limit. */
function buy(acc: Account, ctx: Context, t: number, m: Merchant, label: Label = ctx.label): boolean {
  const amount = m.price(acc.rng);
  if (!acc.inWindow(t) || !acc.reserve(t, amount)) return false;
  acc.charge(t, m, amount, acc.fundingForOwner(m.category), label, ctx.device, ctx.network);
  return true;
}

function everydaySession(acc: Account, t: number): void {
  const { rng, owner } = acc;
  const s = acc.ownerLogin(t);
  if (!s) return;
  let now = s.t;
  if (rng.chance(owner.chargePerSession)) {
    const count = rng.chance(0.12) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      now += rng.int(40, 1200) * SEC;
      buy(acc, s.ctx, now, rng.weighted(owner.basket));
    }
  }
  if (owner.card && rng.chance(0.015)) acc.emitIn(s.ctx, now + rng.int(20, 300) * SEC, 'card_view', {});
  if (rng.chance(0.003)) {
    const limits = [10000, 30000, 50000, 100000].filter((x) => x !== owner.monthlyLimit);
    owner.monthlyLimit = rng.pick(limits);
    acc.emitIn(s.ctx, now + rng.int(20, 300) * SEC, 'limit_change', { monthly_limit: owner.monthlyLimit });
  }
}

/** A purchase inside an app or game: no sign-in step, just the carrier-billing authorisation. */
function inAppPurchase(acc: Account, t: number): void {
  if (!acc.inWindow(t)) return;
  const ctx = acc.phoneContext(t);
  if (!ctx) return;
  const store = storeForPlatform(ctx.device.platform);
  const options = acc.owner.basket.filter(
    ([m]) => m.category === 'game' || m.category === 'digital_content' || m === store,
  );
  if (options.length === 0) {
    if (!store) return;
    options.push([store, 1]);
  }
  buy(acc, ctx, t, acc.rng.weighted(options));
}

function renewal(acc: Account, dayStart: number, sub: Subscription): void {
  const t = dayStart + acc.rng.int(1 * 3600, 7 * 3600) * SEC;
  if (!acc.inWindow(t) || !acc.reserve(t, sub.amount)) return;
  // A recurring charge is started by the merchant's server: no device, no network.
  acc.charge(t, sub.merchant, sub.amount, acc.fundingForOwner('subscription'), legit('legit_routine'));
}

/** The second person on a shared family account: evenings, games, small amounts. */
function familyDay(acc: Account, day: number, off: boolean): void {
  const { rng, owner } = acc;
  const device = owner.family;
  if (!device) return;
  const label = legit('legit_family_shared');
  const dayStart = acc.window.start + day * DAY;
  const at = () =>
    dayStart +
    rng.weighted([
      [7, 1],
      [12, 1],
      [15, 2],
      [17, 3],
      [19, 3],
      [20, 3],
      [21, 2],
      [22, 1],
    ] as const) *
      HOUR +
    rng.int(0, 3599) * SEC;
  const contextAt = (t: number): Context => {
    const h = jstHour(t);
    const home = acc.homeNet(t);
    const atHome = home && (h >= 18 || off) && rng.chance(0.7);
    return { device, network: atHome ? home : acc.mobileNet(), label };
  };
  for (let i = rng.poisson(0.2); i > 0; i--) {
    const t = at();
    if (!acc.inWindow(t) || acc.loginsBlocked(t)) continue;
    const ctx = contextAt(t);
    const method = rng.chance(0.6) ? 'sms_otp' : 'password';
    let now = t;
    if (rng.chance(0.06)) {
      acc.login(ctx, now, method, false);
      now += rng.int(15, 80) * SEC;
    }
    acc.login(ctx, now, method, true);
  }
  for (let i = rng.poisson(off ? 0.6 : 0.35); i > 0; i--) {
    const t = at();
    buy(acc, contextAt(t), t, rng.weighted(owner.familyBasket));
  }
}

export function routine(acc: Account): void {
  const { rng, owner, window } = acc;
  for (let day = 0; day < window.days; day++) {
    const dayStart = window.start + day * DAY;
    const noon = dayStart + 12 * HOUR;
    const off = isDayOff(noon);
    const trip = acc.tripAt(noon);
    const tz = trip?.tz ?? 9;
    for (let i = rng.poisson(owner.sessionsPerDay * (off ? 1.2 : 1)); i > 0; i--) {
      everydaySession(acc, acc.timeOnDay(day, tz));
    }
    for (let i = rng.poisson(owner.inAppPerDay * (off ? 1.3 : 1) * (trip ? 0.5 : 1)); i > 0; i--) {
      inAppPurchase(acc, acc.timeOnDay(day, tz));
    }
    familyDay(acc, day, off);
    for (const sub of owner.subscriptions) {
      if (jstDayOfMonth(noon) === sub.dayOfMonth) renewal(acc, dayStart, sub);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Legitimate surprises

/** Events a story writes once every story and the attack have shaped the owner's timeline. */
export type Deferred = (() => void) | undefined;

export interface Story {
  name: string;
  /** Share of accounts that get this story. */
  share: number;
  applies?: (acc: Account) => boolean;
  /**
   * For stories that change where or on what the owner acts (a trip, a new phone): registers that
   * before the attack is written, and returns the story's own events to be written afterwards.
   */
  prepare?: (acc: Account) => Deferred;
  /** For stories that only add events. */
  run?: (acc: Account) => void;
}

function randomDay(acc: Account, first: number, marginEnd: number): number {
  const last = Math.max(0, acc.window.days - 1 - marginEnd);
  return acc.rng.int(Math.min(first, last), last);
}

function travel(acc: Account): Deferred {
  const { rng, owner, window } = acc;
  const label = 'legit_travel';
  const length = rng.int(3, 9);
  const startDay = randomDay(acc, 1, 3);
  const country = rng.weighted(TRAVEL_COUNTRIES);
  const place = FOREIGN[country];
  if (!place) return undefined;
  const from = window.start + startDay * DAY + hours(rng, 7, 16) + minutes(rng, 0, 59);
  const trip: Trip = {
    from,
    to: from + length * DAY + hours(rng, -6, 6),
    country,
    tz: place.tz,
    data: owner.phone.platform === 'feature_phone' || rng.chance(0.45) ? 'roaming' : 'local_esim',
    hotel: randomNetwork(rng, place.fixed),
    foreignMobile: place.mobile,
    laptop: owner.pc !== undefined && rng.chance(0.4),
  };
  if (rng.chance(0.25)) trip.vpn = randomNetwork(rng, rng.pick(VPN_EXITS.filter((v) => v.country === 'JP')));
  acc.trips.push(trip);

  return () => {
    // Before leaving: a travel eSIM, a train ticket to the airport.
    if (trip.data === 'local_esim' && rng.chance(0.5)) {
      const s = acc.ownerLogin(from - hours(rng, 4, 96), label);
      if (s) buy(acc, s.ctx, s.t + rng.int(60, 600) * SEC, merchantById('mch_ot_travelesim'));
    }
    if (rng.chance(0.3)) {
      const s = acc.ownerLogin(from - hours(rng, 2, 20), label);
      if (s)
        buy(acc, s.ctx, s.t + rng.int(60, 900) * SEC, merchantById(rng.pick(['mch_tk_rail', 'mch_tk_bus'])));
    }
    // While away: a few sign-ins, some with a purchase.
    const away = [
      'mch_ec_hikari',
      'mch_tk_hiroba',
      'mch_dc_ebook',
      'mch_em_kaede',
      'mch_dc_video',
      'mch_tk_rail',
    ];
    for (let i = rng.int(1, 3); i > 0; i--) {
      const t = acc.timeOnDay(startDay + rng.int(0, length - 1), trip.tz);
      if (!acc.tripAt(t)) continue;
      const s = acc.ownerLogin(t);
      if (s && rng.chance(0.6)) buy(acc, s.ctx, s.t + rng.int(60, 1200) * SEC, merchantById(rng.pick(away)));
    }
  };
}

function newPhone(acc: Account): Deferred {
  const { rng, owner } = acc;
  const label = legit('legit_new_phone');
  const day = randomDay(acc, 2, 2);
  const dayStart = acc.window.start + day * DAY;
  const old = owner.phone;
  const platform: Platform =
    old.platform === 'feature_phone' || old.platform === undefined
      ? rng.pick(['ios', 'android'] as const)
      : rng.chance(0.75)
        ? old.platform
        : old.platform === 'ios'
          ? 'android'
          : 'ios';
  const fresh = makeDevice(rng, platform, old.ua ? 0.9 : 0.1);
  const channel = rng.weighted([
    ['shop', 45],
    ['online', 40],
    ['phone', 15],
  ] as const);
  // shop: done at the counter; online: an eSIM from the phone itself; phone: a SIM sent by post
  const requestedAt =
    channel === 'online'
      ? acc.timeOnDay(day)
      : dayStart + minutes(rng, 10 * 60, channel === 'shop' ? 18 * 60 : 19 * 60);
  const activation =
    requestedAt +
    (channel === 'shop'
      ? minutes(rng, 15, 50)
      : channel === 'online'
        ? minutes(rng, 3, 25)
        : hours(rng, 20, 60));
  acc.setPhone(activation, fresh);

  return () => {
    if (channel === 'online') {
      const device = rng.chance(0.6) ? fresh : old;
      const net = acc.homeNet(requestedAt) ?? acc.mobileNet();
      acc.emit(requestedAt, 'sim_reissue', { kind: 'esim', channel: 'online' }, label, device, net);
    } else {
      const kind = channel === 'shop' && rng.chance(0.45) ? 'esim' : 'physical';
      acc.emit(requestedAt, 'sim_reissue', { kind, channel }, label);
    }
    let now = activation + minutes(rng, 2, 40);
    const ctx: Context = { device: fresh, network: acc.mobileNet(), label };
    const method = acc.loginMethod(fresh, ctx.network);
    if (rng.chance(0.12)) {
      acc.login(ctx, now, method, false);
      now += rng.int(20, 120) * SEC;
    }
    acc.login(ctx, now, method, true);
    if (rng.chance(0.4)) {
      now += rng.int(60, 300) * SEC;
      acc.emitIn(ctx, now, 'mfa_change', { action: 'enabled', method: 'passkey' });
      acc.passkeyDevices.add(fresh.id);
    }
    if (rng.chance(0.3)) {
      const store = storeForPlatform(platform);
      if (store) buy(acc, { ...ctx, network: acc.mobileNet() }, now + minutes(rng, 10, 600), store);
    }
  };
}

function accountUpdate(acc: Account): void {
  const { rng, owner } = acc;
  const s = acc.ownerLogin(acc.timeOnDay(randomDay(acc, 1, 1)), 'legit_account_update');
  if (!s) return;
  let now = s.t;
  const kinds = ['email', 'password', 'mfa', 'address', 'phone'] as const;
  const chosen = new Set(
    Array.from({ length: rng.int(1, 2) }, () =>
      rng.weighted(kinds.map((k, i) => [k, [45, 30, 15, 10, 5][i] ?? 1] as const)),
    ),
  );
  for (const kind of chosen) {
    now += rng.int(20, 300) * SEC;
    if (kind === 'password') acc.emitIn(s.ctx, now, 'password_change', { via: 'settings' });
    else if (kind === 'mfa') {
      // switching it on, moving it to a new authenticator app, or turning it off as a nuisance
      const method = owner.secondFactor ?? rng.pick(['totp', 'sms_otp', 'passkey'] as const);
      const action = !owner.secondFactor ? 'enabled' : rng.chance(0.3) ? 'disabled' : 'reset';
      acc.emitIn(s.ctx, now, 'mfa_change', { action, method });
    } else acc.emitIn(s.ctx, now, 'contact_change', { field: kind });
  }
  if (rng.chance(0.3)) {
    now += minutes(rng, 10, 360);
    const ctx = acc.ownerContext(now) ?? s.ctx;
    buy(acc, ctx, now, rng.weighted(owner.basket), legit('legit_account_update'));
  }
}

function bigPurchase(acc: Account): void {
  const { rng, owner } = acc;
  const s = acc.ownerLogin(acc.timeOnDay(randomDay(acc, 0, 0)), 'legit_big_purchase');
  if (!s) return;
  let now = s.t;
  const m = merchantById(
    rng.weighted([
      ['mch_ec_kaden', 50],
      ['mch_ec_hikari', 20],
      ['mch_tk_livepass', 8],
      ['mch_tk_rail', 12],
      ['mch_ec_fashion', 5],
      ['mch_ec_furima', 5],
      ['mch_em_kaede', 6],
      ['mch_gc_plaza', 4],
    ] as const),
  );
  let amount = Math.round(rng.float(30000, 80000) / 10) * 10;
  if (rng.chance(0.5)) amount = Math.floor(amount / 1000) * 1000 - 20;
  // a wedding gift or a big e-money top-up comes in round amounts
  if (m.category === 'e_money' || m.category === 'gift_card') amount = rng.pick([30000, 30000, 50000]);
  if (rng.chance(0.3)) {
    now += rng.int(20, 200) * SEC;
    acc.emitIn(s.ctx, now, 'card_view', {});
  }
  const needed = acc.spentIn(now) + amount;
  if (needed > owner.monthlyLimit) {
    owner.monthlyLimit = [50000, 80000, 100000, 150000, 200000].find((x) => x >= needed) ?? 300000;
    now += rng.int(30, 400) * SEC;
    acc.emitIn(s.ctx, now, 'limit_change', { monthly_limit: owner.monthlyLimit });
  }
  now += rng.int(60, 900) * SEC;
  acc.reserve(now, amount);
  const funding = owner.card && rng.chance(0.5) ? 'registered_card' : 'phone_bill';
  acc.charge(now, m, amount, funding, s.ctx.label, s.ctx.device, s.ctx.network);
  if (rng.chance(0.15)) buy(acc, s.ctx, now + rng.int(60, 600) * SEC, merchantById('mch_ec_hikari'));
}

function giftCards(acc: Account): void {
  const { rng, owner, window } = acc;
  const days = Array.from({ length: window.days }, (_, d) => d);
  const holidays = days.filter((d) => isHoliday(window.start + d * DAY + 12 * HOUR));
  const weekends = days.filter((d) => isDayOff(window.start + d * DAY + 12 * HOUR));
  const day = rng.pick(
    holidays.length > 0 && rng.chance(0.7) ? holidays : weekends.length > 0 ? weekends : days,
  );
  const s = acc.ownerLogin(window.start + day * DAY + minutes(rng, 10 * 60, 21 * 60), 'legit_gift_cards');
  if (!s) return;
  let now = s.t;
  let raised = false;
  for (let i = rng.int(2, 4); i > 0; i--) {
    now += rng.int(40, 600) * SEC;
    const m = merchantById(
      rng.weighted([
        ['mch_gc_plaza', 5],
        ['mch_gc_conveni', 4],
        ['mch_gc_appgift', 1],
      ] as const),
    );
    const amount = rng.pick([1500, 3000, 3000, 5000, 5000, 10000]);
    if (acc.spentIn(now) + amount > owner.monthlyLimit) {
      if (raised) break;
      raised = true;
      owner.monthlyLimit = Math.max(owner.monthlyLimit * 2, 50000);
      acc.emitIn(s.ctx, now, 'limit_change', { monthly_limit: owner.monthlyLimit });
      now += rng.int(30, 200) * SEC;
    }
    acc.reserve(now, amount);
    acc.charge(now, m, amount, acc.fundingForOwner('gift_card'), s.ctx.label, s.ctx.device, s.ctx.network);
  }
}

function cafeAndHotel(acc: Account): Deferred {
  const { rng, owner, window } = acc;
  const visits: { from: number; to: number }[] = [];
  for (let i = rng.int(1, 3); i > 0; i--) {
    const dayStart = window.start + randomDay(acc, 0, 1) * DAY;
    const kind = rng.weighted([
      ['cafe', 50],
      ['hotel', 30],
      ['coworking', 20],
    ] as const);
    const from =
      kind === 'cafe'
        ? dayStart + minutes(rng, 9 * 60, 19 * 60)
        : kind === 'hotel'
          ? dayStart + minutes(rng, 18 * 60, 21 * 60)
          : dayStart + minutes(rng, 9 * 60, 10 * 60);
    const to = from + (kind === 'cafe' ? minutes(rng, 60, 180) : kind === 'hotel' ? 13 * HOUR : 8 * HOUR);
    const corporate = kind !== 'cafe' && owner.work !== undefined && rng.chance(0.35);
    const net = randomNetwork(rng, corporate ? rng.pick(CORPORATE_VPN) : rng.pick(JP_PUBLIC_WIFI));
    acc.outings.push({ from, to, net });
    visits.push({ from, to });
  }
  return () => {
    for (const { from, to } of visits) {
      for (let j = rng.int(1, 3); j > 0; j--) {
        const s = acc.ownerLogin(from + rng.int(0, Math.floor((to - from) / SEC) - 1200) * SEC);
        if (s && rng.chance(0.35)) buy(acc, s.ctx, s.t + rng.int(60, 900) * SEC, rng.weighted(owner.basket));
      }
    }
  };
}

function passwordReset(acc: Account): void {
  const { rng, owner } = acc;
  const label = legit('legit_password_reset');
  let now = acc.timeOnDay(randomDay(acc, 0, 1));
  if (!acc.inWindow(now) || acc.loginsBlocked(now)) return;
  let ctx = acc.ownerContext(now);
  if (!ctx) return;
  ctx.label = label;
  for (let i = rng.int(2, 4); i > 0; i--) {
    acc.login(ctx, now, 'password', false, label, 'wrong_password');
    now += rng.int(8, 60) * SEC;
  }
  now += minutes(rng, 1, 6);
  if (rng.chance(0.25)) {
    now += hours(rng, 10, 30); // gave up, reset it the next day
    ctx = acc.ownerContext(now);
    if (!ctx) return;
    ctx.label = label;
  }
  acc.emitIn(ctx, now, 'password_change', { via: 'reset' });
  now += rng.int(20, 180) * SEC;
  acc.login(ctx, now, owner.secondFactor === 'sms_otp' ? 'sms_otp' : 'password', true);
  if (rng.chance(0.35)) buy(acc, ctx, now + minutes(rng, 2, 50), rng.weighted(owner.basket));
}

function cardUpdate(acc: Account): void {
  const { rng, owner } = acc;
  const old = owner.card;
  if (!old) return;
  const s = acc.ownerLogin(acc.timeOnDay(randomDay(acc, 0, 1)), 'legit_card_update');
  if (!s) return;
  let now = s.t;
  if (rng.chance(0.5)) {
    now += rng.int(20, 200) * SEC;
    acc.emitIn(s.ctx, now, 'card_view', {});
  }
  const replace = rng.chance(0.7);
  const card = makeJapaneseCard(rng);
  if (replace && rng.chance(0.6)) card.bin = old.bin; // the same card product, renewed
  now += rng.int(30, 300) * SEC;
  acc.emitIn(s.ctx, now, 'card_change', { action: replace ? 'replace' : 'add', card });
  if (rng.chance(0.15)) {
    now += rng.int(20, 90) * SEC;
    acc.emitIn(s.ctx, now, 'card_verification', { result: 'failure', method: '3ds' });
  }
  now += rng.int(20, 120) * SEC;
  acc.emitIn(s.ctx, now, 'card_verification', { result: 'success', method: rng.chance(0.8) ? '3ds' : 'cvv' });
  if (!replace && rng.chance(0.4)) {
    // the new card is in place; the old one goes
    now += rng.int(30, 600) * SEC;
    acc.emitIn(s.ctx, now, 'card_change', { action: 'remove', card: old });
  }
  owner.card = card;
  owner.cardShare = Math.max(owner.cardShare, 0.3);
  if (rng.chance(0.3)) {
    const later = acc.ownerLogin(now + hours(rng, 1, 30), 'legit_card_update');
    if (!later) return;
    const m = rng.weighted(owner.basket);
    const amount = m.price(rng);
    if (acc.reserve(later.t, amount)) {
      acc.charge(
        later.t + rng.int(60, 600) * SEC,
        m,
        amount,
        'registered_card',
        later.ctx.label,
        later.ctx.device,
        later.ctx.network,
      );
    }
  }
}

function phishingReport(acc: Account): void {
  const { rng } = acc;
  const t = acc.timeOnDay(randomDay(acc, 0, 0));
  if (!acc.inWindow(t)) return;
  const label = legit('legit_phishing_report');
  const ctx = acc.ownerContext(t);
  if (!ctx) return;
  let now = t;
  if (rng.chance(0.3) && !acc.loginsBlocked(t)) {
    acc.login(ctx, now, acc.loginMethod(ctx.device, ctx.network), true, label);
    now += rng.int(30, 200) * SEC;
  }
  acc.emitIn(ctx, now, 'subscriber_report', { kind: 'phishing_message' }, label);
}

export const LEGIT_STORIES: readonly Story[] = [
  {
    name: 'legit_family_shared',
    share: 0.04,
    prepare: (acc) => {
      addFamilyMember(acc.rng, acc.owner);
      return undefined;
    },
  },
  {
    name: 'legit_privacy_vpn',
    share: 0.025,
    applies: (acc) => acc.owner.phone.platform !== 'feature_phone',
    prepare: (acc) => {
      addPrivacyRelay(acc.rng, acc.owner);
      return undefined;
    },
  },
  { name: 'legit_travel', share: 0.06, prepare: travel },
  { name: 'legit_cafe_hotel', share: 0.06, prepare: cafeAndHotel },
  {
    name: 'legit_new_phone',
    share: 0.05,
    applies: (acc) => acc.attack !== 'stolen_phone' && acc.attack !== 'sim_swap',
    prepare: newPhone,
  },
  { name: 'legit_account_update', share: 0.06, run: accountUpdate },
  { name: 'legit_big_purchase', share: 0.04, run: bigPurchase },
  { name: 'legit_gift_cards', share: 0.025, run: giftCards },
  { name: 'legit_password_reset', share: 0.05, run: passwordReset },
  {
    name: 'legit_card_update',
    // about 3% of all accounts: only card holders (55%) can update a card
    share: 0.03 / 0.55,
    applies: (acc) => acc.owner.card !== undefined,
    run: cardUpdate,
  },
  { name: 'legit_phishing_report', share: 0.02, run: phishingReport },
];
