import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../audit/index.ts';
import { openDatabase, storeProcessed } from '../../db/index.ts';
import { InputError } from '../../errors.ts';
import {
  ACCOUNT,
  GENERATED_MS,
  incidentItems,
  MERCHANT,
  SMISHING_TEXT,
} from '../../report/incident.fixture.ts';
import { DEFAULT_JAPANESE_FONT, type EvidenceReport } from '../../report/index.ts';
import type { CliIo } from '../io.ts';
import { reportOptionsSchema, runReport, runReportVerify } from './report.ts';

/** An in-memory CliIo: nothing is spawned. */
function memoryIo(env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env, now: () => 0 };
  return { io, out: () => out, err: () => err };
}

const fontMissing = !existsSync(DEFAULT_JAPANESE_FONT);
if (fontMissing) console.log(`skipping mamori report tests: no Japanese font at ${DEFAULT_JAPANESE_FONT}`);

describe.skipIf(fontMissing)('mamori report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-report-cli-'));
  const file = join(dir, 'm.db');
  const outDir = join(dir, 'out');
  const jsonPath = join(outDir, `report-${ACCOUNT}-2026-11-26.json`);
  const pdfPath = join(outDir, `report-${ACCOUNT}-2026-11-26.pdf`);
  const deps = { nowMs: () => GENERATED_MS };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    const opened = await openDatabase({ file });
    await storeProcessed(opened.db, incidentItems(), { nowMs: GENERATED_MS });
    await appendAudit(opened.db, {
      actor: 'engine',
      action: 'charge.hold',
      subject: ACCOUNT,
      data: { event: 'evt_6' },
      atMs: Date.parse('2026-11-24T10:15:00+09:00'),
    });
    await opened.close();
    writeFileSync(join(dir, 'sms.txt'), `${SMISHING_TEXT}\n`);
    writeFileSync(
      join(dir, 'steps.json'),
      JSON.stringify([{ at: '2026-11-24T10:30:00+09:00', step: '#9110 に相談', note: '受付 A-1' }]),
    );
  });

  it('writes report-<account>-<date>.json and .pdf and records the report in the audit log', async () => {
    const m = memoryIo();
    const code = await runReport(
      {
        account: ACCOUNT,
        db: file,
        from: '2026-11-24',
        to: '2026-11-24',
        outDir,
        message: [join(dir, 'sms.txt')],
        steps: join(dir, 'steps.json'),
      },
      m.io,
      deps,
    );
    expect(code).toBe(0);
    expect(m.out()).toBe(`${jsonPath}\n${pdfPath}\n`);
    const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as EvidenceReport;
    expect(report.timeline).toHaveLength(6);
    expect(report.timeline.at(-1)?.merchant).toBe(MERCHANT);
    expect(report.messages[0]?.verdict).toBe('phishing');
    expect(report.steps[0]?.step).toBe('#9110 に相談');
    expect(report.audit.map((a) => a.action)).toEqual(['charge.hold']);
    expect(statSync(pdfPath).size).toBeGreaterThan(10_000);
    expect(m.err()).toContain('recorded as audit entry #2');

    const opened = await openDatabase({ file });
    const chain = await verifyAuditChain(opened.db);
    await opened.close();
    expect(chain).toMatchObject({ ok: true, checked: 2 });
  });

  it('verify: unchanged, then changed after an edit', async () => {
    const ok = memoryIo();
    expect(await runReportVerify({ file: jsonPath, db: file }, ok.io)).toBe(0);
    expect(ok.out()).toContain('unchanged');
    expect(ok.out()).toContain('1 cited audit entries match');

    const edited = join(dir, 'edited.json');
    writeFileSync(edited, readFileSync(jsonPath, 'utf8').replace('"amountYen": 30000', '"amountYen": 3000'));
    const bad = memoryIo();
    expect(await runReportVerify({ file: edited }, bad.io)).toBe(1);
    expect(bad.out()).toContain('CHANGED');

    const broken = join(dir, 'broken.json');
    writeFileSync(broken, readFileSync(jsonPath, 'utf8').slice(0, 100));
    const damaged = memoryIo();
    expect(await runReportVerify({ file: broken }, damaged.io)).toBe(1);
    expect(damaged.out()).toContain('no longer valid JSON');
  });

  it('verify --db: fails when a cited audit entry was changed afterwards', async () => {
    const opened = await openDatabase({ file });
    await sql`update audit_log set actor = 'operator:mallory' where seq = 1`.execute(opened.db);
    await opened.close();
    const m = memoryIo();
    expect(await runReportVerify({ file: jsonPath, db: file }, m.io)).toBe(1);
    expect(m.out()).toContain('audit entry #1 in the audit log was changed');
    // Without --db only the file itself is checked, and it is unchanged.
    expect(await runReportVerify({ file: jsonPath }, memoryIo().io)).toBe(0);
  });

  it('usage errors: missing account, bad dates, from after to, missing files', async () => {
    expect(reportOptionsSchema.safeParse({}).success).toBe(false);
    expect(reportOptionsSchema.safeParse({ account: 'a', from: '24/11/2026' }).success).toBe(false);
    expect(
      reportOptionsSchema.safeParse({ account: 'a', from: '2026-11-25', to: '2026-11-24' }).success,
    ).toBe(false);
    expect(reportOptionsSchema.parse({ account: 'a', message: 'one.txt' }).message).toEqual(['one.txt']);
    await expect(
      runReport(
        { account: ACCOUNT, db: file, outDir, message: [join(dir, 'nope.txt')] },
        memoryIo().io,
        deps,
      ),
    ).rejects.toBeInstanceOf(InputError);
    await expect(runReportVerify({ file: join(dir, 'nope.json') }, memoryIo().io)).rejects.toBeInstanceOf(
      InputError,
    );
  });
});
