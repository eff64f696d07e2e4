/**
 * `mamori check`: one message (argument, stdin or --eml) or a JSON Lines batch, per
 * ../shared/contracts/checker.md "CLI" and "Batch". Never exits the process: it returns the exit
 * code, and throws an InputError for a usage error (main.ts prints it on one line, exit 2).
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { CheckInput, CheckMessageOptions, CheckResult, Lang, Verdict } from '../../checker/index.ts';
import { checkMessage, parseEmail } from '../../checker/index.ts';
import { loadConfig } from '../../config.ts';
import { ExitError, InputError } from '../../errors.ts';
import { loadRegistry, type Registry } from '../../registry/index.ts';
import { batchLineSchema, formatIssues } from '../../server/check-input-schema.ts';
import type { CliIo } from '../io.ts';
import {
  decodeText,
  openOutput,
  readBytesLimited,
  readInputFile,
  statInputFile,
  usageError,
  writeAll,
} from '../io.ts';
import { printable } from '../printable.ts';

/** Contract "CLI": exit status of a single check. */
export const EXIT_CODE_BY_VERDICT: Readonly<Record<Verdict, number>> = Object.freeze({
  no_signs: 0,
  suspicious: 1,
  phishing: 3,
});

/** Options as main.ts hands them over from commander (flags plus the positional text). */
export const checkOptionsSchema = z
  .object({
    text: z.array(z.string()).default([]),
    eml: z.string().min(1, 'needs a file name').optional(),
    json: z.boolean().default(false),
    lang: z.enum(['ja', 'en'], { error: 'must be ja or en' }).default('ja'),
    sender: z.string().optional(),
    subject: z.string().optional(),
    channel: z.enum(['sms', 'email'], { error: 'must be sms or email' }).optional(),
    registry: z.string().min(1, 'needs a file name').optional(),
    batch: z.string().min(1, 'needs a file name').optional(),
    out: z.string().min(1, 'needs a file name').optional(),
  })
  .superRefine((o, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (o.eml !== undefined && o.text.length > 0)
      problem('give the message either as text or with --eml, not both');
    if (o.batch !== undefined) {
      if (o.text.length > 0 || o.eml !== undefined)
        problem('--batch reads every message from its file; do not also give text or --eml');
      for (const flag of ['sender', 'subject', 'channel'] as const) {
        if (o[flag] !== undefined)
          problem(`--${flag} applies to a single message; in a batch put "${flag}" on each line`);
      }
    } else if (o.out !== undefined) {
      problem('--out is only used with --batch');
    }
  });

export type CheckCommandOptions = z.input<typeof checkOptionsSchema>;
type Options = z.output<typeof checkOptionsSchema>;

/** Runs `mamori check`. Returns the exit code. */
export async function run(rawOptions: CheckCommandOptions, io: CliIo): Promise<number> {
  const parsed = checkOptionsSchema.safeParse(rawOptions);
  if (!parsed.success) throw usageError(formatIssues(parsed.error));
  const opts = parsed.data;

  const overrideFile = opts.registry ?? loadConfig(io.env).registryFile;
  // A bad override file is a ConfigError naming entry and field; main.ts prints it, exit 2.
  const registry = await loadRegistry({ overrideFile });
  const checkOptions: CheckMessageOptions = { lang: opts.lang, registry };

  if (opts.batch !== undefined) return runBatch(opts, opts.batch, checkOptions, io);

  const input = await readSingleInput(opts, io);
  const result = checkMessage(input, checkOptions);
  const output = opts.json
    ? `${JSON.stringify(result, null, 2)}\n`
    : formatReport(result, opts.lang, registry);
  await writeAll(io.stdout, output);
  return EXIT_CODE_BY_VERDICT[result.verdict];
}

function emptyInput(what: string): InputError {
  return new InputError('empty_input', `${what} is empty: there is no message to check`);
}

async function readSingleInput(opts: Options, io: CliIo): Promise<CheckInput> {
  const flags: Omit<CheckInput, 'text'> = {};
  if (opts.channel !== undefined) flags.channel = opts.channel;
  if (opts.sender !== undefined) flags.sender = opts.sender;
  if (opts.subject !== undefined) flags.subject = opts.subject;

  if (opts.eml !== undefined) {
    const fromStdin = opts.eml === '-';
    const what = fromStdin ? 'standard input' : opts.eml;
    if (fromStdin && io.stdin.isTTY)
      throw usageError('--eml - reads the e-mail from standard input; pipe it in');
    const bytes = fromStdin ? await readBytesLimited(io.stdin, what) : await readInputFile(opts.eml);
    if (bytes.byteLength === 0) throw emptyInput(what);
    // parseEmail throws InputError (e.g. invalid_email) for a broken message.
    const email = await parseEmail(bytes);
    return { ...email, ...flags };
  }

  let text: string;
  let what: string;
  if (opts.text.length > 0) {
    text = opts.text.join(' ');
    what = 'the message';
  } else {
    if (io.stdin.isTTY) {
      throw usageError(
        'no message given: use mamori check "本文…", mamori check < message.txt or mamori check --eml message.eml',
      );
    }
    what = 'standard input';
    text = decodeText(await readBytesLimited(io.stdin, what), what);
  }
  if (text.trim() === '') throw emptyInput(what);
  return { text, ...flags };
}

// ---------------------------------------------------------------------------------------------
// Batch (contract "Batch"): streamed line by line, so memory stays flat for 100,000+ lines.

type BatchError = { code: string; message: string };
type BatchRecord = ({ id: string | number } & CheckResult) | { id: string | number; error: BatchError };

function checkLine(
  line: string,
  lineNumber: number,
  options: CheckMessageOptions,
): { record: BatchRecord; verdict: Verdict | null } {
  const fail = (id: string | number, code: string, message: string) => ({
    record: { id, error: { code, message } },
    verdict: null,
  });
  if (line.trim() === '') return fail(lineNumber, 'empty_line', 'the line is empty');
  if (line.includes('\u0000')) return fail(lineNumber, 'binary_input', 'the line contains binary data');
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // The parser's own message quotes the line, which may hold personal data: keep it generic.
    return fail(lineNumber, 'invalid_json', 'the line is not valid JSON');
  }
  const rawId = (value as { id?: unknown } | null)?.id;
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? rawId : lineNumber;
  const parsed = batchLineSchema.safeParse(value);
  if (!parsed.success) return fail(id, 'invalid_line', formatIssues(parsed.error));
  const { id: _id, ...input } = parsed.data;
  try {
    const result = checkMessage(input, options);
    return { record: { id, ...result }, verdict: result.verdict };
  } catch {
    return fail(id, 'check_failed', 'the checker failed on this line; please report a bug');
  }
}

/** A failed write of a result line (as opposed to a failed read of the input). */
class OutputError extends Error {
  readonly code: string | undefined;
  constructor(cause: unknown) {
    super('output failed', { cause });
    this.code = (cause as NodeJS.ErrnoException | undefined)?.code;
  }
}

async function runBatch(
  opts: Options,
  path: string,
  options: CheckMessageOptions,
  io: CliIo,
): Promise<number> {
  const started = io.now();
  const size = await statInputFile(path);
  const input = createReadStream(path);
  try {
    await once(input, 'open');
  } catch {
    throw new InputError('file_unreadable', `cannot read ${path}`);
  }
  let out: Writable = io.stdout;
  if (opts.out !== undefined) {
    try {
      out = await openOutput(opts.out);
    } catch (error) {
      input.destroy();
      throw error;
    }
  }

  const bar =
    io.stderr.isTTY === true
      ? new cliProgress.SingleBar(
          {
            stream: io.stderr,
            format: '{bar} {percentage}% | {lines} lines',
            hideCursor: true,
            clearOnComplete: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  bar?.start(Math.max(size, 1), 0, { lines: 0 });

  const counts = { phishing: 0, suspicious: 0, no_signs: 0, errors: 0 };
  let lines = 0;
  const reader = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const raw of reader) {
      lines += 1;
      // A UTF-8 BOM from Windows editors is not part of the first record.
      const line = lines === 1 && raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
      const { record, verdict } = checkLine(line, lines, options);
      if (verdict === null) counts.errors += 1;
      else counts[verdict] += 1;
      try {
        await writeAll(out, `${JSON.stringify(record)}\n`);
      } catch (error) {
        throw new OutputError(error);
      }
      bar?.update(Math.min(input.bytesRead, size), { lines });
    }
  } catch (error) {
    bar?.stop();
    if (error instanceof OutputError) {
      // The reader went away (`… | head`): stop quietly, as Unix tools do.
      if (error.code === 'EPIPE') throw new ExitError(0);
      throw new InputError(
        'file_unwritable',
        `cannot write ${opts.out ?? 'standard output'}${error.code ? ` (${error.code})` : ''}`,
      );
    }
    throw new InputError(
      'file_unreadable',
      `reading ${path} failed after line ${lines}${(error as NodeJS.ErrnoException).code ? ` (${(error as NodeJS.ErrnoException).code})` : ''}`,
    );
  } finally {
    reader.close();
    if (out !== io.stdout) {
      out.end();
      await once(out, 'finish').catch(() => undefined);
    }
  }
  bar?.update(Math.max(size, 1), { lines });
  bar?.stop();

  const seconds = ((io.now() - started) / 1000).toFixed(1);
  const summary =
    opts.lang === 'en'
      ? `checked ${lines} lines: phishing ${counts.phishing}, suspicious ${counts.suspicious}, no_signs ${counts.no_signs}, errors ${counts.errors} (${seconds} s)`
      : `${lines} 行を確認: フィッシング ${counts.phishing}, 要注意 ${counts.suspicious}, 不審な点なし ${counts.no_signs}, エラー ${counts.errors} (${seconds} 秒)`;
  await writeAll(io.stderr, `${summary}\n`);
  return 0;
}

// ---------------------------------------------------------------------------------------------
// The readable report.

const TEXT = {
  ja: {
    verdict: '判定',
    headline: {
      phishing: 'フィッシングの可能性が高い',
      suspicious: '不審な点があります',
      no_signs: '不審な点は見つかりませんでした',
    },
    brand: '名乗っている会社',
    reasons: '理由',
    evidence: '該当箇所',
    links: 'リンク',
    phones: '電話番号',
    advice: 'どうすればよいか',
    official: '公式',
    unofficial: '非公式',
    officialSite: '公式サイト',
    none: 'なし',
    severity: { high: '高', medium: '中', low: '低', info: '参考' },
  },
  en: {
    verdict: 'Verdict',
    headline: {
      phishing: 'likely phishing',
      suspicious: 'suspicious',
      no_signs: 'no warning signs found',
    },
    brand: 'Claims to be from',
    reasons: 'Reasons',
    evidence: 'evidence',
    links: 'Links',
    phones: 'Phone numbers',
    advice: 'What to do',
    official: 'official',
    unofficial: 'NOT official',
    officialSite: 'official site',
    none: 'none',
    severity: { high: 'HIGH', medium: 'MEDIUM', low: 'LOW', info: 'INFO' },
  },
} as const;

/** The readable report: headline, reasons with severity and evidence, links, phones, advice. */
export function formatReport(result: CheckResult, lang: Lang, registry?: Registry): string {
  const t = TEXT[lang];
  const out: string[] = [];
  out.push(`${t.verdict}: ${t.headline[result.verdict]} (${result.score}/100)`);
  if (result.brand !== null) {
    const brand = registry?.byId.get(result.brand);
    const name = brand ? (lang === 'en' ? brand.nameEn : brand.nameJa) : result.brand;
    out.push(`${t.brand}: ${printable(name)}`);
  }

  out.push('', `${t.reasons}:`);
  if (result.reasons.length === 0) out.push(`  ${t.none}`);
  for (const reason of result.reasons) {
    out.push(`  [${t.severity[reason.severity]}] ${printable(reason.message)}`);
    if (reason.evidence !== '') out.push(`      ${t.evidence}: ${printable(reason.evidence)}`);
  }

  if (result.links.length > 0) {
    out.push('', `${t.links}:`);
    for (const link of result.links) {
      out.push(
        `  [${link.official ? t.official : t.unofficial}] ${printable(link.url)} (${printable(link.domain)})`,
      );
    }
  }
  if (result.phones.length > 0) {
    out.push('', `${t.phones}:`);
    for (const phone of result.phones) {
      out.push(`  [${phone.official ? t.official : t.unofficial}] ${printable(phone.number)}`);
    }
  }

  if (result.advice.length > 0) {
    out.push('', `${t.advice}:`);
    for (const advice of result.advice) {
      out.push(`  ・${printable(advice.message)}`);
      if (advice.official_url !== null) out.push(`    ${t.officialSite}: ${printable(advice.official_url)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
