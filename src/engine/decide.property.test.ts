/**
 * Property tests over random event streams (issue 4 "Reliability and bad input"): the engine never
 * throws, replaying a stream gives identical decisions, profiles and global state, every non-allow
 * decision has at least one reason, scores stay in 0–100, and profiles stay ≤ 2 KB.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccountEvent, eventSchema } from './event-schema.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { replay } from './test-kit.ts';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const device = opt(
  fc.record(
    {
      id: fc.constantFrom('d1', 'd2', 'd3', 'phone-a', 'x'.repeat(256)),
      platform: fc.constantFrom('ios', 'android', 'pc', 'feature_phone', 'other'),
    },
    { requiredKeys: ['id'] },
  ),
);
const network = opt(
  fc.record(
    {
      ip: fc.constantFrom('1.66.1.1', '1.66.9.9', '45.77.1.2', '2001:db8::1', '10.0.0.1', 'weird'),
      country: fc.constantFrom('JP', 'US', 'KR', 'ZZ', 'BR'),
      asn: fc.constantFrom(9605, 2516, 20473, 0),
      kind: fc.constantFrom('mobile', 'fixed', 'hosting', 'vpn', 'tor', 'unknown'),
    },
    { requiredKeys: ['ip'] },
  ),
);

const body = fc.oneof(
  fc.record({
    type: fc.constant('login'),
    result: fc.constantFrom('success', 'failure'),
    method: fc.constantFrom('password', 'passkey', 'totp', 'sms_otp', 'network_pin'),
  }),
  fc.record({ type: fc.constant('password_change'), via: fc.constantFrom('settings', 'reset') }),
  fc.record({
    type: fc.constant('mfa_change'),
    action: fc.constantFrom('enabled', 'disabled', 'reset'),
    method: fc.constant('totp'),
  }),
  fc.record({ type: fc.constant('contact_change'), field: fc.constantFrom('email', 'phone', 'address') }),
  fc.record({
    type: fc.constant('sim_reissue'),
    kind: fc.constantFrom('esim', 'physical'),
    channel: fc.constantFrom('shop', 'online', 'phone'),
  }),
  fc.record({ type: fc.constant('card_view') }),
  fc.record({
    type: fc.constant('card_change'),
    action: fc.constantFrom('add', 'replace', 'remove'),
    card: fc.record({
      bin: fc.constantFrom('453201', '356600'),
      last4: fc.constantFrom('1111', '2222', '3333', '4444', '5555'),
    }),
  }),
  fc.record({
    type: fc.constant('card_verification'),
    result: fc.constantFrom('success', 'failure'),
    method: fc.constantFrom('cvv', '3ds', 'pin'),
  }),
  fc.record({
    type: fc.constant('charge'),
    amount: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 100_000_000 })),
    merchant: fc.record({
      id: fc.constantFrom('m1', 'm2', 'm3', 'm4', 'm5', 'm6'),
      category: fc.constantFrom(
        'digital_content',
        'game',
        'app_store',
        'gift_card',
        'e_money',
        'ecommerce',
        'subscription',
        'ticket',
        'other',
      ),
    }),
    funding: fc.constantFrom('phone_bill', 'registered_card'),
  }),
  fc.record({ type: fc.constant('limit_change'), monthly_limit: fc.integer({ min: 0, max: 100_000_000 }) }),
  fc.record({
    type: fc.constant('subscriber_report'),
    kind: fc.constantFrom('not_me', 'phishing_message', 'lost_phone'),
  }),
);

const item = fc.record({
  gap: fc.oneof(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 7 * 86_400 })),
  account: fc.constantFrom('acc_a', 'acc_b', 'acc_c'),
  device,
  network,
  offset: fc.constantFrom('+09:00', 'Z', '-05:00'),
  body,
});

function toIso(ms: number, offset: string): string {
  const sign = offset === 'Z' ? 0 : offset.startsWith('-') ? -1 : 1;
  const h = offset === 'Z' ? 0 : Number(offset.slice(1, 3));
  const local = new Date(ms + sign * h * 3_600_000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${local}${offset}`;
}

/** Streams of schema-valid events with times in order. */
const stream = fc.array(item, { minLength: 1, maxLength: 120 }).map((items) => {
  let t = T0;
  return items.map((it, i): AccountEvent => {
    t += it.gap * 1000;
    const raw: Record<string, unknown> = {
      id: `e${i}`,
      at: toIso(t, it.offset),
      account: it.account,
      ...it.body,
    };
    if (it.device) raw.device = it.device;
    if (it.network) raw.network = it.network;
    return eventSchema.parse(raw);
  });
});

describe('decide over random event streams', () => {
  it('never throws, is deterministic, explains every non-allow, and keeps scores and profiles bounded', () => {
    fc.assert(
      fc.property(stream, (events) => {
        const a = replay(events);
        const b = replay(events);
        expect(b.results.map((r) => r.decision)).toEqual(a.results.map((r) => r.decision));
        expect(b.results.map((r) => r.effects)).toEqual(a.results.map((r) => r.effects));
        expect([...b.profiles]).toEqual([...a.profiles]);
        expect(b.global).toEqual(a.global);
        for (const r of a.results) {
          const d = r.decision;
          expect(d.score).toBeGreaterThanOrEqual(0);
          expect(d.score).toBeLessThanOrEqual(100);
          expect(Number.isInteger(d.score)).toBe(true);
          if (d.decision !== 'allow') {
            expect(d.reasons.length).toBeGreaterThan(0);
            // Every challenge and hold notifies; of the locks, only the one that locks the account.
            const refusedWhileLocked = d.decision === 'lock' && r.effects.lockAccount !== true;
            expect(r.effects.notice?.kind).toBe(refusedWhileLocked ? undefined : d.decision);
            expect(r.effects.openCase === true).toBe(d.decision === 'hold' || r.effects.lockAccount === true);
          }
          for (const reason of d.reasons) expect(reason.message).not.toMatch(/\{\w+\}/);
        }
        for (const p of a.profiles.values()) expect(JSON.stringify(p).length).toBeLessThanOrEqual(2048);
      }),
      { numRuns: 300 },
    );
  });

  it('once an account is locked by a report, every later event on it is locked', () => {
    fc.assert(
      fc.property(stream, (events) => {
        const r = replay(events);
        const lockedAt = new Map<string, number>();
        r.results.forEach((res, i) => {
          const e = events[i] as AccountEvent;
          if (lockedAt.has(e.account)) expect(res.decision.decision).toBe('lock');
          if (e.type === 'subscriber_report' && e.kind !== 'phishing_message') {
            expect(res.decision.decision).toBe('lock');
            lockedAt.set(e.account, i);
          }
          if (res.decision.decision === 'lock') lockedAt.set(e.account, i);
        });
      }),
      { numRuns: 200 },
    );
    expect(DEFAULT_POLICY.bands.lock).toBe(85);
  });
});
