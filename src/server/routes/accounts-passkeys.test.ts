/**
 * Passkeys through the accounts API. No browser here: a small software authenticator
 * (src/accounts/soft-authenticator.ts: P-256 key, attestation format `none`, WebAuthn §6.1
 * authenticator data built by hand) stands in for one, so registration and sign-in are verified
 * end to end by @simplewebauthn/server. What this does not cover: real platform authenticators,
 * attestation formats other than `none`, and the browser's own origin/rpID checks (the browser
 * test test/e2e/passkeys-sessions.test.ts does). SQLite and (when it answers) PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64url, SoftAuthenticator } from '../../accounts/soft-authenticator.ts';
import { buildTestApp, TEST_RP_ID, type TestApp, TestClient } from '../../accounts/test-support.ts';
import type { OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';

const pgAvailable = await postgresAvailable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`passkeys on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: TestApp;
    let n = 0;
    const email = () => `pk${++n}.${dialect}@example.jp`;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildTestApp(opened.db);
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    async function registered() {
      const c = new TestClient(t.app);
      const user = (await c.signUp(email())).json().user as { id: string; email: string };
      const device = new SoftAuthenticator();
      const options = (await c.post('/api/account/passkeys/register/options')).json();
      const res = await c.post('/api/account/passkeys/register/verify', {
        response: device.register(options),
        name: 'Pixel',
      });
      expect(res.statusCode).toBe(201);
      return { c, user, device, passkey: res.json().passkey as { id: string; name: string } };
    }

    it('registration options name our RP and user handle, and exclude existing passkeys', async () => {
      const { c, user, device } = await registered();
      const options = (await c.post('/api/account/passkeys/register/options')).json();
      expect(options.rp).toEqual({ id: TEST_RP_ID, name: 'Mamori' });
      expect(options.user.id).toBe(Buffer.from(user.id).toString('base64url'));
      expect(options.user.name).toBe(user.email);
      expect(options.authenticatorSelection).toMatchObject({
        residentKey: 'required',
        userVerification: 'required',
      });
      expect(options.excludeCredentials.map((x: { id: string }) => x.id)).toEqual([
        b64url(device.credentialId),
      ]);
      expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('registers a passkey and lists it', async () => {
      const { c, device, passkey } = await registered();
      expect(passkey).toMatchObject({ id: b64url(device.credentialId), name: 'Pixel' });
      const list = (await c.get('/api/account/passkeys')).json().passkeys;
      expect(list).toHaveLength(1);
      expect(list[0]).toMatchObject({
        id: passkey.id,
        transports: ['internal'],
        deviceType: 'singleDevice',
        backedUp: false,
      });
      expect((await c.get('/api/account/me')).json().passkeys).toBe(1);
      expect(t.events.some((e) => e.type === 'passkey_added' && e.passkeyId === passkey.id)).toBe(true);
    });

    it('signs in with the passkey (no password, no TOTP) and updates the counter', async () => {
      const { user, device } = await registered();
      const c = new TestClient(t.app);
      await c.fetchCsrf();
      const options = (await c.post('/api/auth/passkey/options')).json();
      expect(options.rpId).toBe(TEST_RP_ID);
      expect(options.userVerification).toBe('required');
      const res = await c.post('/api/auth/passkey/verify', {
        response: device.authenticate(options, Buffer.from(user.id).toString('base64url')),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'signed_in', user: { id: user.id } });
      expect((await c.get('/api/account/me')).statusCode).toBe(200);
      const [pk] = (await c.get('/api/account/passkeys')).json().passkeys;
      expect(pk.lastUsedAt).not.toBeNull();
      expect(
        t.events.some(
          (e) => e.type === 'sign_in_succeeded' && e.method === 'passkey' && e.userId === user.id,
        ),
      ).toBe(true);
    });

    it('each challenge works once: a replayed assertion is refused', async () => {
      const { user, device } = await registered();
      const c = new TestClient(t.app);
      await c.fetchCsrf();
      const options = (await c.post('/api/auth/passkey/options')).json();
      const response = device.authenticate(options, Buffer.from(user.id).toString('base64url'));
      expect((await c.post('/api/auth/passkey/verify', { response })).statusCode).toBe(200);
      const again = await new TestClient(t.app)
        .fetchCsrf()
        .then(() => c.post('/api/auth/passkey/verify', { response }));
      expect(again.statusCode).toBe(400);
      expect(again.json().error.code).toBe('passkey_challenge_invalid');
    });

    it('refuses an assertion from the wrong origin, with a made-up challenge, or for a mismatched user', async () => {
      const { user, device } = await registered();
      const c = new TestClient(t.app);
      await c.fetchCsrf();
      const handle = Buffer.from(user.id).toString('base64url');

      const o1 = (await c.post('/api/auth/passkey/options')).json();
      const phish = await c.post('/api/auth/passkey/verify', {
        response: device.authenticate(o1, handle, 'https://mamori-login.example'),
      });
      expect(phish.statusCode).toBe(400);
      expect(phish.json().error.code).toBe('passkey_invalid');

      const madeUp = await c.post('/api/auth/passkey/verify', {
        response: device.authenticate({ challenge: b64url(randomBytes(32)) }, handle),
      });
      expect(madeUp.json().error.code).toBe('passkey_challenge_invalid');

      const o2 = (await c.post('/api/auth/passkey/options')).json();
      const other = await c.post('/api/auth/passkey/verify', {
        response: device.authenticate(o2, Buffer.from('usr_someoneelse').toString('base64url')),
      });
      expect(other.json().error.code).toBe('passkey_invalid');
      expect((await c.get('/api/account/me')).statusCode).toBe(401);
    });

    it('a registration challenge cannot be used by another user, nor for sign-in', async () => {
      const alice = new TestClient(t.app);
      await alice.signUp(email());
      const bob = new TestClient(t.app);
      await bob.signUp(email());
      const aliceOptions = (await alice.post('/api/account/passkeys/register/options')).json();
      const res = await bob.post('/api/account/passkeys/register/verify', {
        response: new SoftAuthenticator().register(aliceOptions),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('passkey_challenge_invalid');
    });

    it('a removed passkey no longer signs in', async () => {
      const { c, user, device, passkey } = await registered();
      expect((await c.delete(`/api/account/passkeys/${passkey.id}`)).statusCode).toBe(204);
      const d = new TestClient(t.app);
      await d.fetchCsrf();
      const options = (await d.post('/api/auth/passkey/options')).json();
      const res = await d.post('/api/auth/passkey/verify', {
        response: device.authenticate(options, Buffer.from(user.id).toString('base64url')),
      });
      expect(res.json().error.code).toBe('passkey_invalid');
    });

    it('passkey routes need CSRF and, for registration, a session', async () => {
      const c = new TestClient(t.app);
      expect((await c.post('/api/auth/passkey/options')).json().error.code).toBe('csrf_invalid');
      await c.fetchCsrf();
      expect((await c.post('/api/account/passkeys/register/options')).statusCode).toBe(401);
    });

    it('without webauthn settings the passkey ceremony routes are absent', async () => {
      const bare = await buildTestApp(opened.db, { webauthn: undefined });
      try {
        const c = new TestClient(bare.app);
        await c.fetchCsrf();
        expect((await c.post('/api/auth/passkey/options')).statusCode).toBe(404);
      } finally {
        await bare.app.close();
      }
    });
  });
}
