/**
 * Test support (not exported from index.ts): a bare Fastify app with the shared error handler,
 * the accounts plugin and the operator plugin over one database; an operator and a subscriber
 * signed in; events seeded through a real EngineSession (so cases, notices and locks are the
 * engine's own); and a sessions stub that records which accounts the plugin asked to forget.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { hashPassword } from '../accounts/index.ts';
import { createUser, type Database } from '../db/index.ts';
import { type AccountEvent, DEFAULT_POLICY, type Decision } from '../engine/index.ts';
import { EngineSession, toCandidate } from '../ingest/index.ts';
import { registerErrorHandler } from '../server/error-handler.ts';
import { accountsRoutes } from '../server/routes/accounts.ts';
import { operatorRoutes } from '../server/routes/operator.ts';
import {
  STRONG_PASSWORD,
  TEST_COOKIE_SECRET,
  TEST_ORIGIN,
  TEST_RP_ID,
  TestClient,
} from '../subscriber/test-client.ts';

export { TestClient };

export interface OperatorTestApp {
  app: FastifyInstance;
  clock: { now: number };
  db: Kysely<Database>;
  /** Accounts the plugin asked the engine sessions to forget, with the operator id. */
  forgotten: string[];
  operator: TestClient;
  operatorUserId: string;
  subscriber: TestClient;
  subscriberAccount: string;
  seed(events: readonly AccountEvent[], operatorId?: string): Promise<Decision[]>;
}

const ARGON = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

export async function buildOperatorTestApp(db: Kysely<Database>, tag: string): Promise<OperatorTestApp> {
  const clock = { now: Date.UTC(2026, 10, 25, 5, 0, 0) };
  const noticeKey = randomBytes(32);
  const forgotten: string[] = [];
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  await app.register(accountsRoutes, {
    db,
    cookieSecret: TEST_COOKIE_SECRET,
    argon2: ARGON,
    webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
    ipRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    now: () => clock.now,
    accountIdFor: ({ email }) => `acc_${email.split('@')[0]}`,
  });
  await app.register(operatorRoutes, {
    db,
    cookieSecret: TEST_COOKIE_SECRET,
    sessions: {
      for: (operatorId) => ({
        exclusive: (change) => change(),
        forgetNow: (account: string) => {
          forgotten.push(`${operatorId}/${account}`);
        },
      }),
    },
    now: () => clock.now,
  });
  await app.ready();

  const email = `op_${tag}@example.jp`;
  const user = await createUser(db, {
    email,
    passwordHash: await hashPassword(STRONG_PASSWORD, ARGON),
    role: 'operator',
    account: null,
    nowMs: clock.now,
  });
  const operator = new TestClient(app, '192.0.2.40');
  const signedIn = await operator.signIn(email);
  if (signedIn.json().status !== 'signed_in') throw new Error(`operator sign-in failed: ${signedIn.body}`);
  const subscriber = new TestClient(app, '192.0.2.41');
  const up = await subscriber.signUp(`sub_${tag}@example.jp`);
  if (up.statusCode !== 201) throw new Error(`subscriber sign-up failed: ${up.body}`);

  return {
    app,
    clock,
    db,
    forgotten,
    operator,
    operatorUserId: user?.id ?? '',
    subscriber,
    subscriberAccount: `acc_sub_${tag}`,
    async seed(events, operatorId = 'default') {
      const session = new EngineSession({
        db,
        operatorId,
        policy: DEFAULT_POLICY,
        lang: 'ja',
        noticeKey,
        now: () => clock.now,
      });
      const results = await session.process(events.map(toCandidate));
      return results.map((r) => {
        if ('error' in r) throw new Error(`seed event refused: ${r.error.message}`);
        return r;
      });
    },
  };
}
