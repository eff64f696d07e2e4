/**
 * mamori replay events.ndjson [--out decisions.ndjson] [--policy policy.json] [--db FILE]
 * (contract "Command line"): processes the events in file order against a fresh database (an
 * in-memory one unless --db names a file), one decision (or error object) per input line, in
 * order. Deterministic: engine time is each event's `at`, notice references are keyed, case
 * numbers count from 1 in a fresh database.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { openDatabase } from '../../db/index.ts';
import { DEFAULT_POLICY, type Policy, parsePolicy } from '../../engine/index.ts';
import { ExitError, InputError } from '../../errors.ts';
import { type DecisionOrError, EngineSession } from '../../ingest/engine-session.ts';
import { candidateFromLine, type EventCandidate } from '../../ingest/read-events.ts';
import { type CliIo, openOutput, statInputFile, writeAll } from '../io.ts';
import { parseOptions } from '../options.ts';

export const replayOptionsSchema = z.strictObject({
  events: z.string().min(1, 'needs an events file'),
  out: z.string().min(1).optional(),
  policy: z.string().min(1).optional(),
  db: z.string().min(1).optional(),
  lang: z.enum(['ja', 'en']).default('ja'),
  /** Events decided and stored per transaction. */
  batch: z.coerce.number().int().min(1).max(50_000).default(2_000),
});
export type ReplayOptions = z.input<typeof replayOptionsSchema>;

/** A fixed key: the same file replayed anywhere gives the same notice references. */
const REPLAY_NOTICE_KEY = new TextEncoder().encode('mamori replay notice references');

export async function loadPolicyFile(path: string | undefined): Promise<Policy> {
  if (!path) return DEFAULT_POLICY;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError(
      'file_unreadable',
      `cannot read policy file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const parsed = parsePolicy(text);
  if ('errors' in parsed && parsed.errors) {
    throw new InputError('invalid_policy', `policy file ${path} is not valid: ${parsed.errors.join('; ')}`);
  }
  return (parsed as { policy: Policy }).policy;
}

export interface ReplaySummary {
  lines: number;
  errors: number;
  byDecision: Record<string, number>;
  seconds: number;
}

export async function run(rawOptions: ReplayOptions, io: CliIo): Promise<ReplaySummary> {
  const opts = parseOptions(replayOptionsSchema, rawOptions);
  const size = await statInputFile(opts.events); // unreadable or missing file: InputError, exit 2
  const policy = await loadPolicyFile(opts.policy);
  // A file database is checkpointed from a background thread, off the replay's own thread.
  const opened = await openDatabase({ file: opts.db ?? ':memory:', backgroundCheckpoints: true });
  const session = new EngineSession({
    db: opened.db,
    operatorId: 'default',
    policy,
    lang: opts.lang,
    noticeKey: REPLAY_NOTICE_KEY,
  });
  const out: Writable = opts.out ? await openOutput(opts.out) : io.stdout;

  const started = io.now();
  const summary: ReplaySummary = {
    lines: 0,
    errors: 0,
    byDecision: { allow: 0, challenge: 0, hold: 0, lock: 0 },
    seconds: 0,
  };
  const bar =
    io.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: '{bar} {percentage}% | {lines} events | {rate}/s',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(Math.max(size, 1), 0, { lines: 0, rate: 0 });

  const input = createReadStream(opts.events);
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let pending: EventCandidate[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const results: DecisionOrError[] = await session.process(pending);
    pending = [];
    let text = '';
    for (const r of results) {
      if ('error' in r) summary.errors++;
      else summary.byDecision[r.decision] = (summary.byDecision[r.decision] ?? 0) + 1;
      text += `${JSON.stringify(r)}\n`;
    }
    await writeAll(out, text);
    const elapsed = (io.now() - started) / 1000;
    bar?.update(Math.min(input.bytesRead, size), {
      lines: summary.lines,
      rate: elapsed > 0 ? Math.round(summary.lines / elapsed) : 0,
    });
  };
  try {
    for await (const raw of reader) {
      summary.lines++;
      const line = summary.lines === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      // Contract: one output line per input line, so an empty line is an error in its place.
      pending.push(
        line.trim() === ''
          ? { ok: false, error: { event: null, error: { code: 'empty_line', message: 'the line is empty' } } }
          : candidateFromLine(line),
      );
      if (pending.length >= opts.batch) await flush();
    }
    await flush();
    await session.flush();
  } catch (error) {
    bar?.stop();
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') throw new ExitError(0);
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code) {
      throw new InputError(
        'file_unreadable',
        `reading ${opts.events} failed after line ${summary.lines} (${(error as NodeJS.ErrnoException).code})`,
      );
    }
    throw error;
  } finally {
    reader.close();
    if (out !== io.stdout) {
      out.end();
      await new Promise((resolve) => out.once('finish', resolve).once('error', resolve));
    }
    await opened.close();
  }
  bar?.stop();
  summary.seconds = (io.now() - started) / 1000;
  const d = summary.byDecision;
  const rate = summary.seconds > 0 ? Math.round(summary.lines / summary.seconds) : summary.lines;
  io.stderr.write(
    opts.lang === 'en'
      ? `${summary.lines} events replayed: allow ${d.allow}, challenge ${d.challenge}, hold ${d.hold}, lock ${d.lock}, errors ${summary.errors} (${summary.seconds.toFixed(1)} s, ${rate} events/s)\n`
      : `${summary.lines} 件を再生: 許可 ${d.allow}, 追加認証 ${d.challenge}, 保留 ${d.hold}, ロック ${d.lock}, エラー ${summary.errors} (${summary.seconds.toFixed(1)} 秒, ${rate} 件/秒)\n`,
  );
  return summary;
}
