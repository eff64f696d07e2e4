/**
 * Authorisation of the subscriber API (issue 5 "Engineering": every API route has an
 * authorisation test). Another account's notice references and event ids answer 404 exactly like
 * unknown ones and change nothing; no session → 401; a missing or wrong CSRF token → 403; an
 * operator or a user without an account never reaches subscriber data; only the public lookup
 * needs no session. The route inventory is taken from the plugin itself, so a new route without
 * a row here fails the test. The passkey unlock takes a credential id in its body: another
 * account's credential is refused exactly like an unknown one. SQLite and (when it answers)
 * PostgreSQL.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../accounts/index.ts';
import { SoftAuthenticator, userHandleOf } from '../../accounts/soft-authenticator.ts';
import { createUser, findAccountNotice, listLocks, type OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import {
  STRONG_PASSWORD,
  TEST_COOKIE_SECRET,
  TEST_ORIGIN,
  TEST_RP_ID,
} from '../../subscriber/test-client.ts';
import {
  buildSubscriberTestApp,
  chargeEvent,
  insertNotice,
  loginEvent,
  type SubscriberTestApp,
  TestClient,
} from '../../subscriber/test-support.ts';
import { registerErrorHandler } from '../error-handler.ts';
import { subscriberRoutes } from './subscriber.ts';

const pgAvailable = await postgresAvailable();

type Method = 'GET' | 'POST';
interface RouteCase {
  method: Method;
  /** The path with the OTHER account's ids filled in (`{ref}`, `{eventId}`). */
  url: string;
  body?: (ids: { ref: string; eventId: string }) => unknown;
  /** Takes another account's id: must answer 404 like an unknown one. */
  idBearing?: boolean;
}

/** Every signed-in route of the plugin. */
const ROUTES: Record<string, RouteCase> = {
  'GET /api/notices': { method: 'GET', url: '/api/notices' },
  'GET /api/notices/:ref': { method: 'GET', url: '/api/notices/{ref}', idBearing: true },
  'POST /api/notices/:ref/read': { method: 'POST', url: '/api/notices/{ref}/read', idBearing: true },
  'GET /api/account/activity': { method: 'GET', url: '/api/account/activity' },
  'POST /api/account/not-me': {
    method: 'POST',
    url: '/api/account/not-me',
    body: (ids) => ({ eventId: ids.eventId }),
    idBearing: true,
  },
  'GET /api/account/lock': { method: 'GET', url: '/api/account/lock' },
  'POST /api/account/lock': { method: 'POST', url: '/api/account/lock' },
  'POST /api/account/unlock': {
    method: 'POST',
    url: '/api/account/unlock',
    body: () => ({ code: '123456' }),
  },
  'POST /api/account/unlock/passkey/options': { method: 'POST', url: '/api/account/unlock/passkey/options' },
  'GET /api/account/limit': { method: 'GET', url: '/api/account/limit' },
  'POST /api/account/limit': {
    method: 'POST',
    url: '/api/account/limit',
    body: () => ({ monthlyLimit: 1000 }),
  },
  'GET /api/account/checkup': { method: 'GET', url: '/api/account/checkup' },
};
const PUBLIC = new Set(['GET /api/public/notices/:ref']);

describe('subscriber route inventory', () => {
  it('every route of the plugin is either in the authorisation table or public', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    const seen: string[] = [];
    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push(`${m} ${r.url}`);
    });
    await app.register(subscriberRoutes, {
      db: undefined as never,
      cookieSecret: TEST_COOKIE_SECRET,
      engine: { process: async () => [] },
      // With a relying party, so the passkey unlock route is registered too.
      webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
    });
    await app.ready();
    await app.close();
    expect(seen.sort()).toEqual([...Object.keys(ROUTES), ...PUBLIC].sort());
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`subscriber authorisation on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: SubscriberTestApp;
    let alice: TestClient;
    let bob: TestClient;
    const aliceAccount = `acc_alice${dialect}`;
    const bobAccount = `acc_bob${dialect}`;
    const bobIds = { ref: 'N-B9B2-3456', eventId: '' };

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildSubscriberTestApp(opened.db);
      alice = new TestClient(t.app, '192.0.2.21');
      bob = new TestClient(t.app, '192.0.2.22');
      expect((await alice.signUp(`alice${dialect}@example.jp`)).statusCode).toBe(201);
      expect((await bob.signUp(`bob${dialect}@example.jp`)).statusCode).toBe(201);
      const [bobCharge] = await t
        .seed([loginEvent(bobAccount, t.clock.now, 120), chargeEvent(bobAccount, t.clock.now, 60, 4800)])
        .then((d) => d.slice(1));
      bobIds.eventId = bobCharge?.event ?? '';
      await t.seed([chargeEvent(aliceAccount, t.clock.now, 30, 1000)]);
      await insertNotice(t.db, { ref: bobIds.ref, account: bobAccount, createdAtMs: t.clock.now });
      await insertNotice(t.db, { ref: 'N-A2CE-2345', account: aliceAccount, createdAtMs: t.clock.now });
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    const fill = (url: string, ids: { ref: string; eventId: string }) =>
      url.replace('{ref}', ids.ref).replace('{eventId}', ids.eventId);

    it('another account’s ids answer 404, exactly like unknown ids, and change nothing', async () => {
      const unknown = { ref: 'N-ZZZZ-ZZZZ', eventId: 'evt_never_existed' };
      for (const [name, r] of Object.entries(ROUTES)) {
        if (!r.idBearing) continue;
        const other = await alice.request(r.method, fill(r.url, bobIds), r.body?.(bobIds));
        const none = await alice.request(r.method, fill(r.url, unknown), r.body?.(unknown));
        expect(other.statusCode, name).toBe(404);
        expect(other.json(), name).toEqual(none.json());
      }
      // Bob's notice is still unread, and neither account was locked by Alice's report.
      expect((await findAccountNotice(t.db, 'default', bobAccount, bobIds.ref))?.readAtMs).toBeNull();
      expect(await listLocks(t.db, 'default', bobAccount)).toEqual([]);
      expect(await listLocks(t.db, 'default', aliceAccount)).toEqual([]);
    });

    it('lists show only the caller’s own data', async () => {
      const box = (await alice.get('/api/notices')).json();
      expect(box.notices.map((n: { ref: string }) => n.ref)).toEqual(['N-A2CE-2345']);
      const activity = (await alice.get('/api/account/activity')).json();
      expect(activity.charges.map((c: { amount: number }) => c.amount)).toEqual([1000]);
      expect(activity.signIns).toEqual([]);
      expect(JSON.stringify(activity)).not.toContain(bobIds.eventId);
      const bobActivity = (await bob.get('/api/account/activity')).json();
      expect(bobActivity.charges.map((c: { amount: number }) => c.amount)).toEqual([4800]);
    });

    it('without a session every signed-in route is 401 (with a valid CSRF token, so the session is what fails)', async () => {
      const anon = new TestClient(t.app, '192.0.2.23');
      await anon.fetchCsrf();
      for (const [name, r] of Object.entries(ROUTES)) {
        const res = await anon.request(r.method, fill(r.url, bobIds), r.body?.(bobIds));
        expect(res.statusCode, name).toBe(401);
        expect(res.json().error.code, name).toBe('unauthenticated');
      }
      // A made-up session cookie is no session.
      anon.jar.set('mamori_session', 'x'.repeat(43));
      expect((await anon.get('/api/notices')).statusCode).toBe(401);
    });

    it('a missing or wrong CSRF token is 403 on every state-changing route, and changes nothing', async () => {
      const ownIds = { ref: 'N-A2CE-2345', eventId: '' };
      for (const [name, r] of Object.entries(ROUTES)) {
        if (r.method !== 'POST') continue;
        const missing = await alice.request(r.method, fill(r.url, ownIds), r.body?.(ownIds), { csrf: false });
        expect(missing.statusCode, name).toBe(403);
        expect(missing.json().error.code, name).toBe('csrf_invalid');
        const wrong = await alice.request(r.method, fill(r.url, ownIds), r.body?.(ownIds), {
          csrf: false,
          headers: { 'x-csrf-token': 'forged-token' },
        });
        expect(wrong.statusCode, name).toBe(403);
        expect(wrong.json().error.code, name).toBe('csrf_invalid');
      }
      // Bob's token does not work with Alice's cookies either.
      const bobToken = bob.csrfToken ?? '';
      const crossed = await alice.request('POST', '/api/account/lock', undefined, {
        csrf: false,
        headers: { 'x-csrf-token': bobToken },
      });
      expect(crossed.statusCode).toBe(403);
      expect((await findAccountNotice(t.db, 'default', aliceAccount, 'N-A2CE-2345'))?.readAtMs).toBeNull();
      expect(await listLocks(t.db, 'default', aliceAccount)).toEqual([]);
      expect((await alice.get('/api/notices')).statusCode).toBe(200);
    });

    it('operators and users without an account never reach subscriber routes', async () => {
      const hash = await hashPassword(STRONG_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
      await createUser(t.db, {
        email: `op${dialect}@example.jp`,
        passwordHash: hash,
        role: 'operator',
        account: null,
        nowMs: t.clock.now,
      });
      await createUser(t.db, {
        email: `noacc${dialect}@example.jp`,
        passwordHash: hash,
        role: 'subscriber',
        account: null,
        nowMs: t.clock.now,
      });
      const op = new TestClient(t.app, '192.0.2.24');
      expect((await op.signIn(`op${dialect}@example.jp`)).json().status).toBe('signed_in');
      const noAcc = new TestClient(t.app, '192.0.2.25');
      expect((await noAcc.signIn(`noacc${dialect}@example.jp`)).json().status).toBe('signed_in');
      for (const [name, r] of Object.entries(ROUTES)) {
        const asOp = await op.request(r.method, fill(r.url, bobIds), r.body?.(bobIds));
        expect(asOp.statusCode, name).toBe(403);
        expect(asOp.json().error.code, name).toBe('forbidden');
        const asNoAcc = await noAcc.request(r.method, fill(r.url, bobIds), r.body?.(bobIds));
        expect(asNoAcc.statusCode, name).toBe(403);
        expect(asNoAcc.json().error.code, name).toBe('no_account');
      }
    });

    it('unlock: another account’s passkey is refused exactly like an unknown one, and unlocks nothing', async () => {
      const carol = new TestClient(t.app, '192.0.2.27');
      const carolUser = (await carol.signUp(`carol${dialect}@example.jp`)).json().user as { id: string };
      const dave = new TestClient(t.app, '192.0.2.28');
      const daveUser = (await dave.signUp(`dave${dialect}@example.jp`)).json().user as { id: string };
      const register = async (c: TestClient) => {
        const device = new SoftAuthenticator();
        const options = (await c.post('/api/account/passkeys/register/options')).json();
        expect(
          (await c.post('/api/account/passkeys/register/verify', { response: device.register(options) }))
            .statusCode,
        ).toBe(201);
        return device;
      };
      await register(carol);
      const daveDevice = await register(dave);
      t.clock.now += 60_000;
      expect((await carol.post('/api/account/lock')).statusCode).toBe(200);
      expect((await carol.signIn(`carol${dialect}@example.jp`)).json().status).toBe('signed_in');

      const answer = async (device: SoftAuthenticator, handle: string) => {
        const o = (await carol.post('/api/account/unlock/passkey/options')).json();
        return carol.post('/api/account/unlock', { response: device.authenticate(o, handle) });
      };
      const daves = await answer(daveDevice, userHandleOf(daveUser.id));
      const unknown = await answer(new SoftAuthenticator(), userHandleOf(carolUser.id));
      expect(daves.statusCode).toBe(400);
      expect(daves.json()).toEqual(unknown.json());
      expect(daves.json().error.code).toBe('passkey_invalid');
      expect(
        (await listLocks(t.db, 'default', `acc_carol${dialect}`)).some((l) => l.unlockedAtMs === null),
      ).toBe(true);
      // Dave's own account was never locked, and his session is untouched.
      expect((await dave.get('/api/account/lock')).json().locked).toBe(false);
    });

    it('the public lookup needs no session and says nothing about whom', async () => {
      const anon = new TestClient(t.app, '192.0.2.26');
      const res = await anon.get(`/api/public/notices/${bobIds.ref}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ issued: true });
      expect(res.body).not.toContain(bobAccount);
    });
  });
}
