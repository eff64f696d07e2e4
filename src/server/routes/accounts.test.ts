/**
 * Accounts API through app.inject on a bare Fastify with the shared error handler, on SQLite and
 * (when it answers) PostgreSQL: CSRF, sign-up, sign-in, lockout, per-IP limit, sessions,
 * sign-out, and authorisation between users and roles.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../../accounts/index.ts';
import { buildTestApp, STRONG_PASSWORD, type TestApp, TestClient } from '../../accounts/test-support.ts';
import { verifyAuditChain } from '../../audit/index.ts';
import { createUser, type OpenedDatabase, savePasskey } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import { CSRF_TOKEN_VALIDITY_MS } from '../session-scope.ts';

const pgAvailable = await postgresAvailable();

interface Cookie {
  name: string;
  value: string;
  httpOnly?: boolean;
  sameSite?: string;
  secure?: boolean;
  path?: string;
}

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`accounts routes on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: TestApp;
    let n = 0;
    const email = () => `person${++n}.${dialect}@example.jp`;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildTestApp(opened.db);
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    describe('CSRF', () => {
      it('GET /api/csrf gives a token and a signed HttpOnly SameSite=Strict secret cookie', async () => {
        const c = new TestClient(t.app);
        const res = await c.get('/api/csrf');
        expect(res.statusCode).toBe(200);
        expect(typeof res.json().token).toBe('string');
        const cookie = (res.cookies as Cookie[]).find((k) => k.name === '_csrf');
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect(cookie?.value).toContain('.'); // signed: value.signature
        expect(res.headers['cache-control']).toBe('no-store');
      });

      it('refuses a state-changing request without a token, or with a wrong one (403 csrf_invalid)', async () => {
        const c = new TestClient(t.app);
        const noSecret = await c.post('/api/auth/sign-in', { email: 'a@example.jp', password: 'x' });
        expect(noSecret.statusCode).toBe(403);
        expect(noSecret.json().error.code).toBe('csrf_invalid');
        expect(noSecret.json().error.message).toMatch(/ページ/);

        await c.fetchCsrf();
        const noToken = await c.post(
          '/api/auth/sign-in',
          { email: 'a@example.jp', password: 'x' },
          { csrf: false },
        );
        expect(noToken.statusCode).toBe(403);
        expect(noToken.json().error.code).toBe('csrf_invalid');

        c.csrfToken = 'forged-token';
        const forged = await c.post('/api/auth/sign-in?lang=en', { email: 'a@example.jp', password: 'x' });
        expect(forged.statusCode).toBe(403);
        expect(forged.json().error).toEqual({
          code: 'csrf_invalid',
          message: 'The page has expired or the request is not valid. Reload the page and try again.',
        });
      });

      it("a token is useless without the browser's own secret cookie", async () => {
        const victim = new TestClient(t.app);
        const attacker = new TestClient(t.app);
        await victim.fetchCsrf();
        attacker.csrfToken = await new TestClient(t.app).fetchCsrf(); // token from another browser
        await attacker.fetchCsrf();
        attacker.csrfToken = victim.csrfToken;
        const res = await attacker.post('/api/auth/sign-in', { email: 'a@example.jp', password: 'x' });
        expect(res.json().error.code).toBe('csrf_invalid');
      });

      it('refuses a token older than its validity, and a fresh one then works', async () => {
        const c = new TestClient(t.app);
        await c.fetchCsrf();
        const issuedAt = Date.now();
        vi.useFakeTimers({ now: issuedAt + CSRF_TOKEN_VALIDITY_MS + 1_000, toFake: ['Date'] });
        try {
          const stale = await c.post('/api/auth/sign-in', { email: 'a@example.jp', password: 'x' });
          expect(stale.statusCode).toBe(403);
          expect(stale.json().error.code).toBe('csrf_invalid');
          await c.fetchCsrf();
          const fresh = await c.post('/api/auth/sign-in', { email: 'nobody@example.jp', password: 'x' });
          expect(fresh.json().error?.code).not.toBe('csrf_invalid');
        } finally {
          vi.useRealTimers();
        }
      });

      it('covers DELETE too', async () => {
        const c = new TestClient(t.app);
        await c.signUp(email());
        const res = await c.delete('/api/account/sessions/ses_0000', { csrf: false });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('csrf_invalid');
      });
    });

    describe('sign-up', () => {
      it('refuses a guessable password with the library’s Japanese feedback', async () => {
        const c = new TestClient(t.app);
        await c.fetchCsrf();
        const res = await c.post('/api/auth/sign-up', { email: email(), password: 'sakura123' });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('weak_password');
        expect(res.json().error.message).toContain('一般的な名前は推測されやすくなります');
        const en = await c.post('/api/auth/sign-up?lang=en', { email: email(), password: 'password' });
        expect(en.json().error.message).toMatch(/too easy to guess.*heavily used password/);
      });

      it('refuses a password built from the e-mail address', async () => {
        const c = new TestClient(t.app);
        await c.fetchCsrf();
        const res = await c.post('/api/auth/sign-up', {
          email: 'tanakahanako@example.jp',
          password: 'tanakahanako',
        });
        expect(res.json().error.code).toBe('weak_password');
      });

      it('creates a subscriber, signs them in, with a session cookie (HttpOnly, SameSite=Strict, Path=/)', async () => {
        const c = new TestClient(t.app);
        const address = email();
        const res = await c.signUp(`  ${address.toUpperCase()} `);
        expect(res.statusCode).toBe(201);
        const body = res.json();
        expect(body.status).toBe('signed_in');
        expect(body.user).toMatchObject({ email: address, role: 'subscriber', totpEnabled: false });
        expect(body.user.account).toMatch(/^acc_[0-9a-f]{16}$/);
        expect(JSON.stringify(body)).not.toMatch(/argon2|password_hash|passwordHash/);
        const cookie = (res.cookies as Cookie[]).find((k) => k.name === 'mamori_session');
        expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
        expect(cookie?.secure).toBeFalsy();
        expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

        const me = await c.get('/api/account/me');
        expect(me.statusCode).toBe(200);
        expect(me.json().user.id).toBe(body.user.id);
        expect(t.events.some((e) => e.type === 'sign_up' && e.userId === body.user.id)).toBe(true);
      });

      it('stores an argon2id hash, never the password', async () => {
        const c = new TestClient(t.app);
        const address = email();
        await c.signUp(address);
        const row = await opened.db
          .withTables<{ users: { email: string; password_hash: string } }>()
          .selectFrom('users')
          .select('password_hash')
          .where('email', '=', address)
          .executeTakeFirstOrThrow();
        expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$/);
        expect(row.password_hash).not.toContain(STRONG_PASSWORD);
      });

      it('refuses a taken e-mail (409) and bad input (400 invalid_request)', async () => {
        const c = new TestClient(t.app);
        const address = email();
        await c.signUp(address);
        const again = await new TestClient(t.app).signUp(address);
        expect(again.statusCode).toBe(409);
        expect(again.json().error.code).toBe('email_taken');
        const bad = await new TestClient(t.app).signUp('not-an-email');
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toMatchObject({ code: 'invalid_request' });
        expect(bad.json().error.message).toContain('email');
        const c2 = new TestClient(t.app);
        await c2.fetchCsrf();
        const extra = await c2.post('/api/auth/sign-up', {
          email: email(),
          password: STRONG_PASSWORD,
          account: 'acc_victim',
        });
        expect(extra.statusCode).toBe(400); // nobody chooses their own engine account
      });

      it('marks cookies Secure when `secure` is set', async () => {
        const secure = await buildTestApp(opened.db, { secure: true });
        try {
          const c = new TestClient(secure.app);
          const csrf = await c.get('/api/csrf');
          expect((csrf.cookies as Cookie[]).find((k) => k.name === '_csrf')?.secure).toBe(true);
          c.csrfToken = csrf.json().token;
          const res = await c.post('/api/auth/sign-up', { email: email(), password: STRONG_PASSWORD });
          expect((res.cookies as Cookie[]).find((k) => k.name === 'mamori_session')?.secure).toBe(true);
        } finally {
          await secure.app.close();
        }
      });
    });

    describe('password strength meter', () => {
      it('scores with Japanese feedback keys and sentences, no CSRF needed (changes nothing)', async () => {
        const c = new TestClient(t.app);
        const res = await c.post('/api/auth/password-strength', { password: 'yamada2024' });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ acceptable: false, warningKey: 'commonNames' });
        expect(res.json().warning).toBe('一般的な名前は推測されやすくなります');
        const strong = await c.post('/api/auth/password-strength?lang=en', { password: STRONG_PASSWORD });
        expect(strong.json()).toMatchObject({ acceptable: true, warning: null });
      });
    });

    describe('sign-in and lockout', () => {
      it('signs in with the right password; wrong password and unknown e-mail get the same answer', async () => {
        const address = email();
        await new TestClient(t.app).signUp(address);
        const c = new TestClient(t.app);
        const ok = await c.signIn(address);
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ status: 'signed_in', user: { email: address } });

        const wrong = await new TestClient(t.app).signIn(address, 'wrong password entirely');
        const unknown = await new TestClient(t.app).signIn(
          `nobody.${dialect}@example.jp`,
          'wrong password entirely',
        );
        expect(wrong.statusCode).toBe(401);
        expect(unknown.statusCode).toBe(401);
        expect(wrong.json()).toEqual(unknown.json());
        expect(wrong.json().error.code).toBe('invalid_credentials');
        expect(t.events.some((e) => e.type === 'sign_in_failed' && e.reason === 'unknown_user')).toBe(true);
      });

      it('locks the account for 15 minutes after 5 failures, even for the right password, then lets it in', async () => {
        const address = email();
        await new TestClient(t.app).signUp(address);
        const c = new TestClient(t.app);
        for (let i = 0; i < 4; i++) expect((await c.signIn(address, `wrong-${i}`)).statusCode).toBe(401);
        const fifth = await c.signIn(address, 'wrong-5');
        expect(fifth.statusCode).toBe(429);
        expect(fifth.json().error.code).toBe('account_locked');
        expect(fifth.json().error.message).toContain('15分ほど待って');

        const right = await c.signIn(address);
        expect(right.statusCode).toBe(429);
        expect(right.json().error.code).toBe('account_locked');
        const en = await c.post('/api/auth/sign-in?lang=en', { email: address, password: STRONG_PASSWORD });
        expect(en.json().error.message).toMatch(/try again in about 15 minutes/);

        t.clock.now += 15 * 60_000 + 1;
        const after = await c.signIn(address);
        expect(after.statusCode).toBe(200);
        expect(t.events.some((e) => e.type === 'sign_in_locked')).toBe(true);
      });

      it('a success resets the failure count', async () => {
        const address = email();
        await new TestClient(t.app).signUp(address);
        const c = new TestClient(t.app);
        for (let i = 0; i < 4; i++) await c.signIn(address, `wrong-${i}`);
        expect((await c.signIn(address)).statusCode).toBe(200);
        for (let i = 0; i < 4; i++) expect((await c.signIn(address, `wrong-${i}`)).statusCode).toBe(401);
      });

      it('limits sign-in attempts per IP (429 sign_in_rate_limited)', async () => {
        const limited = await buildTestApp(opened.db, { ipRateLimit: { max: 3, timeWindowMs: 60_000 } });
        try {
          const c = new TestClient(limited.app, '198.51.100.7');
          await c.fetchCsrf();
          for (let i = 0; i < 3; i++) {
            expect(
              (await c.post('/api/auth/sign-in', { email: `x${i}@example.jp`, password: 'x' })).statusCode,
            ).toBe(401);
          }
          const res = await c.post('/api/auth/sign-in', { email: 'y@example.jp', password: 'x' });
          expect(res.statusCode).toBe(429);
          expect(res.json().error.code).toBe('sign_in_rate_limited');
          const other = new TestClient(limited.app, '198.51.100.8');
          await other.fetchCsrf();
          expect(
            (await other.post('/api/auth/sign-in', { email: 'y@example.jp', password: 'x' })).statusCode,
          ).toBe(401);
        } finally {
          await limited.app.close();
        }
      });
    });

    describe('sessions', () => {
      it('lists sessions with the current one marked; revoking one signs that browser out', async () => {
        const address = email();
        const phone = new TestClient(t.app, '203.0.113.5');
        await phone.signUp(address);
        const pc = new TestClient(t.app, '203.0.113.6');
        await pc.signIn(address);

        const list = await pc.get('/api/account/sessions');
        expect(list.statusCode).toBe(200);
        const sessions = list.json().sessions as Array<{
          id: string;
          current: boolean;
          ip: string;
          userAgent: string;
        }>;
        expect(sessions).toHaveLength(2);
        expect(sessions.filter((s) => s.current)).toHaveLength(1);
        expect(sessions.map((s) => s.ip).sort()).toEqual(['203.0.113.5', '203.0.113.6']);
        expect(sessions[0]?.userAgent).toBe('vitest-browser/1.0');
        const phoneSession = sessions.find((s) => !s.current);

        const del = await pc.delete(`/api/account/sessions/${phoneSession?.id}`);
        expect(del.statusCode).toBe(204);
        expect((await phone.get('/api/account/me')).statusCode).toBe(401);
        expect((await pc.get('/api/account/me')).statusCode).toBe(200);
        expect(t.events.some((e) => e.type === 'session_revoked' && e.sessionId === phoneSession?.id)).toBe(
          true,
        );
        const again = await pc.delete(`/api/account/sessions/${phoneSession?.id}`);
        expect(again.statusCode).toBe(404);
        expect(again.json().error.code).toBe('session_not_found');
      });

      it('sign-out ends the session and clears the cookie; the old token is then worthless', async () => {
        const c = new TestClient(t.app);
        await c.signUp(email());
        const token = c.jar.get('mamori_session');
        const out = await c.post('/api/auth/sign-out');
        expect(out.statusCode).toBe(204);
        expect(c.jar.has('mamori_session')).toBe(false);
        const replay = new TestClient(t.app);
        replay.jar.set('mamori_session', token ?? '');
        expect((await replay.get('/api/account/me')).statusCode).toBe(401);
      });

      it('a session ends after the idle time', async () => {
        const c = new TestClient(t.app);
        await c.signUp(email());
        t.clock.now += 7 * 24 * 3_600_000 + 1;
        const res = await c.get('/api/account/me');
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('unauthenticated');
      });

      it('「他のすべてのセッションを終了」 ends every other session, pending sign-ins too, and keeps this one', async () => {
        const address = email();
        const here = new TestClient(t.app, '203.0.113.7');
        await here.signUp(address);
        const phone = new TestClient(t.app, '203.0.113.8');
        await phone.signIn(address);
        const tablet = new TestClient(t.app, '203.0.113.9');
        await tablet.signIn(address);
        const others = (await here.get('/api/account/sessions'))
          .json()
          .sessions.filter((s: { current: boolean }) => !s.current)
          .map((s: { id: string }) => s.id);
        expect(others).toHaveLength(2);
        const mine = (await here.get('/api/account/sessions'))
          .json()
          .sessions.find((s: { current: boolean }) => s.current).id as string;

        const res = await here.post('/api/account/sessions/revoke-others');
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual({ ended: 2 });
        expect((await phone.get('/api/account/me')).statusCode).toBe(401);
        expect((await tablet.get('/api/account/me')).statusCode).toBe(401);
        expect((await here.get('/api/account/me')).statusCode).toBe(200);
        const left = (await here.get('/api/account/sessions')).json().sessions as Array<{ id: string }>;
        expect(left.map((s) => s.id)).toEqual([mine]);
        for (const id of others) {
          expect(t.events.some((e) => e.type === 'session_revoked' && e.sessionId === id)).toBe(true);
        }
        expect((await here.post('/api/account/sessions/revoke-others')).json()).toEqual({ ended: 0 });
      });

      it('signing in again replaces the session the browser had', async () => {
        const address = email();
        const c = new TestClient(t.app);
        await c.signUp(address);
        await c.signIn(address);
        await c.signIn(address);
        const list = await c.get('/api/account/sessions');
        expect(list.json().sessions).toHaveLength(1);
      });
    });

    describe('audit trail', () => {
      it('appends sign-in success and failure, and session revocation, to the hash chain', async () => {
        const address = email();
        const a = new TestClient(t.app);
        const account = (await a.signUp(address)).json().user.account as string;
        const b = new TestClient(t.app);
        await b.signIn(address, 'wrong password entirely');
        await b.signIn(address);
        await new TestClient(t.app).signIn(`ghost.${dialect}@example.jp`, 'nope nope nope');
        const other = (await b.get('/api/account/sessions'))
          .json()
          .sessions.find((s: { current: boolean }) => !s.current);
        await b.delete(`/api/account/sessions/${other.id}`);

        const rows = await opened.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
        const mine = rows.filter((r) => r.subject === account).map((r) => r.action);
        expect(mine).toEqual(['auth.sign_up', 'auth.sign_in_failed', 'auth.sign_in', 'session.revoked']);
        const signIn = rows.find((r) => r.subject === account && r.action === 'auth.sign_in');
        expect(signIn?.actor).toBe(`subscriber:${account}`);
        expect(JSON.parse(signIn?.data ?? '{}')).toMatchObject({ method: 'password', ip: '192.0.2.10' });
        const ghost = rows.filter((r) => r.actor === 'anonymous');
        expect(ghost.at(-1)?.action).toBe('auth.sign_in_failed');
        expect(rows.map((r) => `${r.data}`).join(' ')).not.toContain('ghost.');
        expect((await verifyAuditChain(opened.db)).ok).toBe(true);
      });
    });

    describe('authorisation', () => {
      it('refuses account routes without a session (401)', async () => {
        const c = new TestClient(t.app);
        await c.fetchCsrf();
        for (const [method, url] of [
          ['GET', '/api/account/me'],
          ['GET', '/api/account/sessions'],
          ['GET', '/api/account/passkeys'],
          ['POST', '/api/account/totp/setup'],
          ['DELETE', '/api/account/sessions/ses_x'],
          ['POST', '/api/account/sessions/revoke-others'],
          ['DELETE', '/api/account/passkeys/cred_x'],
          ['POST', '/api/account/passkeys/register/options'],
          ['GET', '/api/operator/users'],
        ] as const) {
          const res = await c.request(method, url);
          expect(res.statusCode, `${method} ${url}`).toBe(401);
          expect(res.json().error.code).toBe('unauthenticated');
        }
      });

      it("a subscriber can neither end nor see another user's sessions", async () => {
        const alice = new TestClient(t.app);
        await alice.signUp(email());
        const bob = new TestClient(t.app);
        await bob.signUp(email());
        const aliceSession = (await alice.get('/api/account/sessions')).json().sessions[0].id as string;

        const bobList = await bob.get('/api/account/sessions');
        expect(bobList.json().sessions.map((s: { id: string }) => s.id)).not.toContain(aliceSession);
        const res = await bob.delete(`/api/account/sessions/${aliceSession}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('session_not_found');
        expect((await alice.get('/api/account/me')).statusCode).toBe(200);
        // Bob ending "every other session" ends only his own others, never Alice's.
        expect((await bob.post('/api/account/sessions/revoke-others')).json()).toEqual({ ended: 0 });
        expect((await alice.get('/api/account/me')).statusCode).toBe(200);
        // And it needs the CSRF token, like every state change.
        const forged = await alice.post('/api/account/sessions/revoke-others', undefined, { csrf: false });
        expect(forged.statusCode).toBe(403);
        expect(forged.json().error.code).toBe('csrf_invalid');
      });

      it("a subscriber can neither remove nor see another user's passkey", async () => {
        const alice = new TestClient(t.app);
        const aliceId = (await alice.signUp(email())).json().user.id as string;
        const bob = new TestClient(t.app);
        await bob.signUp(email());
        const credId = `alice-cred-${dialect}-${n}`;
        await savePasskey(opened.db, {
          id: credId,
          userId: aliceId,
          publicKey: 'pk',
          counter: 0,
          transports: ['internal'],
          deviceType: 'singleDevice',
          backedUp: false,
          name: 'Alice phone',
          createdAtMs: t.clock.now,
        });
        expect((await bob.get('/api/account/passkeys')).json().passkeys).toEqual([]);
        const res = await bob.delete(`/api/account/passkeys/${credId}`);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('passkey_not_found');
        const aliceKeys = (await alice.get('/api/account/passkeys')).json().passkeys as Array<{ id: string }>;
        expect(aliceKeys.map((p) => p.id)).toEqual([credId]);
        expect((await alice.delete(`/api/account/passkeys/${credId}`)).statusCode).toBe(204);
      });

      it('a subscriber cannot reach the operator-only route (403); an operator can', async () => {
        const sub = new TestClient(t.app);
        await sub.signUp(email());
        const denied = await sub.get('/api/operator/users');
        expect(denied.statusCode).toBe(403);
        expect(denied.json().error).toEqual({
          code: 'forbidden',
          message: 'この操作を行う権限がありません。',
        });

        const opEmail = email();
        await createUser(opened.db, {
          email: opEmail,
          passwordHash: await hashPassword(STRONG_PASSWORD, {
            memoryCost: 1024,
            timeCost: 1,
            parallelism: 1,
          }),
          role: 'operator',
          account: null,
          nowMs: t.clock.now,
        });
        const op = new TestClient(t.app);
        expect((await op.signIn(opEmail)).statusCode).toBe(200);
        const allowed = await op.get('/api/operator/users');
        expect(allowed.statusCode).toBe(200);
        expect(allowed.json().users.some((u: { email: string }) => u.email === opEmail)).toBe(true);
      });
    });
  });
}
