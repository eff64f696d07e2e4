/**
 * Mamori hold-out traffic generator.
 *
 * Writes a labelled NDJSON stream of carrier-billing account events (one event per line, per
 * /work/shared/contracts/events.md), built independently of Mamori's own simulator and engine:
 * ordinary subscribers living their month, legitimate surprises that must not be blocked, and a
 * minority of accounts hit by an attack. HELD-OUT: do not tune the engine on this data.
 *
 *   npx tsx eval/engine/holdout/generate.ts --seed 1 --accounts 1500 --days 30 --out holdout.ndjson
 *
 * Options: --seed N (1) --accounts N (1500) --days N (30) --start YYYY-MM-DD (2026-10-26)
 *          --out FILE (stdout when omitted). A summary goes to stderr.
 */
import { writeFileSync } from 'node:fs';
import { Account } from './lib/account.ts';
import {
  ATTACK_MIX,
  type AttackKind,
  credentialStuffing,
  planCampaigns,
  runAttack,
  type StuffingRole,
} from './lib/attacks.ts';
import { EventLog, toWire } from './lib/events.ts';
import { LEGIT_STORIES, routine } from './lib/legit.ts';
import { makeOwner, type Window } from './lib/owner.ts';
import { deriveSeed, Rng } from './lib/rng.ts';
import { DAY, SEC, startOfJstDay } from './lib/world.ts';

/** Share of accounts that suffer a targeted attack (credential stuffing comes on top). */
const ATTACK_SHARE = 0.065;
/** Share of accounts a stuffing campaign tries, per campaign. */
const STUFFING_TARGETS = [0.03, 0.015];
/** Share of stuffing targets whose leaked password is their real one. */
const PASSWORD_REUSE = 0.25;

interface Options {
  seed: number;
  accounts: number;
  days: number;
  start: string;
  out?: string;
}

const USAGE =
  'usage: npx tsx eval/engine/holdout/generate.ts [--seed N] [--accounts N] [--days N] [--start YYYY-MM-DD] [--out FILE]';

function parseArgs(argv: string[]): Options {
  const opts: Options = { seed: 1, accounts: 1500, days: 30, start: '2026-10-26' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`missing value for ${flag}`);
    const positive = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive integer, got ${value}`);
      return n;
    };
    switch (flag) {
      case '--seed':
        opts.seed = Number(value);
        if (!Number.isInteger(opts.seed)) throw new Error(`--seed needs an integer, got ${value}`);
        break;
      case '--accounts':
        opts.accounts = positive();
        break;
      case '--days':
        opts.days = positive();
        break;
      case '--start':
        opts.start = value;
        break;
      case '--out':
        opts.out = value;
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
    i++;
  }
  return opts;
}

function accountIds(rng: Rng, count: number): string[] {
  const ids = new Set<string>();
  while (ids.size < count) ids.add(`sub_${rng.digits(10)}`);
  return [...ids];
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const start = startOfJstDay(opts.start);
  const window: Window = { start, days: opts.days, end: start + opts.days * DAY };

  // Who is attacked, and how, is decided up front from its own random stream.
  const plan = new Rng(deriveSeed(opts.seed, 'plan'));
  const ids = accountIds(plan, opts.accounts);
  const attacks = new Map<number, AttackKind>();
  for (let i = 0; i < opts.accounts; i++)
    if (plan.chance(ATTACK_SHARE)) attacks.set(i, plan.weighted(ATTACK_MIX));
  const roles = new Map<number, StuffingRole>();
  const campaigns = planCampaigns(plan, window);
  campaigns.forEach((campaign, c) => {
    const free = ids.map((_, i) => i).filter((i) => !attacks.has(i) && !roles.has(i));
    for (const i of plan.sample(free, Math.round(opts.accounts * (STUFFING_TARGETS[c] ?? 0)))) {
      const at = campaign.start + plan.int(0, Math.floor(campaign.span / SEC)) * SEC;
      roles.set(i, { campaign, at, passwordKnown: plan.chance(PASSWORD_REUSE) });
    }
  });

  // Each account has its own random stream, so one account's story never shifts another's.
  const log = new EventLog();
  ids.forEach((id, i) => {
    const rng = new Rng(deriveSeed(opts.seed, 'account', i));
    const acc = new Account(rng, makeOwner(rng, id, window), window, log);
    const attack = attacks.get(i);
    if (attack) acc.attack = attack;
    const stories = LEGIT_STORIES.filter((s) => (s.applies?.(acc) ?? true) && rng.chance(s.share));
    // Trips, outings and new phones first, so the attack sees where the owner is and on what.
    const deferred = stories.map((s) => s.prepare?.(acc));
    if (attack) runAttack(acc, attack);
    const role = roles.get(i);
    if (role) credentialStuffing(acc, role);
    for (const emit of deferred) emit?.();
    for (const s of stories) s.run?.(acc);
    routine(acc);
  });

  const drafts = log.drafts.filter((d) => d.t >= window.start && d.t < window.end);
  drafts.sort((a, b) => a.t - b.t || a.order - b.order);
  drafts.forEach((d, i) => {
    d.id = `ev_${opts.seed}_${String(i + 1).padStart(7, '0')}`;
  });
  const text = `${drafts.map((d) => JSON.stringify(toWire(d))).join('\n')}\n`;
  if (opts.out) writeFileSync(opts.out, text);
  else process.stdout.write(text);

  const fraudCharges = drafts.filter((d) => d.label.fraud && d.type === 'charge');
  const yen = fraudCharges.reduce((sum, d) => sum + Number(d.fields.amount), 0);
  const attacked = new Set(drafts.filter((d) => d.label.fraud).map((d) => d.account));
  process.stderr.write(
    `holdout: seed ${opts.seed}, ${opts.accounts} accounts, ${opts.days} days from ${opts.start}: ` +
      `${drafts.length} events, ${attacked.size} accounts with fraud events, ` +
      `${fraudCharges.length} fraud charges (¥${yen.toLocaleString('en-US')})` +
      (opts.out ? ` -> ${opts.out}\n` : '\n'),
  );
}

try {
  main();
} catch (err) {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
  process.exit(2);
}
