/**
 * The response plugin over app.inject on SQLite: every route answers 401 without a session and
 * 403 without the CSRF token (POST); the checklist comes from the registry; the report is the
 * caller's own (PDF and JSON, recorded in the audit trail); a statement upload is reviewed in
 * memory and flagged lines come back.
 */

import { existsSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditRows, listReportedMessages, type OpenedDatabase } from '../../db/index.ts';
import { openTestDatabase } from '../../db/test-databases.ts';
import { loadRegistry } from '../../registry/index.ts';
import { DEFAULT_JAPANESE_FONT } from '../../report/index.ts';
import {
  STRONG_PASSWORD,
  TEST_COOKIE_SECRET,
  TEST_ORIGIN,
  TEST_RP_ID,
  TestClient,
} from '../../subscriber/test-client.ts';
import { registerErrorHandler } from '../error-handler.ts';
import { accountsRoutes } from './accounts.ts';
import { responseRoutes } from './response.ts';

const FIXTURE = new URL('../../../test/fixtures/statements/card-basic-sjis.csv', import.meta.url);
const NOW = Date.UTC(2026, 10, 25, 5, 0, 0);

const ROUTES: Array<{ method: 'GET' | 'POST'; url: string; payload?: unknown }> = [
  { method: 'GET', url: '/api/response/issuers' },
  { method: 'GET', url: '/api/response/carriers' },
  { method: 'POST', url: '/api/response/checklist', payload: { situation: 'entered_data' } },
  { method: 'POST', url: '/api/account/report', payload: {} },
  { method: 'GET', url: '/api/account/report.json' },
  { method: 'POST', url: '/api/account/report.json', payload: {} },
  { method: 'POST', url: '/api/statements/review' },
  { method: 'POST', url: '/api/account/reported-messages', payload: { text: 'x' } },
  { method: 'GET', url: '/api/account/reported-messages' },
];

describe('response routes', () => {
  let opened: OpenedDatabase;
  let app: FastifyInstance;
  let alice: TestClient;
  let anonymous: TestClient;

  beforeAll(async () => {
    opened = await openTestDatabase('sqlite');
    app = Fastify({ logger: false });
    registerErrorHandler(app);
    await app.register(accountsRoutes, {
      db: opened.db,
      cookieSecret: TEST_COOKIE_SECRET,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
      webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
      ipRateLimit: { max: 10_000, timeWindowMs: 60_000 },
      now: () => NOW,
      accountIdFor: ({ email }) => `acc_${email.split('@')[0]}`,
    });
    await app.register(responseRoutes, {
      db: opened.db,
      cookieSecret: TEST_COOKIE_SECRET,
      registry: await loadRegistry(),
      now: () => NOW,
    });
    await app.ready();
    alice = new TestClient(app, '192.0.2.31');
    anonymous = new TestClient(app, '192.0.2.32');
    expect((await alice.signUp('alice@example.jp', STRONG_PASSWORD)).statusCode).toBe(201);
    await anonymous.fetchCsrf();
  });
  afterAll(async () => {
    await app?.close();
    await opened?.close();
  });

  it('every route answers 401 without a session', async () => {
    for (const r of ROUTES) {
      const res = await anonymous.request(r.method, r.url, r.payload);
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every POST answers 403 csrf_invalid without the token', async () => {
    for (const r of ROUTES.filter((x) => x.method === 'POST')) {
      const res = await alice.request('POST', r.url, r.payload ?? {}, { csrf: false });
      expect(res.statusCode, r.url).toBe(403);
      expect(res.json().error.code).toBe('csrf_invalid');
    }
  });

  it('lists issuers and carriers from the registry', async () => {
    const issuers = (await alice.get('/api/response/issuers')).json().brands as Array<{ id: string }>;
    expect(issuers.map((b) => b.id)).toContain('jcb');
    const carriers = (await alice.get('/api/response/carriers')).json().brands as Array<{ id: string }>;
    expect(carriers.map((b) => b.id)).toContain('docomo');
  });

  it('builds the ordered checklist with the issuer’s numbers, #9110 and 188', async () => {
    const res = await alice.post('/api/response/checklist', { situation: 'entered_data', issuerId: 'jcb' });
    expect(res.statusCode).toBe(200);
    const checklist = res.json();
    expect(checklist.steps[0].id).toBe('card_stop');
    expect(checklist.steps[0].phones.length).toBeGreaterThan(0);
    const text = JSON.stringify(checklist);
    expect(text).toContain('#9110');
    expect(text).toContain('188');
    expect(checklist.steps.every((s: { done_at: null }) => s.done_at === null)).toBe(true);
  });

  it('marks numbers from non-official sources as unconfirmed', async () => {
    const res = await alice.post('/api/response/checklist', {
      situation: 'unknown_charge',
      issuerId: 'rakuten_card',
    });
    const card = res.json().steps.find((s: { id: string }) => s.id === 'card_stop');
    expect(card.phones.some((p: { unconfirmed: boolean }) => p.unconfirmed)).toBe(true);
  });

  it('refuses an unknown situation or issuer with a 400', async () => {
    expect((await alice.post('/api/response/checklist', { situation: 'nope' })).statusCode).toBe(400);
    const res = await alice.post('/api/response/checklist', { situation: 'got_message', issuerId: 'nope' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('unknown_issuer');
  });

  const fontMissing = !existsSync(DEFAULT_JAPANESE_FONT);
  if (fontMissing)
    console.log(
      `skipping the PDF report route test: ${DEFAULT_JAPANESE_FONT} is missing (apt-get install fonts-ipaexfont-gothic)`,
    );
  it.skipIf(fontMissing)(
    'makes the caller’s own evidence report as PDF and JSON, recorded in the audit trail',
    async () => {
      const pdf = await alice.post('/api/account/report', {
        steps: [{ at: '2026-11-25T13:00:00+09:00', step: 'カードを止めた' }],
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toMatch(
        /^attachment; filename="mamori-report-acc_alice-.*\.pdf"$/,
      );
      expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

      const json = await alice.get('/api/account/report.json');
      expect(json.statusCode).toBe(200);
      const report = json.json();
      expect(report.subject.account).toBe('acc_alice');
      expect(report.integrity.contentHash).toMatch(/^[0-9a-f]{64}$/);
      // POST carries the steps taken, as the PDF request does.
      const withSteps = (
        await alice.post('/api/account/report.json', {
          steps: [{ at: '2026-11-25T13:00:00+09:00', step: 'カードを止めた' }],
        })
      ).json();
      expect(JSON.stringify(withSteps.steps)).toContain('カードを止めた');

      const audit = await listAuditRows(opened.db, { subject: 'acc_alice', afterSeq: 0, limit: 100 });
      expect(audit.filter((a) => a.action === 'report.create').length).toBe(3);
    },
  );

  it('a reported message is checked here, listed for its reporter only, and cited in the evidence report', async () => {
    const text =
      '【NTTドコモ】ご利用料金が未払いです。本日中に https://docomo-ryokin.top/pay でお支払いください';
    const res = await alice.post('/api/account/reported-messages', {
      text,
      channel: 'sms',
      sender: '+63 917 000 1234',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().result.verdict).toBe('phishing');
    expect(
      (await alice.get('/api/account/reported-messages'))
        .json()
        .messages.map((m: { text: string }) => m.text),
    ).toEqual([text]);

    const bob = new TestClient(app, '192.0.2.33');
    expect((await bob.signUp('bob@example.jp', STRONG_PASSWORD)).statusCode).toBe(201);
    expect((await bob.get('/api/account/reported-messages')).json().messages).toEqual([]);

    const report = (await alice.get('/api/account/report.json')).json();
    expect(report.messages.map((m: { text: string; verdict?: string }) => m.text)).toContain(text);
    expect((await bob.get('/api/account/report.json')).json().messages).toEqual([]);
    // The operator's campaigns see it too (same table, reporter subscriber:<account>).
    const stored = await listReportedMessages(opened.db, 'default', { reporter: 'subscriber:acc_alice' });
    expect(stored.map((m) => m.verdict)).toEqual(['phishing']);
  });

  it('refuses a report body with bad steps', async () => {
    const res = await alice.post('/api/account/report', { steps: [{ at: 'yesterday', step: 'x' }] });
    expect(res.statusCode).toBe(400);
  });

  it('reviews an uploaded Shift_JIS statement in memory and returns the flagged lines', async () => {
    for (const type of ['text/csv', 'application/octet-stream']) {
      const res = await alice.request('POST', '/api/statements/review', readFileSync(FIXTURE), {
        headers: { 'content-type': type },
      });
      expect(res.statusCode, type).toBe(200);
      const review = res.json();
      expect(review.info.encoding).toBe('shift_jis');
      expect(review.summary.lines).toBeGreaterThan(0);
      expect(review.lines.length).toBeGreaterThan(0);
      expect(review.lines.every((l: { flags: unknown[] }) => l.flags.length > 0)).toBe(true);
      expect(review.summary.months.length).toBeGreaterThan(0);
    }
  });

  it('answers a clear 400 for an empty upload or a file without a header', async () => {
    const empty = await alice.request('POST', '/api/statements/review', Buffer.alloc(0), {
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.statusCode).toBe(400);
    const junk = await alice.request('POST', '/api/statements/review', Buffer.from('hello,world\n1,2\n'), {
      headers: { 'content-type': 'text/csv' },
    });
    expect(junk.statusCode).toBe(400);
    expect(typeof junk.json().error.code).toBe('string');
  });
});
