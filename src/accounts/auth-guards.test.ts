/**
 * The guards from another plugin's scope (as the lead's operator routes will use them): no
 * cookie plugin there, the guard reads the Cookie header itself.
 */
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OpenedDatabase, openDatabase } from '../db/index.ts';
import { registerErrorHandler } from '../server/error-handler.ts';
import { accountsRoutes } from '../server/routes/accounts.ts';
import { authGuards, currentAuth } from './index.ts';
import { TEST_COOKIE_SECRET, TestClient } from './test-support.ts';

describe('authGuards in another plugin', () => {
  let opened: OpenedDatabase;
  const app = Fastify({ logger: false });
  beforeAll(async () => {
    opened = await openDatabase({ file: ':memory:' });
    registerErrorHandler(app);
    await app.register(accountsRoutes, {
      db: opened.db,
      cookieSecret: TEST_COOKIE_SECRET,
      argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    });
    const { requireUser, requireRole } = authGuards({ db: opened.db });
    await app.register(async (other) => {
      other.get('/api/notices', { preHandler: requireUser }, async (request) => ({
        account: currentAuth(request)?.user.account,
      }));
      other.get('/api/operator/cases', { preHandler: requireRole('operator') }, async () => ({ cases: [] }));
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await opened.close();
  });

  it('lets a signed-in subscriber in with their own account, and keeps them out of operator routes', async () => {
    const c = new TestClient(app);
    expect((await c.get('/api/notices')).statusCode).toBe(401);
    const account = (await c.signUp('guard@example.jp')).json().user.account;
    const notices = await c.get('/api/notices');
    expect(notices.statusCode).toBe(200);
    expect(notices.json()).toEqual({ account });
    const op = await c.get('/api/operator/cases?lang=en');
    expect(op.statusCode).toBe(403);
    expect(op.json().error).toEqual({ code: 'forbidden', message: 'You do not have permission to do this.' });
  });
});
