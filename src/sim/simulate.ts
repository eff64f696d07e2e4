/**
 * Labelled account-event traffic (issue 4 "mamori simulate"), streamed in time order.
 *
 * Subscribers and the stories that will happen to them are planned first (a few hundred bytes
 * per subscriber); events are then generated one day at a time into per-day buckets, so only
 * the current day and the tails of running stories are ever in memory.
 */
import type { AccountEvent } from '../engine/event-schema.ts';
import {
  ATTACK_WEIGHTS,
  type AttackScenario,
  cardTesting,
  credentialStuffing,
  lowAndSlow,
  planLostPhone,
  simSwap,
  smishingTakeover,
} from './attack-stories.ts';
import { LEGIT_SURPRISES, type LegitSurprise, planLegit, routineDay, surpriseTime } from './legit-stories.ts';
import { Rng } from './prng.ts';
import { createSubscriber, DAY, HOUR, type Pending, Sink, type Subscriber } from './world.ts';

export interface SimulateOptions {
  seed: number;
  subscribers: number;
  days: number;
  /** First day, `YYYY-MM-DD` (midnight JST) or an ISO 8601 time (its JST date). Default 2026-11-01. */
  start?: string;
  /** Share of subscribers who are attacked during the period, 0–1. Default 0.05. */
  attackRate?: number;
}

export const DEFAULT_START = '2026-11-01';
export const DEFAULT_ATTACK_RATE = 0.05;
export const ATTACK_SCENARIOS = Object.keys(ATTACK_WEIGHTS) as AttackScenario[];
export const LEGIT_SCENARIOS = ['legit', ...Object.keys(LEGIT_SURPRISES)] as string[];

// Stream purposes, hashed with the seed so each stream is independent of the others.
const PROFILE = 1;
const ROUTINE = 2;
const EPISODE = 3;
const CAMPAIGN = 4;

/** Midnight JST of the start date, in epoch milliseconds. */
export function parseStart(start: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(start);
  const ms = Date.parse(dateOnly ? `${start}T00:00:00+09:00` : start);
  if (Number.isNaN(ms))
    throw new RangeError(`start: expected YYYY-MM-DD or an ISO 8601 time, got ${JSON.stringify(start)}`);
  const jst = ms + 9 * HOUR;
  return jst - (((jst % DAY) + DAY) % DAY) - 9 * HOUR;
}

interface Episode {
  at: number;
  key: number;
  run: (sink: Sink, rng: Rng) => void;
}

/** Writes a time as ISO 8601 in JST (+09:00), or in UTC (Z). */
export function formatTime(t: number, zulu = false): string {
  if (zulu) return `${new Date(t).toISOString().slice(0, 19)}Z`;
  return `${new Date(t + 9 * HOUR).toISOString().slice(0, 19)}+09:00`;
}

/**
 * Generates labelled events for `subscribers` accounts over `days` days, in time order.
 * Deterministic: the same options always give the same events.
 *
 * @example
 * for (const e of simulate({ seed: 1, subscribers: 100, days: 7 })) console.log(JSON.stringify(e));
 */
export function* simulate(options: SimulateOptions): Generator<AccountEvent> {
  const { seed, subscribers, days } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError('seed must be a safe integer');
  if (!Number.isInteger(subscribers) || subscribers < 1)
    throw new RangeError('subscribers must be a positive integer');
  if (!Number.isInteger(days) || days < 1) throw new RangeError('days must be a positive integer');
  const attackRate = options.attackRate ?? DEFAULT_ATTACK_RATE;
  if (!(attackRate >= 0 && attackRate <= 1)) throw new RangeError('attackRate must be between 0 and 1');
  const startMs = parseStart(options.start ?? DEFAULT_START);
  const sink = new Sink(startMs, days);
  const periodMs = days * DAY;

  const subs: Subscriber[] = [];
  const episodes = new Map<number, Episode[]>();
  const addEpisode = (e: Episode) => {
    const day = Math.floor((e.at - startMs) / DAY);
    if (day < 0 || day >= days) return;
    const list = episodes.get(day);
    if (list) list.push(e);
    else episodes.set(day, [e]);
  };
  const stuffingTargets: Subscriber[] = [];
  let episodeKey = 0;

  for (let idx = 1; idx <= subscribers; idx++) {
    const rng = new Rng(seed, PROFILE, idx);
    const sub = createSubscriber(rng, idx);
    subs.push(sub);
    for (const [kind, per30] of Object.entries(LEGIT_SURPRISES) as [LegitSurprise, number][]) {
      for (let n = rng.poisson((per30 * days) / 30); n > 0; n--) {
        const at = surpriseTime(rng, sub, startMs, days);
        addEpisode({ at, key: episodeKey++, run: planLegit(kind, sub, at, rng) });
      }
    }
    if (rng.chance(attackRate)) {
      const scenario = rng.weighted(Object.entries(ATTACK_WEIGHTS) as [AttackScenario, number][]);
      // Attacks start after some normal history where the period allows it, and early enough
      // for most of the story to fit.
      const lo = days >= 4 ? 0.2 * periodMs : 0;
      const hi = days >= 4 ? 0.85 * periodMs : periodMs - HOUR;
      const at = startMs + Math.floor(rng.real(lo, hi));
      if (scenario === 'credential_stuffing') stuffingTargets.push(sub);
      else if (scenario === 'lost_phone')
        addEpisode({ at, key: episodeKey++, run: planLostPhone(sub, at, rng) });
      else {
        const story = {
          smishing_takeover: smishingTakeover,
          sim_swap: simSwap,
          card_testing: cardTesting,
          low_and_slow: lowAndSlow,
        }[scenario];
        addEpisode({ at, key: episodeKey++, run: (s, r) => story(s, sub, at, r) });
      }
    }
    sub.phoneChanges.sort((a, b) => a.at - b.at);
  }

  // Credential-stuffing campaigns: each one network trying a batch of accounts.
  const crng = new Rng(seed, CAMPAIGN);
  const pool = crng.shuffle(stuffingTargets);
  while (pool.length > 0) {
    const batch = pool.splice(0, crng.int(5, 40));
    const lo = days >= 4 ? 0.2 * periodMs : 0;
    const hi = days >= 4 ? 0.85 * periodMs : periodMs - HOUR;
    const at = startMs + Math.floor(crng.real(lo, hi));
    addEpisode({ at, key: episodeKey++, run: (s, r) => credentialStuffing(s, batch, at, r) });
  }

  let n = 0;
  for (let day = 0; day < days; day++) {
    for (const e of episodes.get(day) ?? []) e.run(sink, new Rng(seed, EPISODE, e.key));
    episodes.delete(day);
    for (const sub of subs) routineDay(sink, sub, day, new Rng(seed, ROUTINE, sub.idx, day));
    const bucket = sink.buckets.get(day) ?? [];
    sink.buckets.delete(day);
    bucket.sort((a, b) => a.t - b.t || a.acct - b.acct || a.seq - b.seq);
    for (const p of bucket) yield toEvent(p, ++n);
  }
}

function toEvent(p: Pending, n: number): AccountEvent {
  p.id = `evt_${n}`;
  const body = p.refTo?.id && p.body.type === 'subscriber_report' ? { ...p.body, ref: p.refTo.id } : p.body;
  // Field order: id, type, at, account first, for people reading the file.
  const { type, ...rest } = body;
  return { id: p.id, type, at: formatTime(p.t, p.zulu), account: `acc_${p.acct}`, ...rest } as AccountEvent;
}
