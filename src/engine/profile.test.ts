import { describe, expect, it } from 'vitest';
import type { AccountEvent } from './event-schema.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { emptyProfile, networkKey, type Profile, unlockProfile, updateProfile } from './profile.ts';
import {
  ACCOUNT,
  cardChange,
  cardVerification,
  charge,
  contactChange,
  D,
  H,
  login,
  mfaChange,
  PHONE,
  passwordChange,
  report,
  simReissue,
} from './test-kit.ts';

function build(events: readonly AccountEvent[], start: Profile = emptyProfile(ACCOUNT)): Profile {
  let p = start;
  for (const e of events) p = updateProfile(p, e, DEFAULT_POLICY);
  return p;
}

/** Sixty days of a very busy subscriber: 8 devices over time, 12 networks, 40 merchants, ~15 charges a day. */
function busyHistory(account: string): AccountEvent[] {
  const out: AccountEvent[] = [];
  const long = 'x'.repeat(200);
  for (let d = 0; d < 60; d++) {
    const device = { id: `dev-${d % 8}-${long}`, platform: 'android' as const };
    for (let i = 0; i < 6; i++) {
      const network = {
        ip: `10.${(d + i) % 12}.${i}.9`,
        country: i === 5 ? 'KR' : 'JP',
        asn: 64_000 + ((d + i) % 12),
        kind: 'mobile' as const,
      };
      out.push(
        login(d * D + i * 2 * H, {
          account,
          device,
          network,
          result: i === 3 ? 'failure' : 'success',
          method: 'password',
        }),
      );
    }
    for (let c = 0; c < 15; c++) {
      out.push(
        charge(
          d * D + 8 * H + c * 30,
          100 + ((d * 15 + c) % 40) * 250,
          `merchant-${(d * 7 + c) % 40}-${long}`,
          c % 2 ? 'game' : 'e_money',
          { account, device },
        ),
      );
    }
    if (d % 3 === 0) out.push(cardVerification(d * D + 20 * H, 'failure', { account, device }));
    if (d % 5 === 0) out.push(cardChange(d * D + 21 * H, String(1000 + d), { account, device }));
    if (d % 7 === 0)
      out.push(passwordChange(d * D + 22 * H, d % 14 ? 'reset' : 'settings', { account, device }));
    if (d % 9 === 0) out.push(contactChange(d * D + 22 * H + 10, { account, device }));
    if (d % 11 === 0)
      out.push(mfaChange(d * D + 22 * H + 20, d % 22 ? 'disabled' : 'enabled', { account, device }));
    if (d % 13 === 0) out.push(simReissue(d * D + 23 * H, 'esim', 'online', { account, device }));
    if (d % 17 === 0) out.push(report(d * D + 23 * H + 30, 'phishing_message', { account, device }));
  }
  return out;
}

describe('profile', () => {
  it('stays within 2 KB serialised for a busy account, whatever the size of the ids', () => {
    const account = 'acc_busy_subscriber_000123';
    const history = busyHistory(account);
    expect(history.length).toBeGreaterThan(1000);
    const p = build(history, emptyProfile(account));
    const size = JSON.stringify(p).length;
    expect(size).toBeLessThanOrEqual(2048);
    expect(p.devices.length).toBe(DEFAULT_POLICY.profile.maxDevices);
    expect(p.merchants.length).toBe(DEFAULT_POLICY.profile.maxMerchants);
    expect(p.charges.length).toBe(DEFAULT_POLICY.profile.maxCharges);
    // It round-trips through JSON unchanged (the storage layer writes it as is).
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('ages entries out by time, not only by count', () => {
    const p = build([
      cardVerification(0, 'failure'),
      login(10, { result: 'failure' }),
      charge(20, 500, 'm_a', 'other'),
    ]);
    expect(p.verifyFailures).toHaveLength(1);
    const later = build([cardVerification(3 * D, 'failure'), charge(3 * D, 500, 'm_b', 'other')], p);
    expect(later.verifyFailures).toHaveLength(1);
    expect(later.charges).toHaveLength(1);
    expect(later.loginFailures).toHaveLength(1); // untouched lists are kept as they were
  });

  it('learns usual amounts and merchants from accepted charges only', () => {
    const base = build([charge(0, 500, 'm_appstore', 'app_store')]);
    const held = updateProfile(base, charge(10, 50_000, 'm_emoney', 'e_money'), DEFAULT_POLICY, {
      action: 'hold',
    });
    expect(held.amounts).toEqual(base.amounts);
    expect(held.merchants).toBe(base.merchants);
    expect(held.charges).toHaveLength(2); // the attempt still counts for velocity
    const allowed = updateProfile(base, charge(10, 800, 'm_ec', 'ecommerce'), DEFAULT_POLICY);
    expect(allowed.amounts[0]).toBe(2);
    expect(allowed.merchants).toHaveLength(2);
  });

  it('does not learn a device or network from a locked event, and marks one first seen on a challenge', () => {
    const base = build([login(0)]);
    const attacker = { id: 'dev-attacker' };
    const net = { ip: '45.77.1.1', asn: 20473, kind: 'hosting' as const };
    const locked = updateProfile(base, login(5, { device: attacker, network: net }), DEFAULT_POLICY, {
      action: 'lock',
    });
    expect(locked.devices).toHaveLength(1);
    expect(locked.networks).toHaveLength(1);
    expect(locked.lock?.[1]).toBe('score');
    const challenged = updateProfile(base, login(5, { device: attacker }), DEFAULT_POLICY, {
      action: 'challenge',
    });
    expect(challenged.devices.at(-1)?.[3]).toBe(1);
  });

  it('marks a device whose action was held, so time alone does not make it trusted', () => {
    const base = build([login(0)]);
    const other = { id: 'dev-other' };
    const seen = updateProfile(base, login(5, { device: other }), DEFAULT_POLICY);
    expect(seen.devices.at(-1)?.[4]).toBe(0);
    const challenged = updateProfile(
      seen,
      charge(10, 900, 'm_x', 'other', { device: other }),
      DEFAULT_POLICY,
      {
        action: 'challenge',
      },
    );
    expect(challenged.devices.at(-1)?.[4]).toBe(0);
    const held = updateProfile(
      challenged,
      charge(20, 900, 'm_y', 'other', { device: other }),
      DEFAULT_POLICY,
      {
        action: 'hold',
      },
    );
    expect(held.devices.at(-1)?.[4]).toBe(held.last);
  });

  it('counts distinct new merchants per day, with the yen of every charge at them', () => {
    let p = build([login(-10 * D), charge(-10 * D + 5, 500, 'm_old', 'other')]);
    for (const [m, id] of [
      [0, 'm_a'],
      [5, 'm_a'],
      [9, 'm_b'],
    ] as const) {
      p = updateProfile(p, charge(m, 1000, id, 'other'), DEFAULT_POLICY);
    }
    expect(p.newMerchantDays.at(-1)?.slice(1)).toEqual([2, 3000]);
  });

  it('records security changes with their times, and SIM re-issues with kind, channel and device', () => {
    const p = build([
      login(-10 * D),
      passwordChange(0, 'reset'),
      contactChange(1),
      mfaChange(2, 'disabled'),
      simReissue(3, 'esim', 'online'),
    ]);
    const t0 = Math.floor(Date.parse(passwordChange(0, 'reset').at) / 1000);
    expect(p.security.passwordReset).toBe(t0);
    expect(p.security.contactChange).toBe(t0 + 60);
    expect(p.security.mfaDisabled).toBe(t0 + 120);
    expect(p.security.sim).toEqual([t0 + 180, 'esim', 'online', 1]);
  });

  it('locks on a not_me report, forgets last week’s devices, and unlocks', () => {
    const p = build([login(-30 * D), login(-H, { device: { id: 'dev-thief' } }), report(0, 'not_me')]);
    expect(p.lock?.[1]).toBe('not_me');
    expect(p.devices.map((d) => d[0])).toHaveLength(1);
    expect(unlockProfile(p).lock).toBeNull();
    expect(build([report(0, 'phishing_message')]).lock).toBeNull();
  });

  it('is not changed by an update (immutable)', () => {
    const p = build([login(0), charge(1, 500, 'm_a', 'other')]);
    const snapshot = JSON.stringify(p);
    updateProfile(p, charge(2, 900, 'm_b', 'game'), DEFAULT_POLICY);
    updateProfile(p, report(3, 'lost_phone'), DEFAULT_POLICY);
    expect(JSON.stringify(p)).toBe(snapshot);
  });

  it('keys networks by ASN, else by address prefix', () => {
    expect(networkKey({ ip: '1.2.3.4', asn: 9605 })).toBe('a9605');
    expect(networkKey({ ip: '1.2.3.4' })).toBe('1.2');
    expect(networkKey({ ip: '2001:db8:1::1' })).toBe('6:2001:db8');
  });

  it('starts empty', () => {
    const p = emptyProfile('acc_1');
    expect(p).toMatchObject({ account: 'acc_1', devices: [], lock: null, since: 0 });
    expect(PHONE.id).toBeTruthy();
  });
});
