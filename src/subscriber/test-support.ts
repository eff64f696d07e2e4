/**
 * Test support (not exported from index.ts): a bare Fastify app with the shared error handler,
 * the accounts plugin and the subscriber plugin over one database, a fresh EngineSession per
 * request (so an unlock written to storage is seen at once), and event seeding through the engine.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { type AccountEvent, DEFAULT_POLICY, type Decision } from '../engine/index.ts';
import { type DecisionOrError, EngineSession, toCandidate } from '../ingest/index.ts';
import { registerErrorHandler } from '../server/error-handler.ts';
import { accountsRoutes } from '../server/routes/accounts.ts';
import { type SubscriberRoutesOptions, subscriberRoutes } from '../server/routes/subscriber.ts';
import { isoJapan } from './japan-time.ts';
import {
  enrolTotp,
  TEST_COOKIE_SECRET,
  TEST_ORIGIN,
  TEST_RP_ID,
  TestClient,
  totpCodeFor,
} from './test-client.ts';

export { enrolTotp, TestClient, totpCodeFor };

export interface SubscriberTestApp {
  app: FastifyInstance;
  clock: { now: number };
  db: Kysely<Database>;
  noticeKey: Uint8Array;
  /** Runs events through a fresh engine session (as the operator's POST /v1/events would). */
  seed(events: readonly AccountEvent[]): Promise<Decision[]>;
}

export async function buildSubscriberTestApp(
  db: Kysely<Database>,
  overrides: Partial<SubscriberRoutesOptions> = {},
): Promise<SubscriberTestApp> {
  const clock = { now: Date.UTC(2026, 10, 25, 5, 0, 0) };
  const noticeKey = randomBytes(32);
  const engineFor = ({ operatorId, lang }: { operatorId: string; lang: 'ja' | 'en' }) =>
    new EngineSession({ db, operatorId, policy: DEFAULT_POLICY, lang, noticeKey, now: () => clock.now });
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  await app.register(accountsRoutes, {
    db,
    cookieSecret: TEST_COOKIE_SECRET,
    argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
    ipRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    now: () => clock.now,
    // The account id is the e-mail's local part, so tests know whose events they seed.
    accountIdFor: ({ email }) => `acc_${email.split('@')[0]}`,
  });
  await app.register(subscriberRoutes, {
    db,
    cookieSecret: TEST_COOKIE_SECRET,
    engine: engineFor,
    now: () => clock.now,
    webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
    ...overrides,
  });
  await app.ready();
  return {
    app,
    clock,
    db,
    noticeKey,
    async seed(events) {
      const results: DecisionOrError[] = await engineFor({ operatorId: 'default', lang: 'ja' }).process(
        events.map(toCandidate),
      );
      return results.map((r) => {
        if ('error' in r) throw new Error(`seed event refused: ${r.error.message}`);
        return r;
      });
    },
  };
}

let seq = 0;
const PHONE = { id: 'dev-iphone-sato-01', platform: 'ios' as const, ua: 'Mozilla/5.0 (iPhone)' };
const MOBILE = { ip: '1.66.12.34', country: 'JP', asn: 9605, kind: 'mobile' as const };

/** A login event `minutesAgo` before `nowMs`. */
export function loginEvent(
  account: string,
  nowMs: number,
  minutesAgo: number,
  extra: Partial<AccountEvent> = {},
) {
  return {
    id: `evt_login_${++seq}_${account}`,
    type: 'login',
    result: 'success',
    method: 'password',
    at: isoJapan(nowMs - minutesAgo * 60_000),
    account,
    device: PHONE,
    network: MOBILE,
    label: { fraud: false, scenario: 'secret-ground-truth' },
    ...extra,
  } as AccountEvent;
}

/** A charge event `minutesAgo` before `nowMs`. */
export function chargeEvent(
  account: string,
  nowMs: number,
  minutesAgo: number,
  amount: number,
  extra: Partial<AccountEvent> = {},
) {
  return {
    id: `evt_charge_${++seq}_${account}`,
    type: 'charge',
    amount,
    merchant: { id: 'm_app_store', name: 'App Store', category: 'app_store' },
    funding: 'phone_bill',
    at: isoJapan(nowMs - minutesAgo * 60_000),
    account,
    device: PHONE,
    network: MOBILE,
    ...extra,
  } as AccountEvent;
}

/** A card_change event `minutesAgo` before `nowMs`. */
export function cardChangeEvent(account: string, nowMs: number, minutesAgo: number) {
  return {
    id: `evt_card_${++seq}_${account}`,
    type: 'card_change',
    action: 'add',
    card: { bin: '453201', last4: '4242', issuer: 'Example Card' },
    at: isoJapan(nowMs - minutesAgo * 60_000),
    account,
    device: PHONE,
    network: MOBILE,
  } as AccountEvent;
}

/** Puts a notice straight into the message box (the engine's own path is tested in src/ingest). */
export async function insertNotice(
  db: Kysely<Database>,
  n: { ref: string; account: string; createdAtMs: number; title?: string; operatorId?: string },
) {
  await db
    .insertInto('notices')
    .values({
      ref: n.ref,
      operator_id: n.operatorId ?? 'default',
      account: n.account,
      kind: 'hold',
      title: n.title ?? `お知らせ ${n.ref}`,
      body: '本文',
      lang: 'ja',
      event_id: null,
      created_at_ms: n.createdAtMs,
      read_at_ms: null,
    })
    .execute();
}
