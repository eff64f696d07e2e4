/**
 * Accounts storage, run on every database (SQLite always; PostgreSQL when it answers, otherwise
 * skipped with a console line).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimTotpStep,
  clearSignInFailures,
  consumeRecoveryCode,
  countRecoveryCodes,
  createSession,
  createUser,
  deleteExpiredSessions,
  deletePasskey,
  disableTotp,
  enableTotp,
  findSessionByTokenHash,
  findUserByEmail,
  findUserById,
  listPasskeys,
  listSessions,
  listUsers,
  migrateDownAll,
  migrateToLatest,
  type OpenedDatabase,
  recordSignInFailure,
  revokeAllSessions,
  revokeSession,
  revokeSessionsForAccount,
  saveChallenge,
  savePasskey,
  takeChallenge,
  updatePasskeyCounter,
} from './index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from './test-databases.ts';

const pgAvailable = await postgresAvailable();
const T0 = Date.UTC(2026, 10, 25, 5, 0, 0);
const LOCKOUT = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`accounts storage on ${dialect}`, () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
    });
    afterAll(async () => {
      await opened?.close();
    });

    let n = 0;
    const newUser = async (
      role: 'subscriber' | 'operator' = 'subscriber',
      account: string | null = 'acc_1',
    ) => {
      n += 1;
      const user = await createUser(opened.db, {
        email: `user${n}@example.jp`,
        passwordHash: '$argon2id$fake',
        role,
        account,
        nowMs: T0,
      });
      if (!user) throw new Error('user not created');
      return user;
    };

    it('creates users, refuses a taken e-mail, finds by id and e-mail', async () => {
      const u = await newUser();
      expect(u.id).toMatch(/^usr_[0-9a-f]{16}$/);
      expect(
        await createUser(opened.db, {
          email: u.email,
          passwordHash: 'x',
          role: 'subscriber',
          account: null,
          nowMs: T0,
        }),
      ).toBeUndefined();
      expect((await findUserByEmail(opened.db, u.email))?.id).toBe(u.id);
      expect(await findUserById(opened.db, u.id)).toEqual(u);
      expect((await listUsers(opened.db, { role: 'subscriber' })).map((x) => x.id)).toContain(u.id);
    });

    it('counts failures in a window and locks at the limit', async () => {
      const u = await newUser();
      for (let i = 1; i <= 4; i++) {
        expect(await recordSignInFailure(opened.db, u.id, T0 + i, LOCKOUT)).toEqual({
          failures: i,
          lockedUntilMs: null,
        });
      }
      const fifth = await recordSignInFailure(opened.db, u.id, T0 + 5, LOCKOUT);
      expect(fifth.lockedUntilMs).toBe(T0 + 5 + LOCKOUT.lockMs);
      expect((await findUserById(opened.db, u.id))?.lockedUntilMs).toBe(T0 + 5 + LOCKOUT.lockMs);
      await clearSignInFailures(opened.db, u.id);
      expect((await findUserById(opened.db, u.id))?.lockedUntilMs).toBeNull();

      // A failure after the window starts counting again.
      const v = await newUser();
      for (let i = 0; i < 4; i++) await recordSignInFailure(opened.db, v.id, T0, LOCKOUT);
      expect(await recordSignInFailure(opened.db, v.id, T0 + LOCKOUT.windowMs + 1, LOCKOUT)).toEqual({
        failures: 1,
        lockedUntilMs: null,
      });
    });

    it('finds unexpired sessions by token hash; revocation is scoped to the owner', async () => {
      const a = await newUser('subscriber', 'acc_rev');
      const b = await newUser('subscriber', 'acc_other');
      const mk = (userId: string, hash: string, expiresAtMs = T0 + 60_000) =>
        createSession(opened.db, {
          userId,
          tokenHash: hash,
          stage: 'active',
          nowMs: T0,
          expiresAtMs,
          userAgent: 'ua',
          ip: '192.0.2.1',
        });
      const s1 = await mk(a.id, `h1-${dialect}`);
      const s2 = await mk(a.id, `h2-${dialect}`);
      const sb = await mk(b.id, `hb-${dialect}`);
      const found = await findSessionByTokenHash(opened.db, `h1-${dialect}`, T0 + 1);
      expect(found?.session.id).toBe(s1.id);
      expect(found?.user.id).toBe(a.id);
      expect(await findSessionByTokenHash(opened.db, `h1-${dialect}`, T0 + 60_000)).toBeUndefined();
      expect((await listSessions(opened.db, a.id, T0)).map((s) => s.id).sort()).toEqual(
        [s1.id, s2.id].sort(),
      );

      expect(await revokeSession(opened.db, a.id, sb.id)).toBe(false);
      expect(await findSessionByTokenHash(opened.db, `hb-${dialect}`, T0)).toBeDefined();
      expect(await revokeSession(opened.db, a.id, s2.id)).toBe(true);
      expect(await revokeSession(opened.db, a.id, s2.id)).toBe(false);

      expect(await revokeSessionsForAccount(opened.db, 'default', 'acc_rev')).toBe(1);
      expect(await listSessions(opened.db, a.id, T0)).toEqual([]);
      expect(await revokeAllSessions(opened.db, b.id)).toBe(1);
      await mk(a.id, `h3-${dialect}`, T0 - 1);
      expect(await deleteExpiredSessions(opened.db, T0)).toBeGreaterThanOrEqual(1);
    });

    it('accepts each TOTP step once, and each recovery code once', async () => {
      const u = await newUser();
      await enableTotp(opened.db, u.id, {
        secret: 'JBSWY3DPEHPK3PXP',
        step: 100,
        recoveryCodeHashes: ['r1', 'r2'],
        nowMs: T0,
      });
      expect(await claimTotpStep(opened.db, u.id, 100)).toBe(false);
      expect(await claimTotpStep(opened.db, u.id, 99)).toBe(false);
      expect(await claimTotpStep(opened.db, u.id, 101)).toBe(true);
      expect(await claimTotpStep(opened.db, u.id, 101)).toBe(false);
      expect(await countRecoveryCodes(opened.db, u.id)).toBe(2);
      expect(await consumeRecoveryCode(opened.db, u.id, 'r1', T0)).toBe(true);
      expect(await consumeRecoveryCode(opened.db, u.id, 'r1', T0)).toBe(false);
      const other = await newUser();
      expect(await consumeRecoveryCode(opened.db, other.id, 'r2', T0)).toBe(false);
      expect(await countRecoveryCodes(opened.db, u.id)).toBe(1);
      await disableTotp(opened.db, u.id);
      const after = await findUserById(opened.db, u.id);
      expect(after?.totpSecret).toBeNull();
      expect(after?.totpLastStep).toBeNull();
      expect(await countRecoveryCodes(opened.db, u.id)).toBe(0);
    });

    it('stores passkeys; deletion is scoped to the owner', async () => {
      const a = await newUser();
      const b = await newUser();
      const id = `cred-${dialect}-${n}`;
      await savePasskey(opened.db, {
        id,
        userId: a.id,
        publicKey: 'pk',
        counter: 0,
        transports: ['internal', 'hybrid'],
        deviceType: 'multiDevice',
        backedUp: true,
        name: 'iPhone',
        createdAtMs: T0,
      });
      await updatePasskeyCounter(opened.db, id, 7, T0 + 1);
      const [p] = await listPasskeys(opened.db, a.id);
      expect(p).toMatchObject({
        id,
        counter: 7,
        transports: ['internal', 'hybrid'],
        backedUp: true,
        lastUsedAtMs: T0 + 1,
      });
      expect(await deletePasskey(opened.db, b.id, id)).toBe(false);
      expect(await deletePasskey(opened.db, a.id, id)).toBe(true);
    });

    it('hands out each challenge once, only for its kind, user and lifetime', async () => {
      const u = await newUser();
      await saveChallenge(opened.db, {
        challenge: `c1-${dialect}`,
        kind: 'registration',
        userId: u.id,
        expiresAtMs: T0 + 1000,
      });
      expect(
        await takeChallenge(opened.db, {
          challenge: `c1-${dialect}`,
          kind: 'registration',
          userId: u.id,
          nowMs: T0,
        }),
      ).toBe(true);
      expect(
        await takeChallenge(opened.db, {
          challenge: `c1-${dialect}`,
          kind: 'registration',
          userId: u.id,
          nowMs: T0,
        }),
      ).toBe(false);
      await saveChallenge(opened.db, {
        challenge: `c2-${dialect}`,
        kind: 'authentication',
        userId: null,
        expiresAtMs: T0 + 1000,
      });
      expect(
        await takeChallenge(opened.db, {
          challenge: `c2-${dialect}`,
          kind: 'registration',
          userId: null,
          nowMs: T0,
        }),
      ).toBe(false);
      await saveChallenge(opened.db, {
        challenge: `c3-${dialect}`,
        kind: 'authentication',
        userId: null,
        expiresAtMs: T0 + 1000,
      });
      expect(
        await takeChallenge(opened.db, {
          challenge: `c3-${dialect}`,
          kind: 'authentication',
          userId: null,
          nowMs: T0 + 1000,
        }),
      ).toBe(false);
    });

    it('migrates down and up again', async () => {
      const fresh = await openTestDatabase(dialect);
      try {
        await migrateDownAll(fresh.db);
        await migrateToLatest(fresh.db);
        expect(await listUsers(fresh.db)).toEqual([]);
      } finally {
        await fresh.close();
      }
    });
  });
}
