// Holdout-b: an independent, labelled traffic set for Japanese carrier-billing accounts.
// Written by a helper agent on 2026-11-25 from the event contract alone (no engine code read).
// HELD-OUT: do not tune the engine on it; measure only.
//
//   npx tsx eval/engine/holdout-b/generate.ts [--seed 1] [--accounts 2000] [--days 28]
//       [--start 2026-10-19] [--out holdout-b.ndjson] [--manifest accounts.json]
//
// Every subscriber lives an ordinary month (persona, devices, networks, paydays, subscriptions),
// some live through legitimate surprises, and about 7% suffer an attack. Output is NDJSON sorted
// by `at`, one event per line, each with label {fraud, scenario}.

import { writeFileSync } from 'node:fs';
import { ATTACKS } from './attacks.ts';
import { jstMidnight } from './calendar.ts';
import { createOwner, liveRoutine, type Owner } from './people.ts';
import { Rng } from './rng.ts';
import { Sink } from './sink.ts';
import { formatSummary, summarize } from './stats.ts';
import { type Emit, type Env, STORIES } from './stories.ts';
import { createWorld } from './world.ts';

interface Options {
  seed: number;
  accounts: number;
  days: number;
  start: string;
  out: string;
  manifest?: string;
}

function parseArgs(argv: string[]): Options {
  const opts: Options = { seed: 1, accounts: 2000, days: 28, start: '2026-10-19', out: 'holdout-b.ndjson' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    i++;
    switch (flag) {
      case '--seed':
        opts.seed = Number(value);
        break;
      case '--accounts':
        opts.accounts = Number(value);
        break;
      case '--days':
        opts.days = Number(value);
        break;
      case '--start':
        opts.start = value;
        break;
      case '--out':
        opts.out = value;
        break;
      case '--manifest':
        opts.manifest = value;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  for (const k of ['seed', 'accounts', 'days'] as const) {
    if (!Number.isInteger(opts[k]) || opts[k] < (k === 'seed' ? 0 : 1))
      throw new Error(`--${k} must be a positive integer`);
  }
  if (opts.days < 7) throw new Error('--days must be at least 7');
  return opts;
}

/** Picks which accounts suffer which attack: shares of the population, one attack per account. */
function assignAttacks(owners: Owner[], seed: number): Map<Owner, (typeof ATTACKS)[number]> {
  const r = new Rng(seed, 'assign');
  const order = r.shuffle(owners.map((_, i) => i));
  const chosen = new Map<Owner, (typeof ATTACKS)[number]>();
  let cursor = 0;
  for (const attack of ATTACKS) {
    let want = Math.round(attack.share * owners.length);
    for (let tries = 0; want > 0 && tries < owners.length; tries++) {
      const owner = owners[order[cursor % order.length] ?? 0];
      cursor++;
      if (!owner || chosen.has(owner) || !attack.fits(owner)) continue;
      chosen.set(owner, attack);
      want--;
    }
  }
  return chosen;
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const world = createWorld(opts.seed, jstMidnight(opts.start), opts.days, opts.accounts);
  const sink = new Sink(new Rng(opts.seed, 'event-ids'), world.start, world.end);

  const idRng = new Rng(opts.seed, 'account-ids');
  const used = new Set<string>();
  const owners: Owner[] = [];
  for (let i = 0; i < opts.accounts; i++) {
    let account = '';
    do account = `acct_${idRng.digits(10)}`;
    while (used.has(account));
    used.add(account);
    owners.push(createOwner(world, account, new Rng(opts.seed, 'owner', i)));
  }
  const attacks = assignAttacks(owners, opts.seed);

  owners.forEach((o, i) => {
    const env: Env = { world, sink, r: new Rng(opts.seed, 'story', i) };
    const emits: Emit[] = [];
    const attack = attacks.get(o);
    if (attack) {
      const emit = attack.plan(o, env);
      if (emit) emits.push(emit);
    }
    for (const story of STORIES) {
      if (o.stories.length >= 3 || !story.fits(o) || !env.r.chance(story.share)) continue;
      const emit = story.plan(o, env);
      if (emit) {
        o.stories.push(story.name);
        emits.push(emit);
      }
    }
    liveRoutine(o, world, sink);
    for (const emit of emits) emit();
  });

  const events = sink.events();
  writeFileSync(opts.out, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  if (opts.manifest) {
    const manifest = owners.map((o) => ({
      account: o.account,
      persona: o.persona,
      carrier: o.carrier.id,
      routine: o.routineLabel,
      stories: o.stories,
      attack: o.attack ?? null,
    }));
    writeFileSync(opts.manifest, `${JSON.stringify(manifest, null, 1)}\n`);
  }
  process.stderr.write(`wrote ${events.length} events to ${opts.out}\n${formatSummary(summarize(events))}\n`);
}

main();
