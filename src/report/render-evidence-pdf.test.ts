/**
 * The PDF really carries Japanese text (pdftotext reads it back) and renders (pdftoppm draws the
 * first page). Skipped, with a line saying why, when the font or poppler's tools are missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMessage } from '../checker/index.ts';
import {
  ACCOUNT,
  FROM_MS,
  GENERATED_MS,
  incidentItems,
  MERCHANT,
  NOTICE_REF,
  SMISHING_TEXT,
  TO_MS,
} from './incident.fixture.ts';
import { buildEvidenceReport, DEFAULT_JAPANESE_FONT, REPORT_TITLE_JA, renderEvidencePdf } from './index.ts';

const PDFTOTEXT = '/usr/bin/pdftotext';
const PDFTOPPM = '/usr/bin/pdftoppm';
const missing = [DEFAULT_JAPANESE_FONT, PDFTOTEXT, PDFTOPPM].filter((p) => !existsSync(p));
if (missing.length > 0) {
  console.log(
    `skipping PDF tests: missing ${missing.join(', ')} (apt-get install fonts-ipaexfont-gothic poppler-utils)`,
  );
}

describe.skipIf(missing.length > 0)('renderEvidencePdf', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Events as storeProcessed would return them, with the decisions the fixture carries.
  const items = incidentItems();
  const report = buildEvidenceReport({
    account: ACCOUNT,
    fromMs: FROM_MS,
    toMs: TO_MS,
    generatedAtMs: GENERATED_MS,
    events: items.map((i) => ({
      id: i.event.id,
      type: i.event.type,
      atMs: Date.parse(i.event.at),
      event: i.event,
    })),
    decisions: new Map(
      items.map((i) => [
        i.event.id,
        { ...i.decision, notice: i.notice?.ref ?? null, case: i.case ? 'C-000001' : null },
      ]),
    ),
    notices: [
      {
        ref: NOTICE_REF,
        kind: 'hold',
        title: '決済を保留しました',
        body: '…',
        eventId: 'evt_6',
        createdAtMs: Date.parse('2026-11-24T10:15:00+09:00'),
        readAtMs: null,
      },
    ],
    messages: [{ label: 'sms.txt', text: SMISHING_TEXT, result: checkMessage({ text: SMISHING_TEXT }) }],
    steps: [
      {
        atMs: Date.parse('2026-11-24T10:30:00+09:00'),
        step: 'カード会社に連絡しカードを停止',
        note: '受付番号 12345',
      },
    ],
    auditEntries: [
      {
        seq: 1,
        at_ms: Date.parse('2026-11-24T10:15:00+09:00'),
        actor: 'engine',
        action: 'charge.hold',
        subject: ACCOUNT,
        data: '{}',
        prev_hash: '0'.repeat(64),
        hash: 'a'.repeat(64),
      },
    ],
    auditHead: { seq: 1, hash: 'a'.repeat(64) },
  });

  it('writes Japanese text that pdftotext reads back: heading, merchant, yen, Japan time, references', async () => {
    const pdf = await renderEvidencePdf(report);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync(PDFTOTEXT, ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    for (const expected of [
      REPORT_TITLE_JA,
      MERCHANT,
      '¥30,000',
      '2026/11/24 10:15:00',
      NOTICE_REF,
      'C-000001',
      '二段階認証の無効化',
      'フィッシングの可能性が高い',
      'カード会社に連絡しカードを停止',
      report.integrity.contentHash,
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('renders the first page to a PNG', async () => {
    const file = join(dir, 'render.pdf');
    writeFileSync(file, await renderEvidencePdf(report));
    execFileSync(PDFTOPPM, ['-r', '50', '-png', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(statSync(join(dir, png as string)).size).toBeGreaterThan(5_000);
  });
});
