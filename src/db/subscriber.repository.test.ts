/**
 * The subscriber queries are scoped by operator AND account: another account's event ids and
 * notice references are simply not found. SQLite and (when it answers) PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../engine/index.ts';
import {
  countUnreadNotices,
  createSession,
  createUser,
  findAccountEvent,
  findAccountNotice,
  listAccountActivity,
  listAccountAudit,
  listSessions,
  markAccountNoticeRead,
  noticeReferenceIssued,
  type OpenedDatabase,
  revokeAccountSessionsExcept,
} from './index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from './test-databases.ts';

const pgAvailable = await postgresAvailable();
const T = Date.parse('2026-11-25T10:00:00+09:00');

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`subscriber repository on ${dialect}`, () => {
    let opened: OpenedDatabase;

    async function event(
      operator: string,
      id: string,
      account: string,
      type: string,
      atMs: number,
      decision: Decision['decision'] | null,
    ) {
      const { db } = opened;
      await db
        .insertInto('events')
        .values({
          operator_id: operator,
          id,
          account,
          type,
          at: new Date(atMs).toISOString(),
          at_ms: atMs,
          payload: JSON.stringify({ id, type, account, amount: 100 }),
          received_at_ms: atMs,
        })
        .execute();
      if (decision !== null) {
        const payload: Decision = {
          event: id,
          account,
          decision,
          score: 10,
          reasons: [],
          notice: null,
          case: null,
        };
        await db
          .insertInto('decisions')
          .values({
            operator_id: operator,
            event_id: id,
            account,
            decision,
            score: 10,
            payload: JSON.stringify(payload),
            created_at_ms: atMs,
          })
          .execute();
      }
    }

    async function notice(operator: string, ref: string, account: string, atMs: number) {
      await opened.db
        .insertInto('notices')
        .values({
          ref,
          operator_id: operator,
          account,
          kind: 'hold',
          title: 't',
          body: 'b',
          lang: 'ja',
          event_id: null,
          created_at_ms: atMs,
          read_at_ms: null,
        })
        .execute();
    }

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      await event('default', 'a1', 'acc_a', 'login', T - 3000, 'allow');
      await event('default', 'a2', 'acc_a', 'charge', T - 2000, 'hold');
      await event('default', 'a3', 'acc_a', 'limit_change', T - 1000, null);
      await event('default', 'b1', 'acc_b', 'charge', T - 1500, 'allow');
      // Same account id under another operator: a different subscriber.
      await event('op2', 'x1', 'acc_a', 'charge', T - 500, 'allow');
      await notice('default', 'N-AAAA-AAAA', 'acc_a', T - 100);
      await notice('default', 'N-BBBB-BBBB', 'acc_b', T - 50);
      await notice('op2', 'N-CCCC-CCCC', 'acc_a', T - 10);
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('lists the account’s events newest first, each with its decision, filtered by type and time', async () => {
      const rows = await listAccountActivity(opened.db, 'default', 'acc_a');
      expect(rows.map((r) => r.event.id)).toEqual(['a3', 'a2', 'a1']);
      expect(rows.map((r) => r.decision?.decision ?? null)).toEqual([null, 'hold', 'allow']);
      expect(rows[1]?.event.atMs).toBe(T - 2000);
      expect(rows[1]?.event.event).toMatchObject({ amount: 100 });
      expect(
        (await listAccountActivity(opened.db, 'default', 'acc_a', { types: ['charge'] })).map(
          (r) => r.event.id,
        ),
      ).toEqual(['a2']);
      expect(
        (await listAccountActivity(opened.db, 'default', 'acc_a', { sinceMs: T - 2500 })).map(
          (r) => r.event.id,
        ),
      ).toEqual(['a3', 'a2']);
      expect(await listAccountActivity(opened.db, 'default', 'acc_a', { types: [] })).toEqual([]);
    });

    it('finds an event only on its own account and operator', async () => {
      expect((await findAccountEvent(opened.db, 'default', 'acc_a', 'a2'))?.decision?.decision).toBe('hold');
      expect(await findAccountEvent(opened.db, 'default', 'acc_a', 'b1')).toBeUndefined();
      expect(await findAccountEvent(opened.db, 'default', 'acc_a', 'x1')).toBeUndefined();
      expect(await findAccountEvent(opened.db, 'default', 'acc_a', 'nope')).toBeUndefined();
    });

    it('notices: found, counted and marked read only on their own account; the first read time is kept', async () => {
      expect((await findAccountNotice(opened.db, 'default', 'acc_a', 'N-AAAA-AAAA'))?.ref).toBe(
        'N-AAAA-AAAA',
      );
      expect(await findAccountNotice(opened.db, 'default', 'acc_a', 'N-BBBB-BBBB')).toBeUndefined();
      expect(await findAccountNotice(opened.db, 'default', 'acc_a', 'N-CCCC-CCCC')).toBeUndefined();
      expect(await countUnreadNotices(opened.db, 'default', 'acc_a')).toBe(1);

      expect(await markAccountNoticeRead(opened.db, 'default', 'acc_a', 'N-BBBB-BBBB', T)).toBeUndefined();
      expect((await findAccountNotice(opened.db, 'default', 'acc_b', 'N-BBBB-BBBB'))?.readAtMs).toBeNull();

      expect((await markAccountNoticeRead(opened.db, 'default', 'acc_a', 'N-AAAA-AAAA', T))?.readAtMs).toBe(
        T,
      );
      expect(
        (await markAccountNoticeRead(opened.db, 'default', 'acc_a', 'N-AAAA-AAAA', T + 5))?.readAtMs,
      ).toBe(T);
      expect(await countUnreadNotices(opened.db, 'default', 'acc_a')).toBe(0);
    });

    it('says whether a reference was ever issued, for any account', async () => {
      expect(await noticeReferenceIssued(opened.db, 'N-BBBB-BBBB')).toBe(true);
      expect(await noticeReferenceIssued(opened.db, 'N-ZZZZ-ZZZZ')).toBe(false);
    });

    it('ends every session of the account but the one kept, and no other account’s', async () => {
      const { db } = opened;
      const mk = async (email: string, account: string) => {
        const user = await createUser(db, {
          email,
          passwordHash: 'x',
          role: 'subscriber',
          account,
          nowMs: T,
        });
        if (!user) throw new Error(`could not create ${email}`);
        return user;
      };
      const a1 = await mk(`a1.${dialect}@example.jp`, 'acc_s');
      const a2 = await mk(`a2.${dialect}@example.jp`, 'acc_s');
      const b = await mk(`b.${dialect}@example.jp`, 'acc_t');
      const session = (userId: string, n: number) =>
        createSession(db, {
          userId,
          tokenHash: `${dialect}-${userId}-${n}`,
          stage: 'active',
          nowMs: T,
          expiresAtMs: T + 1e9,
          userAgent: null,
          ip: null,
        });
      const keep = await session(a1.id, 1);
      await session(a1.id, 2);
      await session(a2.id, 1);
      await session(b.id, 1);
      expect(await revokeAccountSessionsExcept(db, 'default', 'acc_s', keep.id)).toBe(2);
      expect((await listSessions(db, a1.id, T)).map((s) => s.id)).toEqual([keep.id]);
      expect(await listSessions(db, a2.id, T)).toEqual([]);
      expect(await listSessions(db, b.id, T)).toHaveLength(1);
    });

    it('lists the account’s audit entries newest first', async () => {
      const { appendAudit } = await import('../audit/index.ts');
      await appendAudit(opened.db, {
        actor: 'subscriber:acc_a',
        action: 'mfa.enabled',
        subject: 'acc_a',
        atMs: T - 10,
      });
      await appendAudit(opened.db, {
        actor: 'subscriber:acc_b',
        action: 'mfa.enabled',
        subject: 'acc_b',
        atMs: T - 5,
      });
      await appendAudit(opened.db, {
        actor: 'subscriber:acc_a',
        action: 'passkey.added',
        subject: 'acc_a',
        atMs: T,
      });
      const rows = await listAccountAudit(opened.db, 'acc_a', { sinceMs: T - 100 });
      expect(rows.map((r) => [r.action, r.at_ms])).toEqual([
        ['passkey.added', T],
        ['mfa.enabled', T - 10],
      ]);
    });
  });
}
