/**
 * mamori report --account ID [--db FILE] [--operator ID] [--from T] [--to T] [--out-dir DIR]
 *                [--message FILE]… [--steps FILE] [--registry FILE]
 * mamori report verify REPORT.json [--db FILE]
 * (issue 6 "Evidence report"). The first writes report-<account>-<date>.json and .pdf and records
 * the report in the audit log; the second says whether a report was changed since.
 * Exit: report 0; verify 0 unchanged, 1 changed; 2 usage error (bad flags, unreadable files).
 */
import { access, mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { z } from 'zod';
import { appendAudit } from '../../audit/index.ts';
import { type CheckInput, checkMessage, parseEmail } from '../../checker/index.ts';
import { loadConfig } from '../../config.ts';
import { findAuditRows } from '../../db/index.ts';
import { InputError } from '../../errors.ts';
import { loadRegistry } from '../../registry/index.ts';
import {
  buildEvidenceReport,
  type CheckedMessageInput,
  DEFAULT_JAPANESE_FONT,
  type EvidenceReport,
  japanDate,
  loadReportData,
  renderEvidencePdf,
  type StepInput,
  verifyEvidenceReport,
} from '../../report/index.ts';
import { type CliIo, decodeText, readInputFile, writeAll } from '../io.ts';
import { openCliDatabase, parseOptions } from '../options.ts';

const DAY_MS = 86_400_000;
/** Without --from/--to: the 30 days up to now. */
export const DEFAULT_REPORT_DAYS = 30;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
/** YYYY-MM-DD (a Japan-time calendar day) or ISO 8601 with an offset. */
const timeOption = z
  .string()
  .refine(
    (s) =>
      (DATE_ONLY.test(s) || z.iso.datetime({ offset: true }).safeParse(s).success) &&
      !Number.isNaN(Date.parse(s)),
    'expected YYYY-MM-DD (Japan time) or ISO 8601 with offset, e.g. 2026-11-24T10:15:00+09:00',
  );

/** Japan midnight starting the day, or the instant given. */
function startOf(s: string): number {
  return DATE_ONLY.test(s) ? Date.parse(`${s}T00:00:00+09:00`) : Date.parse(s);
}
/** A day given as --to is included whole: the period ends at the next Japan midnight. */
function endOf(s: string): number {
  return DATE_ONLY.test(s) ? Date.parse(`${s}T00:00:00+09:00`) + DAY_MS : Date.parse(s);
}

const stringList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().min(1, 'needs a file name')),
);

export const reportOptionsSchema = z
  .strictObject({
    account: z.string().min(1, 'needs an account id').max(128),
    operator: z
      .string()
      .regex(/^[a-z0-9_-]{1,64}$/, 'letters, digits, _ and -')
      .default('default'),
    db: z.string().min(1).optional(),
    from: timeOption.optional(),
    to: timeOption.optional(),
    outDir: z.string().min(1).default('.'),
    message: stringList,
    steps: z.string().min(1).optional(),
    registry: z.string().min(1).optional(),
  })
  .refine((o) => o.from === undefined || o.to === undefined || startOf(o.from) < endOf(o.to), {
    message: '--from must be before --to',
    path: ['from'],
  });
export type ReportOptions = z.input<typeof reportOptionsSchema>;

export const reportVerifyOptionsSchema = z.strictObject({
  file: z.string().min(1, 'needs a report file'),
  db: z.string().min(1).optional(),
});
export type ReportVerifyOptions = z.input<typeof reportVerifyOptionsSchema>;

/** A steps file: what the person did, with times (e.g. written by the guided response flow). */
export const stepsFileSchema = z.array(
  z.strictObject({
    at: z.iso.datetime({ offset: true }),
    step: z.string().min(1).max(500),
    note: z.string().max(2000).optional(),
  }),
);

/** Seams for tests: the wall clock and the font. */
export interface ReportDeps {
  nowMs?: () => number;
  fontPath?: string;
}

export interface ReportWritten {
  jsonPath: string;
  pdfPath: string;
  report: EvidenceReport;
}

/** Runs `mamori report`: writes the JSON and the PDF and prints their paths. Returns the exit code. */
export async function runReport(raw: ReportOptions, io: CliIo, deps: ReportDeps = {}): Promise<number> {
  await writeReport(raw, io, deps);
  return 0;
}

/** `mamori report`, returning what it wrote (the CLI prints the paths). */
export async function writeReport(
  raw: ReportOptions,
  io: CliIo,
  deps: ReportDeps = {},
): Promise<ReportWritten> {
  const opts = parseOptions(reportOptionsSchema, raw);
  const nowMs = (deps.nowMs ?? Date.now)();
  const toMs = opts.to === undefined ? nowMs : endOf(opts.to);
  const fromMs = opts.from === undefined ? toMs - DEFAULT_REPORT_DAYS * DAY_MS : startOf(opts.from);
  if (fromMs >= toMs) throw new InputError('usage', '--from must be before --to (or before now)');

  const fontPath = deps.fontPath ?? io.env.MAMORI_PDF_FONT ?? DEFAULT_JAPANESE_FONT;
  try {
    await access(fontPath);
  } catch {
    throw new InputError(
      'font_missing',
      `the Japanese font for the PDF is missing at ${fontPath}: install fonts-ipaexfont-gothic or set MAMORI_PDF_FONT`,
    );
  }

  // Read every input file before touching the database, so a typo costs nothing.
  const messages = await checkMessageFiles(opts.message, opts.registry ?? loadConfig(io.env).registryFile);
  const steps = opts.steps === undefined ? [] : await readSteps(opts.steps);

  const opened = await openCliDatabase(io, opts.db);
  try {
    const data = await loadReportData(opened.db, {
      operatorId: opts.operator,
      account: opts.account,
      fromMs,
      toMs,
    });
    const report = buildEvidenceReport({
      operatorId: opts.operator,
      account: opts.account,
      fromMs,
      toMs,
      generatedAtMs: nowMs,
      ...data,
      messages,
      steps,
    });
    const pdf = await renderEvidencePdf(report, { fontPath });

    const outDir = resolve(opts.outDir);
    const stem = `report-${opts.account.replace(/[^A-Za-z0-9_-]/g, '_')}-${japanDate(nowMs)}`;
    const jsonPath = join(outDir, `${stem}.json`);
    const pdfPath = join(outDir, `${stem}.pdf`);
    try {
      await mkdir(outDir, { recursive: true });
      await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
      await writeFile(pdfPath, pdf);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        'file_unwritable',
        `cannot write the report into ${outDir}${code ? ` (${code})` : ''}`,
      );
    }
    // Making a report is itself a security-relevant action (issue 6 "Audit trail").
    const entry = await appendAudit(opened.db, {
      actor: 'cli',
      action: 'report.create',
      subject: opts.account,
      data: {
        operatorId: opts.operator,
        contentHash: report.integrity.contentHash,
        file: basename(jsonPath),
        from: report.period.from,
        to: report.period.to,
      },
      atMs: nowMs,
    });
    await writeAll(io.stdout, `${jsonPath}\n${pdfPath}\n`);
    io.stderr.write(
      `evidence report for ${opts.account}: ${report.summary.events} events, ${report.summary.charges} charges, ` +
        `${report.notices.length} notices, ${report.messages.length} messages, ${report.audit.length} audit entries cited; ` +
        `content hash ${report.integrity.contentHash}; recorded as audit entry #${entry.seq}\n`,
    );
    return { jsonPath, pdfPath, report };
  } finally {
    await opened.close();
  }
}

async function checkMessageFiles(files: readonly string[], registryFile: string | undefined) {
  if (files.length === 0) return [];
  const registry = await loadRegistry({ overrideFile: registryFile });
  const checked: CheckedMessageInput[] = [];
  for (const file of files) {
    const bytes = await readInputFile(file);
    const input: CheckInput =
      extname(file).toLowerCase() === '.eml'
        ? await parseEmail(bytes)
        : { text: decodeText(bytes, file).trim() };
    if (input.text.trim() === '')
      throw new InputError('empty_input', `${file} is empty: there is no message to check`);
    checked.push({
      label: basename(file),
      text: input.text,
      sender: input.sender ?? null,
      channel: input.channel ?? null,
      result: checkMessage(input, { lang: 'ja', registry }),
    });
  }
  return checked;
}

async function readSteps(file: string): Promise<StepInput[]> {
  const text = decodeText(await readInputFile(file), file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('invalid_steps', `${file} is not JSON: expected [{"at": "…+09:00", "step": "…"}]`);
  }
  const parsed = stepsFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(
      'invalid_steps',
      `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'steps'}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data.map((s) => ({ atMs: Date.parse(s.at), step: s.step, note: s.note ?? null }));
}

/** Runs `mamori report verify`; returns 0 when unchanged, 1 when changed. */
export async function runReportVerify(raw: ReportVerifyOptions, io: CliIo): Promise<number> {
  const opts = parseOptions(reportVerifyOptionsSchema, raw);
  const text = decodeText(await readInputFile(opts.file), opts.file);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    await writeAll(io.stdout, `${opts.file}: CHANGED or damaged: the file is no longer valid JSON\n`);
    return 1;
  }
  let auditRows: Awaited<ReturnType<typeof findAuditRows>> | undefined;
  if (opts.db !== undefined) {
    const integrity = (json as { integrity?: { auditHashes?: unknown; auditHeadSeq?: unknown } } | null)
      ?.integrity;
    const seqs = [
      ...(Array.isArray(integrity?.auditHashes) ? integrity.auditHashes : []).map(
        (a: { seq?: unknown }) => a?.seq,
      ),
      integrity?.auditHeadSeq,
    ].filter((s): s is number => Number.isSafeInteger(s));
    const opened = await openCliDatabase(io, opts.db);
    try {
      auditRows = await findAuditRows(opened.db, seqs);
    } finally {
      await opened.close();
    }
  }
  const result = verifyEvidenceReport(json, auditRows === undefined ? {} : { auditRows });
  if (result.ok) {
    await writeAll(
      io.stdout,
      `${opts.file}: unchanged (content hash ${result.computedHash})` +
        (auditRows === undefined
          ? '; cited audit entries not checked (give --db)\n'
          : `; ${result.auditChecked} cited audit entries match the audit log\n`),
    );
    return 0;
  }
  await writeAll(
    io.stdout,
    `${result.problems.map((p) => `${opts.file}: ${p}\n`).join('')}${opts.file}: CHANGED\n`,
  );
  return 1;
}
