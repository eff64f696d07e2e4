/**
 * Authorisation of the operator API (issue 5 "Engineering": subscribers never reach operator
 * routes; no route without a session). Every route: a subscriber → 403 `forbidden`, no session →
 * 401 `unauthenticated` (with a valid CSRF token, so the session is what fails), and every
 * state-changing route without or with a wrong CSRF token → 403 `csrf_invalid`, changing nothing.
 * The inventory is taken from the plugin itself, so a new route without a row here fails.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listApiKeys, type OpenedDatabase } from '../../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../../db/test-databases.ts';
import { buildOperatorTestApp, type OperatorTestApp, TestClient } from '../../operator/test-support.ts';
import { TEST_COOKIE_SECRET } from '../../subscriber/test-client.ts';
import { registerErrorHandler } from '../error-handler.ts';
import { operatorRoutes } from './operator.ts';

const pgAvailable = await postgresAvailable();

type Method = 'GET' | 'POST' | 'DELETE';
const ROUTES: Record<string, { method: Method; url: string; body?: unknown }> = {
  'GET /api/operator/cases': { method: 'GET', url: '/api/operator/cases' },
  'GET /api/operator/cases/:id': { method: 'GET', url: '/api/operator/cases/C-000001' },
  'POST /api/operator/cases/:id/confirm-fraud': {
    method: 'POST',
    url: '/api/operator/cases/C-000001/confirm-fraud',
  },
  'POST /api/operator/cases/:id/mark-legitimate': {
    method: 'POST',
    url: '/api/operator/cases/C-000001/mark-legitimate',
  },
  'POST /api/operator/cases/:id/unlock': { method: 'POST', url: '/api/operator/cases/C-000001/unlock' },
  'POST /api/operator/cases/:id/notes': {
    method: 'POST',
    url: '/api/operator/cases/C-000001/notes',
    body: { text: 'note' },
  },
  'GET /api/operator/metrics': { method: 'GET', url: '/api/operator/metrics' },
  'POST /api/operator/reports': { method: 'POST', url: '/api/operator/reports', body: { text: 'hello' } },
  'GET /api/operator/reports': { method: 'GET', url: '/api/operator/reports' },
  'GET /api/operator/campaigns': { method: 'GET', url: '/api/operator/campaigns' },
  'POST /api/operator/campaigns/:id/warn': {
    method: 'POST',
    url: '/api/operator/campaigns/cmp_x/warn',
    body: {},
  },
  'GET /api/operator/api-keys': { method: 'GET', url: '/api/operator/api-keys' },
  'POST /api/operator/api-keys': { method: 'POST', url: '/api/operator/api-keys', body: { name: 'k' } },
  'DELETE /api/operator/api-keys/:id': { method: 'DELETE', url: '/api/operator/api-keys/key_00' },
  'GET /api/operator/webhooks': { method: 'GET', url: '/api/operator/webhooks' },
  'POST /api/operator/webhooks': {
    method: 'POST',
    url: '/api/operator/webhooks',
    body: { url: 'https://receiver.example/h' },
  },
  'DELETE /api/operator/webhooks/:id': { method: 'DELETE', url: '/api/operator/webhooks/wh_00' },
};

describe('operator route inventory', () => {
  it('every route of the plugin is in the authorisation table (none is public)', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandler(app);
    const seen: string[] = [];
    app.addHook('onRoute', (r) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') seen.push(`${m} ${r.url}`);
    });
    await app.register(operatorRoutes, {
      db: undefined as never,
      cookieSecret: TEST_COOKIE_SECRET,
      sessions: { for: () => ({ exclusive: (change) => change(), forgetNow: () => undefined }) },
    });
    await app.ready();
    await app.close();
    expect(seen.sort()).toEqual(Object.keys(ROUTES).sort());
  });
});

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`operator authorisation on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let t: OperatorTestApp;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      t = await buildOperatorTestApp(opened.db, `authz${dialect}`);
    });
    afterAll(async () => {
      await t?.app.close();
      await opened?.close();
    });

    it('a signed-in subscriber gets 403 on every operator route', async () => {
      for (const [name, r] of Object.entries(ROUTES)) {
        const res = await t.subscriber.request(r.method, r.url, r.body);
        expect(res.statusCode, name).toBe(403);
        expect(res.json().error.code, name).toBe('forbidden');
      }
    });

    it('without a session every route is 401', async () => {
      const anon = new TestClient(t.app, '192.0.2.50');
      await anon.fetchCsrf();
      for (const [name, r] of Object.entries(ROUTES)) {
        const res = await anon.request(r.method, r.url, r.body);
        expect(res.statusCode, name).toBe(401);
        expect(res.json().error.code, name).toBe('unauthenticated');
      }
    });

    it('a missing or wrong CSRF token is 403 on every state-changing route, and changes nothing', async () => {
      for (const [name, r] of Object.entries(ROUTES)) {
        if (r.method === 'GET') continue;
        const missing = await t.operator.request(r.method, r.url, r.body, { csrf: false });
        expect(missing.statusCode, name).toBe(403);
        expect(missing.json().error.code, name).toBe('csrf_invalid');
        const wrong = await t.operator.request(r.method, r.url, r.body, {
          csrf: false,
          headers: { 'x-csrf-token': 'forged-token' },
        });
        expect(wrong.statusCode, name).toBe(403);
      }
      expect(await listApiKeys(t.db, 'default')).toEqual([]);
      // The operator's session itself works.
      expect((await t.operator.get('/api/operator/cases')).statusCode).toBe(200);
    });
  });
}
