/**
 * One storage spec, run on every database (Kysely's DIALECTS style): SQLite always, PostgreSQL
 * when 127.0.0.1:5432 answers (skipped with a console line otherwise).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision } from '../engine/index.ts';
import {
  claimDueDeliveries,
  countDecisions,
  countEvents,
  createApiKey,
  createWebhook,
  findActiveLock,
  findApiKeyByHash,
  findDecision,
  findDecisions,
  findEvent,
  findNoticeByRef,
  getCase,
  hashApiKey,
  listAccountEvents,
  listApiKeys,
  listCases,
  listDeliveries,
  listLocks,
  listNotices,
  listWebhooks,
  loadEngineState,
  loadProfiles,
  lockAccount,
  markDelivered,
  markFailed,
  markRead,
  migrateDownAll,
  migrateToLatest,
  nextCaseId,
  type OpenedDatabase,
  type ProcessedItem,
  parseCaseId,
  reserveCaseIds,
  revokeApiKey,
  saveEngineState,
  saveProfiles,
  setWebhookActive,
  storeProcessed,
  touchApiKey,
  unlockAccount,
  updateCaseStatus,
} from './index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from './test-databases.ts';

const pgAvailable = await postgresAvailable();

const TABLES = [
  'account_locks',
  'api_keys',
  'audit_log',
  'auth_challenges',
  'campaign_warnings',
  'case_notes',
  'cases',
  'counters',
  'decisions',
  'engine_state',
  'events',
  'notices',
  'passkeys',
  'profiles',
  'recovery_codes',
  'reported_messages',
  'sessions',
  'users',
  'webhook_deliveries',
  'webhooks',
];

/** A unique prefix per test, so tests sharing one database never see each other's rows. */
const uid = () => randomBytes(4).toString('hex');

function chargeEvent(id: string, account: string, at = '2026-11-24T10:15:00+09:00', amount = 3000) {
  return {
    id,
    type: 'charge' as const,
    at,
    account,
    amount,
    merchant: { id: 'm_1', name: 'ギフトカード本舗', category: 'gift_card' as const },
    funding: 'phone_bill' as const,
    device: { id: 'dev_1', platform: 'ios' as const },
    network: { ip: '203.0.113.7', country: 'JP', asn: 2516, kind: 'mobile' as const },
  };
}

function decisionFor(
  event: { id: string; account: string },
  decision: Decision['decision'] = 'allow',
  score = 0,
  extra: Partial<Decision> = {},
): Decision {
  return {
    event: event.id,
    account: event.account,
    decision,
    score,
    reasons:
      decision === 'allow'
        ? []
        : [
            {
              rule: 'contact_change_then_charge',
              points: score,
              message: '連絡先の変更から2時間以内に高額な決済があります',
            },
          ],
    notice: null,
    case: null,
    ...extra,
  };
}

function item(id: string, account: string, overrides: Partial<ProcessedItem> = {}): ProcessedItem {
  const event = chargeEvent(id, account);
  return { event, decision: decisionFor(event), ...overrides };
}

const noticeRef = () => {
  const c = randomBytes(8).toString('hex').toUpperCase().slice(0, 8);
  return `N-${c.slice(0, 4)}-${c.slice(4)}`;
};

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`storage on ${dialect}`, () => {
    let opened: OpenedDatabase;
    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
    });
    afterAll(async () => {
      await opened?.close();
    });
    const db = () => opened.db;

    describe('migrations', () => {
      it('creates every table, drops them all on the way down, and comes back up', async () => {
        const fresh = await openTestDatabase(dialect);
        try {
          // PostgreSQL's introspector lists every schema: keep only this database's own.
          const own =
            dialect === 'postgres'
              ? (await sql<{ s: string }>`select current_schema() as s`.execute(fresh.db)).rows[0]?.s
              : undefined;
          const names = async () =>
            (await fresh.db.introspection.getTables())
              .filter((t) => own === undefined || t.schema === own)
              .map((t) => t.name)
              .filter((n) => !n.startsWith('kysely_'));
          expect((await names()).sort()).toEqual(TABLES);
          expect(await migrateToLatest(fresh.db)).toEqual([]); // already current: a no-op

          const down = await migrateDownAll(fresh.db);
          expect(down.map((r) => [r.direction, r.status])).toEqual([
            ['Down', 'Success'],
            ['Down', 'Success'],
            ['Down', 'Success'],
          ]);
          expect(await names()).toEqual([]);

          const up = await migrateToLatest(fresh.db);
          expect(up.map((r) => [r.migrationName, r.direction, r.status])).toEqual([
            ['2026-11-25T12-00-00-initial', 'Up', 'Success'],
            ['2026-11-25T14-00-00-accounts', 'Up', 'Success'],
            ['2026-11-25T16-00-00-operator', 'Up', 'Success'],
          ]);
          expect((await names()).sort()).toEqual(TABLES);
        } finally {
          await fresh.close();
        }
      });

      it('reads epoch-ms (bigint) columns back as numbers', async () => {
        const p = uid();
        const event = chargeEvent(`${p}_e`, `${p}_acc`, '2026-11-24T10:15:00.123+09:00');
        await storeProcessed(db(), [{ event, decision: decisionFor(event) }], { nowMs: 1_795_000_000_000 });
        const stored = await findEvent(db(), 'default', event.id);
        expect(stored?.atMs).toBe(Date.parse('2026-11-24T01:15:00.123Z'));
        expect(typeof stored?.atMs).toBe('number');
        expect(stored?.receivedAtMs).toBe(1_795_000_000_000);
        expect(typeof (await countEvents(db()))).toBe('number');
      });
    });

    describe('storeProcessed', () => {
      it('stores events, decisions, profiles, notices, cases, locks and engine state together', async () => {
        const p = uid();
        const acc = `${p}_acc`;
        const e1 = chargeEvent(`${p}_1`, acc, '2026-11-24T10:00:00+09:00');
        const e2 = chargeEvent(`${p}_2`, acc, '2026-11-24T10:05:00+09:00', 50_000);
        const e3 = chargeEvent(`${p}_3`, acc, '2026-11-24T10:06:00+09:00', 80_000);
        const ref = noticeRef();
        const result = await storeProcessed(
          db(),
          [
            { event: e1, decision: decisionFor(e1), profile: { n: 1 } },
            {
              event: e2,
              decision: decisionFor(e2, 'hold', 70, { notice: ref }),
              profile: { n: 2 },
              notice: {
                ref,
                kind: 'hold',
                title: '決済を保留しました',
                body: '本人確認をお願いします。',
                lang: 'ja',
              },
              case: { payload: { amount: 50_000 } },
            },
            {
              event: e3,
              decision: decisionFor(e3, 'lock', 95),
              profile: { n: 3, locked: true },
              case: {},
              lock: { reason: 'score 95' },
            },
          ],
          { nowMs: 1_000, engineState: { [`${p}_global`]: { failures: { '203.0.113.7': 4 } } } },
        );

        expect(result.stored).toBe(3);
        expect(result.duplicate).toEqual([false, false, false]);
        const [d1, d2, d3] = result.decisions;
        expect(d1?.case).toBeNull();
        const c2 = d2?.case ?? '';
        const c3 = d3?.case ?? '';
        expect(c2).toMatch(/^C-\d{6}$/);
        expect(parseCaseId(c3)).toBe((parseCaseId(c2) ?? 0) + 1);

        // The decision stored is the one returned, with its case number filled in.
        expect(await findDecision(db(), 'default', e2.id)).toEqual(d2);
        expect((await findDecision(db(), 'default', e3.id))?.case).toBe(c3);
        expect((await findEvent(db(), 'default', e1.id))?.event).toEqual(e1);

        const profiles = await loadProfiles(db(), 'default', [acc]);
        expect(profiles.get(acc)).toEqual({ data: { n: 3, locked: true }, version: 1, updatedAtMs: 1_000 });

        const notice = await findNoticeByRef(db(), ref);
        expect(notice).toMatchObject({ account: acc, eventId: e2.id, kind: 'hold', readAtMs: null });
        expect(notice?.createdAtMs).toBe(Date.parse(e2.at)); // event time, so replays agree

        expect(await getCase(db(), c2)).toMatchObject({
          account: acc,
          status: 'open',
          decision: 'hold',
          score: 70,
          eventId: e2.id,
          openedAtMs: Date.parse(e2.at),
          payload: { amount: 50_000 },
        });
        expect((await getCase(db(), c3))?.payload).toBeNull();

        expect(await findActiveLock(db(), 'default', acc)).toMatchObject({
          reason: 'score 95',
          eventId: e3.id,
          lockedAtMs: Date.parse(e3.at),
          unlockedAtMs: null,
        });
        expect(await loadEngineState(db(), `${p}_global`)).toEqual({ failures: { '203.0.113.7': 4 } });
      });

      it('keeps the first decision when the same event id is stored again', async () => {
        const p = uid();
        const acc = `${p}_acc`;
        const event = chargeEvent(`${p}_e`, acc);
        const first = await storeProcessed(db(), [
          { event, decision: decisionFor(event, 'hold', 60), profile: { v: 'first' }, case: {} },
        ]);
        const casesBefore = (await listCases(db(), { account: acc })).length;

        const again = await storeProcessed(db(), [
          {
            event: { ...event, amount: 1 },
            decision: decisionFor(event, 'allow', 0),
            profile: { v: 'second' },
            case: {},
            notice: { ref: noticeRef(), kind: 'x', title: 't', body: 'b', lang: 'ja' },
            lock: { reason: 'no' },
          },
        ]);
        expect(again.stored).toBe(0);
        expect(again.duplicate).toEqual([true]);
        expect(again.decisions[0]).toEqual(first.decisions[0]);
        expect(await findDecision(db(), 'default', event.id)).toEqual(first.decisions[0]);
        expect((await findEvent(db(), 'default', event.id))?.event).toEqual(event);
        expect((await loadProfiles(db(), 'default', [acc])).get(acc)).toMatchObject({
          data: { v: 'first' },
          version: 1,
        });
        expect((await listCases(db(), { account: acc })).length).toBe(casesBefore);
        expect(await listNotices(db(), acc)).toEqual([]);
        expect(await findActiveLock(db(), 'default', acc)).toBeUndefined();
      });

      it('treats a repeat inside one batch as a duplicate of its first occurrence', async () => {
        const p = uid();
        const e = chargeEvent(`${p}_e`, `${p}_acc`);
        const result = await storeProcessed(db(), [
          { event: e, decision: decisionFor(e, 'challenge', 40) },
          { event: e, decision: decisionFor(e, 'lock', 99) },
        ]);
        expect(result.stored).toBe(1);
        expect(result.duplicate).toEqual([false, true]);
        expect(result.decisions.map((d) => d.decision)).toEqual(['challenge', 'challenge']);
        expect((await findDecision(db(), 'default', e.id))?.decision).toBe('challenge');
      });

      it('keeps operators apart: the same event id under two operators is two events', async () => {
        const p = uid();
        const e = chargeEvent(`${p}_e`, `${p}_acc`);
        const r = await storeProcessed(db(), [
          { event: e, decision: decisionFor(e, 'allow'), profile: { op: 'a' }, operatorId: `${p}_a` },
          { event: e, decision: decisionFor(e, 'hold', 70), profile: { op: 'b' }, operatorId: `${p}_b` },
        ]);
        expect(r.stored).toBe(2);
        expect((await findDecision(db(), `${p}_a`, e.id))?.decision).toBe('allow');
        expect((await findDecision(db(), `${p}_b`, e.id))?.decision).toBe('hold');
        expect((await loadProfiles(db(), `${p}_b`, [e.account])).get(e.account)?.data).toEqual({ op: 'b' });
        expect(await countEvents(db(), `${p}_a`)).toBe(1);
      });

      it('rolls the whole batch back when one write fails', async () => {
        const p = uid();
        const ref = noticeRef();
        const taken = chargeEvent(`${p}_taken`, `${p}_acc`);
        await storeProcessed(db(), [
          {
            event: taken,
            decision: decisionFor(taken, 'hold', 60),
            notice: { ref, kind: 'hold', title: 't', body: 'b', lang: 'ja' },
          },
        ]);
        const caseBefore = await nextCaseId(db());
        const eventsBefore = await countEvents(db());
        const decisionsBefore = await countDecisions(db());

        const ok = chargeEvent(`${p}_ok`, `${p}_acc2`);
        const clash = chargeEvent(`${p}_clash`, `${p}_acc2`);
        await expect(
          storeProcessed(
            db(),
            [
              {
                event: ok,
                decision: decisionFor(ok, 'hold', 70),
                profile: { x: 1 },
                case: {},
                lock: { reason: 'r' },
              },
              // Same notice ref as an existing notice: the insert fails after the events went in.
              {
                event: clash,
                decision: decisionFor(clash, 'hold', 70),
                notice: { ref, kind: 'hold', title: 't', body: 'b', lang: 'ja' },
              },
            ],
            { engineState: { [`${p}_state`]: 1 } },
          ),
        ).rejects.toThrow();

        expect(await findEvent(db(), 'default', ok.id)).toBeUndefined();
        expect(await findDecision(db(), 'default', ok.id)).toBeUndefined();
        expect(await countEvents(db())).toBe(eventsBefore);
        expect(await countDecisions(db())).toBe(decisionsBefore);
        expect((await loadProfiles(db(), 'default', [`${p}_acc2`])).size).toBe(0);
        expect(await findActiveLock(db(), 'default', `${p}_acc2`)).toBeUndefined();
        expect(await listCases(db(), { account: `${p}_acc2` })).toEqual([]);
        expect(await loadEngineState(db(), `${p}_state`)).toBeUndefined();
        // The case number taken inside the failed transaction was given back.
        expect(parseCaseId(await nextCaseId(db()))).toBe((parseCaseId(caseBefore) ?? 0) + 1);

        // The same batch without the clash then goes through.
        const retry = await storeProcessed(db(), [
          { event: ok, decision: decisionFor(ok, 'hold', 70), case: {} },
        ]);
        expect(retry.stored).toBe(1);
      });

      it('stores each id once when two batches with the same ids race', async () => {
        const p = uid();
        const make = (decision: Decision['decision']) =>
          Array.from({ length: 300 }, (_, i) => {
            const e = chargeEvent(`${p}_${i}`, `${p}_acc_${i % 7}`);
            return {
              event: e,
              decision: decisionFor(e, decision, decision === 'allow' ? 0 : 50),
              profile: { i },
            };
          });
        const forward = make('allow');
        const backward = make('challenge').reverse();
        const [a, b] = await Promise.all([storeProcessed(db(), forward), storeProcessed(db(), backward)]);
        expect(a.stored + b.stored).toBe(300);
        expect(await countEvents(db())).toBeGreaterThanOrEqual(300);
        const stored = await findDecisions(
          db(),
          'default',
          forward.map((it) => it.event.id),
        );
        expect(stored.size).toBe(300);
        // Both callers were told the decision that is actually stored.
        for (const d of [...a.decisions, ...b.decisions]) expect(stored.get(d.event)).toEqual(d);
      });

      it('refuses an event whose time does not parse, storing nothing of the batch', async () => {
        const p = uid();
        const good = chargeEvent(`${p}_good`, `${p}_acc`);
        const bad = { ...chargeEvent(`${p}_bad`, `${p}_acc`), at: 'yesterday' };
        await expect(
          storeProcessed(db(), [
            { event: good, decision: decisionFor(good) },
            { event: bad, decision: decisionFor(bad) },
          ]),
        ).rejects.toMatchObject({ code: 'db_event_time_invalid' });
        expect(await findEvent(db(), 'default', good.id)).toBeUndefined();
      });

      it("joins the caller's transaction and rolls back with it", async () => {
        const p = uid();
        const e = chargeEvent(`${p}_e`, `${p}_acc`);
        await expect(
          db()
            .transaction()
            .execute(async (trx) => {
              await storeProcessed(trx, [{ event: e, decision: decisionFor(e) }]);
              expect(await findDecision(trx, 'default', e.id)).toBeDefined();
              throw new Error('caller gives up');
            }),
        ).rejects.toThrow('caller gives up');
        expect(await findEvent(db(), 'default', e.id)).toBeUndefined();
      });

      it('round-trips Japanese text in events, decisions, notices, profiles and cases', async () => {
        const p = uid();
        const acc = `${p}_アカウント`;
        const e = {
          ...chargeEvent(`${p}_日本語`, acc),
          merchant: { id: 'm_ja', name: '楽天Edy・ｶﾀｶﾅ・🎮', category: 'e_money' as const },
        };
        const ref = noticeRef();
        const title = '外部によるアクセスを検知しました';
        const body =
          'ご本人のお手続きでない場合は、公式アプリからご連絡ください。カード番号やパスワードをお尋ねすることはありません。';
        const r = await storeProcessed(db(), [
          {
            event: e,
            decision: decisionFor(e, 'hold', 75, { notice: ref }),
            profile: { merchants: ['楽天Edy・ｶﾀｶﾅ・🎮'], メモ: '新しい端末' },
            notice: { ref, kind: 'hold', title, body, lang: 'ja' },
            case: { payload: { 理由: '連絡先の変更から2時間以内に高額な決済があります' } },
          },
        ]);
        expect((await findEvent(db(), 'default', e.id))?.event).toEqual(e);
        expect((await findDecision(db(), 'default', e.id))?.reasons[0]?.message).toBe(
          '連絡先の変更から2時間以内に高額な決済があります',
        );
        expect(await findNoticeByRef(db(), ref)).toMatchObject({ title, body, account: acc });
        expect((await listNotices(db(), acc))[0]?.title).toBe(title);
        expect((await loadProfiles(db(), 'default', [acc])).get(acc)?.data).toEqual({
          merchants: ['楽天Edy・ｶﾀｶﾅ・🎮'],
          メモ: '新しい端末',
        });
        expect((await getCase(db(), r.decisions[0]?.case ?? ''))?.payload).toEqual({
          理由: '連絡先の変更から2時間以内に高額な決済があります',
        });
      });

      it('stores batches larger than one statement chunk', async () => {
        const p = uid();
        const n = 2_345; // 1000 + 1000 + 256 + 64 + 16 + 8 + 1 rows per statement
        const items: ProcessedItem[] = [];
        for (let i = 0; i < n; i++) {
          items.push(
            item(`${p}_${i}`, `${p}_acc_${i % 1_500}`, {
              profile: { last: i },
              ...(i % 100 === 0
                ? {
                    case: {},
                    decision: decisionFor({ id: `${p}_${i}`, account: `${p}_acc_${i % 1_500}` }, 'hold', 70),
                  }
                : {}),
            }),
          );
        }
        const before = await countEvents(db());
        const r = await storeProcessed(db(), items);
        expect(r.stored).toBe(n);
        expect(await countEvents(db())).toBe(before + n);
        const accounts = Array.from({ length: 1_500 }, (_, i) => `${p}_acc_${i}`);
        const profiles = await loadProfiles(db(), 'default', [...accounts, `${p}_nobody`]);
        expect(profiles.size).toBe(1_500);
        // The last event of each account wins: account 0 last saw event 1500.
        expect(profiles.get(`${p}_acc_0`)?.data).toEqual({ last: 1_500 });
        expect(profiles.get(`${p}_acc_844`)?.data).toEqual({ last: 2_344 });
        const caseIds = r.decisions.map((d) => d.case).filter((c): c is string => c !== null);
        expect(caseIds).toHaveLength(24);
        const seqs = caseIds.map((c) => parseCaseId(c) ?? 0);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(24);
        const found = await findDecisions(
          db(),
          'default',
          items.map((i) => i.event.id),
        );
        expect(found.size).toBe(n);

        // Storing all of it again changes nothing.
        const again = await storeProcessed(
          db(),
          items.map((it) => ({ ...it, decision: decisionFor(it.event, 'lock', 100) })),
        );
        expect(again.stored).toBe(0);
        expect(again.decisions).toEqual(r.decisions);
      });
    });

    describe('events', () => {
      it("lists an account's events by their own time, newest first, within a range", async () => {
        const p = uid();
        const acc = `${p}_acc`;
        const times = ['2026-11-24T10:00:00+09:00', '2026-11-24T09:00:00+09:00', '2026-11-24T11:00:00+09:00'];
        await storeProcessed(
          db(),
          times.map((at, i) => {
            const e = chargeEvent(`${p}_${i}`, acc, at);
            return { event: e, decision: decisionFor(e) };
          }),
        );
        const other = chargeEvent(`${p}_other`, `${p}_someone_else`);
        await storeProcessed(db(), [{ event: other, decision: decisionFor(other) }]);

        expect((await listAccountEvents(db(), 'default', acc)).map((e) => e.id)).toEqual([
          `${p}_2`,
          `${p}_0`,
          `${p}_1`,
        ]);
        const ranged = await listAccountEvents(db(), 'default', acc, {
          sinceMs: Date.parse(times[1] ?? ''),
          untilMs: Date.parse(times[2] ?? ''),
        });
        expect(ranged.map((e) => e.id)).toEqual([`${p}_0`, `${p}_1`]);
        expect(await listAccountEvents(db(), 'default', acc, { limit: 1 })).toHaveLength(1);
        expect((await listAccountEvents(db(), 'default', acc))[0]?.event).toMatchObject({ amount: 3000 });
      });
    });

    describe('profiles', () => {
      it('loads many accounts in one call and bumps the version on every save', async () => {
        const p = uid();
        await saveProfiles(db(), [
          { operatorId: 'default', account: `${p}_a`, data: { a: 1 }, updatedAtMs: 10 },
          { operatorId: 'default', account: `${p}_b`, data: '{"b":2}', updatedAtMs: 10 },
        ]);
        await saveProfiles(db(), [
          { operatorId: 'default', account: `${p}_a`, data: { a: 2 }, updatedAtMs: 20 },
        ]);
        const got = await loadProfiles(db(), 'default', [`${p}_a`, `${p}_b`, `${p}_c`, `${p}_a`]);
        expect([...got.keys()].sort()).toEqual([`${p}_a`, `${p}_b`]);
        expect(got.get(`${p}_a`)).toEqual({ data: { a: 2 }, version: 2, updatedAtMs: 20 });
        expect(got.get(`${p}_b`)).toEqual({ data: { b: 2 }, version: 1, updatedAtMs: 10 });
        expect((await loadProfiles(db(), 'other', [`${p}_a`])).size).toBe(0);
        expect((await loadProfiles(db(), 'default', [])).size).toBe(0);
      });
    });

    describe('cases', () => {
      it('numbers cases in increasing order', async () => {
        const a = parseCaseId(await nextCaseId(db())) ?? 0;
        const b = parseCaseId(await nextCaseId(db())) ?? 0;
        const reserved = (await reserveCaseIds(db(), 3)).map((id) => parseCaseId(id) ?? 0);
        expect(b).toBe(a + 1);
        expect(reserved).toEqual([b + 1, b + 2, b + 3]);
        expect(await nextCaseId(db())).toMatch(/^C-\d{6,}$/);
        expect(await reserveCaseIds(db(), 0)).toEqual([]);
      });

      it('lists cases newest first with filters, and updates their status', async () => {
        const p = uid();
        const op = `${p}_op`;
        const items = [0, 1, 2, 3].map((i) =>
          item(`${p}_${i}`, `${p}_acc_${i % 2}`, {
            operatorId: op,
            case: {},
            decision: decisionFor({ id: `${p}_${i}`, account: `${p}_acc_${i % 2}` }, 'hold', 60 + i),
          }),
        );
        const ids = (await storeProcessed(db(), items)).decisions.map((d) => d.case ?? '');
        const all = await listCases(db(), { operatorId: op });
        expect(all.map((c) => c.id)).toEqual([...ids].reverse());

        expect(await updateCaseStatus(db(), ids[1] ?? '', 'confirmed_fraud', 5_000)).toBe(true);
        expect(await updateCaseStatus(db(), 'C-999999999', 'closed', 5_000)).toBe(false);
        expect(await getCase(db(), ids[1] ?? '')).toMatchObject({
          status: 'confirmed_fraud',
          updatedAtMs: 5_000,
        });

        expect((await listCases(db(), { operatorId: op, status: 'open' })).map((c) => c.id)).toEqual([
          ids[3],
          ids[2],
          ids[0],
        ]);
        expect(
          (await listCases(db(), { operatorId: op, status: ['confirmed_fraud', 'legitimate'] })).map(
            (c) => c.id,
          ),
        ).toEqual([ids[1]]);
        expect((await listCases(db(), { operatorId: op, account: `${p}_acc_0` })).map((c) => c.id)).toEqual([
          ids[2],
          ids[0],
        ]);
        expect((await listCases(db(), { operatorId: op, limit: 2 })).map((c) => c.id)).toEqual([
          ids[3],
          ids[2],
        ]);
        expect((await listCases(db(), { operatorId: op, before: ids[2] ?? '' })).map((c) => c.id)).toEqual([
          ids[1],
          ids[0],
        ]);
        expect(await listCases(db(), { operatorId: op, status: [] })).toEqual([]);
        expect(await getCase(db(), 'C-000000')).toBeUndefined();
      });
    });

    describe('notices', () => {
      it('lists a message box newest first and marks a notice read once', async () => {
        const p = uid();
        const acc = `${p}_acc`;
        const refs = [noticeRef(), noticeRef()];
        const e1 = chargeEvent(`${p}_1`, acc, '2026-11-24T09:00:00+09:00');
        const e2 = chargeEvent(`${p}_2`, acc, '2026-11-24T11:00:00+09:00');
        await storeProcessed(db(), [
          {
            event: e1,
            decision: decisionFor(e1, 'challenge', 40),
            notice: { ref: refs[0] ?? '', kind: 'challenge', title: '一', body: 'b', lang: 'ja' },
          },
          {
            event: e2,
            decision: decisionFor(e2, 'hold', 70),
            notice: { ref: refs[1] ?? '', kind: 'hold', title: 'two', body: 'b', lang: 'en' },
          },
        ]);
        expect((await listNotices(db(), acc)).map((n) => n.ref)).toEqual([refs[1], refs[0]]);
        // The decisions were stored pointing at their notices.
        expect((await findDecision(db(), 'default', e1.id))?.notice).toBe(refs[0]);
        expect(await markRead(db(), refs[0] ?? '', 111)).toBe(true);
        expect(await markRead(db(), refs[0] ?? '', 222)).toBe(false); // the first read time stays
        expect((await findNoticeByRef(db(), refs[0] ?? ''))?.readAtMs).toBe(111);
        expect((await listNotices(db(), acc, { unreadOnly: true })).map((n) => n.ref)).toEqual([refs[1]]);
        expect(await listNotices(db(), acc, { limit: 1 })).toHaveLength(1);
        expect(await listNotices(db(), acc, { operatorId: 'someone_else' })).toEqual([]);
        expect(await findNoticeByRef(db(), 'N-0000-0000')).toBeUndefined();
        expect(await markRead(db(), 'N-0000-0000', 1)).toBe(false);
      });
    });

    describe('account locks', () => {
      it('locks, finds the lock in force, and unlocks', async () => {
        const p = uid();
        const acc = `${p}_acc`;
        expect(await findActiveLock(db(), 'default', acc)).toBeUndefined();
        await lockAccount(db(), {
          operatorId: 'default',
          account: acc,
          lockedAtMs: 100,
          reason: 'subscriber_report',
        });
        await lockAccount(db(), {
          operatorId: 'default',
          account: acc,
          lockedAtMs: 200,
          reason: 'operator',
          eventId: `${p}_e`,
        });
        expect(await findActiveLock(db(), 'default', acc)).toMatchObject({
          reason: 'operator',
          lockedAtMs: 200,
        });
        expect(await unlockAccount(db(), 'default', acc, 300)).toBe(2);
        expect(await findActiveLock(db(), 'default', acc)).toBeUndefined();
        expect(await unlockAccount(db(), 'default', acc, 400)).toBe(0);
        const history = await listLocks(db(), 'default', acc);
        expect(history.map((l) => [l.reason, l.unlockedAtMs])).toEqual([
          ['subscriber_report', 300],
          ['operator', 300],
        ]);
        expect(typeof history[0]?.id).toBe('number');
      });
    });

    describe('api keys', () => {
      it('stores only a hash, finds a key by the hash of its secret, and revokes it', async () => {
        const p = uid();
        const op = `${p}_op`;
        const { key, secret } = await createApiKey(db(), {
          operatorId: op,
          name: 'ingest 本番',
          nowMs: 1_000,
        });
        expect(secret).toMatch(/^mk_[A-Za-z0-9_-]{43}$/);
        expect(key.prefix).toBe(secret.slice(0, 11));
        expect(hashApiKey(secret)).toMatch(/^[0-9a-f]{64}$/);

        const stored = await db()
          .selectFrom('api_keys')
          .selectAll()
          .where('id', '=', key.id)
          .executeTakeFirstOrThrow();
        expect(stored.key_hash).toBe(hashApiKey(secret));
        expect(JSON.stringify(stored)).not.toContain(secret);

        expect(await findApiKeyByHash(db(), hashApiKey(secret))).toEqual(key);
        expect(await findApiKeyByHash(db(), hashApiKey(`${secret}x`))).toBeUndefined();

        await touchApiKey(db(), key.id, 2_000);
        const second = await createApiKey(db(), { operatorId: op, name: 'second', nowMs: 1_500 });
        const listed = await listApiKeys(db(), op);
        expect(listed.map((k) => [k.name, k.lastUsedAtMs])).toEqual([
          ['ingest 本番', 2_000],
          ['second', null],
        ]);
        expect(JSON.stringify(listed)).not.toContain(secret);

        expect(await revokeApiKey(db(), key.id, 3_000)).toBe(true);
        expect(await revokeApiKey(db(), key.id, 4_000)).toBe(false);
        expect(await findApiKeyByHash(db(), hashApiKey(secret))).toBeUndefined();
        expect(await findApiKeyByHash(db(), hashApiKey(second.secret))).toBeDefined();
        expect((await listApiKeys(db(), op))[0]?.revokedAtMs).toBe(3_000);
      });
    });

    describe('webhooks', () => {
      it('queues deliveries with the batch, claims due ones once, and records results', async () => {
        const p = uid();
        const op = `${p}_op`;
        const hook = await createWebhook(db(), {
          operatorId: op,
          url: 'https://ops.example.jp/hook',
          nowMs: 0,
        });
        const off = await createWebhook(db(), {
          operatorId: op,
          url: 'https://ops.example.jp/off',
          secret: 's',
          nowMs: 0,
        });
        expect(hook.secret).toMatch(/^whsec_/);
        expect(await setWebhookActive(db(), off.id, false)).toBe(true);
        expect((await listWebhooks(db(), op)).map((w) => w.id)).toEqual([hook.id]);
        expect((await listWebhooks(db(), op, { all: true })).map((w) => w.active).sort()).toEqual([
          false,
          true,
        ]);

        const e = chargeEvent(`${p}_e`, `${p}_acc`);
        const body = JSON.stringify({ kind: 'case.opened', 件名: '保留' });
        await storeProcessed(
          db(),
          [
            {
              event: e,
              decision: decisionFor(e, 'hold', 70),
              case: {},
              operatorId: op,
              webhooks: [{ eventKind: 'case.opened', body }],
            },
          ],
          { nowMs: 10_000 },
        );
        // Only the active webhook gets a delivery.
        expect(await listDeliveries(db(), off.id)).toEqual([]);
        const queued = await listDeliveries(db(), hook.id);
        expect(queued).toHaveLength(1);
        expect(queued[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAtMs: 10_000, body });

        expect(await claimDueDeliveries(db(), { nowMs: 9_999 })).toEqual([]); // not due yet
        const claimed = (await claimDueDeliveries(db(), { nowMs: 10_000, leaseMs: 30_000 })).filter(
          (d) => d.webhookId === hook.id,
        );
        expect(claimed).toHaveLength(1);
        expect(claimed[0]).toMatchObject({
          url: hook.url,
          secret: hook.secret,
          attempts: 1,
          body,
          eventKind: 'case.opened',
        });
        const id = claimed[0]?.id ?? '';
        // Leased: a second worker does not get it, until the lease runs out.
        expect((await claimDueDeliveries(db(), { nowMs: 20_000 })).some((d) => d.id === id)).toBe(false);

        expect(await markFailed(db(), id, { error: 'HTTP 503', retryAtMs: 70_000 })).toBe(true);
        expect((await listDeliveries(db(), hook.id))[0]).toMatchObject({
          status: 'pending',
          lastError: 'HTTP 503',
          nextAttemptAtMs: 70_000,
        });
        expect((await claimDueDeliveries(db(), { nowMs: 69_999 })).some((d) => d.id === id)).toBe(false);
        const again = (await claimDueDeliveries(db(), { nowMs: 70_000 })).find((d) => d.id === id);
        expect(again?.attempts).toBe(2);

        expect(await markDelivered(db(), id, 71_000)).toBe(true);
        expect(await markDelivered(db(), id, 72_000)).toBe(false);
        expect((await listDeliveries(db(), hook.id, { status: 'delivered' }))[0]).toMatchObject({
          deliveredAtMs: 71_000,
          lastError: null,
        });
        expect((await claimDueDeliveries(db(), { nowMs: 10_000_000 })).some((d) => d.id === id)).toBe(false);
      });

      it('gives up on a delivery when no retry time is given, and skips inactive webhooks', async () => {
        const p = uid();
        const op = `${p}_op`;
        const hook = await createWebhook(db(), { operatorId: op, url: 'https://ops.example.jp/h', nowMs: 0 });
        const e = chargeEvent(`${p}_e`, `${p}_acc`);
        await storeProcessed(
          db(),
          [
            {
              event: e,
              decision: decisionFor(e),
              operatorId: op,
              webhooks: [
                { eventKind: 'a', body: '{}' },
                { eventKind: 'b', body: '{}' },
              ],
            },
          ],
          { nowMs: 1_000 },
        );
        const [first] = (await claimDueDeliveries(db(), { nowMs: 1_000, limit: 1 })).filter(
          (d) => d.webhookId === hook.id,
        );
        expect(first).toBeDefined();
        expect(await markFailed(db(), first?.id ?? '', { error: 'too many attempts', retryAtMs: null })).toBe(
          true,
        );
        expect((await listDeliveries(db(), hook.id, { status: 'failed' })).map((d) => d.id)).toEqual([
          first?.id,
        ]);

        await setWebhookActive(db(), hook.id, false);
        expect(
          (await claimDueDeliveries(db(), { nowMs: 1_000_000 })).some((d) => d.webhookId === hook.id),
        ).toBe(false);
        await setWebhookActive(db(), hook.id, true);
        expect(
          (await claimDueDeliveries(db(), { nowMs: 1_000_000 })).filter((d) => d.webhookId === hook.id),
        ).toHaveLength(1);
      });
    });

    describe('engine state', () => {
      it('saves, replaces and loads state by key', async () => {
        const p = uid();
        expect(await loadEngineState(db(), `${p}_g`)).toBeUndefined();
        await saveEngineState(db(), { [`${p}_g`]: { ips: { '198.51.100.1': 3 } }, [`${p}_h`]: [1, 2] });
        await saveEngineState(db(), { [`${p}_g`]: { ips: {} } });
        await saveEngineState(db(), {});
        expect(await loadEngineState(db(), `${p}_g`)).toEqual({ ips: {} });
        expect(await loadEngineState(db(), `${p}_h`)).toEqual([1, 2]);
      });
    });

    it('keeps the audit_log table ready (seq is assigned by the database)', async () => {
      const row = {
        at_ms: 1,
        actor: 'cli',
        action: 'keys.create',
        subject: 'key_1',
        data: '{}',
        prev_hash: '',
        hash: 'h',
      };
      await db().insertInto('audit_log').values(row).execute();
      await db()
        .insertInto('audit_log')
        .values({ ...row, hash: 'h2' })
        .execute();
      const rows = await db().selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq').execute();
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect((rows[1]?.seq ?? 0) > (rows[0]?.seq ?? 0)).toBe(true);
      expect(
        await sql<{ n: number }>`select count(*) as n from audit_log`
          .execute(db())
          .then((r) => Number(r.rows[0]?.n)),
      ).toBe(rows.length);
    });
  });
}
