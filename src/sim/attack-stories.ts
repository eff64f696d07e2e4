/**
 * Attack stories seen against carrier-billing accounts in Japan (issue 4 "Attacks seen in
 * Japan"). Each story varies its timing, amounts, networks and the order of its middle steps, and
 * is mixed into an otherwise normal account. Every event the attacker causes is labelled
 * fraud: true; the victim's own reactions (reports, failed logins after a reset, a replacement
 * SIM) are fraud: false with the attack's scenario.
 */
import type { MerchantCategory } from '../engine/event-schema.ts';
import {
  ANONYMISERS,
  FOREIGN_ATTACKER,
  FOREIGN_BINS,
  HOSTING,
  JP_FIXED,
  JP_MOBILE,
  LONG_TAIL_SIZE,
  longTailMerchant,
  MERCHANTS,
  type NetworkSpec,
  type Platform,
} from './catalog.ts';
import type { Rng } from './prng.ts';
import {
  DAY,
  type Device,
  fraud,
  HOUR,
  homeNetwork,
  type Label,
  legit,
  MINUTE,
  type NetworkInfo,
  networkOf,
  newDevice,
  type Pending,
  phoneAt,
  type Sink,
  type Subscriber,
} from './world.ts';

/** Attack scenarios and their share among attacked subscribers. */
export const ATTACK_WEIGHTS = {
  smishing_takeover: 28,
  sim_swap: 14,
  card_testing: 12,
  low_and_slow: 14,
  lost_phone: 12,
  credential_stuffing: 20,
} as const;
export type AttackScenario = keyof typeof ATTACK_WEIGHTS;

type Origin = 'hosting' | 'vpn' | 'foreign' | 'jp_mobile' | 'jp_fixed';

function originSpec(rng: Rng, origin: Origin): NetworkSpec {
  switch (origin) {
    case 'hosting':
      return rng.pick(HOSTING);
    case 'vpn':
      return rng.pick(ANONYMISERS);
    case 'foreign':
      return rng.pick(FOREIGN_ATTACKER);
    case 'jp_mobile':
      return rng.weighted(JP_MOBILE);
    case 'jp_fixed':
      return rng.weighted(JP_FIXED);
  }
}

function attackerDevice(rng: Rng, weights: readonly (readonly [Platform, number])[]): Device {
  return newDevice(rng, rng.weighted(weights));
}

const PHONE_OR_PC = [
  ['android', 50],
  ['pc', 30],
  ['ios', 20],
] as const;

const CASH_OUT: readonly (readonly [MerchantCategory, number])[] = [
  ['e_money', 50],
  ['gift_card', 40],
  ['game', 10],
];

function cashOutAmount(rng: Rng): number {
  return rng.weighted([
    [3000, 8],
    [5000, 15],
    [9800, 5],
    [10_000, 30],
    [20_000, 15],
    [30_000, 10],
    [50_000, 7],
    [rng.int(20, 400) * 100, 10],
  ]);
}

interface Session {
  acct: number;
  device: Device | undefined;
  network: NetworkInfo | undefined;
  label: Label;
}

function charge(
  sink: Sink,
  s: Session,
  t: number,
  rng: Rng,
  category: MerchantCategory,
  amount: number,
  cardShare = 0.75,
): Pending | undefined {
  return sink.push(s.acct, t, {
    type: 'charge',
    ...(s.device ? { device: s.device } : {}),
    ...(s.network ? { network: s.network } : {}),
    amount,
    merchant: rng.pick(MERCHANTS[category]),
    funding: rng.chance(cardShare) ? 'registered_card' : 'phone_bill',
    label: s.label,
  });
}

/** Rapid cash-out: several e-money and gift-card charges minutes apart. Returns the last time. */
function cashOut(sink: Sink, s: Session, t: number, rng: Rng, count: number): { t: number; first?: Pending } {
  let first: Pending | undefined;
  for (let i = 0; i < count; i++) {
    const p = charge(sink, s, t, rng, rng.weighted(CASH_OUT), cashOutAmount(rng));
    first ??= p;
    t += rng.int(30_000, 15 * MINUTE);
  }
  return first ? { t, first } : { t };
}

/**
 * The victim notices and reports; sometimes the attacker still tries afterwards (those charges
 * must all be stopped: issue 4 "100% stopped after a report").
 */
function reportAndAftermath(
  sink: Sink,
  sub: Subscriber,
  attacker: Session,
  t: number,
  rng: Rng,
  opts: { kind: 'not_me' | 'lost_phone'; refTo?: Pending; pAfter: number; reporter?: Device },
): number {
  const reporter = opts.reporter ?? phoneAt(sub, t);
  sink.push(
    sub.idx,
    t,
    {
      type: 'subscriber_report',
      device: reporter,
      network: homeNetwork(rng, sub, reporter),
      kind: opts.kind,
      label: legit(attacker.label.scenario),
    },
    opts.refTo ? { refTo: opts.refTo } : {},
  );
  if (rng.chance(opts.pAfter)) {
    let ta = t + rng.int(5 * MINUTE, 6 * HOUR);
    for (let i = rng.int(1, 3); i > 0; i--) {
      charge(sink, attacker, ta, rng, rng.weighted(CASH_OUT), cashOutAmount(rng));
      ta += rng.int(MINUTE, 20 * MINUTE);
    }
  }
  return t;
}

/** (a) Phished password and SMS code → new device → contact change → 2FA off → cash-out. */
export function smishingTakeover(sink: Sink, sub: Subscriber, t0: number, rng: Rng): void {
  const label = fraud('smishing_takeover');
  const origin = rng.weighted<Origin>([
    ['hosting', 30],
    ['vpn', 15],
    ['foreign', 20],
    ['jp_mobile', 25],
    ['jp_fixed', 10],
  ]);
  const spec = originSpec(rng, origin);
  const s: Session = {
    acct: sub.idx,
    device: attackerDevice(rng, PHONE_OR_PC),
    network: networkOf(rng, spec),
    label,
  };
  let t = t0;
  const method = rng.chance(0.6) ? 'sms_otp' : 'password';
  if (rng.chance(0.15)) {
    sink.push(sub.idx, t, {
      type: 'login',
      device: s.device,
      network: s.network,
      result: 'failure',
      method,
      failure_reason: 'bad_code',
      label,
    });
    t += rng.int(20_000, 3 * MINUTE);
  }
  sink.push(sub.idx, t, {
    type: 'login',
    device: s.device,
    network: s.network,
    result: 'success',
    method,
    label,
  });
  const steps: (() => void)[] = [];
  if (rng.chance(0.9))
    steps.push(() =>
      sink.push(sub.idx, t, {
        type: 'contact_change',
        device: s.device,
        network: s.network,
        field: 'email',
        label,
      }),
    );
  if (rng.chance(0.25))
    steps.push(() =>
      sink.push(sub.idx, t, {
        type: 'contact_change',
        device: s.device,
        network: s.network,
        field: 'phone',
        label,
      }),
    );
  if (rng.chance(0.7))
    steps.push(() =>
      sink.push(sub.idx, t, {
        type: 'mfa_change',
        device: s.device,
        network: s.network,
        action: 'disabled',
        method: rng.pick(['sms', 'totp', 'passkey']),
        label,
      }),
    );
  if (rng.chance(0.6))
    steps.push(() =>
      sink.push(sub.idx, t, { type: 'card_view', device: s.device, network: s.network, label }),
    );
  for (const step of rng.shuffle(steps)) {
    t += rng.int(30_000, 20 * MINUTE);
    step();
  }
  t += rng.chance(0.1) ? rng.int(9 * HOUR, 30 * HOUR) : rng.int(2 * MINUTE, 90 * MINUTE);
  const out = cashOut(sink, s, t, rng, rng.int(2, 8));
  if (rng.chance(0.55)) {
    reportAndAftermath(sink, sub, s, out.t + rng.int(HOUR, 48 * HOUR), rng, {
      kind: 'not_me',
      ...(out.first ? { refTo: out.first } : {}),
      pAfter: 0.35,
    });
  }
}

/** (b) SIM swap: eSIM re-issued online → SMS-OTP login from a new device → password reset → charges. */
export function simSwap(sink: Sink, sub: Subscriber, t0: number, rng: Rng): void {
  const label = fraud('sim_swap');
  const spec = originSpec(
    rng,
    rng.weighted<Origin>([
      ['hosting', 25],
      ['vpn', 20],
      ['jp_fixed', 30],
      ['jp_mobile', 25],
    ]),
  );
  const device = attackerDevice(rng, [
    ['ios', 45],
    ['android', 45],
    ['pc', 10],
  ]);
  const portal = networkOf(rng, spec);
  let t = t0;
  const byPhone = rng.chance(0.2);
  sink.push(sub.idx, t, {
    type: 'sim_reissue',
    ...(byPhone ? {} : { device, network: portal }),
    kind: 'esim',
    channel: byPhone ? 'phone' : 'online',
    label,
  });
  // The new eSIM is on the victim's own line: the attacker's traffic now looks like the victim's
  // carrier, with a fresh address.
  const s: Session = {
    acct: sub.idx,
    device,
    network: rng.chance(0.7) ? networkOf(rng, sub.mobile) : portal,
    label,
  };
  t += rng.int(5 * MINUTE, 60 * MINUTE);
  sink.push(sub.idx, t, {
    type: 'login',
    device,
    network: s.network,
    result: 'success',
    method: 'sms_otp',
    label,
  });
  t += rng.int(MINUTE, 20 * MINUTE);
  sink.push(sub.idx, t, { type: 'password_change', device, network: s.network, via: 'reset', label });
  const resetAt = t;
  const steps: (() => void)[] = [];
  if (rng.chance(0.6))
    steps.push(() =>
      sink.push(sub.idx, t, { type: 'contact_change', device, network: s.network, field: 'email', label }),
    );
  if (rng.chance(0.4))
    steps.push(() =>
      sink.push(sub.idx, t, {
        type: 'mfa_change',
        device,
        network: s.network,
        action: 'disabled',
        method: 'passkey',
        label,
      }),
    );
  if (rng.chance(0.5))
    steps.push(() => sink.push(sub.idx, t, { type: 'card_view', device, network: s.network, label }));
  for (const step of rng.shuffle(steps)) {
    t += rng.int(30_000, 15 * MINUTE);
    step();
  }
  t += rng.int(3 * MINUTE, 90 * MINUTE);
  const out = cashOut(sink, s, t, rng, rng.int(2, 6));
  if (rng.chance(0.6)) {
    // The victim's phone has lost service and their password no longer works.
    const phone = phoneAt(sub, resetAt);
    sink.push(sub.idx, resetAt + rng.int(HOUR, 6 * HOUR), {
      type: 'login',
      device: phone,
      network: homeNetwork(rng, sub, phone),
      result: 'failure',
      method: 'password',
      failure_reason: 'bad_password',
      label: legit('sim_swap'),
    });
  }
  if (rng.chance(0.65)) {
    reportAndAftermath(sink, sub, s, Math.max(out.t, resetAt + 6 * HOUR) + rng.int(HOUR, 24 * HOUR), rng, {
      kind: 'not_me',
      ...(out.first ? { refTo: out.first } : {}),
      pAfter: 0.3,
    });
  }
}

function randomCard(rng: Rng) {
  const [bin, country] = rng.pick(FOREIGN_BINS);
  return { bin, last4: String(rng.int(0, 9999)).padStart(4, '0'), country };
}

/** (c) Card testing: new cards added, many failed verifications, many tiny charges. */
export function cardTesting(sink: Sink, sub: Subscriber, t0: number, rng: Rng): void {
  const label = fraud('card_testing');
  const spec = originSpec(
    rng,
    rng.weighted<Origin>([
      ['hosting', 50],
      ['vpn', 25],
      ['foreign', 25],
    ]),
  );
  const s: Session = {
    acct: sub.idx,
    device: attackerDevice(rng, [
      ['pc', 70],
      ['android', 30],
    ]),
    network: networkOf(rng, spec),
    label,
  };
  let t = t0;
  for (let i = rng.chance(0.3) ? rng.int(1, 3) : 0; i > 0; i--) {
    sink.push(sub.idx, t, {
      type: 'login',
      device: s.device,
      network: s.network,
      result: 'failure',
      method: 'password',
      failure_reason: 'bad_password',
      label,
    });
    t += rng.int(5_000, MINUTE);
  }
  sink.push(sub.idx, t, {
    type: 'login',
    device: s.device,
    network: s.network,
    result: 'success',
    method: 'password',
    label,
  });
  if (rng.chance(0.5)) {
    t += rng.int(20_000, 5 * MINUTE);
    sink.push(sub.idx, t, { type: 'card_view', device: s.device, network: s.network, label });
  }
  const bursts = rng.int(1, 3);
  for (let b = 0; b < bursts; b++) {
    for (let c = rng.int(1, 3); c > 0; c--) {
      t += rng.int(10_000, 3 * MINUTE);
      sink.push(sub.idx, t, {
        type: 'card_change',
        device: s.device,
        network: s.network,
        action: 'add',
        card: randomCard(rng),
        label,
      });
      for (let v = rng.int(1, 6); v > 0; v--) {
        t += rng.int(5_000, 90_000);
        sink.push(sub.idx, t, {
          type: 'card_verification',
          device: s.device,
          network: s.network,
          result: rng.chance(0.15) ? 'success' : 'failure',
          method: rng.chance(0.7) ? 'cvv' : '3ds',
          label,
        });
      }
    }
    for (let k = rng.int(3, 9); k > 0; k--) {
      t += rng.int(5_000, 3 * MINUTE);
      const useTail = rng.chance(0.5);
      sink.push(sub.idx, t, {
        type: 'charge',
        device: s.device,
        network: s.network,
        amount: rng.pick([10, 50, 100, 100, 110, 120, 200, 300, 330, 500]),
        merchant: useTail
          ? longTailMerchant(rng.int(1, LONG_TAIL_SIZE))
          : rng.pick([...MERCHANTS.digital_content, ...MERCHANTS.other]),
        funding: rng.chance(0.85) ? 'registered_card' : 'phone_bill',
        label,
      });
    }
    t += rng.int(HOUR, 10 * HOUR);
  }
  let first: Pending | undefined;
  if (rng.chance(0.3)) first = charge(sink, s, t, rng, rng.weighted(CASH_OUT), rng.int(5, 30) * 1000, 0.9);
  if (rng.chance(0.4))
    reportAndAftermath(sink, sub, s, t + rng.int(2 * HOUR, 3 * DAY), rng, {
      kind: 'not_me',
      ...(first ? { refTo: first } : {}),
      pAfter: 0.2,
    });
}

/** (d) Low and slow: a few small charges a day at merchants the account never used. */
export function lowAndSlow(sink: Sink, sub: Subscriber, t0: number, rng: Rng): void {
  const label = fraud('low_and_slow');
  const spec = originSpec(
    rng,
    rng.weighted<Origin>([
      ['jp_mobile', 40],
      ['jp_fixed', 30],
      ['vpn', 20],
      ['hosting', 10],
    ]),
  );
  const device = attackerDevice(rng, [
    ['android', 55],
    ['ios', 35],
    ['pc', 10],
  ]);
  const fixedIp = spec.kind !== 'mobile' ? networkOf(rng, spec) : null;
  const days = rng.int(3, 10);
  const loginsDaily = rng.chance(0.5);
  let first: Pending | undefined;
  let last = t0;
  for (let d = 0; d < days; d++) {
    let t = t0 + d * DAY + rng.int(0, 6 * HOUR);
    const s: Session = { acct: sub.idx, device, network: fixedIp ?? networkOf(rng, spec), label };
    if (d === 0 || loginsDaily) {
      sink.push(sub.idx, t, {
        type: 'login',
        device,
        network: s.network,
        result: 'success',
        method: rng.pick(['password', 'sms_otp']),
        label,
      });
      t += rng.int(MINUTE, 30 * MINUTE);
    }
    for (let k = rng.int(1, 3); k > 0; k--) {
      const p = sink.push(sub.idx, t, {
        type: 'charge',
        device,
        network: s.network,
        amount: rng.int(3, 30) * 100 - rng.pick([0, 0, 10, 20]),
        merchant: longTailMerchant(rng.int(1, LONG_TAIL_SIZE)),
        funding: rng.chance(0.6) ? 'registered_card' : 'phone_bill',
        label,
      });
      first ??= p;
      last = t;
      t += rng.int(10 * MINUTE, 5 * HOUR);
    }
  }
  if (rng.chance(0.45)) {
    const s: Session = { acct: sub.idx, device, network: fixedIp ?? networkOf(rng, spec), label };
    reportAndAftermath(sink, sub, s, last + rng.int(6 * HOUR, 7 * DAY), rng, {
      kind: 'not_me',
      ...(first ? { refTo: first } : {}),
      pAfter: 0.3,
    });
  }
}

/**
 * (e) Lost or stolen phone: charges from the KNOWN device on its own line, unusual in category,
 * amount and pace; later the owner reports it (from another device) and gets a new SIM.
 * Returns the recovery plan so the routine stops using the lost phone.
 */
export function planLostPhone(sub: Subscriber, t0: number, rng: Rng): (sink: Sink, rng: Rng) => void {
  const reportDelay = rng.int(HOUR, 14 * HOUR);
  const recovery = reportDelay + rng.int(12 * HOUR, 3 * DAY);
  const replacement = newDevice(rng, rng.chance(0.5) ? 'ios' : 'android');
  sub.quiet.push([t0, t0 + recovery]);
  sub.phoneChanges.push({ at: t0 + recovery + 30 * MINUTE, device: replacement });
  return (sink, r) => lostPhone(sink, sub, t0, reportDelay, recovery, replacement, r);
}

function lostPhone(
  sink: Sink,
  sub: Subscriber,
  t0: number,
  reportDelay: number,
  recovery: number,
  replacement: Device,
  rng: Rng,
): void {
  const label = fraud('lost_phone');
  const phone = phoneAt(sub, t0);
  const s: Session = { acct: sub.idx, device: phone, network: networkOf(rng, sub.mobile), label };
  let t = t0;
  if (rng.chance(0.4)) {
    const method = sub.method === 'network_pin' ? 'network_pin' : 'password';
    for (let i = rng.int(1, 4); i > 0; i--) {
      sink.push(sub.idx, t, {
        type: 'login',
        device: phone,
        network: s.network,
        result: 'failure',
        method,
        failure_reason: method === 'network_pin' ? 'bad_pin' : 'bad_password',
        label,
      });
      t += rng.int(10_000, 5 * MINUTE);
    }
  }
  if (rng.chance(0.3)) {
    // The SMS code arrives on the stolen phone itself.
    sink.push(sub.idx, t, {
      type: 'login',
      device: phone,
      network: s.network,
      result: 'success',
      method: 'sms_otp',
      label,
    });
    t += rng.int(MINUTE, 10 * MINUTE);
  }
  const categories: readonly (readonly [MerchantCategory, number])[] = [
    ['gift_card', 35],
    ['e_money', 30],
    ['game', 20],
    ['app_store', 15],
  ];
  const reportAt = t0 + reportDelay;
  for (let i = rng.int(2, 7); i > 0 && t < reportAt; i--) {
    charge(sink, s, t, rng, rng.weighted(categories), cashOutAmount(rng), 0.6);
    t += rng.int(2 * MINUTE, 60 * MINUTE);
  }
  const reporter = sub.second ?? newDevice(rng, 'pc');
  reportAndAftermath(sink, sub, s, Math.max(t, reportAt), rng, {
    kind: 'lost_phone',
    pAfter: 0.45,
    reporter,
  });
  // The owner gets a replacement SIM in a shop and logs in from the new phone.
  const owner = legit('lost_phone');
  sink.push(sub.idx, t0 + recovery, { type: 'sim_reissue', kind: 'physical', channel: 'shop', label: owner });
  sink.push(sub.idx, t0 + recovery + 30 * MINUTE, {
    type: 'login',
    device: replacement,
    network: networkOf(rng, sub.mobile),
    result: 'success',
    method: rng.chance(0.5) ? 'sms_otp' : 'password',
    label: owner,
  });
}

/**
 * (f) Credential stuffing: one campaign from one hosting network (often one device fingerprint)
 * tries many accounts; most fail, some succeed and are cashed out.
 */
export function credentialStuffing(sink: Sink, targets: readonly Subscriber[], t0: number, rng: Rng): void {
  const label = fraud('credential_stuffing');
  const spec = rng.chance(0.75) ? rng.pick(HOSTING) : rng.pick(ANONYMISERS);
  const ips = Array.from({ length: rng.int(1, 4) }, () => networkOf(rng, spec));
  const shared = rng.chance(0.6)
    ? attackerDevice(rng, [
        ['pc', 80],
        ['android', 20],
      ])
    : null;
  const ua = shared?.ua ?? attackerDevice(rng, [['pc', 1]]).ua;
  const successRate = rng.real(0.15, 0.4);
  let t = t0;
  const successes: { sub: Subscriber; device: Device; network: NetworkInfo; at: number }[] = [];
  for (const sub of rng.shuffle(targets)) {
    const device = shared ?? { id: `dev_${rng.hex(12)}`, platform: 'pc' as const, ua };
    const attempts = rng.int(1, 3);
    for (let a = 0; a < attempts; a++) {
      const network = rng.pick(ips);
      const ok = a === attempts - 1 && rng.chance(successRate);
      sink.push(sub.idx, t, {
        type: 'login',
        device,
        network,
        result: ok ? 'success' : 'failure',
        method: 'password',
        ...(ok ? {} : { failure_reason: 'bad_password' }),
        label,
      });
      if (ok) successes.push({ sub, device, network, at: t });
      t += rng.int(2_000, 30_000);
    }
  }
  for (const hit of successes) {
    const s: Session = { acct: hit.sub.idx, device: hit.device, network: hit.network, label };
    let ts = hit.at + rng.int(10 * MINUTE, 24 * HOUR);
    if (rng.chance(0.5)) {
      sink.push(hit.sub.idx, ts, {
        type: 'contact_change',
        device: s.device,
        network: s.network,
        field: 'email',
        label,
      });
      ts += rng.int(MINUTE, 20 * MINUTE);
    }
    if (rng.chance(0.4)) {
      sink.push(hit.sub.idx, ts, { type: 'card_view', device: s.device, network: s.network, label });
      ts += rng.int(MINUTE, 10 * MINUTE);
    }
    const out = cashOut(sink, s, ts, rng, rng.int(1, 5));
    if (rng.chance(0.5)) {
      reportAndAftermath(sink, hit.sub, s, out.t + rng.int(HOUR, 2 * DAY), rng, {
        kind: 'not_me',
        ...(out.first ? { refTo: out.first } : {}),
        pAfter: 0.25,
      });
    }
  }
}
