/**
 * One account being written: the owner, a timeline of what changes in their life (trips, a lost
 * or replaced phone, a hijacked password), where they are at a given moment, and small helpers
 * that write events.
 */
import {
  type Draft,
  type EventLog,
  type EventType,
  type Funding,
  type Label,
  type LoginMethod,
  legit,
} from './events.ts';
import type { Owner, Window } from './owner.ts';
import type { Rng } from './rng.ts';
import {
  CARRIER_MOBILE,
  type Category,
  type Device,
  HOUR,
  type Isp,
  isDayOff,
  jstHour,
  jstMonthKey,
  type Merchant,
  merchantField,
  type Network,
  newDeviceId,
  randomNetwork,
  SEC,
} from './world.ts';

export interface Trip {
  from: number;
  to: number;
  country: string;
  /** Local UTC offset in hours. */
  tz: number;
  /** roaming: home-routed data, the IP stays Japanese; local_esim: a foreign mobile network. */
  data: 'roaming' | 'local_esim';
  hotel: Network;
  foreignMobile: Isp;
  vpn?: Network;
  laptop: boolean;
}

export interface Outing {
  from: number;
  to: number;
  net: Network;
}

export interface Context {
  device: Device;
  network?: Network;
  label: Label;
}

type Where = 'home' | 'work' | 'out' | 'hotel' | 'trip_out' | 'outing';

export class Account {
  readonly trips: Trip[] = [];
  readonly outings: Outing[] = [];
  /** The owner's primary phone over time; null while they have none (lost, stolen, swapped away). */
  private readonly phoneEpochs: { from: number; device: Device | null }[];
  /** Periods in which the owner cannot sign in (an attacker changed the password). */
  private readonly loginBlocks: { from: number; to: number }[] = [];
  private readonly spent = new Map<string, number>();
  /** The attack this account suffers, if any; legit stories check it to avoid contradictions. */
  attack?: string;
  /** Devices on which the owner has registered a passkey. */
  readonly passkeyDevices = new Set<string>();

  constructor(
    readonly rng: Rng,
    readonly owner: Owner,
    readonly window: Window,
    private readonly log: EventLog,
  ) {
    this.phoneEpochs = [{ from: -Infinity, device: owner.phone }];
    for (const d of [owner.phone, owner.pc, owner.tablet]) if (d) this.passkeyDevices.add(d.id);
  }

  get account(): string {
    return this.owner.account;
  }

  // --- timeline -------------------------------------------------------------------------------

  phoneAt(t: number): Device | null {
    let device: Device | null = null;
    for (const e of this.phoneEpochs) if (e.from <= t) device = e.device;
    return device;
  }

  setPhone(from: number, device: Device | null): void {
    this.phoneEpochs.push({ from, device });
    this.phoneEpochs.sort((a, b) => a.from - b.from);
  }

  blockLogins(from: number, to: number): void {
    this.loginBlocks.push({ from, to });
  }

  loginsBlocked(t: number): boolean {
    return this.loginBlocks.some((b) => t >= b.from && t < b.to);
  }

  tripAt(t: number): Trip | undefined {
    return this.trips.find((x) => t >= x.from && t < x.to);
  }

  outingAt(t: number): Outing | undefined {
    return this.outings.find((x) => t >= x.from && t < x.to);
  }

  inWindow(t: number): boolean {
    return t >= this.window.start && t < this.window.end;
  }

  // --- where the owner is ---------------------------------------------------------------------

  homeNet(t: number): Network | undefined {
    const home = this.owner.home;
    if (!home) return undefined;
    let net = home.leases[0]?.net;
    for (const lease of home.leases) if (lease.from <= t) net = lease.net;
    return net;
  }

  mobileNet(): Network {
    return randomNetwork(this.rng, this.owner.mobile);
  }

  private where(t: number): Where {
    const { rng, owner } = this;
    const trip = this.tripAt(t);
    if (trip) {
      const local = (((jstHour(t) + trip.tz - 9) % 24) + 24) % 24;
      const evening = local >= 20 || local < 9;
      return rng.chance(evening ? 0.75 : 0.25) ? 'hotel' : 'trip_out';
    }
    if (this.outingAt(t)) return 'outing';
    const h = jstHour(t);
    const off = isDayOff(t);
    if (owner.work && !off && h >= 9 && h < 18 && rng.chance(0.55)) return 'work';
    if (owner.home) {
      const p = h >= 19 || h < 8 ? 0.8 : off ? 0.55 : 0.2;
      if (rng.chance(p)) return 'home';
    }
    return 'out';
  }

  /**
   * Which of the owner's devices they use at time t and over which network, or null when the
   * owner has nothing to use (phone gone and not at home).
   */
  ownerContext(t: number): Context | null {
    const { rng, owner } = this;
    const place = this.where(t);
    const phone = this.phoneAt(t);
    const trip = this.tripAt(t);
    let device: Device | null = phone;
    if (place === 'home') {
      if (owner.pc && rng.chance(0.35)) device = owner.pc;
      else if (owner.tablet && rng.chance(0.3)) device = owner.tablet;
    } else if (place === 'outing' && owner.pc && rng.chance(0.5)) device = owner.pc;
    else if (place === 'work' && owner.pc && rng.chance(0.15)) device = owner.pc;
    else if (place === 'hotel' && trip?.laptop && owner.pc && rng.chance(0.4)) device = owner.pc;
    if (!device && place === 'home') device = owner.pc ?? owner.tablet ?? null;
    if (!device) return null;

    let label = legit('legit_routine');
    let network: Network | undefined;
    const onPhoneLine = device === phone && device.platform === 'feature_phone';
    switch (place) {
      case 'home':
        network = this.homeNet(t);
        break;
      case 'work':
        network = owner.work;
        break;
      case 'outing':
        network = this.outingAt(t)?.net;
        label = legit('legit_cafe_hotel');
        break;
      case 'hotel':
        network = trip?.vpn && rng.chance(0.5) ? trip.vpn : trip?.hotel;
        label = legit('legit_travel');
        break;
      case 'trip_out':
        network =
          trip?.data === 'local_esim' && trip ? randomNetwork(rng, trip.foreignMobile) : this.mobileNet();
        label = legit('legit_travel');
        break;
      default:
        network = this.mobileNet();
    }
    if (onPhoneLine) network = this.mobileNet(); // feature phones live on the carrier network
    if (owner.relay && !trip && device.platform !== 'feature_phone' && rng.chance(owner.relayShare)) {
      network = randomNetwork(rng, owner.relay);
      label = legit('legit_privacy_vpn');
    }
    return network ? { device, network, label } : { device, label };
  }

  /** The owner's current phone on the mobile network, if they have one (for in-app purchases). */
  phoneContext(t: number): Context | null {
    const ctx = this.ownerContext(t);
    if (!ctx || ctx.device === this.owner.pc) {
      const phone = this.phoneAt(t);
      if (!phone) return null;
      const net = this.tripAt(t) ? (ctx?.network ?? this.mobileNet()) : this.mobileNet();
      return { device: phone, network: net, label: ctx?.label ?? legit('legit_routine') };
    }
    return ctx;
  }

  loginMethod(device: Device, net: Network | undefined): LoginMethod {
    if (device.platform === 'feature_phone') return 'network_pin';
    let m = this.rng.weighted(this.owner.loginMix);
    const onOwnLine = net?.kind === 'mobile' && net.asn === this.owner.mobile.asn && net.country === 'JP';
    if (m === 'network_pin' && !onOwnLine) m = this.owner.secondFactor === 'sms_otp' ? 'sms_otp' : 'password';
    if (m === 'passkey' && !this.passkeyDevices.has(device.id)) m = 'sms_otp'; // no passkey on this device yet
    return m;
  }

  fundingForOwner(category: Category): Funding {
    if (!this.owner.card) return 'phone_bill';
    const share =
      category === 'app_store' || category === 'subscription'
        ? this.owner.cardShare / 3
        : this.owner.cardShare;
    return this.rng.chance(share) ? 'registered_card' : 'phone_bill';
  }

  /** Ordinary people stay under their monthly limit: reserve the amount or say no. */
  reserve(t: number, amount: number): boolean {
    const key = jstMonthKey(t);
    const used = this.spent.get(key) ?? 0;
    if (used + amount > this.owner.monthlyLimit) return false;
    this.spent.set(key, used + amount);
    return true;
  }

  spentIn(t: number): number {
    return this.spent.get(jstMonthKey(t)) ?? 0;
  }

  // --- writing events -------------------------------------------------------------------------

  emit(
    t: number,
    type: EventType,
    fields: Record<string, unknown>,
    label: Label,
    device?: Device,
    network?: Network,
    ref?: Draft,
  ): Draft {
    return this.log.add({
      t,
      account: this.account,
      type,
      fields,
      label,
      ...(device ? { device } : {}),
      ...(network ? { network } : {}),
      ...(ref ? { ref } : {}),
    });
  }

  emitIn(
    ctx: Context,
    t: number,
    type: EventType,
    fields: Record<string, unknown>,
    label = ctx.label,
  ): Draft {
    return this.emit(t, type, fields, label, ctx.device, ctx.network);
  }

  login(
    ctx: Context,
    t: number,
    method: LoginMethod,
    ok: boolean,
    label = ctx.label,
    reason?: string,
  ): Draft {
    const fields: Record<string, unknown> = { result: ok ? 'success' : 'failure', method };
    if (!ok) fields.failure_reason = reason ?? failureReason(this.rng, method);
    return this.emitIn(ctx, t, 'login', fields, label);
  }

  charge(
    t: number,
    merchant: Merchant,
    amount: number,
    funding: Funding,
    label: Label,
    device?: Device,
    network?: Network,
  ): Draft {
    if (!Number.isInteger(amount) || amount <= 0) throw new Error(`bad amount ${amount}`);
    return this.emit(
      t,
      'charge',
      { amount, merchant: merchantField(merchant), funding },
      label,
      device,
      network,
    );
  }

  /**
   * An ordinary signed-in moment: perhaps a typo, then a successful login. Returns the context and
   * the time after the login, or null when the owner cannot act then.
   */
  ownerLogin(t: number, labelName?: string): { ctx: Context; t: number } | null {
    if (!this.inWindow(t) || this.loginsBlocked(t)) return null;
    const ctx = this.ownerContext(t);
    if (!ctx) return null;
    if (labelName) ctx.label = legit(labelName);
    const method = this.loginMethod(ctx.device, ctx.network);
    let now = t;
    if (this.rng.chance(this.owner.typoRate)) {
      this.login(ctx, now, method, false);
      now += this.rng.int(12, 90) * SEC;
    }
    this.login(ctx, now, method, true);
    return { ctx, t: now };
  }

  /** A different phone on another network, e.g. a family member's, for reporting a lost phone. */
  borrowedContext(label: Label): Context {
    const rng = this.rng;
    const carriers = Object.values(CARRIER_MOBILE).filter((c) => c.asn !== this.owner.mobile.asn);
    const platform = rng.chance(0.5) ? 'ios' : 'android';
    return {
      device: { id: newDeviceId(rng), platform },
      network: randomNetwork(rng, rng.pick(carriers)),
      label,
    };
  }

  /** Where the owner would report from: their phone or computer if usable, else a borrowed phone. */
  reportContext(t: number, label: Label): Context {
    const ctx = this.ownerContext(t);
    if (ctx) return { ...ctx, label };
    if (this.owner.pc) {
      const net = this.homeNet(t);
      return net ? { device: this.owner.pc, network: net, label } : { device: this.owner.pc, label };
    }
    return this.borrowedContext(label);
  }

  /** A time on day `day` of the window at a local hour drawn from the owner's rhythm. */
  timeOnDay(day: number, tz = 9): number {
    const hour = this.rng.weighted(this.owner.hours.map((w, h) => [h, w] as const));
    return this.window.start + day * 24 * HOUR + (hour + 9 - tz) * HOUR + this.rng.int(0, 3599) * SEC;
  }
}

export function failureReason(rng: Rng, method: LoginMethod): string {
  switch (method) {
    case 'password':
      return 'wrong_password';
    case 'sms_otp':
    case 'totp':
      // a mistyped code, a code that came too late, or giving up at the second step
      return rng.weighted([
        ['wrong_code', 55],
        ['code_expired', 30],
        ['second_factor_required', 15],
      ] as const);
    case 'network_pin':
      return 'wrong_pin';
    default:
      return 'passkey_cancelled';
  }
}
