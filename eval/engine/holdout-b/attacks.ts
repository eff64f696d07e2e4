// Attacks on subscribers' accounts. Every attacker action is labelled fraud:true with the attack's
// scenario, as is the owner's report about it; the owner's own recovery steps are legit
// ("recovery"). Each attack plans its timeline first (so the owner's routine respects a stolen
// phone or a hijacked line) and emits once every plan is known.

import { DAY, HOUR, jst, MIN, SEC } from './calendar.ts';
import {
  attackerCard,
  botUa,
  CARRIERS,
  type Category,
  type Device,
  ipv4,
  merchantById,
  merchantsFor,
  type Network,
  netOf,
} from './catalog.ts';
import { failureReason, homeNet, mobileNet, newPhone, type Owner, ownerLogin, timeOn } from './people.ts';
import type { Rng } from './rng.ts';
import type { Ctx, EventType, Label } from './sink.ts';
import { type Emit, type Env, ownerCtx, slot } from './stories.ts';
import { attackerDevice, type Crew, type Infra, infraNet } from './world.ts';

export interface Attack {
  name: string;
  /** Share of all accounts that suffer this attack. */
  share: number;
  fits: (o: Owner) => boolean;
  plan: (o: Owner, env: Env) => Emit | null;
}

const fraud = (scenario: string): Label => ({ fraud: true, scenario });
const RECOVERY: Label = { fraud: false, scenario: 'recovery' };

const CASH_OUT: Partial<Record<Category, number>> = {
  e_money: 35,
  gift_card: 35,
  game: 20,
  digital_content: 5,
  ecommerce: 5,
};

// ---------------------------------------------------------------- attacker helpers

function crewNet(crew: Crew, r: Rng, only?: Partial<Record<Infra, number>>): Network {
  if (!only && crew.nets.length > 0 && r.chance(crew.reuseNet)) return r.pick(crew.nets);
  const net = infraNet(r, r.weighted(only ?? crew.infra));
  crew.nets.push(net);
  return net;
}

function crewDevice(crew: Crew, r: Rng, style?: 'ios' | 'android' | 'emulator' | 'pc'): Device {
  const pool = style
    ? crew.devices.filter((d) => (style === 'pc' ? d.platform === 'pc' : d.platform !== 'pc'))
    : crew.devices;
  if (pool.length > 0 && r.chance(crew.reuseDevice)) return r.pick(pool);
  const device = attackerDevice(r, style ?? r.weighted(crew.deviceStyle));
  crew.devices.push(device);
  return device;
}

function pickCrew(env: Env, greedyBias: number): Crew {
  const { r, world } = env;
  const wanted = r.chance(greedyBias);
  const matching = world.crews.filter((c) => c.greedy === wanted);
  return r.pick(matching.length > 0 ? matching : world.crews);
}

/** Moves a time that falls while the owner sleeps to the next morning. */
function awake(t: number, r: Rng): number {
  const { hour } = jst(t);
  if (hour >= 7) return t;
  return t + (7 - hour) * HOUR + r.float(0, 120) * MIN;
}

/** Charge times starting at t0 with random gaps. */
function schedule(t0: number, n: number, gapMin: number, gapMax: number, r: Rng): number[] {
  const times: number[] = [];
  let t = t0;
  for (let i = 0; i < n; i++) {
    times.push(t);
    t += r.float(gapMin, gapMax);
  }
  return times;
}

interface FraudCharge {
  cats?: Partial<Record<Category, number>>;
  merchantIds?: string[];
  spend: number;
  funding?: 'phone_bill' | 'registered_card';
  lo?: number;
  hi?: number;
}

function fraudCharge(
  o: Owner,
  env: Env,
  t: number,
  ctx: Ctx | null,
  scenario: string,
  spec: FraudCharge,
): string {
  const { r } = env;
  const merchant = spec.merchantIds
    ? merchantById(r.pick(spec.merchantIds))
    : r.pick(merchantsFor(r.weighted(spec.cats ?? CASH_OUT), 'attackers'));
  let amount = merchant.price(r, spec.spend);
  if (spec.lo !== undefined) amount = Math.max(spec.lo, amount);
  if (spec.hi !== undefined) amount = Math.min(spec.hi, amount);
  o.addSpend(t, amount);
  return env.sink.add(
    t,
    o.account,
    'charge',
    {
      amount,
      merchant: { id: merchant.id, name: merchant.name, category: merchant.category },
      funding: spec.funding ?? 'phone_bill',
    },
    ctx,
    fraud(scenario),
  );
}

/** The owner's report; from another device when the phone is gone. */
function ownerReport(
  o: Owner,
  env: Env,
  t: number,
  scenario: string,
  kind: 'not_me' | 'lost_phone' | 'phishing_message',
  ref?: string,
  otherDevice = false,
): string {
  const { r, world } = env;
  let ctx: Ctx;
  if (otherDevice) {
    const own = o.devicesAt(t).find((s) => s.role === 'pc' || s.role === 'tablet');
    if (own) ctx = { device: own.device, network: homeNet(o, world, t) };
    else {
      // A family member's or friend's phone.
      const carrier = r.pick(CARRIERS);
      const device = newPhone(r, o, r.chance(0.55) ? 'ios' : 'android');
      ctx = {
        device,
        network: r.chance(0.5) ? homeNet(o, world, t) : netOf(carrier.mobile, ipv4(r, carrier.mobile)),
      };
    }
  } else {
    ctx = ownerCtx(o, env, t);
  }
  const fields: Record<string, unknown> = ref ? { kind, ref } : { kind };
  return env.sink.add(t, o.account, 'subscriber_report', fields, ctx, fraud(scenario));
}

/** The owner takes the account back: reset the password, sign in, tidy up. */
function ownerRecovery(o: Owner, env: Env, t: number, opts: { contact?: boolean; device?: Device }): void {
  const { r } = env;
  const base = ownerCtx(o, env, t, { place: 'home' });
  const ctx: Ctx = opts.device ? { device: opts.device, network: base.network } : base;
  env.sink.add(t, o.account, 'password_change', { via: 'reset' }, ctx, RECOVERY);
  let at = ownerLogin(o, env.sink, t + r.float(1, 4) * MIN, ctx, r, RECOVERY, 'password');
  if (opts.contact) {
    env.sink.add(at + r.float(1, 5) * MIN, o.account, 'contact_change', { field: 'email' }, ctx, RECOVERY);
    at += 6 * MIN;
  }
  if (r.chance(0.35)) {
    env.sink.add(
      at + r.float(1, 10) * MIN,
      o.account,
      'mfa_change',
      { action: 'enabled', method: r.chance(0.6) ? 'totp' : 'sms_otp' },
      ctx,
      RECOVERY,
    );
  }
}

/** Splits charge times at a report: keeps the later ones only when the attacker carries on. */
function cutAtReport(times: number[], report: number | null, carriesOn: boolean): number[] {
  if (report === null || carriesOn) return times;
  return times.filter((t) => t < report);
}

// ---------------------------------------------------------------- a. phishing takeover

const phishing: Attack = {
  name: 'phishing_takeover',
  share: 0.018,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 2, world.days - 2, 3);
    if (day === null) return null;
    const variant = r.weighted({ full: 35, card_swap: 20, wait_day: 20, no_change: 25 });
    const crew = pickCrew(env, 0.5);
    const lure = r.chance(0.6) ? timeOn(world, day, 18, 24, r) : timeOn(world, day, 8, 18, r);
    const realtime = r.chance(0.7); // a relaying kit uses the one-time code at once
    const tLogin = lure + (realtime ? r.float(1, 15) * MIN : r.float(1, 10) * HOUR);
    const greedy = crew.greedy ? r.chance(0.8) : r.chance(0.25);
    const n = variant === 'card_swap' ? r.int(2, 6) : greedy ? r.int(4, 10) : r.int(1, 3);
    const firstCharge = tLogin + (variant === 'wait_day' ? r.float(16, 40) * HOUR : r.float(6, 25) * MIN);
    let times = greedy
      ? schedule(firstCharge, n, 1 * MIN, 10 * MIN, r)
      : schedule(firstCharge, n, 10 * MIN, 120 * MIN, r);
    const last = times.at(-1) ?? firstCharge;
    const reports = r.chance(0.65);
    const tReport = reports
      ? awake(firstCharge + Math.min(36, Math.max(0.2, r.lognormal(3, 1))) * HOUR, r)
      : null;
    const carriesOn = reports && r.chance(0.35);
    times = cutAtReport(times, tReport, carriesOn);
    if (carriesOn && tReport !== null) {
      times.push(...schedule(tReport + r.float(5, 360) * MIN, r.int(1, 3), 5 * MIN, 60 * MIN, r));
    }
    const pwChange = (variant === 'full' && r.chance(0.45)) || (variant === 'wait_day' && r.chance(0.3));
    const tBack = tReport ?? Math.max(last, tLogin) + r.float(24, 96) * HOUR;
    if (pwChange) o.blocks.push({ from: tLogin, to: tBack, scope: 'login' });
    o.attack = { scenario: this.name, variant };

    return () => {
      const label = fraud(this.name);
      const ctx: Ctx = { device: crewDevice(crew, r), network: crewNet(crew, r) };
      const method =
        o.mfa === 'totp'
          ? 'totp'
          : o.mfa === 'sms_otp' || o.smsOtpHabit || r.chance(0.5)
            ? 'sms_otp'
            : 'password';
      if (r.chance(0.12)) ownerReport(o, env, lure + r.float(5, 90) * MIN, this.name, 'phishing_message');
      let at = tLogin;
      if (r.chance(0.2)) {
        env.sink.add(
          at,
          o.account,
          'login',
          { result: 'failure', method, failure_reason: failureReason(method, r) },
          ctx,
          label,
        );
        at += r.int(30, 90) * SEC;
      }
      const loginId = env.sink.add(at, o.account, 'login', { result: 'success', method }, ctx, label);

      const steps: [EventType, Record<string, unknown>][] = [];
      if (variant === 'full' || variant === 'wait_day') {
        if (r.chance(variant === 'full' ? 0.8 : 0.5)) steps.push(['contact_change', { field: 'email' }]);
        if (variant === 'full' && r.chance(0.3)) steps.push(['contact_change', { field: 'phone' }]);
        if (variant === 'full' && (o.mfa || r.chance(0.4))) {
          const action = o.mfa ? (r.chance(0.6) ? 'disabled' : 'reset') : 'enabled';
          steps.push(['mfa_change', { action, method: o.mfa ?? 'totp' }]);
        }
        if (pwChange) steps.push(['password_change', { via: 'settings' }]);
        if (r.chance(0.6)) steps.push(['card_view', {}]);
        if (variant === 'full' && o.limit < 100000 && r.chance(0.3))
          steps.push(['limit_change', { monthly_limit: 100000 }]);
      }
      if (variant === 'card_swap') {
        if (r.chance(0.7)) steps.push(['card_view', {}]);
        steps.push([
          'card_change',
          { action: o.card && r.chance(0.6) ? 'replace' : 'add', card: attackerCard(r) },
        ]);
        if (r.chance(0.4)) steps.push(['card_verification', { result: 'failure', method: '3ds' }]);
        steps.push(['card_verification', { result: 'success', method: r.chance(0.6) ? '3ds' : 'cvv' }]);
      }
      if (variant === 'full') r.shuffle(steps);
      at += r.int(20, 120) * SEC;
      for (const [type, fields] of steps) {
        env.sink.add(at, o.account, type, fields, ctx, label);
        at += r.int(20, 240) * SEC;
      }

      const ids: string[] = [];
      let chargeCtx = ctx;
      if (variant === 'wait_day' && times[0] !== undefined) {
        chargeCtx = r.chance(0.5) ? ctx : { device: ctx.device, network: crewNet(crew, r) };
        env.sink.add(
          times[0] - r.float(1, 5) * MIN,
          o.account,
          'login',
          { result: 'success', method: 'password' },
          chargeCtx,
          label,
        );
      }
      for (const t of times) {
        if (greedy && r.chance(0.2)) chargeCtx = { device: chargeCtx.device, network: crewNet(crew, r) };
        ids.push(
          fraudCharge(o, env, Math.max(t, at), chargeCtx, this.name, {
            spend: greedy ? 0.9 : 0.6,
            lo: greedy ? 3000 : 1000,
            funding: variant === 'card_swap' ? 'registered_card' : 'phone_bill',
          }),
        );
      }
      if (tReport !== null) {
        if (pwChange && r.chance(0.5)) {
          const c = ownerCtx(o, env, tReport - r.float(3, 20) * MIN);
          env.sink.add(
            tReport - r.float(1, 3) * MIN,
            o.account,
            'login',
            { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
            c,
            RECOVERY,
          );
        }
        const before = env.sink.before(ids, tReport);
        const ref = before.length > 0 ? (r.chance(0.6) ? before[0] : r.pick(before)) : loginId;
        ownerReport(o, env, tReport, this.name, 'not_me', ref);
        ownerRecovery(o, env, tReport + r.float(10, 120) * MIN, {
          contact: variant === 'full' && r.chance(0.5),
        });
      } else if (pwChange) {
        ownerRecovery(o, env, tBack, {});
      }
    };
  },
};

// ---------------------------------------------------------------- b. SIM swap / MNP fraud

const simSwap: Attack = {
  name: 'sim_swap',
  share: 0.008,
  fits: (o) => o.devices.some((s) => s.role === 'phone'),
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 2, world.days - 2, 3);
    if (day === null) return null;
    const channel = r.weighted({ online: 45, phone: 25, shop: 30 });
    const kind =
      channel === 'online' ? 'esim' : r.chance(channel === 'shop' ? 0.6 : 0.5) ? 'physical' : 'esim';
    const tSwap = channel === 'online' ? timeOn(world, day, 7, 24, r) : timeOn(world, day, 10, 19, r);
    const tNotice = awake(tSwap + r.float(0.5, 10) * HOUR, r);
    let tRestore = tNotice + r.float(1, 5) * HOUR;
    if (jst(tRestore).hour >= 20) tRestore = awake(tRestore + 8 * HOUR, r) + 3 * HOUR;
    o.blocks.push({ from: tSwap, to: tRestore, scope: 'mobile' });
    const crew = pickCrew(env, 0.5);
    const greedy = crew.greedy ? r.chance(0.8) : r.chance(0.3);
    const tAttack = tSwap + r.float(10, 120) * MIN;
    const firstCharge = tAttack + r.float(8, 40) * MIN;
    let times = schedule(firstCharge, greedy ? r.int(3, 8) : r.int(2, 4), 2 * MIN, 30 * MIN, r);
    const reports = r.chance(0.75);
    const tReport = reports ? tNotice + r.float(20, 90) * MIN : null;
    const carriesOn = reports && r.chance(0.25);
    times = cutAtReport(times, tReport, carriesOn);
    if (carriesOn && tReport !== null)
      times.push(...schedule(tReport + r.float(10, 180) * MIN, r.int(1, 2), 5 * MIN, 40 * MIN, r));
    const pwReset = r.chance(0.7);
    const tRecover = tRestore + r.float(20, 120) * MIN;
    if (pwReset) o.blocks.push({ from: tAttack, to: tRecover, scope: 'login' });
    o.attack = { scenario: this.name, variant: `${channel}_${kind}` };

    return () => {
      const label = fraud(this.name);
      let simId: string;
      if (channel === 'online') {
        // Re-issue from the account pages with a phished password.
        const ctx: Ctx = { device: crewDevice(crew, r), network: crewNet(crew, r) };
        const t0 = tSwap - r.float(3, 15) * MIN;
        env.sink.add(t0, o.account, 'login', { result: 'success', method: 'password' }, ctx, label);
        simId = env.sink.add(tSwap, o.account, 'sim_reissue', { kind, channel }, ctx, label);
      } else {
        // Fraudster at a counter with a forged ID, or on the phone with support.
        simId = env.sink.add(tSwap, o.account, 'sim_reissue', { kind, channel }, null, label);
      }
      // The attacker's handset now sits on the victim's own line.
      const device = crewDevice(crew, r, r.chance(0.6) ? 'ios' : 'android');
      const lineCtx = (): Ctx => ({ device, network: netOf(o.carrier.mobile, ipv4(r, o.carrier.mobile)) });
      const ctx = lineCtx();
      const method = o.carrier.networkPin && r.chance(0.5) ? 'network_pin' : 'sms_otp';
      env.sink.add(tAttack, o.account, 'login', { result: 'success', method }, ctx, label);
      let at = tAttack;
      const step = (type: EventType, fields: Record<string, unknown>): void => {
        at += r.float(1, 3) * MIN;
        env.sink.add(at, o.account, type, fields, ctx, label);
      };
      if (pwReset) {
        step('password_change', { via: 'reset' });
        if (r.chance(0.5)) step('login', { result: 'success', method: 'password' });
      }
      if (r.chance(0.5)) step('contact_change', { field: 'email' });
      if (r.chance(0.4)) {
        step('mfa_change', {
          action: o.mfa ? (r.chance(0.5) ? 'disabled' : 'reset') : 'enabled',
          method: o.mfa ?? 'sms_otp',
        });
      }
      if (r.chance(0.4)) step('card_view', {});
      if (o.limit < 100000 && r.chance(0.25)) step('limit_change', { monthly_limit: 100000 });
      const ids: string[] = [];
      for (const t of times) {
        const moved = (tReport !== null && t > tReport) || r.chance(0.15);
        const c = moved
          ? { device: crewDevice(crew, r, 'pc'), network: crewNet(crew, r) }
          : r.chance(0.3)
            ? lineCtx()
            : ctx;
        ids.push(
          fraudCharge(o, env, Math.max(t, at), c, this.name, {
            spend: greedy ? 0.9 : 0.6,
            lo: greedy ? 3000 : 1000,
          }),
        );
      }
      // The owner gets the line back at a shop, with their own ID.
      env.sink.add(tRestore, o.account, 'sim_reissue', { kind: 'physical', channel: 'shop' }, null, RECOVERY);
      if (tReport !== null) {
        const first = env.sink.before(ids, tReport)[0];
        const ref = r.chance(0.5) || !first ? simId : first;
        ownerReport(o, env, tReport, this.name, 'not_me', ref);
      }
      if (pwReset) ownerRecovery(o, env, tRecover, { contact: r.chance(0.4) });
    };
  },
};

// ---------------------------------------------------------------- c. card testing

const TEST_MERCHANTS = ['mer_webtools', 'mer_bokin', 'mer_digistore', 'mer_line', 'mer_stamplab'];

const cardTesting: Attack = {
  name: 'card_testing',
  share: 0.006,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 2, world.days - 1, 2);
    if (day === null) return null;
    const crew = pickCrew(env, 0.8);
    const t0 = timeOn(world, day, 0, 24, r);
    const bursts = r.chance(0.35) ? [t0, t0 + r.float(3, 30) * HOUR] : [t0];
    const reports = r.chance(0.35);
    const tReport = reports ? awake(t0 + r.float(4, 30) * HOUR, r) : null;
    o.attack = { scenario: this.name, variant: bursts.length > 1 ? 'two_bursts' : 'one_burst' };

    return () => {
      const label = fraud(this.name);
      const device: Device = r.chance(0.6)
        ? { id: r.uuid(), platform: 'pc', ua: botUa(r) }
        : crewDevice(crew, r, 'emulator');
      let firstCardChange: string | undefined;
      for (const [b, start] of bursts.entries()) {
        if (tReport !== null && start > tReport && r.chance(0.5)) continue;
        const ctx: Ctx = {
          device,
          network: crewNet(crew, r, { hosting_jp: 30, foreign: 30, tor: 15, vpn: 15, res_jp: 10 }),
        };
        let at = start;
        const fails = b === 0 ? r.int(0, 3) : 0;
        for (let i = 0; i < fails; i++) {
          env.sink.add(
            at,
            o.account,
            'login',
            { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
            ctx,
            label,
          );
          at += r.int(5, 40) * SEC;
        }
        env.sink.add(at, o.account, 'login', { result: 'success', method: 'password' }, ctx, label);
        at += r.int(20, 120) * SEC;
        if (b === 0 && r.chance(0.3)) {
          env.sink.add(at, o.account, 'card_view', {}, ctx, label);
          at += r.int(10, 60) * SEC;
        }
        let working = false;
        for (let c = 0; c < r.int(2, 6); c++) {
          const action = c === 0 && b === 0 && o.card && r.chance(0.3) ? 'replace' : 'add';
          const card = attackerCard(r);
          const id = env.sink.add(at, o.account, 'card_change', { action, card }, ctx, label);
          firstCardChange ??= id;
          at += r.int(8, 40) * SEC;
          const good = r.chance(0.3);
          const tries = r.int(1, 5);
          for (let v = 0; v < tries; v++) {
            const ok = good && v === tries - 1;
            const method = r.chance(0.6) ? 'cvv' : '3ds';
            env.sink.add(
              at,
              o.account,
              'card_verification',
              { result: ok ? 'success' : 'failure', method },
              ctx,
              label,
            );
            at += r.int(8, 60) * SEC;
          }
          if (good) {
            working = true;
            for (let k = 0; k < r.int(1, 3); k++) {
              const amount = r.chance(0.5)
                ? r.pick([1, 10, 50, 100, 110, 120, 150, 200, 300])
                : r.int(1, 300);
              const merchant = merchantById(r.pick(TEST_MERCHANTS));
              o.addSpend(at, amount);
              env.sink.add(
                at,
                o.account,
                'charge',
                {
                  amount,
                  merchant: { id: merchant.id, name: merchant.name, category: merchant.category },
                  funding: 'registered_card',
                },
                ctx,
                label,
              );
              at += r.int(10, 90) * SEC;
            }
          } else if (r.chance(0.3)) {
            env.sink.add(at, o.account, 'card_change', { action: 'remove', card }, ctx, label);
            at += r.int(5, 30) * SEC;
          }
        }
        if (working && r.chance(0.3)) {
          fraudCharge(o, env, at + r.float(2, 30) * MIN, ctx, this.name, {
            cats: { gift_card: 50, e_money: 50 },
            spend: 0.6,
            funding: 'registered_card',
            lo: 5000,
            hi: 30000,
          });
        }
      }
      if (tReport !== null) ownerReport(o, env, tReport, this.name, 'not_me', firstCardChange);
    };
  },
};

// ---------------------------------------------------------------- d. slow drip

const DRIP_MERCHANTS = [
  'mer_hoshiyomi',
  'mer_stamplab',
  'mer_digistore',
  'mer_secureline',
  'mer_uranai',
  'mer_line',
  'mer_googleplay',
  'mer_appstore',
];

const slowDrip: Attack = {
  name: 'slow_drip',
  share: 0.006,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 2, world.days - 5, 2);
    if (day === null) return null;
    const crew = pickCrew(env, 0.15);
    const tLogin = timeOn(world, day, 9, 23, r);
    const spanDays = r.int(7, 14);
    const n = r.int(5, 14);
    let times: number[] = [];
    for (let i = 0; i < n; i++) {
      const d = r.float(0.1, spanDays);
      const t = tLogin + d * DAY;
      const hour = jst(t).hour;
      // Keep to hours when purchases look ordinary.
      times.push(hour < 9 ? t + (9 - hour) * HOUR + r.float(0, 600) * MIN : t);
    }
    times.sort((a, b) => a - b);
    const reports = r.chance(0.45);
    const at = Math.floor(times.length * r.float(0.6, 1));
    const tReport = reports ? awake((times[Math.max(0, at - 1)] ?? tLogin) + r.float(2, 48) * HOUR, r) : null;
    times = cutAtReport(times, tReport, reports && r.chance(0.5));
    o.attack = { scenario: this.name, variant: crew.greedy ? 'greedy_crew' : 'careful_crew' };

    return () => {
      const label = fraud(this.name);
      const device = crewDevice(crew, r, r.chance(0.6) ? 'ios' : 'android');
      let ctx: Ctx = { device, network: crewNet(crew, r, { res_jp: 70, mobile_jp: 30 }) };
      const method =
        o.mfa === 'totp' ? 'totp' : o.mfa === 'sms_otp' || r.chance(0.3) ? 'sms_otp' : 'password';
      env.sink.add(tLogin, o.account, 'login', { result: 'success', method }, ctx, label);
      // Shops the owner never uses, so the small amounts go unnoticed on the bill.
      const known = new Set([...o.favourites.values()].flat().map((m) => m.id));
      const shops = DRIP_MERCHANTS.filter((id) => !known.has(id));
      const ids: string[] = [];
      times.forEach((t, i) => {
        if (r.chance(0.3)) ctx = { device, network: crewNet(crew, r, { res_jp: 70, mobile_jp: 30 }) };
        if (i > 0 && i % 3 === 0) {
          env.sink.add(
            t - r.float(1, 10) * MIN,
            o.account,
            'login',
            { result: 'success', method: 'password' },
            ctx,
            label,
          );
        }
        ids.push(
          fraudCharge(o, env, t, ctx, this.name, {
            merchantIds: shops,
            spend: 0.4,
            lo: 200,
            hi: 2500,
          }),
        );
      });
      const before = tReport === null ? [] : env.sink.before(ids, tReport);
      if (tReport !== null && before.length > 0) {
        ownerReport(o, env, tReport, this.name, 'not_me', r.pick(before));
        ownerRecovery(o, env, tReport + r.float(10, 90) * MIN, {});
      }
    };
  },
};

// ---------------------------------------------------------------- e. stolen or lost phone

const stolenPhone: Attack = {
  name: 'stolen_phone',
  share: 0.01,
  fits: (o) => {
    const p = o.devices.find((s) => s.role === 'phone')?.device.platform;
    return p === 'ios' || p === 'android';
  },
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 2, world.days - 2, 4);
    if (day === null) return null;
    const variant = r.weighted({ stranger: 70, acquaintance: 30 });
    const tTheft = variant === 'stranger' ? timeOn(world, day, 19, 26, r) : timeOn(world, day, 12, 23, r);
    const phone = o.phoneAt(tTheft);
    if (!phone) return null;
    const firstCharge = tTheft + r.float(10, 120) * MIN;
    let times = schedule(firstCharge, r.int(3, 10), 3 * MIN, 25 * MIN, r);
    const reports = r.chance(0.9);
    const tReport = reports ? awake(tTheft + r.float(2, 12) * HOUR, r) : null;
    const carriesOn = reports && r.chance(0.4);
    times = cutAtReport(times, tReport, carriesOn);
    const after =
      carriesOn && tReport !== null
        ? schedule(tReport + r.float(10, 480) * MIN, r.int(1, 4), 3 * MIN, 40 * MIN, r)
        : [];
    // The owner buys a new handset a day or three later; the old one leaves their life now.
    const tNewPhone = awake((tReport ?? tTheft + DAY) + r.float(20, 70) * HOUR, r) + 3 * HOUR;
    const replacement = newPhone(r, o);
    o.devices.push({ device: replacement, role: 'phone', from: tNewPhone, to: phone.to });
    phone.to = tTheft;
    o.attack = { scenario: this.name, variant };

    return () => {
      const label = fraud(this.name);
      const device = phone.device;
      const first: Network =
        variant === 'acquaintance' && r.chance(0.7)
          ? homeNet(o, world, firstCharge)
          : mobileNet(o, world, firstCharge, r);
      let ctx: Ctx = { device, network: first };
      let at = firstCharge - r.float(6, 10) * MIN;
      if (r.chance(0.5)) {
        const knowsPin = variant === 'acquaintance' || r.chance(0.4);
        const misses = variant === 'acquaintance' ? r.int(0, 1) : r.int(1, 3);
        for (let i = 0; i < misses; i++) {
          env.sink.add(
            at,
            o.account,
            'login',
            { result: 'failure', method: 'network_pin', failure_reason: 'wrong_pin' },
            ctx,
            label,
          );
          at += r.int(20, 90) * SEC;
        }
        if (knowsPin)
          env.sink.add(at, o.account, 'login', { result: 'success', method: 'network_pin' }, ctx, label);
      }
      if (r.chance(0.2)) env.sink.add(at + 30 * SEC, o.account, 'card_view', {}, ctx, label);
      if (r.chance(0.15))
        env.sink.add(at + 60 * SEC, o.account, 'contact_change', { field: 'email' }, ctx, label);
      const ids: string[] = [];
      times.forEach((t, i) => {
        if (variant === 'stranger' && i >= 2 && r.chance(0.2)) {
          ctx = {
            device,
            network: r.chance(0.5)
              ? r.pick(world.hotspots)
              : infraNet(r, r.weighted<Infra>({ res_jp: 50, hosting_jp: 30, foreign: 20 })),
          };
        } else if (ctx.network?.kind === 'mobile') {
          ctx = { device, network: mobileNet(o, world, t, r) };
        }
        ids.push(
          fraudCharge(o, env, t, ctx, this.name, {
            cats: { gift_card: 35, e_money: 25, game: 25, app_store: 10, digital_content: 5 },
            spend: 0.7,
          }),
        );
      });
      if (tReport !== null) {
        const lost = r.chance(0.75);
        const before = env.sink.before(ids, tReport);
        const ref = before.length > 0 ? r.pick(before) : undefined;
        ownerReport(o, env, tReport, this.name, lost ? 'lost_phone' : 'not_me', lost ? undefined : ref, true);
        if (lost && ref && r.chance(0.4))
          ownerReport(o, env, tReport + r.float(5, 30) * MIN, this.name, 'not_me', ref, true);
      }
      // The line is usually suspended after the report, so a thief who carries on uses Wi-Fi.
      for (const t of after) {
        const network = r.chance(0.6)
          ? r.pick(world.hotspots)
          : infraNet(r, r.weighted<Infra>({ res_jp: 60, hosting_jp: 25, vpn: 15 }));
        ids.push(
          fraudCharge(o, env, t, { device, network }, this.name, {
            cats: { gift_card: 40, e_money: 35, game: 25 },
            spend: 0.7,
          }),
        );
      }
      env.sink.add(
        tNewPhone,
        o.account,
        'sim_reissue',
        { kind: 'physical', channel: 'shop' },
        null,
        RECOVERY,
      );
      const ctxNew: Ctx = { device: replacement, network: mobileNet(o, world, tNewPhone, r) };
      ownerLogin(o, env.sink, tNewPhone + r.float(20, 90) * MIN, ctxNew, r, RECOVERY, 'password');
    };
  },
};

// ---------------------------------------------------------------- f. credential stuffing

const stuffing: Attack = {
  name: 'credential_stuffing',
  share: 0.022,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const campaign = r.pick(world.campaigns);
    const breached = !o.mfa && r.chance(0.18);
    const attempts = breached ? r.int(1, 2) : r.int(1, 3);
    const times = Array.from({ length: attempts }, () => r.float(campaign.start, campaign.end)).sort(
      (a, b) => a - b,
    );
    const last = times.at(-1) ?? campaign.start;
    o.reserve(campaign.start, campaign.end);
    const crew = pickCrew(env, 0.6);
    const greedy = crew.greedy ? r.chance(0.8) : r.chance(0.3);
    const tFollow = last + r.float(2, 72) * HOUR;
    let charges = breached
      ? schedule(tFollow + r.float(5, 30) * MIN, greedy ? r.int(2, 5) : r.int(1, 3), 2 * MIN, 40 * MIN, r)
      : [];
    const reports = breached && r.chance(0.5);
    const tReport = reports ? awake((charges[0] ?? tFollow) + r.float(3, 30) * HOUR, r) : null;
    charges = cutAtReport(charges, tReport, r.chance(0.2));
    o.attack = { scenario: this.name, variant: breached ? 'breached' : 'attempts_only' };

    return () => {
      const label = fraud(this.name);
      times.forEach((t, i) => {
        const ctx: Ctx = { device: r.pick(campaign.devices), network: r.pick(campaign.nets) };
        const success = breached && i === times.length - 1;
        if (success) {
          env.sink.add(t, o.account, 'login', { result: 'success', method: 'password' }, ctx, label);
        } else {
          const reason = o.mfa && r.chance(0.3) ? 'mfa_required' : 'wrong_password';
          env.sink.add(
            t,
            o.account,
            'login',
            { result: 'failure', method: 'password', failure_reason: reason },
            ctx,
            label,
          );
        }
      });
      if (!breached) return;
      // The working credentials are sold on and used later by a crew.
      const ctx: Ctx = { device: crewDevice(crew, r), network: crewNet(crew, r) };
      env.sink.add(tFollow, o.account, 'login', { result: 'success', method: 'password' }, ctx, label);
      let at = tFollow + r.float(1, 4) * MIN;
      if (r.chance(0.3)) {
        env.sink.add(at, o.account, 'contact_change', { field: 'email' }, ctx, label);
        at += r.float(1, 3) * MIN;
      }
      if (r.chance(0.3)) {
        env.sink.add(at, o.account, 'card_view', {}, ctx, label);
        at += r.float(1, 3) * MIN;
      }
      const ids = charges.map((t) =>
        fraudCharge(o, env, Math.max(t, at + MIN), ctx, this.name, {
          cats: { e_money: 35, gift_card: 35, game: 15, ecommerce: 15 },
          spend: greedy ? 0.85 : 0.55,
        }),
      );
      if (tReport !== null) {
        ownerReport(o, env, tReport, this.name, 'not_me', env.sink.before(ids, tReport)[0]);
        ownerRecovery(o, env, tReport + r.float(10, 90) * MIN, {});
      }
    };
  },
};

export const ATTACKS: Attack[] = [phishing, simSwap, cardTesting, slowDrip, stolenPhone, stuffing];
