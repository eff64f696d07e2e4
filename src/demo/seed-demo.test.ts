import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../accounts/index.ts';
import { countEvents, findUserByEmail, listCases, listNotices } from '../db/index.ts';
import { openTestDatabase } from '../db/test-databases.ts';
import { DEFAULT_POLICY } from '../engine/index.ts';
import { EngineSessions } from '../ingest/index.ts';
import { DEMO_OPERATOR, DEMO_SUBSCRIBER, seedDemoIfEmpty } from './seed-demo.ts';

describe('seedDemoIfEmpty', () => {
  it('seeds marked demo users and an attack in progress once, and never into a database with users', async () => {
    const { db, close } = await openTestDatabase('sqlite');
    try {
      const sessions = new EngineSessions({ db, policy: DEFAULT_POLICY, noticeKey: new Uint8Array(32) });
      const nowMs = Date.parse('2026-11-25T12:00:00+09:00');
      const first = await seedDemoIfEmpty(db, sessions, { nowMs, subscribers: 80, days: 21 });
      expect(first.seeded).toBe(true);
      expect(first.events).toBeGreaterThan(1000);
      expect(await countEvents(db, 'default')).toBe(first.events);

      const subscriber = await findUserByEmail(db, DEMO_SUBSCRIBER.email);
      expect(subscriber?.role).toBe('subscriber');
      expect(subscriber?.account).toBe(first.subscriberAccount);
      expect(await verifyPassword(subscriber?.passwordHash ?? '', DEMO_SUBSCRIBER.password)).toBe(true);
      expect((await findUserByEmail(db, DEMO_OPERATOR.email))?.role).toBe('operator');
      for (const email of [DEMO_SUBSCRIBER.email, DEMO_OPERATOR.email])
        expect(email).toMatch(/@demo\.mamori\.example$/);

      // The demo subscriber's account is under attack: the engine has put notices in its box and opened a case.
      expect((await listNotices(db, first.subscriberAccount ?? '')).length).toBeGreaterThan(0);
      expect((await listCases(db, { account: first.subscriberAccount ?? '' })).length).toBeGreaterThan(0);

      const again = await seedDemoIfEmpty(db, sessions, { nowMs });
      expect(again.seeded).toBe(false);
      expect(await countEvents(db, 'default')).toBe(first.events);
    } finally {
      await close();
    }
  }, 60_000);
});
