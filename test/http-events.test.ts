/**
 * POST /v1/events end to end through app.inject, on SQLite and (when reachable) PostgreSQL:
 * contract shapes, idempotency, per-event errors, auth, limits, durability before the answer.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/audit/index.ts';
import { loadConfig } from '../src/config.ts';
import {
  countEvents,
  createApiKey,
  findEvent,
  findNoticeByRef,
  getCase,
  listAuditRows,
} from '../src/db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../src/db/test-databases.ts';
import { DEFAULT_POLICY } from '../src/engine/index.ts';
import { findNoticeTextProblems } from '../src/notices/index.ts';
import { loadRegistry } from '../src/registry/index.ts';
import { buildServer } from '../src/server/index.ts';

const pgUp = await postgresAvailable();

const at = (day: number, hh: number, mm = 0) =>
  `2026-11-${String(day).padStart(2, '0')}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00+09:00`;
const home = { ip: '203.0.113.10', country: 'JP', asn: 2516, kind: 'mobile' as const };
const phone = { id: 'dev-iphone-1', platform: 'ios' as const };

/** An ordinary fortnight for acc_1, then a takeover from a new device abroad. */
function takeoverStory(prefix: string) {
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const id = () => `${prefix}_${++n}`;
  for (let day = 1; day <= 14; day++) {
    events.push({
      id: id(),
      type: 'login',
      at: at(day, 8),
      account: 'acc_1',
      device: phone,
      network: home,
      result: 'success',
      method: 'passkey',
    });
    if (day % 3 === 0) {
      events.push({
        id: id(),
        type: 'charge',
        at: at(day, 12),
        account: 'acc_1',
        device: phone,
        network: home,
        amount: 480 + day * 10,
        merchant: { id: 'm_music', category: 'subscription' },
        funding: 'phone_bill',
      });
    }
  }
  const attacker = { id: 'dev-unknown-9', platform: 'android' as const };
  const net = { ip: '198.51.100.7', country: 'VN', kind: 'hosting' as const };
  events.push({
    id: id(),
    type: 'login',
    at: at(20, 2),
    account: 'acc_1',
    device: attacker,
    network: net,
    result: 'success',
    method: 'sms_otp',
  });
  events.push({
    id: id(),
    type: 'contact_change',
    at: at(20, 2, 5),
    account: 'acc_1',
    device: attacker,
    network: net,
    field: 'email',
  });
  events.push({
    id: id(),
    type: 'mfa_change',
    at: at(20, 2, 8),
    account: 'acc_1',
    device: attacker,
    network: net,
    action: 'disabled',
    method: 'totp',
  });
  events.push({
    id: id(),
    type: 'charge',
    at: at(20, 2, 12),
    account: 'acc_1',
    device: attacker,
    network: net,
    amount: 30000,
    merchant: { id: 'm_giftx', category: 'gift_card' },
    funding: 'phone_bill',
  });
  return events;
}

describe.each(DIALECTS)('POST /v1/events on %s', (dialect) => {
  const skip = dialect === 'postgres' && !pgUp;
  let app: FastifyInstance;
  let close: () => Promise<void>;
  let secret = '';
  let db: Awaited<ReturnType<typeof openTestDatabase>>['db'];

  beforeAll(async () => {
    if (skip) return;
    const opened = await openTestDatabase(dialect);
    db = opened.db;
    close = () => opened.close();
    secret = (await createApiKey(db, { operatorId: 'op_test', name: 'test', nowMs: Date.now() })).secret;
    app = buildServer({
      config: loadConfig({ EVENTS_BODY_LIMIT: String(64 * 1024) }),
      registry: await loadRegistry({}),
      engine: { db, policy: DEFAULT_POLICY, noticeKey: new Uint8Array(32).fill(7) },
    });
    await app.ready();
  });
  afterAll(async () => {
    if (skip) return;
    await app.close();
    await close();
  });

  const post = (payload: unknown, headers: Record<string, string> = {}, url = '/v1/events') =>
    app.inject({
      method: 'POST',
      url,
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...headers },
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
    });

  it.skipIf(skip)('refuses a missing or wrong key with 401', async () => {
    const none = await app.inject({ method: 'POST', url: '/v1/events', payload: {} });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('unauthorized');
    const wrong = await post({}, { authorization: 'Bearer mk_not_a_real_key' });
    expect(wrong.statusCode).toBe(401);
  });

  it.skipIf(skip)(
    'answers a story in order; the takeover charge is stopped with a notice and a case',
    async () => {
      const story = takeoverStory(`${dialect}_a`);
      const res = await post(story);
      expect(res.statusCode).toBe(200);
      const { decisions } = res.json() as {
        decisions: Array<{
          event: string;
          decision: string;
          reasons: unknown[];
          notice: string | null;
          case: string | null;
        }>;
      };
      expect(decisions.map((d) => d.event)).toEqual(story.map((e) => e.id));
      expect(decisions.slice(0, 10).every((d) => d.decision === 'allow')).toBe(true);
      const charge = decisions.at(-1);
      expect(['hold', 'lock']).toContain(charge?.decision);
      expect(charge?.reasons.length).toBeGreaterThan(0);
      expect(charge?.notice).toMatch(/^N-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(charge?.case).toMatch(/^C-\d{6}$/);
      // Stored before the answer: event, notice (safe text) and case are all there.
      expect(await findEvent(db, 'op_test', charge?.event ?? '')).toBeDefined();
      const notice = await findNoticeByRef(db, charge?.notice ?? '');
      expect(notice?.account).toBe('acc_1');
      expect(findNoticeTextProblems(`${notice?.title}\n${notice?.body}`)).toEqual([]);
      expect((await getCase(db, charge?.case ?? ''))?.account).toBe('acc_1');
      // The notice (and the lock, when it locked) are in the hash-chained audit trail.
      const audit = await listAuditRows(db, { subject: 'acc_1' });
      const notices = audit.map((a) => (JSON.parse(String(a.data)) as { notice?: string }).notice);
      expect(notices).toContain(charge?.notice);
      expect(audit.map((a) => a.action)).toContain(
        charge?.decision === 'lock' ? 'account.lock' : 'notice.create',
      );
      expect((await verifyAuditChain(db)).ok).toBe(true);
    },
  );

  it.skipIf(skip)('a repeated id returns the stored decision and changes nothing', async () => {
    const story = takeoverStory(`${dialect}_b`).map((e) => ({ ...e, account: 'acc_2' }));
    const first = (await post(story)).json().decisions;
    const before = await countEvents(db, 'op_test');
    const again = (await post(story)).json().decisions;
    expect(again).toEqual(first);
    expect(await countEvents(db, 'op_test')).toBe(before);
  });

  it.skipIf(skip)('reads NDJSON and puts an error in place of each bad line', async () => {
    const lines = [
      JSON.stringify({
        id: `${dialect}_n1`,
        type: 'login',
        at: at(2, 9),
        account: 'acc_3',
        result: 'success',
        method: 'password',
      }),
      '{not json',
      JSON.stringify({ id: `${dialect}_n2`, type: 'teleport', at: at(2, 9), account: 'acc_3' }),
      JSON.stringify({
        id: `${dialect}_n3`,
        type: 'charge',
        at: at(2, 10),
        account: 'acc_3',
        amount: -5,
        merchant: { id: 'm', category: 'game' },
        funding: 'phone_bill',
      }),
      JSON.stringify({
        id: `${dialect}_n4`,
        type: 'charge',
        at: '2026-11-02 10:00',
        account: 'acc_3',
        amount: 500,
        merchant: { id: 'm', category: 'game' },
        funding: 'phone_bill',
      }),
      JSON.stringify({ id: `${dialect}_n5`, type: 'card_view', at: at(2, 11), account: 'acc_3' }),
    ].join('\n');
    const res = await post(lines, { 'content-type': 'application/x-ndjson' });
    expect(res.statusCode).toBe(200);
    const d = res.json().decisions;
    expect(d).toHaveLength(6);
    expect(d[0].decision).toBeDefined();
    expect(d[1]).toEqual({ event: null, error: { code: 'invalid_json', message: expect.any(String) } });
    expect(d[2].error.code).toBe('unknown_event_type');
    expect(d[2].event).toBe(`${dialect}_n2`);
    expect(d[3].error.message).toMatch(/amount/);
    expect(d[4].error.message).toMatch(/^at:/);
    expect(d[5].decision).toBeDefined();
    // Nothing is stored for a rejected event.
    expect(await findEvent(db, 'op_test', `${dialect}_n3`)).toBeUndefined();
    expect(await findEvent(db, 'op_test', `${dialect}_n5`)).toBeDefined();
  });

  it.skipIf(skip)('gives reasons in English with ?lang=en', async () => {
    const story = takeoverStory(`${dialect}_c`).map((e) => ({ ...e, account: 'acc_4' }));
    const d = (await post(story, {}, '/v1/events?lang=en')).json().decisions.at(-1);
    expect(d.reasons[0].message).toMatch(/^[\x20-\x7e¥]+$/);
  });

  it.skipIf(skip)(
    '413 over the body limit, 415 for other types, 400 for a body that is not JSON',
    async () => {
      const big = JSON.stringify(
        Array.from({ length: 2000 }, (_, i) => ({
          id: `big_${i}`,
          type: 'card_view',
          at: at(3, 1),
          account: 'acc_5',
        })),
      );
      const tooBig = await post(big);
      expect(tooBig.statusCode).toBe(413);
      expect(tooBig.json().error.code).toBeDefined();
      const text = await post('hello', { 'content-type': 'text/plain' });
      expect(text.statusCode).toBe(415);
      const broken = await post('{"id": ');
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.code).toBe('invalid_json');
    },
  );
});

describe('POST /v1/events when storage fails', () => {
  for (const mode of ['closed', 'open'] as const) {
    it(`answers 503 with ${mode === 'closed' ? 'holding' : 'allowing'} fallback decisions marked unstored (STORAGE_FAILURE=${mode})`, async () => {
      const opened = await openTestDatabase('sqlite');
      const { secret } = await createApiKey(opened.db, { operatorId: 'op', name: 't', nowMs: Date.now() });
      const app = buildServer({
        config: loadConfig({ STORAGE_FAILURE: mode }),
        registry: await loadRegistry({}),
        engine: { db: opened.db, policy: DEFAULT_POLICY, noticeKey: new Uint8Array(32) },
      });
      await app.ready();
      // Authenticate once (the key is memoised), then lose the database.
      const ok = await app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        payload: { id: 'x0', type: 'card_view', at: at(1, 1), account: 'a' },
      });
      expect(ok.statusCode).toBe(200);
      await opened.close();
      const res = await app.inject({
        method: 'POST',
        url: '/v1/events',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        payload: [
          {
            id: 'x1',
            type: 'charge',
            at: at(1, 2),
            account: 'a',
            amount: 900,
            merchant: { id: 'm', category: 'game' },
            funding: 'phone_bill',
          },
          { id: 'x2', type: 'nonsense', at: at(1, 2), account: 'a' },
        ],
      });
      expect(res.statusCode).toBe(503);
      const body = res.json();
      expect(body.error.code).toBe('storage_unavailable');
      expect(body.decisions[0]).toMatchObject({
        event: 'x1',
        decision: mode === 'closed' ? 'hold' : 'allow',
        stored: false,
      });
      expect(body.decisions[0].reasons[0].rule).toBe('storage_unavailable');
      expect(body.decisions[1].error.code).toBe('unknown_event_type');
      await app.close();
    });
  }
});
