/**
 * Lifting the emergency lock with a passkey (issue 5: "unlocking needs step-up (passkey or
 * TOTP)"): POST /api/account/unlock/passkey/options gives a challenge for the caller's own
 * passkeys registered before the lock, and POST /api/account/unlock takes the assertion. The same
 * rules as the TOTP unlock: a factor added after the lock cannot lift it, each challenge works
 * once and expires, only the caller's own credentials count, attempts are rate-limited, and the
 * unlock is audited with method `passkey`. A software authenticator stands in for the browser
 * (src/accounts/soft-authenticator.ts). SQLite and (when it answers) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { b64url, SoftAuthenticator, userHandleOf } from '../../accounts/soft-authenticator.ts';
import { listAuditRows, listLocks, type OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import {
  buildSubscriberTestApp,
  chargeEvent,
  type SubscriberTestApp,
  TestClient,
} from '../../subscriber/test-support.ts';

const pgAvailable = await postgresAvailable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`passkey unlock on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: SubscriberTestApp;
    let n = 0;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildSubscriberTestApp(opened.db);
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    /** A signed-in subscriber; account `acc_<name>`. */
    async function subscriber(app = t.app) {
      const name = `pku${++n}${dialect}`;
      const c = new TestClient(app);
      const res = await c.signUp(`${name}@example.jp`);
      expect(res.statusCode).toBe(201);
      return { c, email: `${name}@example.jp`, account: `acc_${name}`, userId: res.json().user.id as string };
    }

    /** Registers a passkey for the signed-in client through the accounts API. */
    async function addPasskey(c: TestClient, name = 'iPhone') {
      const device = new SoftAuthenticator();
      const options = (await c.post('/api/account/passkeys/register/options')).json();
      const res = await c.post('/api/account/passkeys/register/verify', {
        response: device.register(options),
        name,
      });
      expect(res.statusCode).toBe(201);
      return device;
    }

    /** One-tap lock (which signs every session out), then a password sign-in again. */
    async function lockAndSignInAgain(c: TestClient, email: string) {
      t.clock.now += 60_000;
      expect((await c.post('/api/account/lock')).json().locked).toBe(true);
      t.clock.now += 60_000;
      expect((await c.signIn(email)).json().status).toBe('signed_in');
    }

    const activeLocks = async (account: string) =>
      (await listLocks(t.db, 'default', account)).filter((l) => l.unlockedAtMs === null);

    it('a passkey registered before the lock lifts it; audited with method passkey', async () => {
      const { c, email, account, userId } = await subscriber();
      const device = await addPasskey(c);
      await lockAndSignInAgain(c, email);

      const state = (await c.get('/api/account/lock')).json();
      expect(state).toMatchObject({ locked: true, canUnlock: true, unlockMethods: ['passkey'] });

      const options = await c.post('/api/account/unlock/passkey/options');
      expect(options.statusCode).toBe(200);
      const o = options.json();
      expect(o.userVerification).toBe('required');
      expect(o.allowCredentials.map((x: { id: string }) => x.id)).toEqual([b64url(device.credentialId)]);

      const res = await c.post('/api/account/unlock?lang=en', {
        response: device.authenticate(o, userHandleOf(userId)),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ unlocked: true, locksLifted: 1 });
      expect(res.json().message).toMatch(/lock is lifted/);
      expect(await activeLocks(account)).toEqual([]);
      expect((await c.get('/api/account/lock')).json().locked).toBe(false);

      const audit = (await listAuditRows(t.db, {})).filter(
        (r) => r.action === 'account.unlock' && r.subject === account,
      );
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]?.data ?? '{}')).toMatchObject({
        userId,
        method: 'passkey',
        passkeyId: b64url(device.credentialId),
        locksLifted: 1,
      });
      const [pk] = (await c.get('/api/account/passkeys')).json().passkeys;
      expect(pk.lastUsedAt).not.toBeNull();
      // The engine no longer refuses for the lock.
      const [charge] = await t.seed([chargeEvent(account, t.clock.now, 0, 300)]);
      expect(charge?.reasons.map((r) => r.rule)).not.toContain('account_locked');
    });

    it('a replayed assertion is refused: each challenge works once', async () => {
      const { c, email, account, userId } = await subscriber();
      const device = await addPasskey(c);
      await lockAndSignInAgain(c, email);
      const o = (await c.post('/api/account/unlock/passkey/options')).json();
      const response = device.authenticate(o, userHandleOf(userId));
      expect((await c.post('/api/account/unlock', { response })).statusCode).toBe(200);

      // Locked again: the assertion that lifted the first lock cannot lift this one.
      await lockAndSignInAgain(c, email);
      const replay = await c.post('/api/account/unlock', { response });
      expect(replay.statusCode).toBe(400);
      expect(replay.json().error.code).toBe('passkey_challenge_invalid');
      expect(await activeLocks(account)).toHaveLength(1);
    });

    it('a passkey registered after the lock cannot lift it', async () => {
      // Only a passkey added after the lock: no challenge is given at all.
      const late = await subscriber();
      await lockAndSignInAgain(late.c, late.email);
      await addPasskey(late.c, 'new phone');
      expect((await late.c.get('/api/account/lock')).json()).toMatchObject({
        locked: true,
        canUnlock: false,
        unlockMethods: [],
      });
      const refused = await late.c.post('/api/account/unlock/passkey/options');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('step_up_too_recent');

      // An old passkey and a new one: the challenge names the old one only, and the new one's
      // assertion (say, the attacker's, made for that challenge anyway) is refused.
      const { c, email, account, userId } = await subscriber();
      const old = await addPasskey(c, 'old phone');
      await lockAndSignInAgain(c, email);
      const fresh = await addPasskey(c, 'attacker phone');
      const o = (await c.post('/api/account/unlock/passkey/options')).json();
      expect(o.allowCredentials.map((x: { id: string }) => x.id)).toEqual([b64url(old.credentialId)]);
      const res = await c.post('/api/account/unlock', {
        response: fresh.authenticate(o, userHandleOf(userId)),
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('step_up_too_recent');
      expect(await activeLocks(account)).toHaveLength(1);
    });

    it('another user’s passkey is refused, and so is another user’s challenge', async () => {
      const alice = await subscriber();
      await addPasskey(alice.c);
      const bob = await subscriber();
      const bobDevice = await addPasskey(bob.c);
      await lockAndSignInAgain(alice.c, alice.email);

      // Bob's authenticator answers Alice's challenge: with his own handle or claiming hers.
      for (const handle of [userHandleOf(bob.userId), userHandleOf(alice.userId)]) {
        const o = (await alice.c.post('/api/account/unlock/passkey/options')).json();
        const res = await alice.c.post('/api/account/unlock', {
          response: bobDevice.authenticate(o, handle),
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('passkey_invalid');
      }
      expect(await activeLocks(alice.account)).toHaveLength(1);

      // Bob locks too; a challenge issued to Alice is no good in Bob's session.
      await lockAndSignInAgain(bob.c, bob.email);
      const aliceChallenge = (await alice.c.post('/api/account/unlock/passkey/options')).json();
      const crossed = await bob.c.post('/api/account/unlock', {
        response: bobDevice.authenticate(aliceChallenge, userHandleOf(bob.userId)),
      });
      expect(crossed.json().error.code).toBe('passkey_challenge_invalid');
      expect(await activeLocks(bob.account)).toHaveLength(1);
    });

    it('a sign-in challenge, a made-up one, an expired one or a phishing origin does not unlock', async () => {
      const { c, email, account, userId } = await subscriber();
      const device = await addPasskey(c);
      await lockAndSignInAgain(c, email);
      const handle = userHandleOf(userId);

      const signInOptions = (await c.post('/api/auth/passkey/options')).json();
      const signInChallenge = await c.post('/api/account/unlock', {
        response: device.authenticate(signInOptions, handle),
      });
      expect(signInChallenge.json().error.code).toBe('passkey_challenge_invalid');

      const madeUp = await c.post('/api/account/unlock', {
        response: device.authenticate({ challenge: b64url(new Uint8Array(32).fill(7)) }, handle),
      });
      expect(madeUp.json().error.code).toBe('passkey_challenge_invalid');

      const o1 = (await c.post('/api/account/unlock/passkey/options')).json();
      t.clock.now += 5 * 60_000 + 1;
      const expired = await c.post('/api/account/unlock', { response: device.authenticate(o1, handle) });
      expect(expired.json().error.code).toBe('passkey_challenge_invalid');

      const o2 = (await c.post('/api/account/unlock/passkey/options')).json();
      const phish = await c.post('/api/account/unlock', {
        response: device.authenticate(o2, handle, 'https://mamori-unlock.example'),
      });
      expect(phish.statusCode).toBe(400);
      expect(phish.json().error.code).toBe('passkey_invalid');
      expect(await activeLocks(account)).toHaveLength(1);
    });

    it('no lock → 409; no passkey → 403 step_up_unavailable; the TOTP body still answers as before', async () => {
      const { c, email } = await subscriber();
      await lockAndSignInAgain(c, email);
      const unavailable = await c.post('/api/account/unlock/passkey/options');
      expect(unavailable.statusCode).toBe(403);
      expect(unavailable.json().error.code).toBe('step_up_unavailable');
      const code = await c.post('/api/account/unlock', { code: '123456' });
      expect(code.json().error.code).toBe('step_up_unavailable');
      expect((await c.post('/api/account/unlock', { code: 'abc' })).json().error).toEqual({
        code: 'invalid_request',
        message: '入力内容を確認してください: code',
      });

      const other = await subscriber();
      await addPasskey(other.c);
      const notLocked = await other.c.post('/api/account/unlock/passkey/options');
      expect(notLocked.statusCode).toBe(409);
      expect(notLocked.json().error.code).toBe('not_locked');
    });

    it('passkey challenges are rate-limited per session, as codes are', async () => {
      const limited = await buildSubscriberTestApp(opened.db, {
        unlockRateLimit: { max: 2, timeWindowMs: 60_000 },
      });
      try {
        const { c } = await subscriber(limited.app);
        await c.post('/api/account/unlock/passkey/options');
        await c.post('/api/account/unlock/passkey/options');
        const third = await c.post('/api/account/unlock/passkey/options');
        expect(third.statusCode).toBe(429);
        expect(third.json().error.code).toBe('rate_limited');
      } finally {
        await limited.app.close();
      }
    });

    it('without webauthn settings the passkey route is absent and a passkey body unlocks nothing', async () => {
      const bare = await buildSubscriberTestApp(opened.db, { webauthn: undefined });
      try {
        const { c, email, userId } = await subscriber(bare.app);
        const device = await addPasskeyOn(c);
        bare.clock.now += 60_000;
        await c.post('/api/account/lock');
        await c.signIn(email);
        expect((await c.get('/api/account/lock')).json().unlockMethods).toEqual([]);
        expect((await c.post('/api/account/unlock/passkey/options')).statusCode).toBe(404);
        const res = await c.post('/api/account/unlock', {
          response: device.authenticate({ challenge: b64url(new Uint8Array(32)) }, userHandleOf(userId)),
        });
        expect(res.json().error.code).toBe('step_up_unavailable');
      } finally {
        await bare.app.close();
      }

      // The accounts plugin of that app still registers passkeys (its own webauthn settings).
      async function addPasskeyOn(c: TestClient) {
        const device = new SoftAuthenticator();
        const options = (await c.post('/api/account/passkeys/register/options')).json();
        await c.post('/api/account/passkeys/register/verify', { response: device.register(options) });
        return device;
      }
    });
  });
}
