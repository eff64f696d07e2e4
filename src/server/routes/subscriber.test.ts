/**
 * The subscriber API end to end through app.inject: message box and public lookup, activity,
 * 「身に覚えがない」, the one-tap lock and the TOTP unlock, the monthly limit and the checkup.
 * SQLite and (when it answers) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditRows, listLocks, loadProfiles, type OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import type { Profile } from '../../engine/index.ts';
import {
  buildSubscriberTestApp,
  cardChangeEvent,
  chargeEvent,
  enrolTotp,
  insertNotice,
  loginEvent,
  type SubscriberTestApp,
  TestClient,
  totpCodeFor,
} from '../../subscriber/test-support.ts';

const pgAvailable = await postgresAvailable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`subscriber API on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: SubscriberTestApp;
    let n = 0;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildSubscriberTestApp(opened.db, {
        publicLookupRateLimit: { max: 5, timeWindowMs: 60_000 },
      });
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    /** A new signed-in subscriber; their engine account is `acc_<name>`. */
    async function subscriber(ip?: string) {
      const name = `sub${++n}${dialect}`;
      const c = new TestClient(t.app, ip);
      const res = await c.signUp(`${name}@example.jp`);
      expect(res.statusCode).toBe(201);
      return { c, name, email: `${name}@example.jp`, account: `acc_${name}` };
    }

    const nextStep = () => {
      t.clock.now += 30_000;
    };

    describe('message box', () => {
      it('lists own notices newest first with unread state; marks read (first time kept)', async () => {
        const { c, account } = await subscriber();
        await insertNotice(t.db, {
          ref: 'N-2345-6789',
          account,
          createdAtMs: t.clock.now - 2000,
          title: '古い',
        });
        await insertNotice(t.db, {
          ref: 'N-ABCD-EFGH',
          account,
          createdAtMs: t.clock.now - 1000,
          title: '新しい',
        });
        const box = await c.get('/api/notices');
        expect(box.statusCode).toBe(200);
        expect(box.headers['cache-control']).toBe('no-store');
        const body = box.json() as {
          notices: Array<{ ref: string; read: boolean; title: string }>;
          unread: number;
        };
        expect(body.notices.map((x) => x.ref)).toEqual(['N-ABCD-EFGH', 'N-2345-6789']);
        expect(body.notices.every((x) => !x.read)).toBe(true);
        expect(body.unread).toBe(2);

        // Lower case, full width and without hyphens are the same reference.
        const read = await c.post('/api/notices/ｎ-abcd-efgh/read');
        expect(read.statusCode).toBe(200);
        expect(read.json().notice).toMatchObject({ ref: 'N-ABCD-EFGH', read: true });
        const firstReadAt = read.json().notice.readAt;
        t.clock.now += 60_000;
        expect((await c.post('/api/notices/nabcdefgh/read')).json().notice.readAt).toBe(firstReadAt);

        const unreadOnly = (await c.get('/api/notices?unread=1')).json();
        expect(unreadOnly.notices.map((x: { ref: string }) => x.ref)).toEqual(['N-2345-6789']);
        expect(unreadOnly.unread).toBe(1);
        expect((await c.get('/api/notices/n-2345-6789')).json().notice.title).toBe('古い');
      });

      it('an unknown reference is 404; a malformed one is 400 with how a reference looks', async () => {
        const { c } = await subscriber();
        const unknown = await c.get('/api/notices/N-ZZZZ-ZZZZ');
        expect(unknown.statusCode).toBe(404);
        expect(unknown.json().error.code).toBe('notice_not_found');
        expect(unknown.json().error.message).toMatch(/お知らせは見つかりません/);
        const bad = await c.get('/api/notices/hello?lang=en');
        expect(bad.statusCode).toBe(400);
        expect(bad.json().error).toEqual({
          code: 'invalid_reference',
          message: expect.stringMatching(/N-4K7Q-9P2X/),
        });
      });

      it('public lookup without sign-in says only whether a reference was issued; rate-limited', async () => {
        const { account } = await subscriber();
        await insertNotice(t.db, { ref: 'N-PQRS-TVWX', account, createdAtMs: t.clock.now });
        const anon = new TestClient(t.app, '198.51.100.7');
        const yes = await anon.get('/api/public/notices/ｎ－ｐｑｒｓ－ｔｖｗｘ');
        expect(yes.statusCode).toBe(200);
        expect(yes.json()).toEqual({ issued: true });
        expect((await anon.get('/api/public/notices/N-PQRS-TVWY')).json()).toEqual({ issued: false });
        expect((await anon.get('/api/public/notices/12345')).json().error.code).toBe('invalid_reference');
        let last = 0;
        for (let i = 0; i < 4; i++) last = (await anon.get('/api/public/notices/N-PQRS-TVWX')).statusCode;
        expect(last).toBe(429);
        const limited = await anon.get('/api/public/notices/N-PQRS-TVWX?lang=en');
        expect(limited.json().error.code).toBe('rate_limited');
      });
    });

    describe('activity', () => {
      it('shows own sign-ins, charges and card changes with decisions, and spending per day', async () => {
        const { c, account } = await subscriber();
        const now = t.clock.now;
        const seeded = await t.seed([
          loginEvent(account, now, 3 * 24 * 60),
          chargeEvent(account, now, 3 * 24 * 60 - 10, 1200),
          chargeEvent(account, now, 2 * 24 * 60, 800),
          cardChangeEvent(account, now, 24 * 60),
          loginEvent(account, now, 60),
          // Older than the window: not shown.
          chargeEvent(account, now, 40 * 24 * 60, 99_999),
        ]);
        const res = await c.get('/api/account/activity?days=30');
        expect(res.statusCode).toBe(200);
        const a = res.json();
        expect(a.days).toBe(30);
        expect(a.signIns).toHaveLength(2);
        expect(a.signIns[0]).toMatchObject({
          eventId: seeded[4]?.event,
          result: 'success',
          method: 'password',
          device: { platform: 'ios', userAgent: 'Mozilla/5.0 (iPhone)' },
          network: { country: 'JP', asn: 9605, kind: 'mobile' },
          country: 'JP',
          decision: { decision: seeded[4]?.decision },
        });
        expect(a.charges.map((x: { amount: number }) => x.amount)).toEqual([800, 1200]);
        expect(a.charges[0].decision.decision).toBe(seeded[2]?.decision);
        expect(a.cardChanges).toHaveLength(1);
        expect(a.cardChanges[0].card).toEqual({ last4: '4242', issuer: 'Example Card' });
        expect(a.spendingPerDay).toHaveLength(31);
        const spent = a.spendingPerDay.reduce(
          (s: number, d: { spent: number; blocked: number }) => s + d.spent + d.blocked,
          0,
        );
        expect(spent).toBe(2000);
        expect(JSON.stringify(a)).not.toContain('secret-ground-truth');
        expect(JSON.stringify(a)).not.toContain('99999');

        const week = (await c.get('/api/account/activity?days=2')).json();
        expect(week.spendingPerDay).toHaveLength(3);
        expect((await c.get('/api/account/activity?days=0')).json().error.code).toBe('invalid_request');
        expect((await c.get('/api/account/activity?days=91')).statusCode).toBe(400);
      });
    });

    describe('「身に覚えがない」', () => {
      it('reports one of the caller’s events: the engine locks, a notice arrives, other sessions end', async () => {
        const { c, account, email } = await subscriber();
        const other = new TestClient(t.app, '192.0.2.99');
        await other.signIn(email);
        expect((await other.get('/api/notices')).statusCode).toBe(200);

        const [charge] = await t.seed([chargeEvent(account, t.clock.now, 30, 30_000)]);
        const res = await c.post('/api/account/not-me', { eventId: charge?.event });
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body.locked).toBe(true);
        expect(body.decision).toMatchObject({ account, decision: 'lock' });
        expect(body.decision.reasons.map((r: { rule: string }) => r.rule)).toContain('subscriber_report');
        expect(body.decision.notice).toMatch(/^N-/);
        expect(body.responseSituation).toBe('unknown_charge');
        expect(body.sessionsEnded).toBe(1);
        expect(body.message).toMatch(/キャリア決済を停止/);

        // The reporter stays signed in and sees the notice; the other session is gone.
        const box = (await c.get('/api/notices')).json();
        expect(box.notices.map((x: { ref: string }) => x.ref)).toContain(body.decision.notice);
        expect((await other.get('/api/notices')).statusCode).toBe(401);
        expect(
          (await listLocks(t.db, 'default', account)).filter((l) => l.unlockedAtMs === null),
        ).toHaveLength(1);
        const audit = await listAuditRows(t.db, {});
        expect(audit.some((r) => r.action === 'account.report_not_me' && r.subject === account)).toBe(true);
        expect(
          audit.some((r) => r.action === 'account.lock' && r.subject === account && r.actor === 'engine'),
        ).toBe(true);
      });

      it('an unknown event id is 404; a missing one is 400', async () => {
        const { c } = await subscriber();
        const res = await c.post('/api/account/not-me', { eventId: 'evt_never' });
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('event_not_found');
        expect((await c.post('/api/account/not-me', {})).json().error.code).toBe('invalid_request');
      });
    });

    describe('emergency lock and unlock', () => {
      it('one tap locks, signs out every session (the caller too) and is audited', async () => {
        const { c, account, email } = await subscriber();
        const other = new TestClient(t.app, '192.0.2.98');
        await other.signIn(email);
        const res = await c.post('/api/account/lock');
        expect(res.statusCode).toBe(200);
        const body = res.json();
        expect(body).toMatchObject({
          locked: true,
          signedOut: true,
          sessionsEnded: 2,
          responseSituation: 'lost_phone',
        });
        expect(body.decision.decision).toBe('lock');
        expect(String(res.headers['set-cookie'])).toMatch(/mamori_session=; Max-Age=0/);
        expect((await c.get('/api/notices')).statusCode).toBe(401);
        expect((await other.get('/api/notices')).statusCode).toBe(401);
        const audit = await listAuditRows(t.db, {});
        expect(
          audit.some((r) => r.action === 'account.emergency_lock' && r.actor === `subscriber:${account}`),
        ).toBe(true);
        // The engine now refuses charges on the account.
        const [charge] = await t.seed([chargeEvent(account, t.clock.now, 0, 500)]);
        expect(charge?.decision).toBe('lock');
      });

      it('unlock needs TOTP: without it 403 (contact support); with it a current, unreplayed code', async () => {
        // No TOTP: the operator must unlock.
        const plain = await subscriber();
        await plain.c.post('/api/account/lock');
        await plain.c.signIn(plain.email);
        const noTotp = await plain.c.post('/api/account/unlock', { code: '123456' });
        expect(noTotp.statusCode).toBe(403);
        expect(noTotp.json().error.code).toBe('step_up_unavailable');
        expect(noTotp.json().error.message).toMatch(/サポート/);

        // TOTP enrolled before the lock.
        const { c, account, email } = await subscriber();
        const secret = await enrolTotp(c, t.clock.now);
        nextStep();
        const notLocked = await c.post('/api/account/unlock', {
          code: await totpCodeFor(secret, t.clock.now),
        });
        expect(notLocked.statusCode).toBe(409);
        expect(notLocked.json().error.code).toBe('not_locked');

        expect((await c.post('/api/account/lock')).statusCode).toBe(200);
        expect((await c.get('/api/account/lock')).statusCode).toBe(401);
        // Sign in again with password + TOTP.
        nextStep();
        const first = await c.signIn(email);
        expect(first.json().status).toBe('second_factor_required');
        const second = await c.post('/api/auth/sign-in/second-factor', {
          code: await totpCodeFor(secret, t.clock.now),
        });
        expect(second.json().status).toBe('signed_in');
        const state = (await c.get('/api/account/lock')).json();
        expect(state).toMatchObject({ locked: true, reason: 'lost_phone', canUnlock: true });

        // The code just used to sign in is a replay; a wrong code is refused.
        const replay = await c.post('/api/account/unlock', { code: await totpCodeFor(secret, t.clock.now) });
        expect(replay.json().error.code).toBe('totp_replayed');
        nextStep();
        const wrong = await c.post('/api/account/unlock', { code: '000000' });
        expect(wrong.statusCode).toBe(400);
        expect(wrong.json().error.code).toBe('totp_invalid');
        const code = await totpCodeFor(secret, t.clock.now);
        const ok = await c.post('/api/account/unlock?lang=en', { code });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ unlocked: true, locksLifted: 1 });
        expect(ok.json().message).toMatch(/lock is lifted/);
        expect((await c.post('/api/account/unlock', { code })).json().error.code).toBe('not_locked');

        expect((await c.get('/api/account/lock')).json().locked).toBe(false);
        expect((await listLocks(t.db, 'default', account)).every((l) => l.unlockedAtMs !== null)).toBe(true);
        const profile = (await loadProfiles<Profile>(t.db, 'default', [account])).get(account);
        expect(profile?.data.lock).toBeNull();
        const audit = await listAuditRows(t.db, {});
        expect(audit.some((r) => r.action === 'account.unlock' && r.subject === account)).toBe(true);
        // The engine no longer refuses for the lock.
        const [charge] = await t.seed([chargeEvent(account, t.clock.now, 0, 300)]);
        expect(charge?.reasons.map((r) => r.rule)).not.toContain('account_locked');
      });

      it('a TOTP enrolled after the lock cannot lift it', async () => {
        const { c, email } = await subscriber();
        await c.post('/api/account/lock');
        t.clock.now += 60_000;
        expect((await c.signIn(email)).json().status).toBe('signed_in');
        const secret = await enrolTotp(c, t.clock.now);
        nextStep();
        const res = await c.post('/api/account/unlock', { code: await totpCodeFor(secret, t.clock.now) });
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('step_up_too_recent');
      });
    });

    it('unlock attempts are rate-limited per session', async () => {
      const limited = await buildSubscriberTestApp(opened.db, {
        unlockRateLimit: { max: 2, timeWindowMs: 60_000 },
      });
      try {
        const c = new TestClient(limited.app, '192.0.2.77');
        await c.signUp(`ratelimit${dialect}@example.jp`);
        await c.post('/api/account/unlock', { code: '000000' });
        await c.post('/api/account/unlock', { code: '000000' });
        const third = await c.post('/api/account/unlock?lang=en', { code: '000000' });
        expect(third.statusCode).toBe(429);
        expect(third.json().error).toEqual({
          code: 'rate_limited',
          message: expect.stringMatching(/Too many/),
        });
      } finally {
        await limited.app.close();
      }
    });

    describe('monthly limit', () => {
      it('none at first; a limit_change through the engine sets it; spending this month is shown', async () => {
        const { c, account } = await subscriber();
        expect((await c.get('/api/account/limit')).json()).toEqual({
          monthlyLimit: null,
          setAt: null,
          pending: null,
          spentThisMonth: 0,
        });
        await t.seed([chargeEvent(account, t.clock.now, 60, 700)]);
        const set = await c.post('/api/account/limit', { monthlyLimit: 30_000 });
        expect(set.statusCode).toBe(200);
        expect(set.json()).toMatchObject({
          applied: true,
          monthlyLimit: 30_000,
          decision: { decision: 'allow' },
        });
        const got = (await c.get('/api/account/limit')).json();
        expect(got.monthlyLimit).toBe(30_000);
        expect(got.spentThisMonth).toBe(700);
        expect((await c.post('/api/account/limit', { monthlyLimit: -1 })).json().error.code).toBe(
          'invalid_request',
        );
        expect((await c.post('/api/account/limit', { monthlyLimit: '5000' })).statusCode).toBe(400);
      });

      it('on a locked account the change is refused by the engine and shown as pending', async () => {
        const { c, account } = await subscriber();
        await c.post('/api/account/limit', { monthlyLimit: 10_000 });
        const [charge] = await t.seed([chargeEvent(account, t.clock.now, 5, 1000)]);
        await c.post('/api/account/not-me', { eventId: charge?.event });
        t.clock.now += 1000;
        const res = (await c.post('/api/account/limit', { monthlyLimit: 50_000 })).json();
        expect(res.applied).toBe(false);
        expect(res.monthlyLimit).toBe(10_000);
        expect(res.pending).toMatchObject({ monthlyLimit: 50_000, decision: 'lock' });
      });
    });

    describe('security checkup', () => {
      it('scores a fresh account low with TOTP as the next action, and rises as things are set up', async () => {
        const { c, account } = await subscriber();
        const before = (await c.get('/api/account/checkup')).json();
        expect(before.score).toBe(30);
        expect(before.nextAction.id).toBe('totp');
        expect(before.facts).toMatchObject({
          totpEnabled: false,
          recoveryCodesLeft: null,
          passkeys: 0,
          passwordAgeDays: 0,
          activeSessions: 1,
          devices: 1,
          monthlyLimit: null,
          locked: false,
        });

        await enrolTotp(c, t.clock.now);
        await c.post('/api/account/limit', { monthlyLimit: 20_000 });
        await t.seed([{ ...cardChangeEvent(account, t.clock.now, 60) }]);
        const after = (await c.get('/api/account/checkup?lang=en')).json();
        // TOTP 30 + codes 5 + limit 15 + devices 10 + password 10 + recent change 5 (a card was added)
        expect(after.score).toBe(75);
        expect(after.nextAction.id).toBe('recent_changes');
        expect(after.facts.recoveryCodesLeft).toBe(10);
        expect(after.recentChanges.map((x: { kind: string }) => x.kind)).toEqual(
          expect.arrayContaining(['card_added', 'mfa_enabled']),
        );
        expect(after.checks.find((x: { id: string }) => x.id === 'monthly_limit').message).toMatch(/¥20,000/);
      });
    });
  });
}
