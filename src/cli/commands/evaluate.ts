/**
 * `mamori evaluate events.ndjson decisions.ndjson [--json] [--lang en]`: scores a replay's
 * decisions against the labelled events (issue 4). Both files are read line by line; unreadable
 * or invalid lines are counted and reported on stderr, never fatal.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { z } from 'zod';
import { eventSchema } from '../../engine/event-schema.ts';
import { InputError } from '../../errors.ts';
import {
  type EvaluatedDecision,
  type EvaluationMetrics,
  Evaluator,
  formatEvaluation,
} from '../../sim/index.ts';
import { optionsError } from './simulate.ts';

export const evaluateOptionsSchema = z.object({
  events: z.string().min(1, 'the events file is required'),
  decisions: z.string().min(1, 'the decisions file is required'),
  json: z.boolean().default(false),
  lang: z.enum(['ja', 'en']).default('ja'),
});
export type EvaluateCommandOptions = z.input<typeof evaluateOptionsSchema>;

export interface EvaluateIo {
  stdout: Writable;
  stderr: Writable;
  /** Opens a file for reading (default: fs.createReadStream, waiting until it is open). */
  openRead?: (path: string) => Readable | Promise<Readable>;
}

/** Lines that could not be used, per file. */
export interface LineCounts {
  lines: number;
  /** Blank lines are skipped silently. */
  used: number;
  /** Not JSON. */
  unreadable: number;
  /** JSON, but not an event (or decision) per the contract. */
  invalid: number;
  /** First few 1-based line numbers of bad lines. */
  examples: number[];
}

export interface EvaluateResult {
  metrics: EvaluationMetrics;
  events: LineCounts;
  decisions: LineCounts;
  /** Every measurable target met. */
  pass: boolean;
}

/** A decision line: a contract Decision, or an error object in its place (contract "HTTP"). */
const decisionLineSchema = z.union([
  z.looseObject({ event: z.string(), decision: z.enum(['allow', 'challenge', 'hold', 'lock']) }),
  z.looseObject({ event: z.string().nullable(), error: z.unknown() }),
]);

async function defaultOpen(path: string): Promise<Readable> {
  const stream = createReadStream(path);
  await once(stream, 'open');
  return stream;
}

async function* lines(path: string, io: EvaluateIo): AsyncGenerator<string> {
  let input: Readable;
  try {
    input = await (io.openRead ?? defaultOpen)(path);
  } catch (cause) {
    throw new InputError('file_unreadable', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  }
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let failure: unknown = null;
  input.on('error', (err) => {
    failure = err;
    rl.close();
  });
  for await (const line of rl) yield line;
  if (failure)
    throw new InputError('file_unreadable', `cannot read ${path}: ${(failure as Error).message}`, {
      cause: failure,
    });
}

function newCounts(): LineCounts {
  return { lines: 0, used: 0, unreadable: 0, invalid: 0, examples: [] };
}

async function readNdjson(
  path: string,
  io: EvaluateIo,
  counts: LineCounts,
  accept: (value: unknown) => boolean,
): Promise<void> {
  for await (const raw of lines(path, io)) {
    counts.lines++;
    const line = raw.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      counts.unreadable++;
      if (counts.examples.length < 5) counts.examples.push(counts.lines);
      continue;
    }
    if (accept(value)) counts.used++;
    else {
      counts.invalid++;
      if (counts.examples.length < 5) counts.examples.push(counts.lines);
    }
  }
}

export async function run(options: EvaluateCommandOptions, io: EvaluateIo): Promise<EvaluateResult> {
  const parsed = evaluateOptionsSchema.safeParse(options);
  if (!parsed.success) throw optionsError(parsed.error);
  const opts = parsed.data;
  const evaluator = new Evaluator();

  // Decisions first (they are looked up by event id), then the events in replay order.
  const decisions = newCounts();
  await readNdjson(opts.decisions, io, decisions, (v) => {
    const d = decisionLineSchema.safeParse(v);
    if (!d.success) return false;
    evaluator.addDecision(d.data as EvaluatedDecision);
    return true;
  });
  const events = newCounts();
  await readNdjson(opts.events, io, events, (v) => {
    const e = eventSchema.safeParse(v);
    if (!e.success) return false;
    evaluator.addEvent(e.data);
    return true;
  });

  const metrics = evaluator.result();
  const pass = metrics.targets.every((t) => t.pass !== false);
  for (const [name, c] of [
    [opts.events, events],
    [opts.decisions, decisions],
  ] as const) {
    const bad = c.unreadable + c.invalid;
    io.stderr.write(
      `evaluate: ${name}: ${c.used.toLocaleString('en-US')} lines used` +
        (bad > 0
          ? `, ${c.unreadable} not JSON, ${c.invalid} invalid (lines ${c.examples.join(', ')}${bad > c.examples.length ? ', …' : ''})`
          : '') +
        '\n',
    );
  }
  if (opts.json) {
    io.stdout.write(`${JSON.stringify({ ...metrics, pass, files: { events, decisions } }, null, 2)}\n`);
  } else {
    io.stdout.write(formatEvaluation(metrics, opts.lang));
  }
  return { metrics, events, decisions, pass };
}
