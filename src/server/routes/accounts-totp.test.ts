/**
 * TOTP through the accounts API: enrolment (URI + secret, confirm → 10 recovery codes), the
 * second sign-in step, replayed codes, recovery codes used once, lockout counting second-step
 * failures, and disabling with a current code. SQLite and (when it answers) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../accounts/index.ts';
import { buildTestApp, type TestApp, TestClient } from '../../accounts/test-support.ts';
import type { OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';

const pgAvailable = await postgresAvailable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`TOTP on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: TestApp;
    let n = 0;
    const email = () => `totp${++n}.${dialect}@example.jp`;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildTestApp(opened.db);
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    /** The next 30-second step, so a new code is not a replay of the last one. */
    const nextStep = () => {
      t.clock.now += 30_000;
    };

    async function enrolled() {
      const address = email();
      const c = new TestClient(t.app);
      await c.signUp(address);
      const setup = await c.post('/api/account/totp/setup');
      expect(setup.statusCode).toBe(200);
      const { secret, uri } = setup.json() as { secret: string; uri: string };
      const confirm = await c.post('/api/account/totp/confirm', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(confirm.statusCode).toBe(200);
      const recoveryCodes = confirm.json().recoveryCodes as string[];
      await c.post('/api/auth/sign-out');
      return { address, secret, uri, recoveryCodes };
    }

    it('setup gives an otpauth URI and secret; confirm needs the right code and gives 10 recovery codes', async () => {
      const c = new TestClient(t.app);
      const address = email();
      await c.signUp(address);
      expect((await c.post('/api/account/totp/confirm', { code: '123456' })).json().error.code).toBe(
        'totp_setup_missing',
      );
      const setup = (await c.post('/api/account/totp/setup')).json() as { secret: string; uri: string };
      expect(setup.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.uri).toMatch(/^otpauth:\/\/totp\/Mamori:/);
      expect(setup.uri).toContain(`secret=${setup.secret}`);
      expect(decodeURIComponent(setup.uri)).toContain(address);

      const wrong = await c.post('/api/account/totp/confirm', { code: '000000' });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.code).toBe('totp_invalid');
      const malformed = await c.post('/api/account/totp/confirm', { code: 'abc' });
      expect(malformed.json().error.code).toBe('invalid_request');

      const code = await totpCode(setup.secret, t.clock.now);
      const ok = await c.post('/api/account/totp/confirm', { code: `${code.slice(0, 3)} ${code.slice(3)}` });
      expect(ok.statusCode).toBe(200);
      const codes = ok.json().recoveryCodes as string[];
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const rc of codes) expect(rc).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
      const me = (await c.get('/api/account/me')).json();
      expect(me.user.totpEnabled).toBe(true);
      expect(me.recoveryCodesLeft).toBe(10);
      expect((await c.post('/api/account/totp/setup')).json().error.code).toBe('totp_already_enabled');
      expect(t.events.some((e) => e.type === 'totp_enabled')).toBe(true);

      // Only hashes are stored.
      const stored = await opened.db
        .withTables<{ recovery_codes: { code_hash: string } }>()
        .selectFrom('recovery_codes')
        .select('code_hash')
        .execute();
      const hashes = stored.map((r) => r.code_hash).join(' ');
      for (const rc of codes) expect(hashes).not.toContain(rc.replace(/-/g, ''));
    });

    it('asks for a second step at sign-in; the half-signed-in session grants nothing', async () => {
      const { address, secret } = await enrolled();
      const c = new TestClient(t.app);
      const first = await c.signIn(address);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ status: 'second_factor_required', methods: ['totp', 'recovery_code'] });
      expect((await c.get('/api/account/me')).statusCode).toBe(401);

      nextStep();
      const second = await c.post('/api/auth/sign-in/second-factor', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(second.statusCode).toBe(200);
      expect(second.json()).toMatchObject({
        status: 'signed_in',
        user: { email: address, totpEnabled: true },
      });
      expect((await c.get('/api/account/me')).statusCode).toBe(200);
      expect(t.events.some((e) => e.type === 'sign_in_succeeded' && e.method === 'totp')).toBe(true);
    });

    it('refuses a replayed code (the same time step twice)', async () => {
      const { address, secret } = await enrolled();
      nextStep();
      const code = await totpCode(secret, t.clock.now);
      const a = new TestClient(t.app);
      await a.signIn(address);
      expect((await a.post('/api/auth/sign-in/second-factor', { code })).statusCode).toBe(200);

      const b = new TestClient(t.app);
      await b.signIn(address);
      const replay = await b.post('/api/auth/sign-in/second-factor', { code });
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error.code).toBe('totp_replayed');
      expect(replay.json().error.message).toContain('すでに使われています');

      nextStep();
      const fresh = await b.post('/api/auth/sign-in/second-factor', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(fresh.statusCode).toBe(200);
    });

    it('the code that confirmed enrolment cannot be replayed at sign-in', async () => {
      const c = new TestClient(t.app);
      const address = email();
      await c.signUp(address);
      const { secret } = (await c.post('/api/account/totp/setup')).json() as { secret: string };
      const code = await totpCode(secret, t.clock.now);
      await c.post('/api/account/totp/confirm', { code });
      const d = new TestClient(t.app);
      await d.signIn(address);
      expect((await d.post('/api/auth/sign-in/second-factor', { code })).json().error.code).toBe(
        'totp_replayed',
      );
    });

    it('a recovery code works once, in any case and spacing', async () => {
      const { address, recoveryCodes } = await enrolled();
      const rc = recoveryCodes[0] ?? '';
      const c = new TestClient(t.app);
      await c.signIn(address);
      const ok = await c.post('/api/auth/sign-in/second-factor', {
        recoveryCode: ` ${rc.toLowerCase().replace(/-/g, ' ')} `,
      });
      expect(ok.statusCode).toBe(200);
      expect((await c.get('/api/account/me')).json().recoveryCodesLeft).toBe(9);
      expect(t.events.some((e) => e.type === 'recovery_code_used')).toBe(true);

      const d = new TestClient(t.app);
      await d.signIn(address);
      const again = await d.post('/api/auth/sign-in/second-factor', { recoveryCode: rc });
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('recovery_code_invalid');
    });

    it('wrong second-step codes count towards the lockout', async () => {
      const { address, secret } = await enrolled();
      const c = new TestClient(t.app);
      await c.signIn(address);
      for (let i = 0; i < 4; i++) {
        expect((await c.post('/api/auth/sign-in/second-factor', { code: '000000' })).json().error.code).toBe(
          'totp_invalid',
        );
      }
      const fifth = await c.post('/api/auth/sign-in/second-factor', { code: '000000' });
      expect(fifth.statusCode).toBe(429);
      expect(fifth.json().error.code).toBe('account_locked');
      // The waiting sign-in is gone: a right code now needs a new sign-in, which is locked.
      nextStep();
      const late = await c.post('/api/auth/sign-in/second-factor', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(late.json().error.code).toBe('no_pending_sign_in');
      expect((await c.signIn(address)).json().error.code).toBe('account_locked');
    });

    it('the second step expires', async () => {
      const { address, secret } = await enrolled();
      const c = new TestClient(t.app);
      await c.signIn(address);
      t.clock.now += 5 * 60_000 + 1;
      const res = await c.post('/api/auth/sign-in/second-factor', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('no_pending_sign_in');
    });

    it('disabling needs a current code; then sign-in is one step again', async () => {
      const { address, secret } = await enrolled();
      const c = new TestClient(t.app);
      await c.signIn(address);
      nextStep();
      await c.post('/api/auth/sign-in/second-factor', { code: await totpCode(secret, t.clock.now) });
      expect((await c.post('/api/account/totp/disable', { code: '000000' })).json().error.code).toBe(
        'totp_invalid',
      );
      nextStep();
      const off = await c.post('/api/account/totp/disable', { code: await totpCode(secret, t.clock.now) });
      expect(off.statusCode).toBe(204);
      expect((await c.get('/api/account/me')).json()).toMatchObject({
        user: { totpEnabled: false },
        recoveryCodesLeft: 0,
      });
      expect(t.events.some((e) => e.type === 'totp_disabled')).toBe(true);
      const actions = (await opened.db.selectFrom('audit_log').select('action').execute()).map(
        (r) => r.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['mfa.enabled', 'mfa.disabled', 'auth.sign_in']));
      expect((await new TestClient(t.app).signIn(address)).json().status).toBe('signed_in');
      expect((await c.post('/api/account/totp/disable', { code: '123456' })).json().error.code).toBe(
        'totp_not_enabled',
      );
    });

    it('regenerates recovery codes with a current code; the old ones stop working', async () => {
      const { address, secret, recoveryCodes } = await enrolled();
      const c = new TestClient(t.app);
      await c.signIn(address);
      nextStep();
      await c.post('/api/auth/sign-in/second-factor', { code: await totpCode(secret, t.clock.now) });
      nextStep();
      const res = await c.post('/api/account/totp/recovery-codes', {
        code: await totpCode(secret, t.clock.now),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().recoveryCodes).toHaveLength(10);
      const d = new TestClient(t.app);
      await d.signIn(address);
      expect(
        (await d.post('/api/auth/sign-in/second-factor', { recoveryCode: recoveryCodes[1] })).statusCode,
      ).toBe(400);
      expect(
        (await d.post('/api/auth/sign-in/second-factor', { recoveryCode: res.json().recoveryCodes[1] }))
          .statusCode,
      ).toBe(200);
    });
  });
}
