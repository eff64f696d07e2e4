// Legitimate surprises in subscribers' lives: things owners really do that look unusual
// (trips abroad, new phones, forgotten passwords, first big purchases, gift cards, ...).
// Each story plans first (changing the owner's devices, homes, trips) so the everyday routine
// follows it, and then emits its own events.

import { DAY, HOUR, MIN, SEC } from './calendar.ts';
import {
  type Category,
  HOME_ISPS,
  ipv6Prefix,
  merchantById,
  merchantsFor,
  ownerCard,
  renewedCard,
} from './catalog.ts';
import {
  type CtxOpts,
  contextAt,
  daytime,
  homeNet,
  newPc,
  newPhone,
  newTablet,
  type Owner,
  ownerCharge,
  ownerLogin,
  planTrip,
  timeOn,
} from './people.ts';
import type { Rng } from './rng.ts';
import type { Ctx, Label, Sink } from './sink.ts';
import type { World } from './world.ts';

export interface Env {
  world: World;
  sink: Sink;
  r: Rng;
}

export type Emit = () => void;

export interface Story {
  name: string;
  /** Chance that an account lives through this story during the period. */
  share: number;
  fits: (o: Owner) => boolean;
  plan: (o: Owner, env: Env) => Emit | null;
}

/** Finds a free stretch of `length` days starting between firstDay and lastDay; returns its first day. */
export function slot(o: Owner, env: Env, firstDay: number, lastDay: number, length: number): number | null {
  const hi = Math.min(lastDay, env.world.days - 1);
  const lo = Math.max(0, Math.min(firstDay, hi));
  for (let attempt = 0; attempt < 15; attempt++) {
    const day = env.r.int(lo, hi);
    const from = env.world.start + day * DAY;
    if (o.reserve(from, from + length * DAY)) return day;
  }
  return null;
}

const legit = (scenario: string): Label => ({ fraud: false, scenario });
const smartphone = (o: Owner): boolean => {
  const p = o.devices.find((s) => s.role === 'phone')?.device.platform;
  return p === 'ios' || p === 'android';
};

/** The owner's context at t, falling back to their phone on the home network. */
export function ownerCtx(o: Owner, env: Env, t: number, opts: CtxOpts = {}): Ctx {
  return (
    contextAt(o, env.world, t, env.r, opts) ??
    contextAt(o, env.world, t, env.r, { ...opts, place: 'home', ignoreBlocks: true }) ?? {
      device: o.phoneAt(t)?.device,
    }
  );
}

/** Replaces the owner's phone from time t on; returns the new device. */
function swapPhone(o: Owner, t: number, r: Rng, platform?: 'ios' | 'android' | 'feature_phone') {
  const old = o.phoneAt(t);
  const device = newPhone(r, o, platform);
  if (old) {
    o.devices.push({ device, role: 'phone', from: t, to: old.to });
    old.to = t;
  }
  return device;
}

const overseasTrip: Story = {
  name: 'overseas_trip',
  share: 0.03,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const length = r.int(3, 9);
    const day = slot(o, env, 1, world.days - 3, length + 1);
    if (day === null) return null;
    const depart = timeOn(world, day, 8, 14, r);
    const arrive = depart + r.float(2.5, 12) * HOUR;
    const back = depart + length * DAY;
    const trip = planTrip(o, world, arrive, back, r);
    o.windows.push({ from: depart - DAY, to: back + DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx: Ctx = { device: o.phoneAt(arrive)?.device, network: trip.hotel };
      const at = arrive + r.float(30, 180) * MIN;
      ownerLogin(o, env.sink, at, ctx, r, label, r.chance(0.4) ? 'sms_otp' : undefined);
      if (r.chance(0.5)) {
        const t = back - r.int(3, 30) * HOUR;
        const merchant = merchantById(r.pick(['mer_kousokubus', 'mer_smartex', 'mer_cmoa', 'mer_appstore']));
        ownerCharge(o, env.sink, t, ownerCtx(o, env, t), r, label, {
          merchant,
          amount: merchant.price(r, o.spend),
        });
      }
    };
  },
};

const newPhoneShop: Story = {
  name: 'new_phone',
  share: 0.025,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 2, 3);
    if (day === null) return null;
    const channel = r.weighted({ shop: 75, phone: 10, online: 15 });
    const tReissue = timeOn(world, day, 10, 19, r);
    const tNew = channel === 'shop' ? tReissue + r.float(30, 90) * MIN : tReissue + r.float(20, 60) * HOUR;
    const oldCtx = ownerCtx(o, env, tReissue, { place: 'home' });
    const oldPlatform = oldCtx.device?.platform;
    let platform: 'ios' | 'android' | undefined;
    if (oldPlatform === 'feature_phone')
      platform = 'android'; // ガラケー to スマホ
    else if (r.chance(0.2)) platform = oldPlatform === 'ios' ? 'android' : 'ios';
    const device = swapPhone(o, tNew, r, platform);
    o.windows.push({ from: tReissue, to: tNew + 5 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const kind = channel === 'shop' && r.chance(0.15) ? 'esim' : 'physical';
      // In a shop or over the phone the staff do the re-issue; there is no subscriber device.
      env.sink.add(
        tReissue,
        o.account,
        'sim_reissue',
        { kind, channel },
        channel === 'online' ? oldCtx : null,
        label,
      );
      const ctx: Ctx = { device, network: ownerCtx(o, env, tNew, { role: 'phone', place: 'out' }).network };
      let at = tNew + r.float(2, 20) * MIN;
      if (r.chance(0.3)) {
        for (let i = 0; i < r.int(1, 2); i++) {
          env.sink.add(
            at,
            o.account,
            'login',
            { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
            ctx,
            label,
          );
          at += r.int(20, 90) * SEC;
        }
        env.sink.add(at + r.float(1, 4) * MIN, o.account, 'password_change', { via: 'reset' }, ctx, label);
        at += r.float(5, 9) * MIN;
        at = ownerLogin(o, env.sink, at, ctx, r, label, 'password');
      } else {
        at = ownerLogin(o, env.sink, at, ctx, r, label, r.chance(0.6) ? 'network_pin' : 'password');
      }
      if (o.mfa === 'totp' && r.chance(0.7)) {
        env.sink.add(
          at + r.float(1, 10) * MIN,
          o.account,
          'mfa_change',
          { action: 'reset', method: 'totp' },
          ctx,
          label,
        );
      }
      if (r.chance(0.2)) env.sink.add(at + r.float(5, 30) * MIN, o.account, 'card_view', {}, ctx, label);
    };
  },
};

const esimTransfer: Story = {
  name: 'esim_transfer',
  share: 0.015,
  fits: smartphone,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 2, 2);
    if (day === null) return null;
    const t = timeOn(world, day, 19, 23, r);
    // Moving an eSIM is done over the home Wi-Fi, since the line itself is what moves.
    const oldCtx: Ctx = { device: o.phoneAt(t)?.device, network: homeNet(o, world, t) };
    const tNew = t + r.float(5, 40) * MIN;
    const device = swapPhone(o, tNew, r, r.chance(0.85) ? undefined : r.pick(['ios', 'android']));
    o.windows.push({ from: t, to: tNew + 5 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const at = ownerLogin(o, env.sink, t, oldCtx, r, label);
      env.sink.add(
        at + r.float(1, 5) * MIN,
        o.account,
        'sim_reissue',
        { kind: 'esim', channel: 'online' },
        oldCtx,
        label,
      );
      const ctx: Ctx = { device, network: ownerCtx(o, env, tNew, { role: 'phone', place: 'out' }).network };
      const after = ownerLogin(o, env.sink, tNew, ctx, r, label, r.chance(0.5) ? 'network_pin' : 'sms_otp');
      if (o.mfa === 'totp' || r.chance(0.15)) {
        env.sink.add(
          after + r.float(2, 15) * MIN,
          o.account,
          'mfa_change',
          { action: 'reset', method: 'totp' },
          ctx,
          label,
        );
      }
    };
  },
};

const forgotPassword: Story = {
  name: 'forgot_password',
  share: 0.05,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 8, 23, r);
    o.windows.push({ from: t, to: t + 2 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t);
      let at = t;
      for (let i = 0; i < r.int(1, 4); i++) {
        env.sink.add(
          at,
          o.account,
          'login',
          { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
          ctx,
          label,
        );
        at += r.int(20, 90) * SEC;
      }
      at += r.float(1, 5) * MIN;
      env.sink.add(at, o.account, 'password_change', { via: 'reset' }, ctx, label);
      at += r.float(1, 3) * MIN;
      at = ownerLogin(o, env.sink, at, ctx, r, label, r.chance(0.4) ? 'sms_otp' : 'password');
      if (r.chance(0.2)) {
        const t2 = daytime(at + r.float(14, 30) * HOUR, r);
        const ctx2 = ownerCtx(o, env, t2);
        env.sink.add(
          t2,
          o.account,
          'login',
          { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
          ctx2,
          label,
        );
        ownerLogin(o, env.sink, t2 + r.int(20, 60) * SEC, ctx2, r, label, 'password');
      }
    };
  },
};

const emailChange: Story = {
  name: 'email_change',
  share: 0.02,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 9, 23, r);
    o.windows.push({ from: t, to: t + 3 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t, { place: 'home' });
      const at = ownerLogin(o, env.sink, t, ctx, r, label);
      env.sink.add(at + r.float(1, 6) * MIN, o.account, 'contact_change', { field: 'email' }, ctx, label);
      if (r.chance(0.15))
        env.sink.add(at + r.float(7, 15) * MIN, o.account, 'contact_change', { field: 'phone' }, ctx, label);
      if (r.chance(0.2)) env.sink.add(at + r.float(16, 30) * MIN, o.account, 'card_view', {}, ctx, label);
    };
  },
};

const houseMove: Story = {
  name: 'house_move',
  share: 0.01,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 3, world.days - 2, 3);
    if (day === null) return null;
    const t = timeOn(world, day, 9, 12, r);
    const old = o.homes.at(-1);
    if (!old) return null;
    const isp = HOME_ISPS[r.index(HOME_ISPS.map((x) => x.w))]?.p ?? old.isp;
    const home = { from: t, to: old.to, isp, weeklyIp: r.chance(0.35), key: `h${o.homes.length}` };
    old.to = t;
    o.homes.push(isp.v6 && r.chance(0.3) ? { ...home, v6Prefix: ipv6Prefix(r, isp) } : home);
    o.windows.push({ from: t, to: t + 7 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const t2 = daytime(t + r.float(4, 96) * HOUR, r);
      const ctx = ownerCtx(o, env, t2, { place: 'home' });
      const at = ownerLogin(o, env.sink, t2, ctx, r, label);
      env.sink.add(at + r.float(1, 8) * MIN, o.account, 'contact_change', { field: 'address' }, ctx, label);
      if (r.chance(0.3))
        env.sink.add(at + r.float(9, 20) * MIN, o.account, 'contact_change', { field: 'email' }, ctx, label);
    };
  },
};

const firstLargePurchase: Story = {
  name: 'first_large_purchase',
  share: 0.03,
  fits: (o) => o.persona !== 'teen',
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 10, 23, r);
    o.windows.push({ from: t - HOUR, to: t + DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const what = r.weighted({ console: 35, concert: 30, laptop: 15, shinkansen: 20 });
      const [merchantId, amount] =
        what === 'console'
          ? [r.pick(['mer_yodobashi', 'mer_biccamera', 'mer_amazon']), r.pick([49980, 66980, 79980])]
          : what === 'concert'
            ? [r.pick(['mer_pia', 'mer_eplus', 'mer_lawsonticket']), r.pick([12000, 15800, 19800]) * 2]
            : what === 'laptop'
              ? [r.pick(['mer_biccamera', 'mer_yodobashi']), r.pick([89800, 98000])]
              : ['mer_smartex', r.pick([29440, 44160, 58880])];
      const ctx = ownerCtx(o, env, t, { place: what === 'laptop' ? 'home' : undefined });
      let at = ownerLogin(o, env.sink, t, ctx, r, label);
      if (amount > o.limit || r.chance(0.2)) {
        const raised = Math.max(100000, o.limit);
        env.sink.add(
          at + r.float(1, 5) * MIN,
          o.account,
          'limit_change',
          { monthly_limit: raised },
          ctx,
          label,
        );
        o.limit = raised;
        at += r.float(6, 15) * MIN;
      }
      ownerCharge(o, env.sink, at + r.float(1, 8) * MIN, ctx, r, label, {
        merchant: merchantById(merchantId),
        amount,
      });
    };
  },
};

const giftCards: Story = {
  name: 'gift_card_gifting',
  share: 0.04,
  fits: (o) => o.persona !== 'elderly',
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 9, 24, r);
    o.windows.push({ from: t, to: t + DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t);
      const bulk = r.chance(0.15);
      const count = bulk ? r.int(3, 5) : r.chance(0.7) ? 1 : 2;
      const shops = merchantsFor('gift_card', 'owners');
      let at = r.chance(0.4) ? ownerLogin(o, env.sink, t, ctx, r, label) : t;
      const merchant = r.pick(shops);
      for (let i = 0; i < count; i++) {
        const amount = bulk ? r.pick([3000, 5000]) : r.pick([1000, 3000, 3000, 5000, 5000, 10000]);
        ownerCharge(o, env.sink, at, ctx, r, label, { merchant: bulk ? merchant : r.pick(shops), amount });
        at += r.float(1, 6) * MIN;
      }
    };
  },
};

const parentPaysChild: Story = {
  name: 'parent_pays_child_tablet',
  share: 0.02,
  fits: (o) => ['homemaker', 'office', 'power_user'].includes(o.persona),
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 2, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 17, 21, r);
    const device = newTablet(r);
    o.devices.push({ device, role: 'kid_tablet', from: t, to: world.end + DAY });
    return () => {
      const label = legit(this.name);
      const ctx = (at: number): Ctx => ({ device, network: homeNet(o, world, at) });
      let at = t;
      if (r.chance(0.3)) {
        env.sink.add(
          at,
          o.account,
          'login',
          { result: 'failure', method: 'password', failure_reason: 'wrong_password' },
          ctx(at),
          label,
        );
        at += r.int(30, 120) * SEC;
      }
      at = ownerLogin(o, env.sink, at, ctx(at), r, label, 'password');
      const game = merchantById(
        r.pick(['mer_monst', 'mer_eshop', 'mer_genshin', 'mer_googleplay', 'mer_appstore']),
      );
      ownerCharge(o, env.sink, at + r.float(1, 5) * MIN, ctx(at), r, label, {
        merchant: game,
        amount: game.price(r, 0.3),
      });
      for (let i = 0; i < r.int(0, 4); i++) {
        const later = t + r.int(1, Math.max(1, world.days - day - 1)) * DAY + r.float(-1.5, 2.5) * HOUR;
        ownerCharge(o, env.sink, later, ctx(later), r, label, { merchant: game, amount: game.price(r, 0.2) });
      }
    };
  },
};

const newLaptop: Story = {
  name: 'new_laptop',
  share: 0.02,
  fits: (o) => o.persona !== 'elderly',
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 10, 23, r);
    const device = newPc(r);
    const old = o.devicesAt(t).find((s) => s.role === 'pc');
    o.devices.push({ device, role: 'pc', from: t, to: world.end + DAY });
    if (old) old.to = t;
    o.windows.push({ from: t, to: t + 3 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx: Ctx = { device, network: homeNet(o, world, t) };
      const at = ownerLogin(o, env.sink, t, ctx, r, label, o.mfa === 'totp' ? 'totp' : 'password');
      if (r.chance(0.3)) env.sink.add(at + r.float(1, 10) * MIN, o.account, 'card_view', {}, ctx, label);
      if (r.chance(0.4)) {
        const merchant = merchantById(r.pick(['mer_amazon', 'mer_rakuten', 'mer_yodobashi']));
        ownerCharge(o, env.sink, at + r.float(10, 40) * MIN, ctx, r, label, {
          merchant,
          amount: merchant.price(r, o.spend),
        });
      }
    };
  },
};

const appReinstall: Story = {
  name: 'app_reinstall',
  share: 0.03,
  fits: smartphone,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 1, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 8, 23, r);
    const old = o.phoneAt(t);
    if (!old) return null;
    // Reinstalling the app (or restoring a backup) gives the same handset a new device id.
    const device = { ...old.device, id: r.uuid() };
    o.devices.push({ device, role: 'phone', from: t, to: old.to });
    old.to = t;
    o.windows.push({ from: t, to: t + 2 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx: Ctx = { device, network: ownerCtx(o, env, t, { role: 'phone' }).network };
      ownerLogin(o, env.sink, t, ctx, r, label, r.chance(0.5) ? 'password' : 'sms_otp');
    };
  },
};

const cardUpdate: Story = {
  name: 'card_update',
  share: 0.03,
  fits: (o) => o.persona !== 'teen' && o.persona !== 'elderly',
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 9, 23, r);
    o.windows.push({ from: t, to: t + 2 * DAY, label: this.name });
    return () => {
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t, { place: 'home' });
      let at = ownerLogin(o, env.sink, t, ctx, r, label);
      const renewal = !!o.card && r.chance(0.7);
      const card = o.card && renewal ? renewedCard(r, o.card) : ownerCard(r);
      env.sink.add(
        at + r.float(1, 4) * MIN,
        o.account,
        'card_change',
        { action: renewal ? 'replace' : 'add', card },
        ctx,
        label,
      );
      at += r.float(5, 8) * MIN;
      if (r.chance(0.1)) {
        env.sink.add(at, o.account, 'card_verification', { result: 'failure', method: 'cvv' }, ctx, label);
        at += r.int(30, 90) * SEC;
      }
      env.sink.add(
        at,
        o.account,
        'card_verification',
        { result: 'success', method: r.chance(0.7) ? '3ds' : 'cvv' },
        ctx,
        label,
      );
      o.card = card;
      o.cardShare = Math.max(o.cardShare, 0.3);
      if (!renewal && r.chance(0.6)) {
        const category: Category = r.pick(['ecommerce', 'app_store', 'other']);
        const merchant = r.pick(merchantsFor(category, 'owners'));
        const amount = merchant.price(r, o.spend);
        ownerCharge(o, env.sink, at + r.float(2, 30) * MIN, ctx, r, label, {
          merchant,
          amount,
          funding: 'registered_card',
        });
      }
    };
  },
};

const phishingReported: Story = {
  name: 'phishing_reported',
  share: 0.02,
  fits: () => true,
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 1, 1);
    if (day === null) return null;
    const t = timeOn(world, day, 8, 23, r);
    return () => {
      // The owner forwards a smishing message they did not fall for.
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t);
      env.sink.add(t, o.account, 'subscriber_report', { kind: 'phishing_message' }, ctx, label);
      if (r.chance(0.3)) ownerLogin(o, env.sink, t + r.float(2, 30) * MIN, ctx, r, label);
    };
  },
};

const mistakenReport: Story = {
  name: 'mistaken_report',
  share: 0.003,
  fits: (o) => o.persona !== 'teen',
  plan(o, env) {
    const { world, r } = env;
    const day = slot(o, env, 0, world.days - 4, 4);
    if (day === null) return null;
    const t = timeOn(world, day, 9, 23, r);
    return () => {
      // The owner forgets a purchase of their own and reports it as not theirs.
      const label = legit(this.name);
      const ctx = ownerCtx(o, env, t);
      const merchant = merchantById(
        r.pick(['mer_googleplay', 'mer_appstore', 'mer_secureline', 'mer_cmoa', 'mer_amazon']),
      );
      const id = ownerCharge(o, env.sink, t, ctx, r, label, { merchant, amount: merchant.price(r, o.spend) });
      const later = daytime(t + r.float(20, 90) * HOUR, r);
      env.sink.add(
        later,
        o.account,
        'subscriber_report',
        { kind: 'not_me', ref: id },
        ownerCtx(o, env, later),
        label,
      );
    };
  },
};

export const STORIES: Story[] = [
  overseasTrip,
  newPhoneShop,
  esimTransfer,
  forgotPassword,
  emailChange,
  houseMove,
  firstLargePurchase,
  giftCards,
  parentPaysChild,
  newLaptop,
  appReinstall,
  cardUpdate,
  phishingReported,
  mistakenReport,
];
