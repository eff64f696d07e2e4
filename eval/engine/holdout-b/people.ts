// Subscribers: who they are, which devices and networks they use, and their everyday routine
// (logins to the carrier account, purchases billed to the phone bill or a registered card, and
// monthly subscription renewals).

import { DAY, HOUR, isOffDay, isPaydayWindow, jst, jstMidnight, MIN, monthKey, SEC } from './calendar.ts';
import {
  androidPhoneUa,
  CARRIERS,
  type Card,
  type Carrier,
  type Category,
  DESTINATIONS,
  type Destination,
  type Device,
  HOME_ISPS,
  iosPhoneUa,
  ipv4,
  ipv6,
  ipv6Prefix,
  keitaiUa,
  type Merchant,
  merchantsFor,
  type Network,
  netOf,
  ownerCard,
  PERSONAL_VPNS,
  type Platform,
  type Provider,
  pcUa,
  SUBSCRIPTIONS,
  TRAVEL_ESIM_HUBS,
  tabletUa,
} from './catalog.ts';
import { Rng } from './rng.ts';
import type { Ctx, Label, Sink } from './sink.ts';
import type { World } from './world.ts';

export type Persona = 'teen' | 'young_adult' | 'office' | 'homemaker' | 'elderly' | 'power_user';
export type Role = 'phone' | 'tablet' | 'pc' | 'kid_tablet';
export type Place = 'home' | 'office' | 'remote' | 'out' | 'abroad';
export type LoginMethod = 'password' | 'passkey' | 'totp' | 'sms_otp' | 'network_pin';

interface PersonaCfg {
  share: number;
  /** Expected purchase sessions and login-only sessions per day for an average member. */
  charges: number;
  logins: number;
  loginBeforeCharge: number;
  offDayBoost: number;
  spend: number;
  categories: Partial<Record<Category, number>>;
  weekday: number[];
  weekend: number[];
  limits: number[];
  subs: [number, number];
}

// Hourly activity weights, 0h to 23h, Japan time.
const TEEN_WEEKDAY = [
  2, 1, 0.5, 0.2, 0.1, 0.1, 0.5, 2, 2, 0.3, 0.3, 0.3, 1.5, 1, 0.3, 1, 4, 6, 7, 8, 10, 10, 8, 4,
];
const TEEN_WEEKEND = [3, 2, 1, 0.5, 0.2, 0.2, 0.3, 0.8, 2, 3, 4, 5, 5, 5, 5, 5, 6, 6, 7, 8, 9, 9, 7, 5];
const WORK_WEEKDAY = [
  1, 0.5, 0.2, 0.1, 0.1, 0.3, 1, 4, 5, 2, 1.5, 2, 6, 3, 1.5, 1.5, 1.5, 2, 5, 6, 7, 8, 7, 3,
];
const WORK_WEEKEND = [2, 1, 0.5, 0.2, 0.1, 0.2, 0.5, 1.5, 3, 4, 5, 5, 5, 5, 5, 5, 5, 5, 6, 7, 8, 8, 6, 4];
const HOME_WEEKDAY = [0.5, 0.2, 0.1, 0.1, 0.1, 0.5, 2, 3, 3, 5, 6, 6, 5, 6, 6, 5, 4, 3, 3, 4, 6, 6, 4, 1.5];
const ELDERLY = [0, 0, 0, 0, 0.2, 1, 3, 5, 7, 9, 9, 7, 5, 6, 7, 7, 5, 4, 3, 3, 2, 1, 0.3, 0];
const YOUNG_WEEKDAY = [4, 3, 1.5, 0.5, 0.2, 0.2, 0.5, 2, 3, 2, 2, 3, 5, 4, 3, 3, 3, 4, 5, 6, 8, 9, 9, 7];
const YOUNG_WEEKEND = [5, 4, 2.5, 1, 0.3, 0.2, 0.2, 0.5, 1, 2, 3, 5, 6, 6, 6, 6, 6, 6, 7, 8, 9, 9, 9, 8];
const NIGHT_OWL = [6, 5, 3, 1.5, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3, 5];

export const PERSONAS: Record<Persona, PersonaCfg> = {
  teen: {
    share: 0.16,
    charges: 0.5,
    logins: 0.45,
    loginBeforeCharge: 0.2,
    offDayBoost: 1.5,
    spend: 0.3,
    categories: {
      game: 55,
      app_store: 18,
      digital_content: 12,
      gift_card: 5,
      e_money: 3,
      ecommerce: 4,
      ticket: 2,
      other: 1,
    },
    weekday: TEEN_WEEKDAY,
    weekend: TEEN_WEEKEND,
    limits: [10000],
    subs: [0, 1],
  },
  young_adult: {
    share: 0.18,
    charges: 0.4,
    logins: 0.45,
    loginBeforeCharge: 0.25,
    offDayBoost: 1.3,
    spend: 0.5,
    categories: {
      game: 18,
      app_store: 12,
      digital_content: 12,
      ecommerce: 20,
      ticket: 8,
      other: 15,
      e_money: 6,
      gift_card: 4,
      subscription: 5,
    },
    weekday: YOUNG_WEEKDAY,
    weekend: YOUNG_WEEKEND,
    limits: [30000, 50000, 50000],
    subs: [1, 4],
  },
  office: {
    share: 0.3,
    charges: 0.3,
    logins: 0.4,
    loginBeforeCharge: 0.3,
    offDayBoost: 1.2,
    spend: 0.6,
    categories: {
      ecommerce: 30,
      app_store: 10,
      digital_content: 10,
      other: 18,
      ticket: 10,
      e_money: 8,
      game: 8,
      gift_card: 3,
      subscription: 3,
    },
    weekday: WORK_WEEKDAY,
    weekend: WORK_WEEKEND,
    limits: [50000, 50000, 100000],
    subs: [1, 3],
  },
  homemaker: {
    share: 0.14,
    charges: 0.26,
    logins: 0.3,
    loginBeforeCharge: 0.3,
    offDayBoost: 1.1,
    spend: 0.5,
    categories: {
      ecommerce: 40,
      other: 20,
      digital_content: 10,
      app_store: 10,
      ticket: 5,
      e_money: 8,
      game: 4,
      gift_card: 3,
    },
    weekday: HOME_WEEKDAY,
    weekend: WORK_WEEKEND,
    limits: [30000, 50000],
    subs: [1, 2],
  },
  elderly: {
    share: 0.12,
    charges: 0.04,
    logins: 0.07,
    loginBeforeCharge: 0.4,
    offDayBoost: 1,
    spend: 0.4,
    categories: { digital_content: 25, other: 30, ecommerce: 25, app_store: 8, ticket: 12 },
    weekday: ELDERLY,
    weekend: ELDERLY,
    limits: [10000, 20000, 30000],
    subs: [0, 1],
  },
  power_user: {
    share: 0.1,
    charges: 0.65,
    logins: 1.1,
    loginBeforeCharge: 0.3,
    offDayBoost: 1.3,
    spend: 0.75,
    categories: {
      ecommerce: 22,
      game: 15,
      app_store: 12,
      digital_content: 12,
      ticket: 8,
      other: 12,
      e_money: 10,
      gift_card: 5,
      subscription: 4,
    },
    weekday: WORK_WEEKDAY,
    weekend: YOUNG_WEEKEND,
    limits: [100000],
    subs: [2, 5],
  },
};

export interface DeviceSpan {
  device: Device;
  role: Role;
  from: number;
  to: number;
}

export interface HomeSpan {
  from: number;
  to: number;
  isp: Provider;
  /** IPv6 /64 prefix for homes on IPoE; their privacy addresses rotate daily. */
  v6Prefix?: string;
  /** PPPoE homes on some ISPs get a new IPv4 address every week or so. */
  weeklyIp: boolean;
  key: string;
}

export interface Trip {
  from: number;
  to: number;
  dest: Destination;
  hotel: Network;
  esim?: Provider;
}

/** A period where the owner cannot use their phone, or its mobile line, or cannot log in. */
export interface Block {
  from: number;
  to: number;
  scope: 'phone' | 'mobile' | 'login';
}

export interface Subscription {
  merchant: Merchant;
  amount: number;
  day: number;
}

export class Owner {
  devices: DeviceSpan[] = [];
  homes: HomeSpan[] = [];
  company?: Network;
  corpVpn?: Network;
  remoteShare = 0.05;
  personalVpn?: Provider;
  job = false;
  mobileIpMode: 'session' | 'daily' | 'weekly' = 'daily';
  mobileV6 = false;
  /** A second line from another carrier (dual SIM, e.g. a cheap data-only eSIM). */
  secondSim?: Provider;
  homeWifiShare = 0.7;
  pcUse = 1;
  nightOwl = false;
  activity = 1;
  spend = 0.5;
  mfa?: 'totp' | 'sms_otp';
  passkey = false;
  smsOtpHabit = false;
  card?: Card;
  cardShare = 0;
  limit = 30000;
  subscriptions: Subscription[] = [];
  favourites = new Map<Category, Merchant[]>();
  routineLabel: string;
  windows: { from: number; to: number; label: string }[] = [];
  blocks: Block[] = [];
  trips: Trip[] = [];
  busy: [number, number][] = [];
  spent = new Map<string, number>();
  /** Legit stories and the attack (with variant) this account lives through; for the manifest. */
  stories: string[] = [];
  attack?: { scenario: string; variant: string };

  constructor(
    readonly account: string,
    readonly persona: Persona,
    readonly carrier: Carrier,
  ) {
    this.routineLabel = `routine_${persona}`;
  }

  get cfg(): PersonaCfg {
    return PERSONAS[this.persona];
  }

  labelAt(t: number): Label {
    let scenario = this.routineLabel;
    for (const w of this.windows) if (w.from <= t && t < w.to) scenario = w.label;
    return { fraud: false, scenario };
  }

  devicesAt(t: number): DeviceSpan[] {
    return this.devices.filter((s) => s.from <= t && t < s.to);
  }

  phoneAt(t: number): DeviceSpan | undefined {
    return this.devicesAt(t).find((s) => s.role === 'phone');
  }

  blocked(t: number, scope: Block['scope']): boolean {
    return this.blocks.some((b) => b.scope === scope && b.from <= t && t < b.to);
  }

  tripAt(t: number): Trip | undefined {
    return this.trips.find((x) => x.from <= t && t < x.to);
  }

  /** Claims [from, to) for a story if nothing else is planned then. */
  reserve(from: number, to: number): boolean {
    if (this.busy.some(([a, b]) => from < b && a < to)) return false;
    this.busy.push([from, to]);
    return true;
  }

  addSpend(t: number, amount: number): void {
    const k = monthKey(t);
    this.spent.set(k, (this.spent.get(k) ?? 0) + amount);
  }

  fitsLimit(t: number, amount: number): boolean {
    return (this.spent.get(monthKey(t)) ?? 0) + amount <= this.limit;
  }
}

// ---------------------------------------------------------------- creation

/** Older app versions send no platform hint, and the native apps often no user agent. */
function asReported(r: Rng, id: string, platform: Platform, ua: string): Device {
  const quiet: ('platform' | 'ua')[] = [];
  if (r.chance(0.04)) quiet.push('platform');
  if (r.chance(0.08)) quiet.push('ua');
  return quiet.length > 0 ? { id, platform, ua, quiet } : { id, platform, ua };
}

export function newPhone(r: Rng, o: Owner, platform?: Platform): Device {
  const p = platform ?? o.devices.filter((s) => s.role === 'phone').at(-1)?.device.platform ?? 'android';
  if (p === 'ios') return asReported(r, r.uuid(), 'ios', iosPhoneUa(r));
  if (p === 'feature_phone') return asReported(r, r.uuid(), 'feature_phone', keitaiUa(r, o.carrier.id));
  return asReported(r, r.uuid(), 'android', androidPhoneUa(r, o.carrier.id, o.persona === 'elderly'));
}

export function newTablet(r: Rng): Device {
  const { platform, ua } = tabletUa(r);
  return asReported(r, r.uuid(), platform, ua);
}

export function newPc(r: Rng): Device {
  return asReported(r, r.uuid(), 'pc', pcUa(r));
}

const IOS_SHARE: Record<Persona, number> = {
  teen: 0.62,
  young_adult: 0.58,
  office: 0.5,
  homemaker: 0.5,
  elderly: 0.15,
  power_user: 0.55,
};

export function createOwner(world: World, account: string, r: Rng): Owner {
  const persona = r.weighted(
    Object.fromEntries(Object.entries(PERSONAS).map(([k, v]) => [k, v.share])) as Record<Persona, number>,
  );
  const carrier = CARRIERS[r.index(CARRIERS.map((c) => c.share))] ?? (CARRIERS[0] as Carrier);
  const o = new Owner(account, persona, carrier);
  const forever = [world.start - 400 * DAY, world.end + 400 * DAY] as const;
  const span = (device: Device, role: Role) =>
    o.devices.push({ device, role, from: forever[0], to: forever[1] });

  // Devices.
  let phonePlatform: Platform = r.chance(IOS_SHARE[persona]) ? 'ios' : 'android';
  if (persona === 'elderly' && r.chance(0.45)) phonePlatform = 'feature_phone';
  span(newPhone(r, o, phonePlatform), 'phone');
  const tabletP = {
    teen: 0.15,
    young_adult: 0.15,
    office: 0.2,
    homemaker: 0.3,
    elderly: 0.08,
    power_user: 0.8,
  };
  const pcP = { teen: 0.1, young_adult: 0.5, office: 0.6, homemaker: 0.25, elderly: 0.1, power_user: 0.95 };
  if (r.chance(tabletP[persona])) span(newTablet(r), 'tablet');
  if (r.chance(pcP[persona])) span(newPc(r), 'pc');
  if (persona === 'power_user' && r.chance(0.2)) span(newPhone(r, o, 'android'), 'tablet'); // a second handset
  o.pcUse = r.float(0.5, 1.5);

  // Networks.
  const isp = HOME_ISPS[r.index(HOME_ISPS.map((x) => x.w))]?.p ?? (HOME_ISPS[0]?.p as Provider);
  const home: HomeSpan = { from: forever[0], to: forever[1], isp, weeklyIp: r.chance(0.35), key: 'h0' };
  if (isp.v6 && r.chance(0.3)) home.v6Prefix = ipv6Prefix(r, isp);
  o.homes.push(home);
  o.job =
    persona === 'office' ||
    (persona === 'power_user' && r.chance(0.6)) ||
    (persona === 'young_adult' && r.chance(0.5));
  if (o.job) {
    o.company = r.pick(world.companies);
    if ((persona === 'office' && r.chance(0.15)) || (persona === 'power_user' && r.chance(0.2))) {
      o.corpVpn = r.pick(world.corpVpns);
      o.remoteShare = 0.4;
      o.routineLabel = `routine_${persona}_vpn`;
    }
  }
  const vpnP = { teen: 0.02, young_adult: 0.08, office: 0.02, homemaker: 0, elderly: 0, power_user: 0.1 };
  if (r.chance(vpnP[persona])) o.personalVpn = r.pick(PERSONAL_VPNS);
  o.mobileIpMode = r.weighted({ session: 40, daily: 45, weekly: 15 });
  o.mobileV6 = !!carrier.mobile.v6 && r.chance(0.2);
  if (persona !== 'elderly' && r.chance(0.08))
    o.secondSim = r.pick(CARRIERS.filter((c) => c.id !== carrier.id)).mobile;
  o.homeWifiShare = persona === 'elderly' ? r.float(0.1, 0.5) : r.float(0.5, 0.92);
  const owlP = {
    teen: 0.3,
    young_adult: 0.3,
    office: 0.08,
    homemaker: 0.03,
    elderly: 0.01,
    power_user: 0.25,
  };
  o.nightOwl = r.chance(owlP[persona]);

  // Habits and security.
  o.activity = Math.min(4, Math.max(0.1, r.lognormal(1, 0.55))) * (r.chance(0.12) ? 0.25 : 1);
  o.spend = Math.min(1, Math.max(0, o.cfg.spend + r.float(-0.15, 0.15)));
  const mfaP = {
    teen: [0.02, 0.05],
    young_adult: [0.08, 0.08],
    office: [0.1, 0.1],
    homemaker: [0.03, 0.08],
    elderly: [0, 0.03],
    power_user: [0.35, 0.15],
  } as const;
  const x = r.next();
  if (x < mfaP[persona][0]) o.mfa = 'totp';
  else if (x < mfaP[persona][0] + mfaP[persona][1]) o.mfa = 'sms_otp';
  const passkeyP = {
    teen: 0.2,
    young_adult: 0.3,
    office: 0.25,
    homemaker: 0.15,
    elderly: 0.02,
    power_user: 0.45,
  };
  o.passkey = phonePlatform !== 'feature_phone' && r.chance(passkeyP[persona]);
  o.smsOtpHabit = r.chance(persona === 'elderly' ? 0.15 : 0.1);
  const cardP = { teen: 0, young_adult: 0.2, office: 0.35, homemaker: 0.25, elderly: 0.05, power_user: 0.5 };
  if (r.chance(cardP[persona])) {
    o.card = ownerCard(r);
    o.cardShare = r.float(0.2, 0.6);
  }
  o.limit = r.pick(o.cfg.limits);

  // Subscriptions, billed on the same day each month.
  const offers = r.shuffle(SUBSCRIPTIONS.filter((s) => s.audience.includes(persona)));
  const nSubs = r.int(o.cfg.subs[0], o.cfg.subs[1]);
  for (const offer of offers.slice(0, nSubs)) {
    o.subscriptions.push({ merchant: offer.merchant, amount: r.pick(offer.plans), day: r.int(1, 28) });
  }

  // Favourite shops per category.
  for (const cat of Object.keys(o.cfg.categories) as Category[]) {
    const shops = r.shuffle(merchantsFor(cat, 'owners'));
    o.favourites.set(cat, shops.slice(0, r.int(1, Math.min(3, shops.length))));
  }
  return o;
}

// ---------------------------------------------------------------- where and how

function dayIndex(world: World, t: number): number {
  return Math.floor((t - world.start) / DAY);
}

export function placeAt(o: Owner, world: World, t: number, r: Rng): Place {
  if (o.tripAt(t)) return 'abroad';
  const { hour } = jst(t);
  const off = isOffDay(t);
  const night = hour >= 21 || hour < 7;
  if (!off && o.job) {
    const remote = new Rng(o.account, 'remote', dayIndex(world, t)).chance(o.remoteShare);
    if (hour >= 9 && hour < 18) return remote ? 'remote' : 'office';
    if (!remote && ((hour >= 7 && hour < 9) || (hour >= 18 && hour < 20))) return 'out';
  }
  if (!off && o.persona === 'teen' && hour >= 8 && hour < 16) return 'out';
  if (night) return r.chance(0.93) ? 'home' : 'out';
  if (o.persona === 'elderly') return r.chance(0.85) ? 'home' : 'out';
  if (o.persona === 'homemaker') return r.chance(0.7) ? 'home' : 'out';
  return r.chance(off ? 0.55 : 0.6) ? 'home' : 'out';
}

export function homeNet(o: Owner, world: World, t: number): Network {
  const h = o.homes.find((s) => s.from <= t && t < s.to) ?? (o.homes[0] as HomeSpan);
  const day = dayIndex(world, t);
  if (h.v6Prefix && new Rng(o.account, h.key, 'v6use', day).chance(0.85)) {
    return netOf(h.isp, ipv6(new Rng(o.account, h.key, 'v6', day), h.v6Prefix));
  }
  const epoch = h.weeklyIp ? Math.floor(day / 7) : 0;
  return netOf(h.isp, ipv4(new Rng(o.account, h.key, 'v4', epoch), h.isp));
}

export function mobileNet(o: Owner, world: World, t: number, r: Rng): Network {
  if (o.secondSim && r.chance(0.35)) return netOf(o.secondSim, ipv4(r, o.secondSim));
  const p = o.carrier.mobile;
  const day = dayIndex(world, t);
  const key =
    o.mobileIpMode === 'session'
      ? r
      : new Rng(o.account, 'mobile', o.mobileIpMode === 'daily' ? day : Math.floor(day / 7));
  if (o.mobileV6 && p.v6) return netOf(p, ipv6(key, ipv6Prefix(key, p)));
  return netOf(p, ipv4(key, p));
}

function tripNet(o: Owner, world: World, trip: Trip, t: number, r: Rng, role: Role): Network {
  if (role !== 'phone') return trip.hotel;
  const x = r.next();
  if (x < 0.45) return trip.hotel;
  if (trip.esim && x < 0.7) {
    return netOf(trip.esim, ipv4(new Rng(o.account, 'esim', dayIndex(world, t)), trip.esim));
  }
  return mobileNet(o, world, t, r); // roaming traffic is routed home, so it looks Japanese
}

export interface CtxOpts {
  role?: Role;
  place?: Place;
  /** Ignore blocks, e.g. for a report sent from a borrowed device. */
  ignoreBlocks?: boolean;
}

/** Device and network the owner would use at time t, or null when they cannot act then. */
export function contextAt(o: Owner, world: World, t: number, r: Rng, opts: CtxOpts = {}): Ctx | null {
  const place = opts.place ?? placeAt(o, world, t, r);
  const phoneGone = !opts.ignoreBlocks && o.blocked(t, 'phone');
  const usable = o.devicesAt(t).filter((s) => !(s.role === 'phone' && phoneGone));
  let spans = usable.filter((s) => (opts.role ? s.role === opts.role : s.role !== 'kid_tablet'));
  if (!opts.role) {
    const weight = (s: DeviceSpan): number => {
      if (place === 'home' || place === 'remote') {
        return s.role === 'phone' ? 6 : s.role === 'pc' ? 2.5 * o.pcUse : 2;
      }
      if (place === 'office') return s.role === 'phone' ? 8.5 : s.role === 'pc' ? 1.5 : 0;
      if (place === 'abroad') return s.role === 'phone' ? 10 : s.role === 'tablet' ? 0.5 : 0.2;
      return s.role === 'phone' ? 1 : 0;
    };
    spans = spans.filter((s) => weight(s) > 0);
    const i = r.index(spans.map(weight));
    spans = spans[i] ? [spans[i]] : [];
  }
  const chosen = spans[0];
  if (!chosen) return null;
  const device = chosen.device;
  const role = chosen.role;

  let network: Network;
  const mobileCut = !opts.ignoreBlocks && o.blocked(t, 'mobile');
  const trip = o.tripAt(t);
  if (device.platform === 'feature_phone') {
    if (trip) network = mobileNet(o, world, t, r);
    else if (mobileCut) return null;
    else network = mobileNet(o, world, t, r);
    return { device, network };
  }
  switch (place) {
    case 'abroad':
      network = trip ? tripNet(o, world, trip, t, r, role) : homeNet(o, world, t);
      break;
    case 'office':
      if (role === 'pc') network = o.corpVpn ?? o.company ?? homeNet(o, world, t);
      else network = r.chance(0.15) && o.company ? o.company : mobileNet(o, world, t, r);
      break;
    case 'remote':
      if (role === 'pc' && o.corpVpn) network = o.corpVpn;
      else network = r.chance(0.75) ? homeNet(o, world, t) : mobileNet(o, world, t, r);
      break;
    case 'out':
      network = r.chance(0.08) ? r.pick(world.hotspots) : mobileNet(o, world, t, r);
      break;
    default:
      network =
        role !== 'phone' || r.chance(o.homeWifiShare) ? homeNet(o, world, t) : mobileNet(o, world, t, r);
      if (o.personalVpn && network.kind === 'fixed' && r.chance(0.5)) {
        network = netOf(o.personalVpn, ipv4(new Rng(o.account, 'vpn', dayIndex(world, t)), o.personalVpn));
      }
  }
  if (mobileCut && network.kind === 'mobile' && network.asn === o.carrier.mobile.asn && !trip) {
    if (place !== 'home') return null;
    network = homeNet(o, world, t);
  }
  return { device, network };
}

export function loginMethod(o: Owner, ctx: Ctx, r: Rng): LoginMethod {
  const platform = ctx.device?.platform;
  if (platform === 'feature_phone') return r.chance(0.8) ? 'network_pin' : 'password';
  if (o.mfa === 'totp' && r.chance(0.85)) return o.passkey && r.chance(0.2) ? 'passkey' : 'totp';
  if ((o.mfa === 'sms_otp' || o.smsOtpHabit) && r.chance(0.75)) return 'sms_otp';
  if (o.passkey && r.chance(0.7)) return 'passkey';
  const onCarrier = ctx.network?.kind === 'mobile' && ctx.network.asn === o.carrier.mobile.asn;
  if (onCarrier && o.carrier.networkPin && r.chance(0.55)) return 'network_pin';
  return 'password';
}

export function failureReason(method: LoginMethod, r: Rng): string {
  switch (method) {
    case 'password':
      return 'wrong_password';
    case 'network_pin':
      return 'wrong_pin';
    case 'passkey':
      return 'passkey_cancelled';
    default:
      return r.chance(0.6) ? 'wrong_code' : 'code_expired';
  }
}

// ---------------------------------------------------------------- routine

/** Emits a login (with the occasional typo first); returns the time after it. */
export function ownerLogin(
  o: Owner,
  sink: Sink,
  t: number,
  ctx: Ctx,
  r: Rng,
  label: Label,
  method = loginMethod(o, ctx, r),
): number {
  let at = t;
  const typoRate = o.persona === 'elderly' ? 0.09 : 0.04;
  if (r.chance(typoRate)) {
    sink.add(
      at,
      o.account,
      'login',
      { result: 'failure', method, failure_reason: failureReason(method, r) },
      ctx,
      label,
    );
    at += r.int(15, 120) * SEC;
    if (r.chance(0.12)) {
      sink.add(
        at,
        o.account,
        'login',
        { result: 'failure', method, failure_reason: failureReason(method, r) },
        ctx,
        label,
      );
      at += r.int(20, 150) * SEC;
    }
  }
  sink.add(at, o.account, 'login', { result: 'success', method }, ctx, label);
  return at + r.int(5, 60) * SEC;
}

export function pickMerchant(o: Owner, category: Category, r: Rng): Merchant {
  const fav = o.favourites.get(category);
  if (fav && fav.length > 0 && r.chance(0.85)) return r.pick(fav);
  return r.pick(merchantsFor(category, 'owners'));
}

export interface ChargeSpec {
  merchant: Merchant;
  amount: number;
  funding?: 'phone_bill' | 'registered_card';
}

/** Emits an owner's charge (with a 3-D Secure check for some card payments); returns its id. */
export function ownerCharge(
  o: Owner,
  sink: Sink,
  t: number,
  ctx: Ctx | null,
  r: Rng,
  label: Label,
  spec: ChargeSpec,
): string {
  const funding = spec.funding ?? (o.card && r.chance(o.cardShare) ? 'registered_card' : 'phone_bill');
  if (funding === 'registered_card' && spec.amount >= 3000 && ctx && r.chance(0.5)) {
    const ok = r.chance(0.95);
    sink.add(
      t - r.int(20, 90) * SEC,
      o.account,
      'card_verification',
      { result: ok ? 'success' : 'failure', method: '3ds' },
      ctx,
      label,
    );
    if (!ok) {
      sink.add(
        t - r.int(5, 15) * SEC,
        o.account,
        'card_verification',
        { result: 'success', method: '3ds' },
        ctx,
        label,
      );
    }
  }
  o.addSpend(t, spec.amount);
  const m = spec.merchant;
  return sink.add(
    t,
    o.account,
    'charge',
    { amount: spec.amount, merchant: { id: m.id, name: m.name, category: m.category }, funding },
    ctx,
    label,
  );
}

function sessionTime(o: Owner, dayStart: number, off: boolean, r: Rng): number {
  const profile = (off ? o.cfg.weekend : o.cfg.weekday).map(
    (w, h) => w + (o.nightOwl ? (NIGHT_OWL[h] ?? 0) : 0),
  );
  const hour = r.index(profile);
  const trip = o.tripAt(dayStart + 12 * HOUR);
  const shift = trip ? DESTINATIONS[trip.dest].tz : 0;
  return dayStart + (hour + shift) * HOUR + r.int(0, 3599) * SEC;
}

function chooseCategory(o: Owner, ctx: Ctx, r: Rng): Category {
  const weights = { ...o.cfg.categories };
  if (ctx.device?.platform === 'feature_phone') {
    delete weights.game;
    delete weights.app_store;
  }
  return r.weighted(weights);
}

function chargeSession(o: Owner, world: World, sink: Sink, t: number, r: Rng): void {
  const ctx = contextAt(o, world, t, r);
  if (!ctx) return;
  const label = o.labelAt(t);
  let at = t;
  const loginP = o.cfg.loginBeforeCharge + (ctx.device?.platform === 'pc' ? 0.3 : 0);
  if (!o.blocked(t, 'login') && r.chance(loginP)) at = ownerLogin(o, sink, at, ctx, r, label);
  const burst = (o.persona === 'teen' || o.persona === 'power_user') && r.chance(0.2) ? r.int(2, 4) : 1;
  const category = chooseCategory(o, ctx, r);
  let merchant = pickMerchant(o, category, r);
  for (let i = 0; i < burst; i++) {
    if (i > 0 && r.chance(0.3)) merchant = pickMerchant(o, category, r);
    let amount = merchant.price(r, o.spend);
    // Owners rarely load more than ¥10,000 of stored value at once.
    if ((category === 'gift_card' || category === 'e_money') && amount > 10000 && r.chance(0.9)) {
      amount = r.pick([3000, 5000, 10000]);
    }
    if (!o.fitsLimit(at, amount)) return;
    ownerCharge(o, sink, at, ctx, r, label, { merchant, amount });
    at += r.int(40, 600) * SEC;
  }
}

function loginSession(o: Owner, world: World, sink: Sink, t: number, r: Rng): void {
  if (o.blocked(t, 'login')) return;
  const ctx = contextAt(o, world, t, r);
  if (!ctx) return;
  const label = o.labelAt(t);
  const at = ownerLogin(o, sink, t, ctx, r, label);
  if (r.chance(0.02)) sink.add(at + r.int(10, 120) * SEC, o.account, 'card_view', {}, ctx, label);
}

function renewals(o: Owner, world: World, sink: Sink, r: Rng): void {
  for (const s of o.subscriptions) {
    for (let d = 0; d < world.days; d++) {
      const t = world.start + d * DAY;
      if (jst(t).day !== s.day) continue;
      const at = jstMidnight(jst(t).date) + r.int(0, 6 * 3600) * SEC;
      // Merchant-initiated renewals arrive without a device or network.
      ownerCharge(o, sink, at, null, r, o.labelAt(at), {
        merchant: s.merchant,
        amount: s.amount,
        funding: 'phone_bill',
      });
    }
  }
}

/** The owner's ordinary life across the whole period. */
export function liveRoutine(o: Owner, world: World, sink: Sink): void {
  const r = new Rng(world.seed, o.account, 'routine');
  renewals(o, world, sink, r);
  for (let d = 0; d < world.days; d++) {
    const dayStart = world.start + d * DAY;
    const noon = dayStart + 12 * HOUR;
    const off = isOffDay(noon);
    let mult = o.activity * (off ? o.cfg.offDayBoost : 1);
    if (o.persona !== 'teen' && isPaydayWindow(noon)) mult *= 1.5;
    if (o.persona === 'teen' && jst(noon).day <= 3) mult *= 1.4; // monthly allowance
    if (o.tripAt(noon)) mult *= 0.7;
    const charges = r.poisson(o.cfg.charges * mult);
    const logins = r.poisson(o.cfg.logins * Math.sqrt(o.activity) * (off ? 1.1 : 1));
    for (let i = 0; i < charges; i++) chargeSession(o, world, sink, sessionTime(o, dayStart, off, r), r);
    for (let i = 0; i < logins; i++) loginSession(o, world, sink, sessionTime(o, dayStart, off, r), r);
  }
}

/** Moves a time in the small hours (0:00–6:59) to the following morning. */
export function daytime(t: number, r: Rng): number {
  const { hour } = jst(t);
  return hour >= 7 ? t : t + (8 - hour) * HOUR + r.int(0, 7200) * SEC;
}

/** A time on a given day of the period at a local hour within [fromHour, toHour). */
export function timeOn(world: World, day: number, fromHour: number, toHour: number, r: Rng): number {
  return (
    world.start +
    day * DAY +
    fromHour * HOUR +
    r.int(0, Math.max(0, (toHour - fromHour) * 60 - 1)) * MIN +
    r.int(0, 59) * SEC
  );
}

/** Japanese-looking destination pick for a holiday abroad. */
export function planTrip(o: Owner, world: World, from: number, to: number, r: Rng): Trip {
  const dest = r.weighted<Destination>({ hawaii: 25, korea: 25, taiwan: 20, europe: 15, thailand: 15 });
  const trip: Trip = { from, to, dest, hotel: r.pick(world.hotels[dest]) };
  if (r.chance(0.35)) {
    const p = r.chance(0.5) ? r.pick(TRAVEL_ESIM_HUBS) : r.pick(DESTINATIONS[dest].esim);
    trip.esim = p;
  }
  o.trips.push(trip);
  return trip;
}
