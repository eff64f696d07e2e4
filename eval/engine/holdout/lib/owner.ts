/**
 * The legitimate owner of an account: their devices, networks, habits and shopping basket.
 */
import type { LoginMethod } from './events.ts';
import type { Rng } from './rng.ts';
import {
  CARRIER_MOBILE,
  CARRIER_WEIGHTS,
  type Card,
  type CarrierKey,
  DAY,
  type Device,
  type Isp,
  JP_FIXED,
  JP_OFFICE,
  MERCHANTS,
  type Merchant,
  makeDevice,
  makeForeignCard,
  makeJapaneseCard,
  merchantById,
  type Network,
  networkOf,
  type Platform,
  PRIVACY_RELAYS,
  randomIp,
  randomNetwork,
} from './world.ts';

export type Activity = 'quiet' | 'normal' | 'busy';
export type SecondFactor = 'sms_otp' | 'totp' | 'passkey';

export interface Window {
  start: number;
  days: number;
  end: number;
}

export interface Subscription {
  merchant: Merchant;
  amount: number;
  dayOfMonth: number;
}

export interface Owner {
  account: string;
  carrier: CarrierKey;
  mobile: Isp;
  phone: Device;
  pc?: Device;
  tablet?: Device;
  /** A second person (a child or partner) using the same account from their own phone. */
  family?: Device;
  familyBasket: [Merchant, number][];
  home?: { isp: Isp; leases: { from: number; net: Network }[] };
  work?: Network;
  /** Share of sessions sent through a browser privacy relay (VPN-like); 0 for most people. */
  relayShare: number;
  relay?: Isp;
  loginMix: [LoginMethod, number][];
  secondFactor: SecondFactor | null;
  card?: Card;
  /** Share of charges this person funds with the registered card rather than the phone bill. */
  cardShare: number;
  monthlyLimit: number;
  activity: Activity;
  sessionsPerDay: number;
  chargePerSession: number;
  inAppPerDay: number;
  basket: [Merchant, number][];
  subscriptions: Subscription[];
  /** Relative activity per local hour 0–23. */
  hours: number[];
  typoRate: number;
}

/** Daily rhythm: a base curve shaped by the person's type. */
function dailyRhythm(rng: Rng): number[] {
  const type = rng.weighted([
    ['office', 45],
    ['night_owl', 25],
    ['early', 15],
    ['home_day', 15],
  ] as const);
  const peaks: Record<typeof type, [number, number][]> = {
    office: [
      [7.5, 1.2],
      [12.3, 1.4],
      [19, 1.2],
      [21.5, 2.2],
    ],
    night_owl: [
      [12.5, 0.8],
      [22, 2],
      [24.5, 2],
    ],
    early: [
      [6.5, 1.8],
      [12, 1],
      [18.5, 1.5],
    ],
    home_day: [
      [10, 1.5],
      [14, 1.4],
      [20.5, 1.5],
    ],
  };
  const hours: number[] = [];
  for (let h = 0; h < 24; h++) {
    let w = 0.03;
    for (const [centre, height] of peaks[type]) {
      for (const c of [centre - 24, centre, centre + 24]) w += height * Math.exp(-((h + 0.5 - c) ** 2) / 4);
    }
    hours.push(w * rng.float(0.8, 1.2));
  }
  return hours;
}

function loginMix(rng: Rng, phone: Platform): { mix: [LoginMethod, number][]; second: SecondFactor | null } {
  if (phone === 'feature_phone') return { mix: [['network_pin', 1]], second: null };
  const style = rng.weighted([
    ['password', 28],
    ['sms', 30],
    ['passkey', 18],
    ['totp', 6],
    ['network_pin', 18],
  ] as const);
  switch (style) {
    case 'password':
      return {
        mix: [
          ['password', 0.88],
          ['sms_otp', 0.12],
        ],
        second: null,
      };
    case 'sms':
      return {
        mix: [
          ['sms_otp', 0.75],
          ['password', 0.25],
        ],
        second: 'sms_otp',
      };
    case 'passkey':
      return {
        mix: [
          ['passkey', 0.85],
          ['password', 0.08],
          ['sms_otp', 0.07],
        ],
        second: 'passkey',
      };
    case 'totp':
      return {
        mix: [
          ['totp', 0.9],
          ['password', 0.1],
        ],
        second: 'totp',
      };
    default:
      return {
        mix: [
          ['network_pin', 0.7],
          ['password', 0.2],
          ['sms_otp', 0.1],
        ],
        second: rng.chance(0.4) ? 'sms_otp' : null,
      };
  }
}

function storeFor(platform: Platform | undefined): Merchant | undefined {
  if (platform === 'ios') return merchantById('mch_apple_store');
  if (platform === 'android') return merchantById('mch_google_play');
  return undefined;
}

function basketFor(rng: Rng, phone: Platform): [Merchant, number][] {
  const basket: [Merchant, number][] = [];
  const store = storeFor(phone);
  if (store && rng.chance(0.85)) basket.push([store, rng.float(2, 6)]);
  const pool =
    phone === 'feature_phone'
      ? MERCHANTS.filter((m) =>
          ['mch_dc_uranai', 'mch_dc_manga', 'mch_dc_music', 'mch_ot_parking'].includes(m.id),
        )
      : MERCHANTS.filter((m) => m.category !== 'subscription' && m.category !== 'app_store');
  const k = rng.int(1, phone === 'feature_phone' ? 2 : 6);
  const weights = pool.map((m) => [m, m.popularity] as const);
  for (let i = 0; i < k; i++) {
    const m = rng.weighted(weights);
    if (m.id === 'mch_ot_travelesim') continue;
    if (!basket.some(([b]) => b.id === m.id)) basket.push([m, rng.float(0.5, 3)]);
  }
  if (basket.length === 0) basket.push([merchantById('mch_dc_manga'), 1]);
  return basket;
}

function familyBasketFor(rng: Rng, platform: Platform): [Merchant, number][] {
  const games = MERCHANTS.filter((m) => m.category === 'game');
  const basket: [Merchant, number][] = rng.sample(games, rng.int(1, 3)).map((m) => [m, rng.float(1, 3)]);
  const store = storeFor(platform);
  if (store) basket.push([store, 2]);
  basket.push([merchantById('mch_dc_sticker'), 0.5]);
  return basket;
}

/** Home line: one ISP, an address that changes now and then (PPPoE/DHCP lease renewals). */
function homeLine(rng: Rng, window: Window): Owner['home'] {
  const provider = rng.weighted(JP_FIXED);
  const leases: { from: number; net: Network }[] = [];
  let t = window.start - rng.int(0, 20) * DAY;
  while (t < window.end) {
    leases.push({ from: t, net: networkOf(provider, randomIp(rng, provider)) });
    t += rng.float(4, 40) * DAY;
  }
  return { isp: provider, leases };
}

export function makeOwner(rng: Rng, account: string, window: Window): Owner {
  const carrier = rng.weighted(CARRIER_WEIGHTS);
  const phonePlatform: Platform = rng.weighted([
    ['ios', 50],
    ['android', 46],
    ['feature_phone', 4],
  ] as const);
  const uaShare = rng.chance(0.45) ? 0.9 : 0.1;
  const phone = makeDevice(rng, phonePlatform, uaShare);
  const pc = rng.chance(phonePlatform === 'feature_phone' ? 0.15 : 0.33)
    ? makeDevice(rng, 'pc', 0.95)
    : undefined;
  const tablet =
    phonePlatform !== 'feature_phone' && rng.chance(0.14)
      ? makeDevice(
          rng,
          rng.weighted([
            ['ios', 55],
            ['android', 30],
            ['other', 15],
          ] as const),
          uaShare,
        )
      : undefined;
  // The operator does not always learn what a computer is; the user agent may still tell.
  if (pc && rng.chance(0.1)) delete pc.platform;

  const activity = rng.weighted([
    ['quiet', 45],
    ['normal', 40],
    ['busy', 15],
  ] as const);
  const rates = {
    quiet: { sessions: rng.float(0.04, 0.3), charge: 0.15, inApp: rng.float(0, 0.05) },
    normal: { sessions: rng.float(0.3, 1.2), charge: 0.2, inApp: rng.float(0.03, 0.25) },
    busy: { sessions: rng.float(1.2, 3.2), charge: 0.18, inApp: rng.float(0.2, 1.1) },
  }[activity];

  const { mix, second } = loginMix(rng, phonePlatform);
  // A few owners are foreign residents who registered a card from home.
  const card = rng.chance(0.55)
    ? rng.chance(0.03)
      ? makeForeignCard(rng)
      : makeJapaneseCard(rng)
    : undefined;
  const home =
    phonePlatform === 'feature_phone' && !pc
      ? undefined
      : rng.chance(0.78)
        ? homeLine(rng, window)
        : undefined;

  const subscriptions: Subscription[] = [];
  const subCount = rng.weighted([
    [0, 45],
    [1, 33],
    [2, 16],
    [3, 6],
  ] as const);
  const subPool = MERCHANTS.filter((m) => m.category === 'subscription');
  for (const m of rng.sample(subPool, phonePlatform === 'feature_phone' ? 0 : subCount)) {
    subscriptions.push({ merchant: m, amount: m.price(rng), dayOfMonth: rng.int(1, 28) });
  }

  const owner: Owner = {
    account,
    carrier,
    mobile: CARRIER_MOBILE[carrier],
    phone,
    familyBasket: [],
    relayShare: 0,
    loginMix: mix,
    secondFactor: second,
    cardShare: card
      ? rng.weighted([
          [0, 40],
          [0.3, 35],
          [0.8, 25],
        ] as const)
      : 0,
    monthlyLimit: rng.weighted([
      [10000, 15],
      [30000, 30],
      [50000, 30],
      [100000, 25],
    ] as const),
    activity,
    sessionsPerDay: rates.sessions,
    chargePerSession: rates.charge,
    inAppPerDay: phonePlatform === 'feature_phone' ? 0 : rates.inApp,
    basket: basketFor(rng, phonePlatform),
    subscriptions,
    hours: dailyRhythm(rng),
    typoRate: rng.float(0.01, 0.07),
  };
  if (pc) owner.pc = pc;
  if (tablet) owner.tablet = tablet;
  if (home) owner.home = home;
  if (card) owner.card = card;
  if (phonePlatform !== 'feature_phone' && rng.chance(0.3))
    owner.work = randomNetwork(rng, rng.pick(JP_OFFICE));
  return owner;
}

/** A shared family account: a second phone, mostly games and stickers. */
export function addFamilyMember(rng: Rng, owner: Owner): void {
  const platform: Platform = rng.chance(0.55) ? 'ios' : 'android';
  owner.family = makeDevice(rng, platform, owner.phone.ua ? 0.9 : 0.1);
  owner.familyBasket = familyBasketFor(rng, platform);
}

/** A privacy-minded owner whose browser sends part of the traffic through a relay. */
export function addPrivacyRelay(rng: Rng, owner: Owner): void {
  owner.relayShare = rng.float(0.3, 0.7);
  owner.relay = rng.pick(PRIVACY_RELAYS);
}

export function storeForPlatform(platform: Platform | undefined): Merchant | undefined {
  return storeFor(platform);
}
