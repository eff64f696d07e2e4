/**
 * The subscriber routes and POST /v1/events share one engine session per operator (buildServer):
 * a one-tap lock made in the app holds for the operator's next charge, and a TOTP unlock lets
 * the following charge through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STRONG_PASSWORD, TEST_COOKIE_SECRET, TestClient } from '../src/accounts/test-support.ts';
import { loadConfig } from '../src/config.ts';
import { createApiKey } from '../src/db/index.ts';
import { openTestDatabase } from '../src/db/test-databases.ts';
import { DEFAULT_POLICY } from '../src/engine/index.ts';
import { loadRegistry } from '../src/registry/index.ts';
import { buildServer } from '../src/server/index.ts';
import { enrolTotp, totpCodeFor } from '../src/subscriber/test-client.ts';

describe('emergency lock through the shared engine session', () => {
  let close: () => Promise<void>;
  let app: ReturnType<typeof buildServer>;
  let key = '';
  beforeAll(async () => {
    const opened = await openTestDatabase('sqlite');
    close = () => opened.close();
    key = (await createApiKey(opened.db, { operatorId: 'default', name: 't', nowMs: Date.now() })).secret;
    app = buildServer({
      config: loadConfig({}),
      registry: await loadRegistry({}),
      engine: { db: opened.db, policy: DEFAULT_POLICY, noticeKey: new Uint8Array(32).fill(1) },
      accounts: {
        db: opened.db,
        cookieSecret: TEST_COOKIE_SECRET,
        webauthn: { rpID: 'localhost', origin: 'http://localhost:8080' },
      },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await close();
  });

  const charge = (account: string, id: string, minute: number) =>
    app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: {
        id,
        type: 'charge',
        at: new Date(Date.now() + minute * 60_000).toISOString(),
        account,
        amount: 300,
        merchant: { id: 'm_music', category: 'subscription' },
        funding: 'phone_bill',
      },
    });

  it('locks from the app, refuses the next charge, and unlocks with TOTP', async () => {
    const client = new TestClient(app);
    expect((await client.signUp('taro@example.jp', STRONG_PASSWORD)).statusCode).toBe(201);
    const account = (await client.get('/api/account/me')).json().user.account as string;
    // Three distinct 30 s steps (previous, current, next) for enrolment, sign-in and unlock, since a
    // used step is never accepted again.
    const secret = await enrolTotp(client, Date.now() - 30_000);

    // Seen before the lock: the engine has a cached profile for the account.
    expect((await charge(account, 'c1', 1)).json().decisions[0].decision).not.toBe('lock');

    const lock = await client.post('/api/account/lock');
    expect(lock.statusCode, lock.body).toBe(200);
    // The operator's next charge meets the lock, though it went through another route.
    expect((await charge(account, 'c2', 2)).json().decisions[0].decision).toBe('lock');

    // The lock signed everyone out; sign in again (with the second factor) and unlock.
    client.jar.clear();
    await client.fetchCsrf();
    const signIn = await client.signIn('taro@example.jp');
    if (signIn.json().status === 'second_factor_required') {
      const second = await client.post('/api/auth/sign-in/second-factor', {
        code: await totpCodeFor(secret, Date.now()),
      });
      expect(second.statusCode, second.body).toBe(200);
    }
    const unlock = await client.post('/api/account/unlock', {
      code: await totpCodeFor(secret, Date.now() + 30_000),
    });
    expect(unlock.statusCode, unlock.body).toBe(200);
    expect((await charge(account, 'c3', 3)).json().decisions[0].decision).not.toBe('lock');
  });

  it("a lock decided from the operator's event stream signs the subscriber out of the app too", async () => {
    const client = new TestClient(app);
    expect((await client.signUp('jiro@example.jp', STRONG_PASSWORD)).statusCode).toBe(201);
    const account = (await client.get('/api/account/me')).json().user.account as string;
    // The carrier's own app (not ours) tells the operator the phone is lost.
    const report = await app.inject({
      method: 'POST',
      url: '/v1/events',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      payload: {
        id: 'r1',
        type: 'subscriber_report',
        at: new Date().toISOString(),
        account,
        kind: 'lost_phone',
      },
    });
    expect(report.json().decisions[0].decision).toBe('lock');
    expect((await client.get('/api/account/me')).statusCode).toBe(401);
    // Signed in again, the subscriber sees the lock; later events on the locked account do not
    // end the new session.
    expect((await client.signIn('jiro@example.jp', STRONG_PASSWORD)).statusCode).toBe(200);
    expect((await charge(account, 'r2', 5)).json().decisions[0].decision).toBe('lock');
    expect((await client.get('/api/account/lock')).json()).toMatchObject({ locked: true });
  });

  it('「身に覚えがない」 in the app locks the account but keeps the reporter signed in', async () => {
    const reporter = new TestClient(app);
    expect((await reporter.signUp('saburo@example.jp', STRONG_PASSWORD)).statusCode).toBe(201);
    const other = new TestClient(app);
    expect((await other.signIn('saburo@example.jp', STRONG_PASSWORD)).statusCode).toBe(200);
    const account = (await reporter.get('/api/account/me')).json().user.account as string;
    expect((await charge(account, 's1', 1)).json().decisions[0].decision).toBe('allow');
    const res = await reporter.post('/api/account/not-me', { eventId: 's1' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ locked: true, sessionsEnded: 1 });
    expect((await reporter.get('/api/account/me')).statusCode).toBe(200);
    expect((await other.get('/api/account/me')).statusCode).toBe(401);
  });
});
