/**
 * The simulated world: subscribers with their devices, networks and habits, and the sink that
 * collects generated events into per-day buckets so the stream can be written in time order
 * without holding the whole month in memory.
 */
import type { AccountEvent } from '../engine/event-schema.ts';
import {
  ipIn,
  JP_FIXED,
  JP_MOBILE,
  MERCHANTS,
  type Merchant,
  type NetworkSpec,
  type Platform,
  userAgent,
} from './catalog.ts';
import type { Rng } from './prng.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before it gets its id, time and account. */
export type EventBody = DistributiveOmit<AccountEvent, 'id' | 'at' | 'account'>;
export type Label = { fraud: boolean; scenario: string };
export type LoginMethod = 'password' | 'passkey' | 'totp' | 'sms_otp' | 'network_pin';

export interface Device {
  id: string;
  platform: Platform;
  ua: string;
}

export type NetworkInfo = NonNullable<AccountEvent['network']>;

/** One generated event waiting in its day bucket. */
export interface Pending {
  t: number;
  acct: number;
  seq: number;
  body: EventBody;
  /** Write the time in UTC (`Z`) instead of +09:00: some operators log foreign traffic that way. */
  zulu: boolean;
  /** The event this one refers to (subscriber_report.ref); its id is known once it is written. */
  refTo?: Pending;
  id?: string;
}

export class Sink {
  readonly buckets = new Map<number, Pending[]>();
  #seq = 0;
  constructor(
    readonly startMs: number,
    readonly days: number,
  ) {}

  get endMs(): number {
    return this.startMs + this.days * DAY;
  }

  /** Queues one event; events outside the simulated period are dropped (returns undefined). */
  push(acct: number, t: number, body: EventBody, opts: { zulu?: boolean; refTo?: Pending } = {}) {
    if (t < this.startMs || t >= this.endMs) return undefined;
    const day = Math.floor((t - this.startMs) / DAY);
    const seq = this.#seq++;
    // Some operators log traffic from abroad in UTC; both forms are valid (contract "Event").
    const foreign = body.network?.country !== undefined && body.network.country !== 'JP';
    const zulu = opts.zulu ?? (foreign && seq % 10 < 3);
    const p: Pending = { t, acct, seq, body, zulu };
    if (opts.refTo) p.refTo = opts.refTo;
    let bucket = this.buckets.get(day);
    if (!bucket) {
      bucket = [];
      this.buckets.set(day, bucket);
    }
    bucket.push(p);
    return p;
  }
}

export interface Habit {
  merchant: Merchant;
  /** Expected charges per day. */
  rate: number;
  /** Price tiers this person buys at (app stores, games), or empty for free amounts. */
  tiers: readonly number[];
  median: number;
  sigma: number;
  roundTo: number;
}

export interface Subscription {
  merchant: Merchant;
  amount: number;
  dayOfMonth: number;
}

export interface Subscriber {
  idx: number;
  account: string;
  phone: Device;
  second: Device | null;
  mobile: NetworkSpec;
  home: { spec: NetworkSpec; ip: string } | null;
  method: LoginMethod;
  loginRate: number;
  /** Hour of day (JST) this person is most active. */
  peakHour: number;
  habits: Habit[];
  subscriptions: Subscription[];
  /** Probability that a charge is funded by the registered card rather than the phone bill. */
  cardShare: number;
  monthlyLimit: number;
  /** Later primary phones, in time order (new phone bought, lost phone replaced). */
  phoneChanges: { at: number; device: Device }[];
  /** Periods without routine activity at home (abroad, phone lost). */
  quiet: [number, number][];
}

export function newDevice(rng: Rng, platform: Platform): Device {
  return { id: `dev_${rng.hex(12)}`, platform, ua: userAgent(rng, platform) };
}

export function phonePlatform(rng: Rng): Platform {
  return rng.weighted<Platform>([
    ['ios', 50],
    ['android', 44],
    ['feature_phone', 6],
  ]);
}

const APP_TIERS = [120, 160, 250, 370, 490, 610, 980, 1200, 1500, 2000, 3000, 4900, 9800];
const GAME_TIERS = [120, 480, 980, 1960, 3060, 4900, 5000, 10000];
const EMONEY_TIERS = [1000, 2000, 3000, 5000, 10000];
const SUB_PRICES = [130, 400, 550, 980, 1080, 1490, 1800, 2190];

function habitFor(rng: Rng, merchant: Merchant): Habit {
  const base = { merchant, rate: rng.real(0.02, 0.25), tiers: [] as number[], sigma: 0.45, roundTo: 10 };
  switch (merchant.category) {
    case 'app_store': {
      // Each person buys around a few neighbouring price tiers.
      const c = rng.int(0, APP_TIERS.length - 4);
      return { ...base, tiers: APP_TIERS.slice(c, c + rng.int(2, 4)), median: 0 };
    }
    case 'game': {
      const c = rng.int(0, GAME_TIERS.length - 3);
      return { ...base, tiers: GAME_TIERS.slice(c, c + rng.int(1, 3)), median: 0 };
    }
    case 'e_money': {
      const c = rng.int(0, EMONEY_TIERS.length - 2);
      return { ...base, rate: rng.real(0.03, 0.15), tiers: EMONEY_TIERS.slice(c, c + 2), median: 0 };
    }
    case 'digital_content':
      return { ...base, median: rng.logNormal(450, 0.5), roundTo: 10 };
    case 'ecommerce':
      return { ...base, rate: rng.real(0.02, 0.12), median: rng.logNormal(3200, 0.6), roundTo: 10 };
    case 'ticket':
      return { ...base, rate: rng.real(0.01, 0.05), median: rng.logNormal(6000, 0.5), roundTo: 100 };
    default:
      return { ...base, rate: rng.real(0.01, 0.05), median: rng.logNormal(800, 0.5) };
  }
}

export function habitAmount(rng: Rng, h: Habit): number {
  if (h.tiers.length > 0) return rng.pick(h.tiers);
  const v = rng.logNormal(h.median, h.sigma);
  return Math.max(h.roundTo, Math.round(v / h.roundTo) * h.roundTo);
}

/** Builds one subscriber's stable traits. */
export function createSubscriber(rng: Rng, idx: number): Subscriber {
  const platform = phonePlatform(rng);
  const phone = newDevice(rng, platform);
  const second =
    platform !== 'feature_phone' && rng.chance(0.45) ? newDevice(rng, rng.chance(0.8) ? 'pc' : 'ios') : null;
  const mobile = rng.weighted(JP_MOBILE);
  const homeSpec = rng.chance(0.7) ? rng.weighted(JP_FIXED) : null;
  const home = homeSpec ? { spec: homeSpec, ip: ipIn(rng, homeSpec) } : null;
  const method: LoginMethod =
    platform === 'feature_phone'
      ? rng.weighted<LoginMethod>([
          ['network_pin', 70],
          ['password', 30],
        ])
      : rng.weighted<LoginMethod>([
          ['password', 42],
          ['passkey', 30],
          ['totp', 10],
          ['sms_otp', 15],
          ['network_pin', 3],
        ]);

  const categories = rng.shuffle([
    'app_store',
    'app_store',
    'game',
    'digital_content',
    'ecommerce',
    'ecommerce',
    'ticket',
    'e_money',
    'other',
  ] as const);
  const habits: Habit[] = [];
  const seen = new Set<string>();
  for (const cat of categories.slice(0, rng.int(2, 5))) {
    const merchant = rng.pick(MERCHANTS[cat]);
    if (seen.has(merchant.id)) continue;
    seen.add(merchant.id);
    habits.push(habitFor(rng, merchant));
  }
  const subscriptions: Subscription[] = [];
  for (
    let i = rng.weighted([
      [0, 30],
      [1, 45],
      [2, 20],
      [3, 5],
    ]);
    i > 0;
    i--
  ) {
    const merchant = rng.pick(MERCHANTS.subscription);
    if (subscriptions.some((s) => s.merchant.id === merchant.id)) continue;
    subscriptions.push({ merchant, amount: rng.pick(SUB_PRICES), dayOfMonth: rng.int(1, 28) });
  }
  return {
    idx,
    account: `acc_${idx}`,
    phone,
    second,
    mobile,
    home,
    method,
    loginRate: rng.real(0.1, 0.9),
    peakHour: rng.weighted([
      [8, 10],
      [12, 15],
      [19, 25],
      [21, 30],
      [23, 15],
      [1, 5],
    ]),
    habits,
    subscriptions,
    cardShare: rng.chance(0.4) ? rng.real(0.5, 1) : rng.real(0, 0.2),
    monthlyLimit: rng.pick([10_000, 30_000, 50_000, 100_000]),
    phoneChanges: [],
    quiet: [],
  };
}

/** The phone the subscriber uses at time t. */
export function phoneAt(sub: Subscriber, t: number): Device {
  let d = sub.phone;
  for (const c of sub.phoneChanges) if (c.at <= t) d = c.device;
  return d;
}

export function isQuiet(sub: Subscriber, t: number): boolean {
  return sub.quiet.some(([a, b]) => t >= a && t < b);
}

export function networkOf(rng: Rng, spec: NetworkSpec, ip?: string): NetworkInfo {
  return { ip: ip ?? ipIn(rng, spec), country: spec.country, asn: spec.asn, kind: spec.kind };
}

/** Where a device of the subscriber connects from at home: mobile data or home Wi-Fi. */
export function homeNetwork(rng: Rng, sub: Subscriber, device: Device): NetworkInfo {
  const wantsFixed = device.platform === 'pc' || device.platform === 'other' ? 0.95 : 0.35;
  if (sub.home && rng.chance(wantsFixed)) return networkOf(rng, sub.home.spec, sub.home.ip);
  return networkOf(rng, sub.mobile);
}

/** A time of day for this person, as milliseconds after midnight JST. */
export function timeOfDay(rng: Rng, sub: Subscriber): number {
  const hour = rng.chance(0.15) ? rng.real(0, 24) : (((sub.peakHour + rng.normal(0, 3)) % 24) + 24) % 24;
  return Math.min(DAY - 1, Math.floor(hour * HOUR));
}

export function deviceFields(d: Device) {
  return { id: d.id, platform: d.platform, ua: d.ua };
}

export function legit(scenario = 'legit'): Label {
  return { fraud: false, scenario };
}

export function fraud(scenario: string): Label {
  return { fraud: true, scenario };
}

/** Login method a device can use (a PC has no network PIN). */
export function methodFor(sub: Subscriber, device: Device): LoginMethod {
  if (device.platform === 'pc' && sub.method === 'network_pin') return 'password';
  return sub.method;
}
