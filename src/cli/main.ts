/**
 * The `mamori` command line. This file declares every command and flag, and is the only place
 * that exits the process (style.md §8, after changesets' cli.ts / index.ts):
 *   - a command returns its exit code;
 *   - ExitError(code) exits quietly (the command already printed what it had to say);
 *   - a MamoriError (bad input, bad config/registry file) is one line on stderr, exit 2;
 *   - a commander usage error is one line on stderr, exit 2;
 *   - anything else is a bug: one line asking for a report, exit 70 (EX_SOFTWARE), no stack.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { ExitError, MamoriError } from '../errors.ts';
import type { CliIo } from './io.ts';
import { processIo } from './io.ts';

/** Exit code for a usage error (contract "CLI"). */
export const EXIT_USAGE = 2;
/** Exit code for an internal error (sysexits EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

const BUG_REPORT =
  'mamori: internal error; this is a bug, please report it with the command you ran (without the message text)';

/** Commander messages may span lines ("(Did you mean …?)"); the contract wants one line. */
function oneLine(text: string): string {
  return `${text.replace(/\s*\n\s*/g, ' ').trim()}\n`;
}

function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('mamori');
  program
    .description('Mamori (守り): checks SMS and e-mail that claim to be from a carrier or card issuer')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      outputError: (s, write) => write(oneLine(s.startsWith('error:') ? `mamori: ${s.slice(7)}` : s)),
    })
    .showSuggestionAfterError(true);

  program
    .command('check')
    .description(
      'check one message (text, standard input or --eml) or a JSON Lines batch; exit 0 no_signs, 1 suspicious, 3 phishing, 2 usage error',
    )
    .argument('[text...]', 'the message text (otherwise read from standard input)')
    .option('--eml <file>', 'a raw e-mail file, headers included ("-" for standard input)')
    .option('--json', 'print the result object instead of the readable report')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['ja', 'en']).default('ja'))
    .option('--sender <sender>', 'SMS sender id or number, or the e-mail From address')
    .option('--subject <subject>', "the e-mail's subject")
    .addOption(new Option('--channel <channel>', 'how the message arrived').choices(['sms', 'email']))
    .option(
      '--registry <file>',
      'operator override file for the official sender registry (env MAMORI_REGISTRY)',
    )
    .option('--batch <file>', 'JSON Lines input, one message a line')
    .option('--out <file>', 'with --batch: write the JSON Lines results here instead of standard output')
    .action(async (text: string[], options: Record<string, unknown>) => {
      const { run } = await import('./commands/check.ts');
      setExitCode(await run({ ...options, text }, io));
    });

  program
    .command('simulate')
    .description('write labelled account events (NDJSON) for a simulated subscriber base; summary on stderr')
    .option('--seed <n>', 'random seed (same seed, same events)')
    .option('--subscribers <n>', 'number of subscribers')
    .option('--days <n>', 'number of days to simulate')
    .option('--start <date>', 'first day, YYYY-MM-DD (Japan time) or ISO 8601 with offset')
    .option('--attack-rate <rate>', 'share of subscribers attacked, 0 to 1')
    .option('--out <file>', 'write the events here instead of standard output')
    .action(async (options: Record<string, unknown>) => {
      const { run } = await import('./commands/simulate.ts');
      await run(options, io);
      setExitCode(0);
    });

  program
    .command('evaluate')
    .description("score a replay's decisions against the labelled events")
    .argument('<events>', 'labelled events, NDJSON (from mamori simulate)')
    .argument('<decisions>', 'decisions, NDJSON, one per event')
    .option('--json', 'print the metrics as JSON')
    .addOption(new Option('--lang <lang>', 'language of the report').choices(['ja', 'en']).default('ja'))
    .action(async (events: string, decisions: string, options: Record<string, unknown>) => {
      const { run } = await import('./commands/evaluate.ts');
      // Reading and scoring succeeded: exit 0 (targets met or not; the report says which).
      await run({ ...options, events, decisions }, io);
      setExitCode(0);
    });

  program
    .command('replay')
    .description(
      'decide every event of an NDJSON file in order (fresh in-memory database unless --db); one decision per line',
    )
    .argument('<events>', 'events, NDJSON, one a line')
    .option('--out <file>', 'write the decisions here instead of standard output')
    .option('--policy <file>', 'a policy JSON file (default: the built-in policy)')
    .option('--db <file>', 'a SQLite file to keep the state in (default: in memory)')
    .addOption(
      new Option('--lang <lang>', 'language of reasons and notices').choices(['ja', 'en']).default('ja'),
    )
    .option('--batch <n>', 'events per transaction')
    .action(async (events: string, options: Record<string, unknown>) => {
      const { run } = await import('./commands/replay.ts');
      await run({ ...options, events }, io);
      setExitCode(0);
    });

  const policy = program.command('policy').description('risk engine policy files');
  policy
    .command('check')
    .description('validate a policy file and explain every problem')
    .argument('<file>', 'policy JSON file')
    .action(async (file: string) => {
      const { runCheck } = await import('./commands/policy.ts');
      setExitCode(await runCheck({ file }, io));
    });

  const keys = program.command('keys').description('API keys for POST /v1/events (stored hashed)');
  keys
    .command('create')
    .description('create a key and print its secret once')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--operator <id>', 'operator id', 'default')
    .option('--db <file>', 'SQLite file (default: MAMORI_DB_FILE, or DATABASE_URL for PostgreSQL)')
    .action(async (options: Record<string, unknown>) => {
      const { runCreate } = await import('./commands/keys.ts');
      setExitCode(await runCreate(options, io));
    });
  keys
    .command('list')
    .description('list keys (never their secrets)')
    .option('--db <file>', 'SQLite file')
    .action(async (options: Record<string, unknown>) => {
      const { runList } = await import('./commands/keys.ts');
      setExitCode(await runList(options, io));
    });
  keys
    .command('revoke')
    .description('revoke a key')
    .argument('<id>', 'key id (from keys list)')
    .option('--db <file>', 'SQLite file')
    .action(async (id: string, options: Record<string, unknown>) => {
      const { runRevoke } = await import('./commands/keys.ts');
      setExitCode(await runRevoke({ ...options, id }, io));
    });

  const webhooks = program.command('webhooks').description('signed webhooks to the operator (HMAC-SHA256)');
  webhooks
    .command('add')
    .description('register a receiver URL and print its signing secret once')
    .requiredOption('--url <url>', 'the receiver')
    .option('--operator <id>', 'operator id', 'default')
    .option('--db <file>', 'SQLite file')
    .action(async (options: Record<string, unknown>) => {
      const { runWebhookAdd } = await import('./commands/keys.ts');
      setExitCode(await runWebhookAdd(options, io));
    });
  webhooks
    .command('list')
    .description('list receivers')
    .option('--operator <id>', 'operator id', 'default')
    .option('--db <file>', 'SQLite file')
    .action(async (options: Record<string, unknown>) => {
      const { runWebhookList } = await import('./commands/keys.ts');
      setExitCode(await runWebhookList(options, io));
    });

  program
    .command('respond')
    .description('guided response: the ordered checklist of what to do now (no server needed)')
    .addOption(
      new Option('--situation <s>', 'what happened').choices([
        'got_message',
        'entered_data',
        'unknown_charge',
        'lost_phone',
      ]),
    )
    .option('--issuer <id>', 'card issuer id (registry), or "unknown"')
    .option('--carrier <id>', 'carrier id (registry), or "unknown"')
    .addOption(new Option('--lang <lang>', 'language').choices(['ja', 'en']).default('ja'))
    .option('--json', 'print the checklist object')
    .option('--registry <file>', 'operator registry override file (env MAMORI_REGISTRY)')
    .action(async (options: Record<string, unknown>) => {
      const { run } = await import('./commands/respond.ts');
      setExitCode(await run(options as never, io));
    });

  const statement = program.command('statement').description('card statements and carrier-billing histories');
  statement
    .command('review')
    .description(
      'flag small unknown charges, bursts, duplicates, overseas charges, new subscriptions, abused categories, monthly rises',
    )
    .argument('<file>', 'a statement CSV (Shift_JIS or UTF-8, detected)')
    .option('--mapping <file>', 'your own column mapping (JSON)')
    .option('--json', 'one JSON object per statement line')
    .option('--out <file>', 'write the output here instead of standard output')
    .option('--export-csv <file>', 'write the lines with their flags as CSV (formula cells neutralised)')
    .option('--year <yyyy>', 'year for dates written without one')
    .option('--all', 'table: every line, not only flagged ones')
    .addOption(new Option('--lang <lang>', 'language').choices(['ja', 'en']).default('ja'))
    .action(async (file: string, options: Record<string, unknown>) => {
      const { run } = await import('./commands/statement.ts');
      await run({ ...options, file } as never, io);
      setExitCode(0);
    });

  program
    .command('reminders')
    .description("subscribers' monthly reminders in the message box")
    .command('send')
    .description(
      "put the month's statement-review and security-checkup reminders in every subscriber's message box (once per month)",
    )
    .option('--month <yyyy-mm>', 'the month (default: this month, Japan time)')
    .option('--operator <id>', 'operator id', 'default')
    .addOption(new Option('--lang <lang>', 'language').choices(['ja', 'en']).default('ja'))
    .option('--db <file>', 'SQLite file (default: MAMORI_DB_FILE, or DATABASE_URL)')
    .action(async (options: Record<string, unknown>) => {
      const { runSend } = await import('./commands/reminders.ts');
      setExitCode(await runSend(options, io));
    });

  program
    .command('audit')
    .description('the append-only audit trail')
    .command('verify')
    .description('check the hash chain and name every changed, removed or reordered entry (exit 1 if any)')
    .option('--db <file>', 'SQLite file (default: MAMORI_DB_FILE, or DATABASE_URL)')
    .option('--json', 'print the result as JSON')
    .action(async (options: Record<string, unknown>) => {
      const { runAuditVerify } = await import('./commands/audit.ts');
      setExitCode(await runAuditVerify(options, io));
    });

  const collect = (value: string, previous: string[] = []) => [...previous, value];
  const report = program
    .command('report')
    .description(
      'evidence report for the police (#9110) and the consumer hotline (188): a PDF and a JSON file',
    )
    .option('--account <id>', 'the subscriber account')
    .option('--operator <id>', 'operator id', 'default')
    .option('--db <file>', 'SQLite file (default: MAMORI_DB_FILE, or DATABASE_URL)')
    .option('--from <date>', 'start: YYYY-MM-DD (Japan time) or ISO 8601 with offset (default: 30 days ago)')
    .option('--to <date>', 'end: YYYY-MM-DD or ISO 8601 (default: now)')
    .option('--out-dir <dir>', 'where to write the files', '.')
    .option(
      '--message <file>',
      'a suspicious message (text or .eml) to check and include; repeatable',
      collect,
      [],
    )
    .option('--steps <file>', 'JSON list of steps taken: [{"at", "step", "note"?}]')
    .option('--registry <file>', 'operator registry override file')
    .action(async (options: Record<string, unknown>) => {
      const { runReport } = await import('./commands/report.ts');
      setExitCode(await runReport(options as never, io));
    });
  report
    .command('verify')
    .description('say whether a report JSON was changed (with --db: also its cited audit entries)')
    .argument('<file>', 'report JSON file')
    .option('--db <file>', 'SQLite file')
    .action(async (file: string, options: Record<string, unknown>) => {
      const { runReportVerify } = await import('./commands/report.ts');
      // `--db` may land on the parent `report` command, which declares it too.
      const db = (options.db as string | undefined) ?? (report.opts().db as string | undefined);
      setExitCode(await runReportVerify({ file, ...(db ? { db } : {}) } as never, io));
    });

  return program;
}

/**
 * Runs the CLI with `argv` (without node and script) and returns the exit code. Never throws and
 * never exits, so tests call it in-process.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof ExitError) return error.exitCode;
  if (error instanceof CommanderError) {
    // Help and version are successes; an error was already printed by outputError.
    if (error.exitCode === 0) return 0;
    if (error.code === 'commander.help') return EXIT_USAGE; // no command given: usage shown
    return EXIT_USAGE;
  }
  if (error instanceof MamoriError) {
    // Contract "CLI": one line. A ConfigError for an override file lists one
    // `entry.field: message` per line; those become `; `-separated.
    const line = error.message.replace(/:\s*\n\s*/g, ': ').replace(/\s*\n\s*/g, '; ');
    io.stderr.write(`mamori: ${line}\n`);
    return EXIT_USAGE;
  }
  io.stderr.write(`${BUG_REPORT}\n`);
  // For the bug report itself: MAMORI_DEBUG=1 shows what happened.
  if (io.env.MAMORI_DEBUG) io.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  return EXIT_INTERNAL;
}

/** True when this module is the process entry: `tsx src/cli/main.ts` or bin/mamori.js. */
function isEntry(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    const real = realpathSync(entry);
    return (
      real === fileURLToPath(import.meta.url) ||
      real === realpathSync(fileURLToPath(new URL('../../bin/mamori.js', import.meta.url)))
    );
  } catch {
    return false;
  }
}

if (isEntry()) {
  // `mamori check --json … | head`: the reader closed the pipe; nothing left to say.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  const code = await main(process.argv.slice(2), processIo());
  // Let stdout drain before exiting (piped output is asynchronous).
  process.exitCode = code;
  if (process.stdout.writableNeedDrain) await new Promise((r) => process.stdout.once('drain', r));
  process.exit(code);
}
