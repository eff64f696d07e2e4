/**
 * EngineSession: batches handed in ahead are decided while the one before is written (a pipeline
 * of two), so these tests check what that must not change — the decisions are those of one batch
 * after another, a repeated id is answered from the batch that stored it, and a failed write
 * leaves no trace in memory: batches decided on top of it fail too, later ones see only what was
 * stored; an exclusive change (an unlock) runs between batches.
 */

import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { countEvents, type Database, findDecisions } from '../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../db/test-databases.ts';
import { type AccountEvent, DEFAULT_POLICY } from '../engine/index.ts';
import { ACCOUNT, ATTACKER_PHONE, charge, HOSTING_NET, login, OLD_PC, report } from '../engine/test-kit.ts';
import { simulate } from '../sim/index.ts';
import { type DecisionOrError, EngineSession } from './engine-session.ts';
import { toCandidate } from './read-events.ts';
import { type DecidedWriter, inProcessWriter } from './store-decided.ts';
import { unlockAccountState } from './unlock-account.ts';

const KEY = new Uint8Array(32).fill(7);

const sessionOn = (db: Kysely<Database>, writer?: DecidedWriter) =>
  new EngineSession({
    db,
    operatorId: 'default',
    policy: DEFAULT_POLICY,
    noticeKey: KEY,
    ...(writer ? { writer } : {}),
  });

function batches(events: readonly AccountEvent[], size: number) {
  const out = [];
  for (let i = 0; i < events.length; i += size)
    out.push(events.slice(i, i + size).map((e) => toCandidate(e)));
  return out;
}

/** Hands every batch in at once (as replay and a busy server do) and waits for all answers. */
async function runAhead(session: EngineSession, events: readonly AccountEvent[], size: number) {
  const answers = await Promise.all(batches(events, size).map((b) => session.process(b)));
  return answers.flat();
}

const decisionsOnly = (results: DecisionOrError[]) =>
  results.map((r) =>
    'error' in r ? r.error.code : `${r.event}:${r.decision}:${r.score}:${r.notice}:${r.case}`,
  );

const stream = [...simulate({ seed: 5, subscribers: 60, days: 10 })] as AccountEvent[];

// The same specs on every database: on PostgreSQL the pool really runs a read of the next group
// beside the write of the one before, which is what #pendingIds is for.
const pgAvailable = await postgresAvailable();
for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`on ${dialect}`, () => {
    describe(`EngineSession pipeline on ${dialect}`, () => {
      it('answers batches handed in ahead exactly as batches handed in one after another', async () => {
        const one = await openTestDatabase(dialect);
        const two = await openTestDatabase(dialect);
        try {
          const sequential: DecisionOrError[] = [];
          const a = sessionOn(one.db);
          for (const b of batches(stream, 97)) sequential.push(...(await a.process(b)));
          const b = sessionOn(two.db);
          const ahead = await runAhead(b, stream, 97);
          expect(stream.length).toBeGreaterThan(500);
          expect(decisionsOnly(ahead)).toEqual(decisionsOnly(sequential));
          expect(ahead.some((r) => !('error' in r) && r.decision === 'lock')).toBe(true);
          expect(await countEvents(two.db)).toBe(stream.length);
        } finally {
          await one.close();
          await two.close();
        }
      });

      it('answers an id repeated while its first batch is still being written with that decision', async () => {
        const opened = await openTestDatabase(dialect);
        try {
          const session = sessionOn(opened.db);
          const first = login(0, { id: 'evt_pc_login', device: OLD_PC, network: HOSTING_NET });
          const [a, b] = await Promise.all([
            session.process([
              toCandidate(first),
              toCandidate(charge(2, 500, 'm_music', 'subscription', { id: 'evt_c1' })),
            ]),
            session.process([toCandidate({ ...first })]),
          ]);
          expect(b[0]).toEqual(a[0]);
          expect(await countEvents(opened.db)).toBe(2);
        } finally {
          await opened.close();
        }
      });
    });

    describe(`EngineSession on ${dialect} when a write fails`, () => {
      it('fails the batches decided on top of it and decides later ones from storage alone', async () => {
        const opened = await openTestDatabase(dialect);
        try {
          const real = inProcessWriter(opened.db);
          // Each write waits for its gate, so the test decides what is in flight when.
          const gates = [1, 2, 3, 4].map(() => {
            let resolve = () => {};
            const promise = new Promise<void>((r) => {
              resolve = r;
            });
            return { promise, resolve };
          });
          let writes = 0;
          const flaky: DecidedWriter = {
            async store(batch) {
              const n = writes++;
              await gates[n]?.promise;
              // The second write fails, as a full disk would.
              if (n === 1) throw new Error('SQLITE_FULL: database or disk is full');
              return real.store(batch);
            },
          };
          const session = sessionOn(opened.db, flaky);
          const events = [
            login(0, { id: 'e1' }),
            // The attacker's batch: a new device on a hosting network, then a charge.
            login(10, { id: 'e2', device: ATTACKER_PHONE, network: HOSTING_NET }),
            charge(12, 9_800, 'm_giftcard', 'gift_card', {
              id: 'e3',
              device: ATTACKER_PHONE,
              network: HOSTING_NET,
            }),
            charge(20, 300, 'm_music', 'subscription', { id: 'e4' }),
          ];
          const pause = () => new Promise((resolve) => setTimeout(resolve, 30));
          const p1 = session.process([toCandidate(events[0] as AccountEvent)]);
          await pause(); // batch 1 is being written
          const p2 = session.process([
            toCandidate(events[1] as AccountEvent),
            toCandidate(events[2] as AccountEvent),
          ]);
          await pause(); // batch 2 is decided on top of batch 1
          gates[0]?.resolve();
          await pause(); // batch 1 stored; batch 2 is being written
          const p3 = session.process([toCandidate(events[3] as AccountEvent)]);
          await pause(); // batch 3 is decided on top of batch 2
          expect(writes).toBe(2);
          gates[1]?.resolve();
          gates[2]?.resolve();
          gates[3]?.resolve();
          const settled = await Promise.allSettled([p1, p2, p3]);
          expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
          const stored = await findDecisions(opened.db, 'default', ['e1', 'e2', 'e3', 'e4']);
          expect([...stored.keys()]).toEqual(['e1']);

          // Sent again, the failed events are decided as if the failure never happened.
          const again = await session.process(events.slice(1).map((e) => toCandidate(e)));
          const fresh = await openTestDatabase(dialect);
          try {
            const clean = sessionOn(fresh.db);
            const expected = [
              ...(await clean.process([toCandidate(events[0] as AccountEvent)])),
              ...(await clean.process(events.slice(1).map((e) => toCandidate(e)))),
            ].slice(1);
            expect(decisionsOnly(again)).toEqual(decisionsOnly(expected));
          } finally {
            await fresh.close();
          }
          expect(await countEvents(opened.db)).toBe(4);
        } finally {
          await opened.close();
        }
      });
    });

    describe(`EngineSession.exclusive on ${dialect}`, () => {
      it('runs an unlock after the batch in flight is stored, so that batch cannot write the lock back', async () => {
        const opened = await openTestDatabase(dialect);
        try {
          const real = inProcessWriter(opened.db);
          let release = () => {};
          const held = new Promise<void>((r) => {
            release = r;
          });
          let writes = 0;
          const writer: DecidedWriter = {
            async store(batch) {
              // The third write (a charge on the locked account) is held until the unlock is queued.
              if (++writes === 3) await held;
              return real.store(batch);
            },
          };
          const session = sessionOn(opened.db, writer);
          await session.process([toCandidate(login(0, { id: 'x1' }))]);
          const locked = await session.process([toCandidate(report(5, 'not_me', { id: 'x2' }))]);
          expect(locked[0]).toMatchObject({ decision: 'lock' });

          const inFlight = session.process([
            toCandidate(charge(10, 400, 'm_music', 'subscription', { id: 'x3' })),
          ]);
          await new Promise((r) => setTimeout(r, 20));
          const unlocked = session.exclusive(async () => {
            const n = await opened.db
              .transaction()
              .execute((trx) => unlockAccountState(trx, 'default', ACCOUNT, Date.now()));
            session.forgetNow(ACCOUNT);
            return n;
          });
          release();
          expect((await inFlight)[0]).toMatchObject({ decision: 'lock' });
          expect(await unlocked).toBe(1);
          const after = await session.process([
            toCandidate(charge(20, 400, 'm_music', 'subscription', { id: 'x4' })),
          ]);
          expect(after[0]).toMatchObject({ decision: 'allow' });
        } finally {
          await opened.close();
        }
      });
    });
  });
}
