/**
 * The demo an empty database starts with (issue 5): a subscriber and an operator to sign in as,
 * and three weeks of simulated activity decided by the real engine — with an account takeover
 * in progress on the demo subscriber's account, so the message box, the activity list and the
 * operator's case queue all have something real to show. Clearly marked: every demo e-mail
 * address ends in @demo.mamori.example. MAMORI_DEMO=off turns it off.
 */
import type { Kysely } from 'kysely';
import { hashPassword } from '../accounts/index.ts';
import { createUser, type Database, listUsers } from '../db/index.ts';
import type { AccountEvent } from '../engine/index.ts';
import type { EngineSessions } from '../ingest/index.ts';
import { toCandidate } from '../ingest/index.ts';
import { simulate } from '../sim/index.ts';

export const DEMO_SUBSCRIBER = { email: 'hanako@demo.mamori.example', password: 'demo-Mamori-hanako-2026' };
export const DEMO_OPERATOR = { email: 'soc@demo.mamori.example', password: 'demo-Mamori-soc-2026' };

const DAY_MS = 86_400_000;

/** The Japan-time date `days` before `nowMs`, as YYYY-MM-DD. */
function japanDateBefore(nowMs: number, days: number): string {
  return new Date(nowMs - days * DAY_MS + 9 * 3_600_000).toISOString().slice(0, 10);
}

export interface DemoSeedResult {
  seeded: boolean;
  events: number;
  subscriberAccount: string | null;
}

/**
 * Seeds the demo when the database has no users yet; otherwise does nothing. Events are
 * generated up to today, in order, through the operator's engine session (same path as
 * POST /v1/events), so every notice, case and lock is the engine's own.
 */
export async function seedDemoIfEmpty(
  db: Kysely<Database>,
  sessions: EngineSessions,
  options: { nowMs?: number; subscribers?: number; days?: number } = {},
): Promise<DemoSeedResult> {
  if ((await listUsers(db)).length > 0) return { seeded: false, events: 0, subscriberAccount: null };
  const nowMs = options.nowMs ?? Date.now();
  const days = options.days ?? 21;
  const all = [
    ...simulate({
      seed: 2026,
      subscribers: options.subscribers ?? 150,
      days,
      start: japanDateBefore(nowMs, days),
    }),
  ] as AccountEvent[];
  const events = all.filter((e) => Date.parse(e.at) <= nowMs);

  // The demo subscriber: the account whose attack started most recently (still in progress),
  // a smishing takeover when there is one.
  const firstFraud = new Map<string, { at: number; takeover: boolean }>();
  for (const e of events) {
    if (e.label?.fraud === true && !firstFraud.has(e.account)) {
      firstFraud.set(e.account, { at: Date.parse(e.at), takeover: e.label.scenario === 'smishing_takeover' });
    }
  }
  const subscriberAccount =
    [...firstFraud].sort(
      (a, b) => Number(b[1].takeover) - Number(a[1].takeover) || b[1].at - a[1].at,
    )[0]?.[0] ??
    events[0]?.account ??
    'acc_demo';

  const session = sessions.session('default');
  for (let i = 0; i < events.length; i += 2000) {
    await session.process(events.slice(i, i + 2000).map((e) => toCandidate(e)));
  }
  await session.flush();

  await createUser(db, {
    email: DEMO_SUBSCRIBER.email,
    passwordHash: await hashPassword(DEMO_SUBSCRIBER.password),
    role: 'subscriber',
    account: subscriberAccount,
    nowMs,
  });
  await createUser(db, {
    email: DEMO_OPERATOR.email,
    passwordHash: await hashPassword(DEMO_OPERATOR.password),
    role: 'operator',
    account: null,
    nowMs,
  });
  return { seeded: true, events: events.length, subscriberAccount };
}
