/**
 * Attacks mixed into otherwise normal accounts. Each attack writes the attacker's events (fraud)
 * and the owner's reactions: the subscriber report belongs to the attack story (fraud label, sent
 * from the owner's side), while the owner's own recovery steps are legitimate (`legit_recovery`).
 */
import type { Account, Context } from './account.ts';
import { type Draft, type Funding, fraud, type Label, type LoginMethod, legit } from './events.ts';
import type { Owner, Window } from './owner.ts';
import type { Rng } from './rng.ts';
import {
  CARRIER_MOBILE,
  type Card,
  DAY,
  type Device,
  FOREIGN,
  FOREIGN_HOSTING,
  HOUR,
  hours,
  type Isp,
  JP_FIXED,
  JP_HOSTING,
  JP_PUBLIC_WIFI,
  type Merchant,
  makeDevice,
  makeTestedCard,
  merchantById,
  merchantField,
  merchantsIn,
  minutes,
  type Network,
  newDeviceId,
  type Platform,
  pcUa,
  randomNetwork,
  SEC,
  shopTimeAfter,
  TOR_EXITS,
  toolUa,
  uaFor,
  VPN_EXITS,
} from './world.ts';

export type AttackKind = 'smishing_takeover' | 'sim_swap' | 'card_testing' | 'low_and_slow' | 'stolen_phone';

export const ATTACK_MIX: readonly (readonly [AttackKind, number])[] = [
  ['smishing_takeover', 32],
  ['low_and_slow', 18],
  ['stolen_phone', 17],
  ['sim_swap', 17],
  ['card_testing', 16],
];

type Skill = 'clumsy' | 'ordinary' | 'careful';
type NetStyle = 'hosting_jp' | 'hosting_foreign' | 'vpn' | 'tor' | 'foreign_home' | 'jp_fixed' | 'jp_mobile';

const NET_STYLES: Record<Skill, readonly (readonly [NetStyle, number])[]> = {
  clumsy: [
    ['hosting_jp', 25],
    ['hosting_foreign', 15],
    ['tor', 15],
    ['vpn', 20],
    ['foreign_home', 25],
  ],
  ordinary: [
    ['hosting_jp', 15],
    ['vpn', 25],
    ['foreign_home', 15],
    ['jp_fixed', 25],
    ['jp_mobile', 20],
  ],
  careful: [
    ['jp_fixed', 45],
    ['jp_mobile', 45],
    ['vpn', 10],
  ],
};

function providerFor(rng: Rng, style: NetStyle, skill: Skill): Isp {
  switch (style) {
    case 'hosting_jp':
      return rng.pick(JP_HOSTING);
    case 'hosting_foreign':
      return rng.pick(FOREIGN_HOSTING);
    case 'tor':
      return rng.pick(TOR_EXITS);
    case 'vpn':
      return rng.pick(skill === 'careful' ? VPN_EXITS.filter((v) => v.country === 'JP') : VPN_EXITS);
    case 'foreign_home': {
      const country = rng.weighted([
        ['CN', 30],
        ['VN', 25],
        ['PH', 10],
        ['HK', 10],
        ['KR', 10],
        ['US', 15],
      ] as const);
      const place = FOREIGN[country];
      if (!place) throw new Error(`no networks for ${country}`);
      return rng.chance(0.5) ? place.fixed : place.mobile;
    }
    case 'jp_fixed':
      return rng.weighted(JP_FIXED);
    default:
      return rng.pick(Object.values(CARRIER_MOBILE));
  }
}

/** The attacker's side: one device, and a network that behaves according to its kind. */
class Attacker {
  private provider: Isp;
  private current: Network;

  constructor(
    private readonly rng: Rng,
    private style: NetStyle,
    readonly device: Device,
    readonly skill: Skill,
  ) {
    this.provider = providerFor(rng, style, skill);
    this.current = randomNetwork(rng, this.provider);
  }

  net(): Network {
    const rng = this.rng;
    if (this.style === 'jp_mobile') return randomNetwork(rng, this.provider); // carrier NAT: new address each time
    if (this.style === 'jp_fixed' && rng.chance(0.5)) {
      // residential proxies rotate between home lines of many ISPs
      this.provider = rng.weighted(JP_FIXED);
      this.current = randomNetwork(rng, this.provider);
    } else if (rng.chance(0.08)) this.current = randomNetwork(rng, this.provider);
    return this.current;
  }

  /** Moves to another kind of network (e.g. onto the victim's line after a SIM swap). */
  moveTo(style: NetStyle, provider?: Isp): void {
    this.style = style;
    this.provider = provider ?? providerFor(this.rng, style, this.skill);
    this.current = randomNetwork(this.rng, this.provider);
  }
}

function attackerDevice(rng: Rng, skill: Skill, owner: Owner): Device {
  if (skill === 'clumsy') {
    if (rng.chance(0.55)) {
      // a script or an emulator: a tool's user agent, a vague or missing platform
      const dev: Device = { id: newDeviceId(rng) };
      const platform = rng.weighted([
        ['pc', 50],
        ['other', 30],
        ['none', 20],
      ] as const);
      if (platform !== 'none') dev.platform = platform;
      dev.ua = toolUa(rng);
      return dev;
    }
    return makeDevice(rng, 'pc', 0.9);
  }
  if (skill === 'ordinary') {
    const platform = rng.weighted([
      ['pc', 50],
      ['android', 35],
      ['ios', 15],
    ] as const);
    return makeDevice(rng, platform, platform === 'pc' ? 0.8 : 0.6);
  }
  // Careful attackers look like the victim: same kind of phone, user agent only if the victim's has one.
  const platform: Platform =
    owner.phone.platform === 'ios' || owner.phone.platform === 'android'
      ? owner.phone.platform
      : rng.pick(['ios', 'android'] as const);
  const dev: Device = { id: newDeviceId(rng), platform };
  if (owner.phone.ua) dev.ua = uaFor(rng, platform);
  return dev;
}

function attackerPhone(rng: Rng, skill: Skill, owner: Owner): Device {
  if (skill === 'careful') return attackerDevice(rng, skill, owner);
  return makeDevice(rng, rng.chance(0.7) ? 'android' : 'ios', skill === 'clumsy' ? 0.3 : 0.6);
}

function makeAttacker(rng: Rng, owner: Owner, skill: Skill, styles = NET_STYLES[skill]): Attacker {
  return new Attacker(rng, rng.weighted(styles), attackerDevice(rng, skill, owner), skill);
}

/** A start time for an attack that leaves some history before it and some room after it. */
function attackStart(
  acc: Account,
  marginEnd: number,
  hourWeights?: readonly (readonly [number, number])[],
): number {
  const { rng, window } = acc;
  const first = Math.min(4, Math.floor(window.days * 0.25));
  const last = Math.max(first, window.days - 1 - marginEnd);
  const hour =
    hourWeights !== undefined
      ? rng.weighted(hourWeights)
      : rng.weighted(
          Array.from({ length: 24 }, (_, h) => [h, h >= 1 && h <= 6 ? 0.6 : h >= 18 ? 1.6 : 1] as const),
        );
  return window.start + rng.int(first, last) * DAY + hour * HOUR + rng.int(0, 3599) * SEC;
}

/** Where attackers cash out: gift codes, e-money, game currency, app-store credit, resaleable goods. */
function cashOut(rng: Rng, careful: boolean): { merchant: Merchant; amount: number } {
  const pickId = rng.weighted([
    ['mch_gc_gamecode', 14],
    ['mch_gc_appgift', 10],
    ['mch_gc_plaza', 10],
    ['mch_gc_conveni', 6],
    ['mch_em_pointhub', 12],
    ['mch_em_kaede', 8],
    ['mch_em_tsubame', 6],
    ['game', 10],
    ['store', 8],
    ['mch_ec_kaden', 5],
  ] as const);
  const merchant =
    pickId === 'game'
      ? rng.pick(merchantsIn('game'))
      : pickId === 'store'
        ? rng.pick(merchantsIn('app_store'))
        : merchantById(pickId);
  const tiers: Record<string, number[]> = {
    gift_card: careful ? [3000, 5000, 5000, 10000] : [3000, 5000, 10000, 10000, 20000, 30000, 50000],
    e_money: careful ? [3000, 5000, 10000] : [5000, 10000, 10000, 20000, 30000],
    game: careful ? [3060, 4900, 6100] : [4900, 6100, 10000, 10000],
    app_store: careful ? [3000, 4900] : [4900, 10000, 10000],
  };
  const list = tiers[merchant.category];
  const amount = list
    ? rng.pick(list)
    : Math.round(rng.float(careful ? 8000 : 20000, careful ? 20000 : 70000) / 10) * 10;
  return { merchant, amount };
}

/** Writes the attacker's events: device and network come from the attacker. */
function actor(acc: Account, atk: Attacker, label: Label) {
  return (t: number, type: Parameters<Account['emit']>[1], fields: Record<string, unknown>): Draft =>
    acc.emit(t, type, fields, label, atk.device, atk.net());
}

function attackCharge(
  acc: Account,
  atk: Attacker,
  t: number,
  label: Label,
  funding: Funding,
  pick: { merchant: Merchant; amount: number },
): Draft {
  return acc.charge(t, pick.merchant, pick.amount, funding, label, atk.device, atk.net());
}

/** The owner tells the operator. Sent from the owner's side; part of the attack story. */
function report(
  acc: Account,
  t: number,
  kind: 'not_me' | 'lost_phone' | 'phishing_message',
  label: Label,
  ref?: Draft,
) {
  if (!acc.inWindow(t)) return null;
  const ctx = acc.reportContext(t, label);
  return acc.emit(t, 'subscriber_report', { kind }, label, ctx.device, ctx.network, ref);
}

/** The owner takes the account back with a password reset. Returns the time after it. */
function recover(acc: Account, t: number, failFirst: boolean): number {
  const { rng } = acc;
  const label = legit('legit_recovery');
  const ctx = acc.reportContext(t, label);
  let now = t;
  if (failFirst) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      acc.login(ctx, now, 'password', false, label, 'wrong_password');
      now += rng.int(20, 120) * SEC;
    }
  }
  now += minutes(rng, 1, 5);
  acc.emitIn(ctx, now, 'password_change', { via: 'reset' });
  now += rng.int(30, 180) * SEC;
  acc.login(ctx, now, acc.owner.secondFactor === 'sms_otp' ? 'sms_otp' : 'password', true);
  return now;
}

/** The method an attacker holding phished credentials signs in with. */
function phishedMethod(rng: Rng, owner: Owner): LoginMethod {
  if (owner.secondFactor === 'totp') return 'totp'; // a relayed one-time code
  if (owner.secondFactor) return 'sms_otp'; // passkey users still have an SMS fallback
  return rng.chance(0.3) ? 'sms_otp' : 'password';
}

/** After a report, some attackers keep trying for a while. */
function keepTrying(
  acc: Account,
  atk: Attacker,
  after: number,
  label: Label,
  count: number,
  careful: boolean,
): void {
  let t = after + minutes(acc.rng, 2, 360);
  for (let i = 0; i < count; i++) {
    attackCharge(acc, atk, t, label, 'phone_bill', cashOut(acc.rng, careful));
    t += minutes(acc.rng, 1, 30);
  }
}

// ---------------------------------------------------------------------------------------------

function smishingTakeover(acc: Account): void {
  const { rng, owner } = acc;
  const label = fraud('smishing_takeover');
  const skill = rng.weighted([
    ['clumsy', 35],
    ['ordinary', 40],
    ['careful', 25],
  ] as const);
  const atk = makeAttacker(rng, owner, skill);
  const act = actor(acc, atk, label);
  let t = attackStart(acc, 1);
  const phishedAt = t - minutes(rng, 2, 40);
  if (rng.chance(0.15)) report(acc, phishedAt + minutes(rng, 10, 240), 'phishing_message', label);

  const method = phishedMethod(rng, owner);
  if (skill === 'clumsy' && rng.chance(0.5)) {
    for (let i = rng.int(1, 3); i > 0; i--) {
      act(t, 'login', {
        result: 'failure',
        method,
        failure_reason: method === 'password' ? 'wrong_password' : 'wrong_code',
      });
      t += rng.int(15, 120) * SEC;
    }
  }
  act(t, 'login', { result: 'success', method });
  t += skill === 'careful' ? minutes(rng, 30, 1800) : minutes(rng, 1, 10);

  // Security changes to keep the account, in the attacker's own order.
  const steps: (() => Draft)[] = [];
  let passwordChangedAt: number | undefined;
  let attackerCard: Card | undefined;
  if (rng.chance(0.75)) steps.push(() => act(t, 'contact_change', { field: 'email' }));
  if (rng.chance(0.12)) steps.push(() => act(t, 'contact_change', { field: 'phone' }));
  if (owner.secondFactor && rng.chance(0.75)) {
    const action = rng.chance(0.55) ? 'disabled' : 'reset';
    steps.push(() => act(t, 'mfa_change', { action, method: owner.secondFactor }));
  } else if (!owner.secondFactor && rng.chance(0.2)) {
    steps.push(() => act(t, 'mfa_change', { action: 'enabled', method: 'totp' }));
  }
  if (rng.chance(0.35)) {
    steps.push(() => {
      passwordChangedAt = t;
      return act(t, 'password_change', { via: 'settings' });
    });
  }
  if (rng.chance(0.25))
    steps.push(() => act(t, 'limit_change', { monthly_limit: rng.pick([100000, 100000, 200000, 300000]) }));
  if (rng.chance(0.55)) steps.push(() => act(t, 'card_view', {}));
  if (rng.chance(0.25)) {
    steps.push(() => {
      attackerCard = makeTestedCard(rng);
      const d = act(t, 'card_change', {
        action: owner.card && rng.chance(0.5) ? 'replace' : 'add',
        card: attackerCard,
      });
      t += rng.int(10, 60) * SEC;
      if (rng.chance(0.3)) {
        act(t, 'card_verification', { result: 'failure', method: 'cvv' });
        t += rng.int(10, 60) * SEC;
      }
      act(t, 'card_verification', { result: 'success', method: rng.chance(0.6) ? 'cvv' : '3ds' });
      return d;
    });
  }
  rng.shuffle(steps);

  const careful = skill === 'careful';
  const count = skill === 'clumsy' ? rng.int(3, 8) : skill === 'ordinary' ? rng.int(2, 6) : rng.int(1, 4);
  const gap = () =>
    (skill === 'clumsy' ? rng.int(20, 180) : skill === 'ordinary' ? rng.int(60, 900) : rng.int(600, 18000)) *
    SEC;
  const charges: Draft[] = [];
  const doCharges = (n: number) => {
    for (let i = 0; i < n; i++) {
      const funding: Funding = attackerCard && rng.chance(0.6) ? 'registered_card' : 'phone_bill';
      charges.push(attackCharge(acc, atk, t, label, funding, cashOut(rng, careful)));
      t += gap();
    }
  };
  const doSteps = (list: (() => Draft)[]) => {
    for (const step of list) {
      step();
      t += rng.int(20, 240) * SEC;
    }
  };
  if (rng.chance(0.25)) {
    // Greedy: buy first, lock the owner out afterwards.
    doCharges(count);
    doSteps(steps);
  } else {
    doSteps(steps);
    doCharges(count);
  }

  // The owner notices (a purchase notification, an e-mail about the changed address).
  let reportedAt: number | undefined;
  const first = charges[0];
  if (first && rng.chance(skill === 'clumsy' ? 0.55 : 0.4)) {
    const mid = charges.length >= 3 && rng.chance(0.35);
    reportedAt = mid ? first.t + minutes(rng, 3, 25) : t + minutes(rng, 10, 48 * 60);
    const sent = report(acc, reportedAt, 'not_me', label, first);
    if (sent && (mid || rng.chance(0.55))) {
      const lastCharge = charges[charges.length - 1];
      if (!mid || !lastCharge || lastCharge.t < reportedAt)
        keepTrying(acc, atk, reportedAt, label, rng.int(1, 4), careful);
    }
  }
  if (passwordChangedAt !== undefined) {
    const back =
      reportedAt !== undefined
        ? recover(acc, reportedAt + minutes(rng, 5, 90), false)
        : recover(acc, passwordChangedAt + Math.max(HOUR, rng.exp(20 * HOUR)), true);
    acc.blockLogins(passwordChangedAt, back);
    if (reportedAt === undefined && first && rng.chance(0.5))
      report(acc, back + minutes(rng, 2, 30), 'not_me', label, first);
  }
}

function simSwap(acc: Account): void {
  const { rng, owner } = acc;
  const label = fraud('sim_swap');
  const skill = rng.weighted([
    ['ordinary', 55],
    ['careful', 30],
    ['clumsy', 15],
  ] as const);
  // The attacker needs a phone to put the victim's line in.
  const atk = new Attacker(rng, rng.weighted(NET_STYLES[skill]), attackerPhone(rng, skill, owner), skill);
  const act = actor(acc, atk, label);
  let t = attackStart(acc, 2);
  const channel = rng.weighted([
    ['online', 65],
    ['phone', 20],
    ['shop', 15],
  ] as const);
  let swap: Draft;
  if (channel === 'online') {
    // Online re-issue needs a signed-in session: the password was phished beforehand.
    if (skill === 'clumsy' && rng.chance(0.4)) {
      act(t, 'login', { result: 'failure', method: 'password', failure_reason: 'wrong_password' });
      t += rng.int(20, 120) * SEC;
    }
    act(t, 'login', { result: 'success', method: 'password' });
    t += minutes(rng, 1, 6);
    swap = act(t, 'sim_reissue', { kind: 'esim', channel: 'online' });
  } else {
    // a call to the support line or a visit with forged papers, during opening hours
    t = shopTimeAfter(rng, t);
    const kind = channel === 'phone' && rng.chance(0.5) ? 'esim' : 'physical';
    swap = acc.emit(t, 'sim_reissue', { kind, channel }, label);
  }
  const swapAt = t;
  const victimPhone = acc.phoneAt(swapAt);
  acc.setPhone(swapAt, null);
  const restoreAt = shopTimeAfter(rng, swapAt + hours(rng, 3, 36));

  // The attacker's phone now holds the victim's line.
  t += minutes(rng, 5, 90);
  atk.moveTo('jp_mobile', owner.mobile);
  const method: LoginMethod =
    owner.phone.platform === 'feature_phone' || rng.chance(0.3) ? 'network_pin' : 'sms_otp';
  if (skill === 'clumsy' && rng.chance(0.3)) {
    act(t, 'login', {
      result: 'failure',
      method,
      failure_reason: method === 'network_pin' ? 'wrong_pin' : 'code_expired',
    });
    t += rng.int(20, 120) * SEC;
  }
  act(t, 'login', { result: 'success', method });
  let passwordChangedAt: number | undefined;
  const steps: (() => void)[] = [];
  if (rng.chance(0.7)) {
    steps.push(() => {
      passwordChangedAt = t;
      act(t, 'password_change', { via: 'reset' });
    });
  }
  if (rng.chance(0.45)) steps.push(() => act(t, 'contact_change', { field: 'email' }));
  if (rng.chance(0.25)) steps.push(() => act(t, 'mfa_change', { action: 'reset', method: 'sms_otp' }));
  if (rng.chance(0.3))
    steps.push(() => act(t, 'limit_change', { monthly_limit: rng.pick([100000, 200000]) }));
  if (rng.chance(0.3)) steps.push(() => act(t, 'card_view', {}));
  for (const step of rng.shuffle(steps)) {
    t += rng.int(20, 300) * SEC;
    step();
  }
  const charges: Draft[] = [];
  for (let i = rng.int(2, 6); i > 0; i--) {
    t += minutes(rng, 1, 20);
    if (t >= restoreAt) atk.moveTo(rng.pick(['hosting_jp', 'jp_fixed', 'vpn'] as const));
    const funding: Funding = owner.card && rng.chance(0.15) ? 'registered_card' : 'phone_bill';
    charges.push(attackCharge(acc, atk, t, label, funding, cashOut(rng, skill === 'careful')));
  }

  // The owner's phone shows no service; they get the line back at a shop.
  acc.emit(restoreAt, 'sim_reissue', { kind: 'physical', channel: 'shop' }, legit('legit_recovery'));
  acc.setPhone(restoreAt, victimPhone);
  if (rng.chance(0.55)) {
    const at = swapAt + rng.int(3600, Math.max(3601, Math.floor((restoreAt - swapAt) / SEC) + 7200)) * SEC;
    const seen = charges.find((c) => c.t < at);
    const sent = report(acc, at, 'not_me', label, seen ?? swap);
    if (sent && rng.chance(0.4)) {
      if (at >= restoreAt) atk.moveTo(rng.pick(['hosting_jp', 'jp_fixed', 'vpn'] as const));
      keepTrying(acc, atk, at, label, rng.int(1, 3), skill === 'careful');
    }
  }
  if (passwordChangedAt !== undefined) {
    const back = recover(acc, restoreAt + minutes(rng, 10, 60), false);
    acc.blockLogins(passwordChangedAt, back);
  }
}

function cardTesting(acc: Account): void {
  const { rng, owner } = acc;
  const label = fraud('card_testing');
  const skill = rng.chance(0.55) ? 'clumsy' : 'ordinary';
  const atk = makeAttacker(rng, owner, skill, [
    ['hosting_jp', 30],
    ['hosting_foreign', 20],
    ['vpn', 25],
    ['tor', 10],
    ['jp_fixed', 15],
  ]);
  const act = actor(acc, atk, label);
  let t = attackStart(acc, 1);
  for (let i = rng.int(0, 3); i > 0; i--) {
    act(t, 'login', { result: 'failure', method: 'password', failure_reason: 'wrong_password' });
    t += rng.int(3, 40) * SEC;
  }
  act(t, 'login', { result: 'success', method: 'password' });
  if (rng.chance(0.4)) {
    t += rng.int(10, 90) * SEC;
    act(t, 'card_view', {});
  }
  const tinyMerchants = [
    merchantById('mch_dc_sticker'),
    merchantById('mch_dc_manga'),
    merchantById('mch_ot_donation'),
    merchantById('mch_ot_parking'),
    ...merchantsIn('app_store'),
  ];
  const favourite = rng.pick(tinyMerchants);
  const tinyAmount = () =>
    rng.chance(0.6) ? rng.pick([1, 1, 10, 50, 100, 100, 120, 200, 300, 480, 500]) : rng.int(1, 500);
  let firstAdd: Draft | undefined;
  let lastGood: Card | undefined;
  const burst = (cards: number) => {
    for (let c = 0; c < cards; c++) {
      t += rng.int(3, 45) * SEC;
      const card = makeTestedCard(rng);
      const add = act(t, 'card_change', { action: 'add', card });
      firstAdd ??= add;
      let ok = false;
      for (let k = rng.int(1, 3); k > 0 && !ok; k--) {
        t += rng.int(3, 30) * SEC;
        ok = rng.chance(0.35);
        act(t, 'card_verification', {
          result: ok ? 'success' : 'failure',
          method: rng.chance(0.7) ? 'cvv' : '3ds',
        });
      }
      if (ok || rng.chance(0.3)) {
        if (ok) lastGood = card;
        for (let j = rng.int(1, 3); j > 0; j--) {
          t += rng.int(4, 40) * SEC;
          const m = rng.chance(0.6) ? favourite : rng.pick(tinyMerchants);
          acc.charge(t, m, tinyAmount(), 'registered_card', label, atk.device, atk.net());
        }
      }
      if (rng.chance(0.3)) {
        t += rng.int(3, 20) * SEC;
        act(t, 'card_change', { action: 'remove', card });
      }
    }
  };
  const bursts = rng.chance(0.2) ? 2 : 1;
  for (let b = 0; b < bursts; b++) {
    burst(rng.int(3, 12));
    if (b < bursts - 1) t += hours(rng, 2, 10);
  }
  if (lastGood && rng.chance(0.3)) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      t += minutes(rng, 1, 30);
      const pick = cashOut(rng, false);
      attackCharge(acc, atk, t, label, 'registered_card', {
        merchant: merchantById(rng.pick(['mch_gc_gamecode', 'mch_gc_plaza', 'mch_gc_appgift'])),
        amount: Math.min(20000, Math.max(5000, pick.amount)),
      });
    }
  }
  if (firstAdd && rng.chance(0.3)) {
    const at = t + minutes(rng, 60, 30 * 60);
    if (report(acc, at, 'not_me', label, firstAdd) && rng.chance(0.4)) {
      t = at + minutes(rng, 5, 360);
      burst(rng.int(1, 3));
    }
  }
}

function lowAndSlow(acc: Account): void {
  const { rng, owner } = acc;
  const label = fraud('low_and_slow');
  const skill = rng.chance(0.7) ? 'careful' : 'ordinary';
  const atk = makeAttacker(rng, owner, skill);
  const act = actor(acc, atk, label);
  const start = attackStart(acc, 4);
  const method = phishedMethod(rng, owner);
  act(start, 'login', { result: 'success', method });
  if (rng.chance(0.15)) act(start + minutes(rng, 2, 30), 'contact_change', { field: 'email' });

  const own = new Set(owner.basket.map(([m]) => m.id));
  const pool = [
    ...merchantsIn('game', 'digital_content', 'app_store'),
    merchantById('mch_em_kaede'),
    merchantById('mch_em_transit'),
  ].filter((m) => !own.has(m.id));
  const favourites = rng.sample(pool, rng.int(2, 4));
  const small = (m: Merchant): number => {
    for (let i = 0; i < 10; i++) {
      const a = m.price(rng);
      if (a >= 300 && a <= 3000) return a;
    }
    return rng.int(3, 30) * 100;
  };
  const dayStart = start - ((start - acc.window.start) % DAY);
  const charges: Draft[] = [];
  const span = rng.int(4, 12);
  for (let d = 0; d < span; d++) {
    if (d > 0 && !rng.chance(0.65)) continue;
    let t = d === 0 ? start + minutes(rng, 5, 90) : dayStart + d * DAY + minutes(rng, 10 * 60, 23 * 60);
    if (d > 0 && rng.chance(0.5)) {
      act(t, 'login', { result: 'success', method });
      t += minutes(rng, 1, 15);
    }
    for (let i = rng.chance(0.2) ? 2 : 1; i > 0; i--) {
      const m = rng.pick(favourites);
      charges.push(acc.charge(t, m, small(m), 'phone_bill', label, atk.device, atk.net()));
      t += minutes(rng, 5, 120);
    }
  }
  if (charges.length >= 3 && rng.chance(0.3)) {
    const seen = charges[rng.int(2, charges.length - 1)];
    if (!seen) return;
    const at = seen.t + minutes(rng, 60, 48 * 60);
    const last = charges[charges.length - 1];
    if (report(acc, at, 'not_me', label, seen) && last && last.t < at && rng.chance(0.5)) {
      let t = at + minutes(rng, 30, 24 * 60);
      for (let i = rng.int(1, 2); i > 0; i--) {
        const m = rng.pick(favourites);
        acc.charge(t, m, small(m), 'phone_bill', label, atk.device, atk.net());
        t += hours(rng, 2, 20);
      }
    }
  }
}

function stolenPhone(acc: Account): void {
  const { rng, owner } = acc;
  const label = fraud('stolen_phone');
  const stolenAt = attackStart(acc, 2, [
    [12, 1],
    [15, 1],
    [18, 2],
    [20, 3],
    [21, 3],
    [22, 3],
    [23, 2],
  ]);
  const phone = acc.phoneAt(stolenAt);
  if (!phone) return;
  acc.setPhone(stolenAt, null);
  // The thief holds the owner's own phone: same device id, the owner's SIM.
  const thief = {
    net: (): Network => (rng.chance(0.8) ? acc.mobileNet() : randomNetwork(rng, rng.pick(JP_PUBLIC_WIFI))),
  };
  const act = (t: number, type: Parameters<Account['emit']>[1], fields: Record<string, unknown>) =>
    acc.emit(t, type, fields, label, phone, thief.net());
  const nightAfter = (t: number) => t - ((t - acc.window.start) % DAY) + DAY + minutes(rng, 60, 300);
  let t = rng.chance(0.5) ? nightAfter(stolenAt) : stolenAt + minutes(rng, 15, 300);
  if (rng.chance(0.4)) {
    const method: LoginMethod =
      phone.platform === 'feature_phone' || rng.chance(0.7) ? 'network_pin' : 'password';
    for (let i = rng.int(1, 3); i > 0; i--) {
      act(t, 'login', {
        result: 'failure',
        method,
        failure_reason: method === 'network_pin' ? 'wrong_pin' : 'wrong_password',
      });
      t += rng.int(20, 180) * SEC;
    }
    if (rng.chance(0.25)) {
      act(t, 'login', { result: 'success', method });
      t += rng.int(30, 300) * SEC;
    }
  }
  const charges: Draft[] = [];
  const spree = (n: number) => {
    for (let i = 0; i < n; i++) {
      const funding: Funding = owner.card && rng.chance(0.15) ? 'registered_card' : 'phone_bill';
      const pick = cashOut(rng, true);
      charges.push(acc.charge(t, pick.merchant, pick.amount, funding, label, phone, thief.net()));
      t += minutes(rng, 1, 20);
    }
  };
  spree(rng.int(2, 6));
  if (rng.chance(0.3)) {
    t = nightAfter(t);
    spree(rng.int(1, 3));
  }

  let recoverFrom = stolenAt + hours(rng, 20, 60);
  if (rng.chance(0.85)) {
    const at = stolenAt + minutes(rng, 60, 20 * 60);
    const seen = charges.find((c) => c.t < at);
    const sent = report(acc, at, 'lost_phone', label, seen && rng.chance(0.2) ? seen : undefined);
    if (sent) {
      recoverFrom = at + hours(rng, 3, 48);
      if (rng.chance(0.45)) {
        t = Math.max(t, at) + minutes(rng, 5, 300);
        spree(rng.int(1, 3));
      }
    }
  } else if (rng.chance(0.5)) return;

  // A new phone from the shop.
  recoverFrom = shopTimeAfter(rng, recoverFrom);
  const recovery = legit('legit_recovery');
  acc.emit(recoverFrom, 'sim_reissue', { kind: 'physical', channel: 'shop' }, recovery);
  const platform: Platform =
    phone.platform === 'ios' || phone.platform === 'android' ? phone.platform : 'android';
  const fresh = makeDevice(rng, platform, phone.ua ? 0.9 : 0.1);
  const activation = recoverFrom + minutes(rng, 20, 60);
  acc.setPhone(activation, fresh);
  const ctx: Context = { device: fresh, network: acc.mobileNet(), label: recovery };
  acc.login(ctx, activation + minutes(rng, 5, 120), acc.loginMethod(fresh, ctx.network), true);
}

const ATTACKS: Record<AttackKind, (acc: Account) => void> = {
  smishing_takeover: smishingTakeover,
  sim_swap: simSwap,
  card_testing: cardTesting,
  low_and_slow: lowAndSlow,
  stolen_phone: stolenPhone,
};

export function runAttack(acc: Account, kind: AttackKind): void {
  ATTACKS[kind](acc);
}

// ---------------------------------------------------------------------------------------------
// Credential stuffing: one campaign touches many accounts.

export interface Campaign {
  style: 'hosting_pool' | 'residential_proxies';
  start: number;
  span: number;
  pool: Network[];
  devices: Device[];
}

export interface StuffingRole {
  campaign: Campaign;
  at: number;
  /** The leaked password is the account's real one. */
  passwordKnown: boolean;
}

export function planCampaigns(rng: Rng, window: Window): Campaign[] {
  const first = Math.min(3, Math.max(0, window.days - 1));
  const dayAt = (hourMin: number, hourMax: number) =>
    window.start +
    rng.int(first, Math.max(first, window.days - 3)) * DAY +
    minutes(rng, hourMin * 60, hourMax * 60);

  const hosts = rng.sample([...JP_HOSTING, ...FOREIGN_HOSTING], rng.int(1, 2));
  const pool = Array.from({ length: rng.int(4, 8) }, () => randomNetwork(rng, rng.pick(hosts)));
  const botUa = rng.chance(0.5) ? toolUa(rng) : pcUa(rng);
  const hostingCampaign: Campaign = {
    style: 'hosting_pool',
    start: dayAt(1, 5),
    span: minutes(rng, 90, 240),
    pool,
    devices: [{ id: newDeviceId(rng), platform: 'pc', ua: botUa }],
  };
  const ua = pcUa(rng);
  const residential: Campaign = {
    style: 'residential_proxies',
    start: dayAt(9, 21),
    span: hours(rng, 3, 8),
    pool: [],
    devices: Array.from({ length: 3 }, () => ({ id: newDeviceId(rng), platform: 'pc' as const, ua })),
  };
  return [hostingCampaign, residential];
}

export function credentialStuffing(acc: Account, role: StuffingRole): void {
  const { rng, owner } = acc;
  const label = fraud('credential_stuffing');
  const { campaign } = role;
  const net = (): Network =>
    campaign.style === 'hosting_pool' ? rng.pick(campaign.pool) : randomNetwork(rng, rng.weighted(JP_FIXED));
  const device = rng.pick(campaign.devices);
  const bot = (t: number, fields: Record<string, unknown>) =>
    acc.emit(t, 'login', fields, label, device, net());
  let t = role.at;
  if (!role.passwordKnown) {
    for (let i = rng.int(1, 2); i > 0; i--) {
      bot(t, { result: 'failure', method: 'password', failure_reason: 'wrong_password' });
      t += rng.int(2, 40) * SEC;
    }
    return;
  }
  if (owner.secondFactor) {
    // The password was right, but the bot cannot pass the second step.
    const method = owner.secondFactor === 'totp' ? 'totp' : 'sms_otp';
    bot(t, { result: 'failure', method, failure_reason: 'second_factor_required' });
    return;
  }
  if (rng.chance(0.2)) {
    bot(t, { result: 'failure', method: 'password', failure_reason: 'wrong_password' });
    t += rng.int(2, 40) * SEC;
  }
  bot(t, { result: 'success', method: 'password' });

  // Cashing out: the same bot infrastructure soon after, or a buyer of the account later on.
  const soon = rng.chance(0.5);
  t += soon ? minutes(rng, 5, 60) : hours(rng, 2, 36);
  const buyer =
    soon && rng.chance(0.7) ? null : makeAttacker(rng, owner, rng.chance(0.6) ? 'ordinary' : 'careful');
  const act = (at: number, type: Parameters<Account['emit']>[1], fields: Record<string, unknown>) =>
    buyer
      ? acc.emit(at, type, fields, label, buyer.device, buyer.net())
      : acc.emit(at, type, fields, label, device, net());
  if (buyer) act(t, 'login', { result: 'success', method: 'password' });
  const extras: [number, Parameters<Account['emit']>[1], Record<string, unknown>][] = [
    [0.4, 'card_view', {}],
    [0.3, 'contact_change', { field: 'email' }],
    [0.15, 'limit_change', { monthly_limit: 100000 }],
  ];
  for (const [p, type, fields] of extras) {
    if (!rng.chance(p)) continue;
    t += rng.int(20, 200) * SEC;
    act(t, type, fields);
  }
  const charges: Draft[] = [];
  for (let i = rng.int(1, 4); i > 0; i--) {
    t += minutes(rng, 1, 10);
    const pick = cashOut(rng, buyer?.skill === 'careful');
    charges.push(
      act(t, 'charge', {
        amount: pick.amount,
        merchant: merchantField(pick.merchant),
        funding: 'phone_bill',
      }),
    );
  }
  const first = charges[0];
  if (first && rng.chance(0.3)) {
    const at = t + minutes(rng, 30, 30 * 60);
    if (report(acc, at, 'not_me', label, first) && rng.chance(0.4)) {
      let u = at + minutes(rng, 5, 240);
      for (let i = rng.int(1, 2); i > 0; i--) {
        const pick = cashOut(rng, false);
        act(u, 'charge', {
          amount: pick.amount,
          merchant: merchantField(pick.merchant),
          funding: 'phone_bill',
        });
        u += minutes(rng, 2, 30);
      }
    }
  }
}
