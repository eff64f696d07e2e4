import { describe, expect, it } from 'vitest';
import type { Decision } from '../engine/index.ts';
import { type ActivityInputRow, buildActivity, currentMonthlyLimit, spentIn } from './activity.ts';
import { isoJapan } from './japan-time.ts';
import { securityChangesFrom } from './security-changes.ts';

const NOW = Date.parse('2026-11-25T14:00:00+09:00');
const DAY = 86_400_000;

function row(
  type: string,
  atMs: number,
  event: Record<string, unknown>,
  decision: Decision['decision'] | null,
): ActivityInputRow {
  const id = `e_${type}_${atMs}`;
  return {
    event: {
      id,
      type,
      at: isoJapan(atMs),
      atMs,
      event: { id, type, at: isoJapan(atMs), account: 'acc_a', ...event },
    },
    decision:
      decision === null
        ? null
        : {
            event: id,
            account: 'acc_a',
            decision,
            score: 0,
            reasons: [{ rule: 'r', points: 5, message: 'm' }],
            notice: null,
            case: null,
          },
  };
}

describe('buildActivity', () => {
  const rows = [
    row(
      'charge',
      NOW - 1 * 3_600_000,
      { amount: 50_000, merchant: { id: 'g', category: 'gift_card' }, funding: 'phone_bill' },
      'hold',
    ),
    row(
      'login',
      NOW - 2 * 3_600_000,
      {
        result: 'success',
        method: 'password',
        device: { id: 'd1', platform: 'ios', ua: 'UA' },
        network: { ip: '1.2.3.4', country: 'JP', asn: 9605, kind: 'mobile' },
        label: { fraud: true, scenario: 'secret' },
      },
      'allow',
    ),
    row(
      'card_change',
      NOW - DAY,
      { action: 'add', card: { bin: '453201', last4: '4242', issuer: 'X' } },
      'challenge',
    ),
    row(
      'charge',
      NOW - 2 * DAY,
      { amount: 1200, merchant: { id: 'a', name: 'App', category: 'app_store' }, funding: 'phone_bill' },
      'allow',
    ),
    row(
      'charge',
      NOW - 2 * DAY - 60_000,
      { amount: 300, merchant: { id: 'a', category: 'app_store' }, funding: 'phone_bill' },
      'challenge',
    ),
  ];
  const view = buildActivity({ rows, sinceMs: NOW - 7 * DAY, nowMs: NOW });

  it('lists sign-ins with device, network and country, and never the evaluation label', () => {
    expect(view.signIns).toHaveLength(1);
    expect(view.signIns[0]).toMatchObject({
      result: 'success',
      device: { platform: 'ios', userAgent: 'UA' },
      network: { ip: '1.2.3.4', country: 'JP', asn: 9605, kind: 'mobile' },
      country: 'JP',
      decision: { decision: 'allow' },
    });
    expect(JSON.stringify(view)).not.toContain('secret');
    expect(JSON.stringify(view)).not.toContain('453201');
  });

  it('charges carry their status; card changes show only last 4 and issuer', () => {
    expect(view.charges.map((c) => c.status)).toEqual(['held', 'allowed', 'step_up']);
    expect(view.cardChanges[0]?.card).toEqual({ last4: '4242', issuer: 'X' });
  });

  it('spending per Japan-time day covers the whole window, zero days included', () => {
    expect(view.spendingPerDay).toHaveLength(8);
    expect(view.spendingPerDay[0]?.date).toBe('2026-11-18');
    expect(view.spendingPerDay.at(-1)).toEqual({ date: '2026-11-25', spent: 0, blocked: 50_000, charges: 1 });
    expect(view.spendingPerDay.find((d) => d.date === '2026-11-23')).toEqual({
      date: '2026-11-23',
      spent: 1500,
      blocked: 0,
      charges: 2,
    });
    expect(view.totals).toEqual({ spent: 1500, blocked: 50_000 });
  });

  it('a charge at 23:30 UTC falls on the next Japan-time day', () => {
    const at = Date.parse('2026-11-24T23:30:00Z'); // 08:30 on the 25th in Japan
    const v = buildActivity({
      rows: [
        row(
          'charge',
          at,
          { amount: 100, merchant: { id: 'a', category: 'other' }, funding: 'phone_bill' },
          'allow',
        ),
      ],
      sinceMs: NOW - DAY,
      nowMs: NOW,
    });
    expect(v.spendingPerDay.find((d) => d.spent === 100)?.date).toBe('2026-11-25');
  });
});

describe('currentMonthlyLimit and spentIn', () => {
  it('the newest limit let through is in force; a newer held one is pending', () => {
    const rows = [
      row('limit_change', NOW - 1000, { monthly_limit: 100_000 }, 'hold'),
      row('limit_change', NOW - 2000, { monthly_limit: 20_000 }, 'allow'),
      row('limit_change', NOW - 3000, { monthly_limit: 5_000 }, 'allow'),
    ];
    expect(currentMonthlyLimit(rows)).toEqual({
      monthlyLimit: 20_000,
      setAt: isoJapan(NOW - 2000),
      pending: { monthlyLimit: 100_000, at: isoJapan(NOW - 1000), decision: 'hold' },
    });
    expect(currentMonthlyLimit([])).toEqual({ monthlyLimit: null, setAt: null, pending: null });
  });

  it('spentIn counts only charges that went ahead', () => {
    const rows = [
      row('charge', NOW, { amount: 1000 }, 'allow'),
      row('charge', NOW - 1, { amount: 2000 }, 'challenge'),
      row('charge', NOW - 2, { amount: 4000 }, 'hold'),
      row('charge', NOW - 3, { amount: 8000 }, 'lock'),
    ];
    expect(spentIn(rows)).toBe(3000);
  });
});

describe('securityChangesFrom', () => {
  it('maps engine events and audit actions, newest first, once per change', () => {
    const changes = securityChangesFrom({
      events: [
        { type: 'sim_reissue', atMs: NOW - DAY, event: { kind: 'esim' } },
        { type: 'mfa_change', atMs: NOW - 2 * DAY, event: { action: 'enabled' } },
        { type: 'password_change', atMs: NOW - 3 * DAY, event: { via: 'reset' } },
        { type: 'login', atMs: NOW, event: {} },
      ],
      audit: [
        { action: 'mfa.enabled', atMs: NOW - 2 * DAY + 30_000 },
        { action: 'passkey.added', atMs: NOW - 10 },
        { action: 'auth.sign_in', atMs: NOW },
      ],
    });
    expect(changes.map((c) => c.kind)).toEqual([
      'passkey_added',
      'sim_reissued',
      'mfa_enabled',
      'password_reset',
    ]);
  });
});
