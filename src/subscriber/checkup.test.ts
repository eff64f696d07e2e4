import { describe, expect, it } from 'vitest';
import { CHECK_WEIGHTS, type CheckupInput, securityCheckup } from './checkup.ts';

const NOW = Date.parse('2026-11-25T14:00:00+09:00');
const DAY = 86_400_000;

/** Everything in order: TOTP with codes, a passkey, a limit, two devices, nothing recent. */
const good: CheckupInput = {
  nowMs: NOW,
  totpEnabled: true,
  recoveryCodesLeft: 10,
  passkeys: 1,
  passwordChangedAtMs: NOW - 100 * DAY,
  activeSessions: 2,
  devices: 2,
  recentChanges: [],
  monthlyLimit: 30_000,
  locked: false,
};

describe('securityCheckup', () => {
  it('weights add up to 100', () => {
    expect(Object.values(CHECK_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('scores 100 with no next action when everything is in order', () => {
    const c = securityCheckup(good, 'ja');
    expect(c.score).toBe(100);
    expect(c.nextAction).toBeNull();
    expect(c.checks.every((x) => x.status === 'ok')).toBe(true);
    expect(c.checks.find((x) => x.id === 'monthly_limit')?.message).toContain('30,000円');
  });

  it('a fresh account: password only — low score, next action is TOTP', () => {
    const c = securityCheckup(
      { ...good, totpEnabled: false, recoveryCodesLeft: 0, passkeys: 0, monthlyLimit: null, devices: 1 },
      'en',
    );
    // password 10 + devices 10 + recent changes 10
    expect(c.score).toBe(30);
    expect(c.nextAction?.id).toBe('totp');
    expect(c.nextAction?.message).toMatch(/authenticator app/);
    expect(c.checks.find((x) => x.id === 'recovery_codes')?.status).toBe('not_applicable');
  });

  it('offers the passkey, then the limit, as TOTP and passkey are added', () => {
    expect(securityCheckup({ ...good, passkeys: 0 }).nextAction?.id).toBe('passkey');
    expect(securityCheckup({ ...good, monthlyLimit: null }).nextAction?.id).toBe('monthly_limit');
    expect(securityCheckup({ ...good, monthlyLimit: null }).score).toBe(85);
  });

  it('a risky change in the last 30 days asks for a review; an older one or a harmless one does not', () => {
    const recent = securityCheckup({
      ...good,
      recentChanges: [{ kind: 'sim_reissued', atMs: NOW - 2 * DAY }],
    });
    expect(recent.score).toBe(95);
    expect(recent.nextAction?.id).toBe('recent_changes');
    expect(recent.checks.find((x) => x.id === 'recent_changes')?.message).toContain('1件');
    expect(
      securityCheckup({ ...good, recentChanges: [{ kind: 'sim_reissued', atMs: NOW - 40 * DAY }] }).score,
    ).toBe(100);
    expect(
      securityCheckup({ ...good, recentChanges: [{ kind: 'mfa_enabled', atMs: NOW - DAY }] }).score,
    ).toBe(100);
  });

  it('many devices and few recovery codes lose points', () => {
    const c = securityCheckup({ ...good, devices: 6, activeSessions: 7, recoveryCodesLeft: 1 });
    expect(c.score).toBe(100 - 5 - 3);
    expect(c.nextAction?.id).toBe('recovery_codes');
    expect(
      securityCheckup({ ...good, recoveryCodesLeft: 0 }).checks.find((x) => x.id === 'recovery_codes')
        ?.status,
    ).toBe('action');
  });

  it('an old password costs points only when it is the only factor (NIST SP 800-63B: no periodic changes)', () => {
    const old = NOW - 4 * 365 * DAY;
    expect(securityCheckup({ ...good, passwordChangedAtMs: old }).score).toBe(100);
    const only = securityCheckup({ ...good, passwordChangedAtMs: old, totpEnabled: false, passkeys: 0 });
    expect(only.checks.find((x) => x.id === 'password')?.status).toBe('warn');
  });

  it('says when the password was set in words people use (今日, not 0日前)', () => {
    const today = securityCheckup({ ...good, passwordChangedAtMs: NOW - 3 * 3_600_000 });
    expect(today.checks.find((x) => x.id === 'password')?.message).toBe('パスワードは今日設定されました。');
    const older = securityCheckup({ ...good, passwordChangedAtMs: NOW - 12 * DAY });
    expect(older.checks.find((x) => x.id === 'password')?.message).toBe(
      'パスワードは12日前に設定されました。',
    );
  });

  it('a locked account: the next action is to check and unlock, whatever the score', () => {
    const c = securityCheckup({ ...good, locked: true, passkeys: 0 });
    expect(c.nextAction?.id).toBe('unlock');
    expect(c.score).toBe(80);
  });

  it('stays within 0–100 and is deterministic', () => {
    for (const totpEnabled of [true, false]) {
      for (const passkeys of [0, 3]) {
        for (const devices of [0, 10]) {
          const input = { ...good, totpEnabled, passkeys, devices, recoveryCodesLeft: 0, monthlyLimit: null };
          const a = securityCheckup(input);
          expect(a.score).toBeGreaterThanOrEqual(0);
          expect(a.score).toBeLessThanOrEqual(100);
          expect(securityCheckup(input)).toEqual(a);
        }
      }
    }
  });
});
