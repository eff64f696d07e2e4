/** Unit tests of the accounts building blocks (no HTTP, no database). */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.ts';
import {
  accountsError,
  challengeOf,
  checkPasswordStrength,
  hashPassword,
  hashRecoveryCode,
  matchTotp,
  newRecoveryCode,
  newSessionToken,
  newTotpSecret,
  normalizeEmail,
  parseAccountsSettings,
  readCookie,
  signUpBodySchema,
  totpCode,
  verifyPassword,
} from './index.ts';

const CHEAP = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

describe('passwords', () => {
  it('hashes with argon2id and a random salt, and verifies', async () => {
    const a = await hashPassword('correct horse', CHEAP);
    const b = await hashPassword('correct horse', CHEAP);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse')).toBe(true);
    expect(await verifyPassword(a, 'correct horsE')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('uses OWASP argon2id parameters by default', async () => {
    expect(await hashPassword('x')).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('scores with Japanese dictionaries and feedback', () => {
    const weak = checkPasswordStrength('sakura123', [], 'ja');
    expect(weak.acceptable).toBe(false);
    expect(weak.warning).toBe('一般的な名前は推測されやすくなります');
    expect(weak.suggestions).toContain('一般的ではない単語を増やしてください');
    expect(checkPasswordStrength('sakura123', [], 'en').warning).toBe(
      'Common names and surnames are easy to guess.',
    );
    expect(checkPasswordStrength('kawa-sakana-hikari-73-sora!', [], 'ja').acceptable).toBe(true);
    expect(checkPasswordStrength('suzukiichiro', ['suzukiichiro@example.jp'], 'ja').acceptable).toBe(false);
  });
});

describe('tokens and codes', () => {
  it('session tokens are 256-bit base64url', () => {
    expect(newSessionToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSessionToken()).not.toBe(newSessionToken());
  });

  it('recovery codes ignore case, spaces, hyphens and O/0, I/L/1 confusion', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(hashRecoveryCode(code.toLowerCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode('0000-1111-AAAA-BBBB')).toBe(hashRecoveryCode('oooo-IlIl-aaaa-bbbb'));
    expect(hashRecoveryCode('0000-1111-AAAA-BBBB')).not.toBe(hashRecoveryCode('0000-1111-AAAA-BBBC'));
  });

  it('reads one cookie from a header', () => {
    expect(readCookie('a=1; mamori_session=abc_-; b=2', 'mamori_session')).toBe('abc_-');
    expect(readCookie('a=1', 'mamori_session')).toBeUndefined();
    expect(readCookie(undefined, 'x')).toBeUndefined();
  });

  it('reads the challenge from clientDataJSON', () => {
    const cd = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge: 'abc' })).toString('base64url');
    expect(challengeOf(cd)).toBe('abc');
    expect(challengeOf('!!!')).toBeUndefined();
  });
});

describe('TOTP', () => {
  it('matches the RFC 6238 SHA-1 vector and returns the time step', async () => {
    // RFC 6238 Appendix B: secret "12345678901234567890" (base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ), T=59 s → 94287082 (8 digits) → 287082.
    const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(await totpCode(secret, 59_000)).toBe('287082');
    expect(await matchTotp(secret, '287082', 59_000)).toBe(1);
    expect(await matchTotp(secret, '287082', 59_000 + 10 * 60_000)).toBeNull();
  });

  it('accepts the neighbouring step for clock drift', async () => {
    const secret = newTotpSecret();
    const t = 1_800_000_000_000;
    expect(await matchTotp(secret, await totpCode(secret, t - 30_000), t)).not.toBeNull();
    expect(await matchTotp(secret, await totpCode(secret, t - 90_000), t)).toBeNull();
  });
});

describe('schemas and settings', () => {
  it('normalises e-mail addresses (full-width, case, spaces)', () => {
    expect(normalizeEmail(' Ｈａｎａｋｏ@Example.JP ')).toBe('hanako@example.jp');
    expect(signUpBodySchema.safeParse({ email: 'x', password: 'y' }).success).toBe(false);
    expect(signUpBodySchema.parse({ email: 'A@B.jp', password: 'y' }).email).toBe('a@b.jp');
  });

  it('fills defaults, freezes, and lists every problem in one ConfigError', () => {
    const s = parseAccountsSettings({ cookieSecret: 'x'.repeat(32) });
    expect(s.lockout).toEqual({ maxFailures: 5, windowMs: 900_000, lockMs: 900_000 });
    expect(Object.isFrozen(s.lockout)).toBe(true);
    try {
      parseAccountsSettings({ cookieSecret: 'short', webauthn: { rpID: 'x', origin: 'not a url' } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(
        /cookieSecret: must be at least 32 characters.*webauthn\.origin/,
      );
    }
  });

  it('errors carry code, status and a message in the asked language', () => {
    const ja = accountsError('account_locked', 'ja', { minutes: 15 });
    expect(ja).toMatchObject({ code: 'account_locked', status: 429 });
    expect(ja.message).toContain('15分ほど');
    expect(accountsError('forbidden', 'en').message).toBe('You do not have permission to do this.');
  });
});
