/**
 * Everyday life and legitimate surprises (issue 4 "Legitimate people travel abroad, buy a new
 * phone…"): the traffic a risk engine must let through, or at most challenge.
 */
import { FOREIGN_MERCHANTS, JP_BINS, JP_ISSUERS, MERCHANTS, TRAVEL } from './catalog.ts';
import type { Rng } from './prng.ts';
import {
  DAY,
  type Device,
  HOUR,
  habitAmount,
  homeNetwork,
  isQuiet,
  legit,
  MINUTE,
  methodFor,
  networkOf,
  newDevice,
  phoneAt,
  phonePlatform,
  type Sink,
  type Subscriber,
  timeOfDay,
} from './world.ts';

/** Legitimate scenarios and how often each happens to a subscriber in 30 days. */
export const LEGIT_SURPRISES = {
  travel_abroad: 0.04,
  new_phone: 0.04,
  settings_change: 0.06,
  large_purchase: 0.04,
  family_gift_cards: 0.03,
  login_typo: 0.12,
  limit_change: 0.03,
  password_reset: 0.03,
  phishing_report: 0.03,
  card_update: 0.03,
} as const;
export type LegitSurprise = keyof typeof LEGIT_SURPRISES;

/** One day of ordinary activity: logins, habitual charges, subscription renewals. */
export function routineDay(sink: Sink, sub: Subscriber, day: number, rng: Rng): void {
  const d0 = sink.startMs + day * DAY;
  const acct = sub.idx;
  const pickDevice = (t: number, pcBias: number): Device =>
    sub.second && rng.chance(pcBias) ? sub.second : phoneAt(sub, t);

  for (let i = rng.poisson(sub.loginRate); i > 0; i--) {
    const t = d0 + timeOfDay(rng, sub);
    if (isQuiet(sub, t)) continue;
    const device = pickDevice(t, 0.3);
    sink.push(acct, t, {
      type: 'login',
      device,
      network: homeNetwork(rng, sub, device),
      result: 'success',
      method: methodFor(sub, device),
      label: legit(),
    });
  }
  for (const h of sub.habits) {
    for (let i = rng.poisson(h.rate); i > 0; i--) {
      const t = d0 + timeOfDay(rng, sub);
      if (isQuiet(sub, t)) continue;
      const bigTicket = h.merchant.category === 'ecommerce' || h.merchant.category === 'ticket';
      const device = pickDevice(t, bigTicket ? 0.5 : 0.1);
      sink.push(acct, t, {
        type: 'charge',
        device,
        network: homeNetwork(rng, sub, device),
        amount: habitAmount(rng, h),
        merchant: h.merchant,
        funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
        label: legit(),
      });
    }
  }
  // Renewals are billed by the merchant's server at night: no device, no network.
  const dayOfMonth = new Date(d0 + 9 * HOUR).getUTCDate();
  for (const s of sub.subscriptions) {
    if (s.dayOfMonth !== dayOfMonth) continue;
    sink.push(acct, d0 + rng.int(1 * HOUR, 6 * HOUR), {
      type: 'charge',
      amount: s.amount,
      merchant: s.merchant,
      funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
      label: legit(),
    });
  }
  if (rng.chance(0.004)) {
    const t = d0 + timeOfDay(rng, sub);
    const device = pickDevice(t, 0.5);
    if (!isQuiet(sub, t))
      sink.push(acct, t, {
        type: 'card_view',
        device,
        network: homeNetwork(rng, sub, device),
        label: legit(),
      });
  }
}

/**
 * Plans a legitimate surprise at time t0. Returns the function that writes its events; state the
 * routine needs to know about (a new phone, days abroad) is recorded on the subscriber now.
 */
export function planLegit(
  kind: LegitSurprise,
  sub: Subscriber,
  t0: number,
  rng: Rng,
): (sink: Sink, rng: Rng) => void {
  switch (kind) {
    case 'travel_abroad': {
      const days = rng.int(2, 7);
      sub.quiet.push([t0, t0 + days * DAY]);
      return (sink, r) => travel(sink, sub, t0, days, r);
    }
    case 'new_phone': {
      const platform = rng.chance(0.2) ? phonePlatform(rng) : phoneAt(sub, t0).platform;
      const device = newDevice(rng, platform === 'feature_phone' && rng.chance(0.5) ? 'android' : platform);
      const loginDelay = rng.int(10 * MINUTE, 2 * HOUR);
      sub.phoneChanges.push({ at: t0 + loginDelay, device });
      return (sink, r) => newPhone(sink, sub, t0, loginDelay, device, r);
    }
    default:
      return (sink, r) => SIMPLE[kind](sink, sub, t0, r);
  }
}

function travel(sink: Sink, sub: Subscriber, t0: number, days: number, rng: Rng): void {
  const label = legit('travel_abroad');
  const country = rng.pick(['KR', 'KR', 'TW', 'TW', 'US', 'TH'] as const);
  const nets = TRAVEL.filter((n) => n.country === country);
  const merchants = FOREIGN_MERCHANTS[country] ?? [];
  const phone = phoneAt(sub, t0);
  const hotel = rng.pick(nets);
  const hotelIp = networkOf(rng, hotel);
  for (let d = 0; d < days; d++) {
    let t = t0 + d * DAY + (d === 0 ? rng.int(3 * HOUR, 6 * HOUR) : rng.int(0, 3 * HOUR));
    for (let i = rng.int(1, 3); i > 0; i--) {
      const network = rng.chance(0.5) ? hotelIp : networkOf(rng, rng.pick(nets));
      sink.push(sub.idx, t, {
        type: 'login',
        device: phone,
        network,
        result: 'success',
        method: methodFor(sub, phone),
        label,
      });
      t += rng.int(20 * MINUTE, 4 * HOUR);
      for (let k = rng.int(0, 2); k > 0; k--) {
        const useHabit = sub.habits.length > 0 && rng.chance(0.3);
        const habit = useHabit ? rng.pick(sub.habits) : null;
        const merchant = habit ? habit.merchant : rng.pick(merchants);
        sink.push(sub.idx, t, {
          type: 'charge',
          device: phone,
          network,
          amount: habit ? habitAmount(rng, habit) : Math.round(rng.logNormal(4000, 0.6) / 100) * 100 || 100,
          merchant,
          funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
          label,
        });
        t += rng.int(5 * MINUTE, 2 * HOUR);
      }
    }
  }
}

function newPhone(
  sink: Sink,
  sub: Subscriber,
  t0: number,
  loginDelay: number,
  device: Device,
  rng: Rng,
): void {
  const label = legit('new_phone');
  // The shop's terminal files the re-issue: the operator's back office sends no device or network.
  sink.push(sub.idx, t0, {
    type: 'sim_reissue',
    kind: rng.chance(0.7) ? 'physical' : 'esim',
    channel: 'shop',
    label,
  });
  let t = t0 + loginDelay;
  const network = networkOf(rng, sub.mobile);
  sink.push(sub.idx, t, {
    type: 'login',
    device,
    network,
    result: 'success',
    method: rng.chance(0.4) ? 'sms_otp' : methodFor(sub, device),
    label,
  });
  if (rng.chance(0.35)) {
    t += rng.int(2 * MINUTE, 30 * MINUTE);
    sink.push(sub.idx, t, { type: 'mfa_change', device, network, action: 'reset', method: 'passkey', label });
  }
  // Reinstalling paid apps and buying in the first days with the new phone.
  const store = device.platform === 'ios' ? MERCHANTS.app_store[0] : MERCHANTS.app_store[1];
  for (let i = rng.int(0, 3); i > 0 && store; i--) {
    t += rng.int(30 * MINUTE, 30 * HOUR);
    sink.push(sub.idx, t, {
      type: 'charge',
      device,
      network: homeNetwork(rng, sub, device),
      amount: rng.pick([120, 250, 490, 980, 1500]),
      merchant: store,
      funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
      label,
    });
  }
}

type Simple = (sink: Sink, sub: Subscriber, t0: number, rng: Rng) => void;

const SIMPLE: Record<Exclude<LegitSurprise, 'travel_abroad' | 'new_phone'>, Simple> = {
  settings_change(sink, sub, t0, rng) {
    const label = legit('settings_change');
    const device = sub.second && rng.chance(0.4) ? sub.second : phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    let t = t0;
    sink.push(sub.idx, t, {
      type: 'login',
      device,
      network,
      result: 'success',
      method: methodFor(sub, device),
      label,
    });
    const variant = rng.int(0, 4);
    const steps: (() => void)[] = [];
    if (variant === 0 || variant === 3)
      steps.push(() =>
        sink.push(sub.idx, t, { type: 'password_change', device, network, via: 'settings', label }),
      );
    if (variant === 1 || variant === 3)
      steps.push(() =>
        sink.push(sub.idx, t, { type: 'contact_change', device, network, field: 'email', label }),
      );
    if (variant === 2)
      steps.push(() =>
        sink.push(sub.idx, t, {
          type: 'mfa_change',
          device,
          network,
          action: 'enabled',
          method: rng.pick(['totp', 'passkey']),
          label,
        }),
      );
    if (variant === 4)
      steps.push(() =>
        sink.push(sub.idx, t, { type: 'contact_change', device, network, field: 'address', label }),
      );
    for (const step of rng.shuffle(steps)) {
      t += rng.int(30_000, 10 * MINUTE);
      step();
    }
    // Often the person carries on shopping soon after: a sequence rule must not stop them.
    if (sub.habits.length > 0 && rng.chance(0.45)) {
      const h = rng.pick(sub.habits);
      t += rng.int(5 * MINUTE, 3 * HOUR);
      sink.push(sub.idx, t, {
        type: 'charge',
        device,
        network,
        amount: habitAmount(rng, h),
        merchant: h.merchant,
        funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
        label,
      });
    }
  },

  large_purchase(sink, sub, t0, rng) {
    const label = legit('large_purchase');
    const device = sub.second ?? phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    let t = t0;
    if (rng.chance(0.4)) {
      sink.push(sub.idx, t, {
        type: 'limit_change',
        device,
        network,
        monthly_limit: rng.pick([100_000, 150_000, 200_000]),
        label,
      });
      t += rng.int(2 * MINUTE, 2 * DAY);
    }
    if (rng.chance(0.3)) {
      sink.push(sub.idx, t, { type: 'card_view', device, network, label });
      t += rng.int(MINUTE, 20 * MINUTE);
    }
    const merchant = rng.pick([...MERCHANTS.ecommerce, ...MERCHANTS.ticket]);
    sink.push(sub.idx, t, {
      type: 'charge',
      device,
      network,
      amount: Math.round(rng.real(30_000, 120_000) / 100) * 100,
      merchant,
      funding: rng.chance(0.5) ? 'registered_card' : 'phone_bill',
      label,
    });
  },

  family_gift_cards(sink, sub, t0, rng) {
    const label = legit('family_gift_cards');
    const device = phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    let t = t0;
    for (let i = rng.int(1, 3); i > 0; i--) {
      sink.push(sub.idx, t, {
        type: 'charge',
        device,
        network,
        amount: rng.pick([1500, 3000, 3000, 5000, 10000]),
        merchant: rng.pick(MERCHANTS.gift_card),
        funding: rng.chance(sub.cardShare) ? 'registered_card' : 'phone_bill',
        label,
      });
      t += rng.int(MINUTE, 40 * MINUTE);
    }
  },

  login_typo(sink, sub, t0, rng) {
    const label = legit('login_typo');
    const device = sub.second && rng.chance(0.4) ? sub.second : phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    const method = methodFor(sub, device) === 'passkey' ? 'password' : methodFor(sub, device);
    let t = t0;
    for (let i = rng.int(1, 3); i > 0; i--) {
      const reason =
        method === 'network_pin' ? 'bad_pin' : method === 'password' ? 'bad_password' : 'bad_code';
      sink.push(sub.idx, t, {
        type: 'login',
        device,
        network,
        result: 'failure',
        method,
        failure_reason: reason,
        label,
      });
      t += rng.int(5_000, 3 * MINUTE);
    }
    if (rng.chance(0.9))
      sink.push(sub.idx, t, { type: 'login', device, network, result: 'success', method, label });
  },

  limit_change(sink, sub, t0, rng) {
    const label = legit('limit_change');
    const device = phoneAt(sub, t0);
    const up = rng.chance(0.7);
    const limit = up ? sub.monthlyLimit * rng.pick([2, 3]) : Math.max(3000, Math.floor(sub.monthlyLimit / 2));
    sink.push(sub.idx, t0, {
      type: 'limit_change',
      device,
      network: homeNetwork(rng, sub, device),
      monthly_limit: limit,
      label,
    });
  },

  password_reset(sink, sub, t0, rng) {
    const label = legit('password_reset');
    const device = phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    let t = t0;
    for (let i = rng.int(1, 3); i > 0; i--) {
      sink.push(sub.idx, t, {
        type: 'login',
        device,
        network,
        result: 'failure',
        method: 'password',
        failure_reason: 'bad_password',
        label,
      });
      t += rng.int(10_000, 2 * MINUTE);
    }
    sink.push(sub.idx, t, { type: 'password_change', device, network, via: 'reset', label });
    t += rng.int(MINUTE, 10 * MINUTE);
    sink.push(sub.idx, t, {
      type: 'login',
      device,
      network,
      result: 'success',
      method: rng.chance(0.5) ? 'sms_otp' : 'password',
      label,
    });
  },

  phishing_report(sink, sub, t0, rng) {
    const device = phoneAt(sub, t0);
    sink.push(sub.idx, t0, {
      type: 'subscriber_report',
      device,
      network: homeNetwork(rng, sub, device),
      kind: 'phishing_message',
      label: legit('phishing_report'),
    });
  },

  card_update(sink, sub, t0, rng) {
    const label = legit('card_update');
    const device = sub.second ?? phoneAt(sub, t0);
    const network = homeNetwork(rng, sub, device);
    let t = t0;
    sink.push(sub.idx, t, { type: 'card_view', device, network, label });
    t += rng.int(MINUTE, 10 * MINUTE);
    sink.push(sub.idx, t, {
      type: 'card_change',
      device,
      network,
      action: 'replace',
      card: {
        bin: rng.pick(JP_BINS),
        last4: String(rng.int(0, 9999)).padStart(4, '0'),
        issuer: rng.pick(JP_ISSUERS),
        country: 'JP',
      },
      label,
    });
    t += rng.int(10_000, 2 * MINUTE);
    if (rng.chance(0.15)) {
      sink.push(sub.idx, t, {
        type: 'card_verification',
        device,
        network,
        result: 'failure',
        method: '3ds',
        label,
      });
      t += rng.int(20_000, 3 * MINUTE);
    }
    sink.push(sub.idx, t, {
      type: 'card_verification',
      device,
      network,
      result: 'success',
      method: '3ds',
      label,
    });
  },
};

/** A random moment in the subscriber's waking hours on a random day of the period. */
export function surpriseTime(rng: Rng, sub: Subscriber, startMs: number, days: number): number {
  return startMs + rng.int(0, days - 1) * DAY + timeOfDay(rng, sub);
}
