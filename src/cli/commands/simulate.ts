/**
 * `mamori simulate --seed N --subscribers N --days N [--out events.ndjson] [--start YYYY-MM-DD]
 * [--attack-rate 0.05]`: streams labelled NDJSON events (issue 4) to a file or stdout, and a
 * summary to stderr. Declared in src/cli/main.ts; this module only runs it.
 */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import type { AccountEvent } from '../../engine/event-schema.ts';
import { isoWithOffset } from '../../engine/event-schema.ts';
import { InputError } from '../../errors.ts';
import { ATTACK_SCENARIOS, DEFAULT_ATTACK_RATE, DEFAULT_START, simulate } from '../../sim/index.ts';

/** Options as they come from the command line (strings are coerced). */
export const simulateOptionsSchema = z.object({
  seed: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
  subscribers: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  days: z.coerce.number().int().min(1).max(366).default(30),
  out: z.string().min(1).optional(),
  start: z
    .union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'), isoWithOffset])
    .refine(
      (s) => !Number.isNaN(Date.parse(s.length === 10 ? `${s}T00:00:00+09:00` : s)),
      'is not a real date',
    )
    .default(DEFAULT_START),
  attackRate: z.coerce.number().min(0).max(1).default(DEFAULT_ATTACK_RATE),
});
export type SimulateCommandOptions = z.input<typeof simulateOptionsSchema>;

export interface SimulateIo {
  stdout: Writable;
  stderr: Writable;
  /** Opens the `--out` file (default: fs.createWriteStream). */
  createWriteStream?: (path: string) => Writable;
}

export interface SimulateSummary {
  events: number;
  fraudEvents: number;
  fraudCharges: number;
  fraudYen: number;
  attackedAccounts: number;
  /**
   * Per attack scenario: accounts whose first fraudulent event has it, its events (the
   * attacker's and the victim's reactions) and its fraudulent events.
   */
  scenarios: Record<string, { accounts: number; events: number; fraudEvents: number }>;
}

/** Turns a zod error into one InputError listing every problem as `path: message`. */
export function optionsError(error: z.ZodError): InputError {
  const problems = error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`);
  return new InputError('invalid_options', problems.join('; '));
}

const BATCH = 500;

export async function run(options: SimulateCommandOptions, io: SimulateIo): Promise<SimulateSummary> {
  const parsed = simulateOptionsSchema.safeParse(options);
  if (!parsed.success) throw optionsError(parsed.error);
  const opts = parsed.data;

  const summary: SimulateSummary = {
    events: 0,
    fraudEvents: 0,
    fraudCharges: 0,
    fraudYen: 0,
    attackedAccounts: 0,
    scenarios: {},
  };
  const attacked = new Map<string, string>();
  const attackScenarios = new Set<string>(ATTACK_SCENARIOS);
  const count = (e: AccountEvent) => {
    summary.events++;
    const scenario = e.label?.scenario;
    if (e.label?.fraud === true && scenario !== undefined) {
      summary.fraudEvents++;
      if (e.type === 'charge') {
        summary.fraudCharges++;
        summary.fraudYen += e.amount;
      }
      if (!attacked.has(e.account)) attacked.set(e.account, scenario);
    }
    if (scenario !== undefined && attackScenarios.has(scenario)) {
      const s = scenarioEntry(summary, scenario);
      s.events++;
      if (e.label?.fraud === true) s.fraudEvents++;
    }
  };

  // NDJSON in batches of lines; pipeline() applies backpressure and surfaces write errors.
  const events = simulate({
    seed: opts.seed,
    subscribers: opts.subscribers,
    days: opts.days,
    start: opts.start,
    attackRate: opts.attackRate,
  });
  function* chunks(): Generator<string> {
    let lines: string[] = [];
    for (const e of events) {
      count(e);
      lines.push(JSON.stringify(e));
      if (lines.length >= BATCH) {
        yield `${lines.join('\n')}\n`;
        lines = [];
      }
    }
    if (lines.length > 0) yield `${lines.join('\n')}\n`;
  }

  const source = Readable.from(chunks(), { objectMode: false });
  if (opts.out !== undefined) {
    const open = io.createWriteStream ?? ((p: string) => createWriteStream(p));
    try {
      await pipeline(source, open(opts.out));
    } catch (cause) {
      throw new InputError('output_unwritable', `cannot write ${opts.out}: ${(cause as Error).message}`, {
        cause,
      });
    }
  } else {
    await pipeline(source, io.stdout, { end: false });
  }

  for (const scenario of attacked.values()) {
    const s = scenarioEntry(summary, scenario);
    s.accounts++;
  }
  summary.attackedAccounts = attacked.size;
  io.stderr.write(formatSummary(summary, opts));
  return summary;
}

function scenarioEntry(summary: SimulateSummary, name: string) {
  let s = summary.scenarios[name];
  if (!s) {
    s = { accounts: 0, events: 0, fraudEvents: 0 };
    summary.scenarios[name] = s;
  }
  return s;
}

function formatSummary(s: SimulateSummary, o: z.output<typeof simulateOptionsSchema>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `simulate: ${n(s.events)} events written to ${o.out ?? 'stdout'} (seed ${o.seed}, ${n(o.subscribers)} subscribers, ${o.days} days from ${o.start})`,
    `attacked accounts: ${n(s.attackedAccounts)} (${((s.attackedAccounts / o.subscribers) * 100).toFixed(1)}%), fraudulent events: ${n(s.fraudEvents)}, fraudulent charges: ${n(s.fraudCharges)} (¥${n(s.fraudYen)})`,
  ];
  for (const [name, v] of Object.entries(s.scenarios).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `  ${name.padEnd(20)} ${n(v.accounts).padStart(6)} accounts ${n(v.fraudEvents).padStart(8)} fraudulent events`,
    );
  }
  return `${lines.join('\n')}\n`;
}
