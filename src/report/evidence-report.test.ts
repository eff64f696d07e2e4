/**
 * Evidence reports built from events stored on every database (SQLite always, PostgreSQL when
 * 127.0.0.1:5432 answers): the contents, the content hash, and the cited audit entries.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/index.ts';
import { checkMessage } from '../checker/index.ts';
import { findAuditRows, type OpenedDatabase, storeProcessed } from '../db/index.ts';
import { DIALECTS, openTestDatabase, postgresAvailable } from '../db/test-databases.ts';
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
import { buildEvidenceReport, type EvidenceReport, loadReportData, verifyEvidenceReport } from './index.ts';

const pgAvailable = await postgresAvailable();

for (const dialect of DIALECTS) {
  describe.skipIf(dialect === 'postgres' && !pgAvailable)(`evidence report on ${dialect}`, () => {
    let opened: OpenedDatabase;
    let report: EvidenceReport;

    beforeAll(async () => {
      opened = await openTestDatabase(dialect);
      await storeProcessed(opened.db, incidentItems(), { nowMs: GENERATED_MS });
      const at = (iso: string) => Date.parse(iso);
      await appendAudit(opened.db, {
        actor: 'engine',
        action: 'charge.hold',
        subject: ACCOUNT,
        data: { event: 'evt_6', notice: NOTICE_REF },
        atMs: at('2026-11-24T10:15:00+09:00'),
      });
      await appendAudit(opened.db, {
        actor: 'subscriber:acc_9',
        action: 'auth.sign_in',
        subject: 'acc_9',
        data: {},
        atMs: at('2026-11-24T11:00:00+09:00'),
      });
      await appendAudit(opened.db, {
        actor: `subscriber:${ACCOUNT}`,
        action: 'account.lock',
        subject: ACCOUNT,
        data: { via: 'one_tap' },
        atMs: at('2026-11-24T10:20:00+09:00'),
      });
      const data = await loadReportData(opened.db, { account: ACCOUNT, fromMs: FROM_MS, toMs: TO_MS });
      report = buildEvidenceReport({
        account: ACCOUNT,
        fromMs: FROM_MS,
        toMs: TO_MS,
        generatedAtMs: GENERATED_MS,
        ...data,
        messages: [{ label: 'sms.txt', text: SMISHING_TEXT, result: checkMessage({ text: SMISHING_TEXT }) }],
        steps: [
          {
            atMs: Date.parse('2026-11-24T10:30:00+09:00'),
            step: 'カード会社の24時間窓口に連絡し、カードを停止',
          },
        ],
      });
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('shows who, when, the timeline in the period, decisions, notices, messages and steps', () => {
      expect(report.subject).toEqual({ operatorId: 'default', account: ACCOUNT });
      expect(report.period).toEqual({
        from: '2026-11-24T00:00:00+09:00',
        to: '2026-11-25T00:00:00+09:00',
        timeZone: 'Asia/Tokyo',
      });
      expect(report.timeline.map((t) => t.eventId)).toEqual([
        'evt_1',
        'evt_2',
        'evt_3',
        'evt_4',
        'evt_5',
        'evt_6',
      ]);
      const held = report.timeline.at(-1);
      expect(held).toMatchObject({
        category: 'charge',
        amountYen: 30000,
        merchant: MERCHANT,
        decision: 'hold',
        notice: NOTICE_REF,
        ip: '203.0.113.50',
      });
      expect(held?.case).toMatch(/^C-\d{6}$/);
      expect(report.timeline[2]?.description).toBe('二段階認証の無効化（認証アプリ）');
      expect(report.summary).toMatchObject({
        signIns: 2,
        failedSignIns: 1,
        changes: 2,
        charges: 2,
        chargeTotalYen: 30300,
        stoppedChargeYen: 30000,
      });
      expect(report.incident).toEqual({
        firstFlaggedAt: '2026-11-24T10:15:00+09:00',
        lastFlaggedAt: '2026-11-24T10:15:00+09:00',
        flaggedEvents: 1,
      });
      expect(report.notices.map((n) => n.ref)).toEqual([NOTICE_REF]);
      expect(report.references.notices).toEqual([NOTICE_REF]);
      expect(report.references.cases).toEqual([held?.case]);
      expect(report.messages[0]).toMatchObject({ label: 'sms.txt', verdict: 'phishing' });
      expect(report.messages[0]?.reasons.length).toBeGreaterThan(0);
      expect(report.steps).toEqual([
        expect.objectContaining({ at: '2026-11-24T10:30:00+09:00', step: expect.stringContaining('カード') }),
      ]);
    });

    it("cites the account's audit entries and the audit head", () => {
      expect(report.audit.map((a) => [a.seq, a.action])).toEqual([
        [1, 'charge.hold'],
        [3, 'account.lock'],
      ]);
      expect(report.integrity.auditHashes.map((a) => a.seq)).toEqual([1, 3]);
      expect(report.integrity.auditHeadSeq).toBe(3);
    });

    it('verifies as unchanged, and as changed after any edit', async () => {
      const rows = await findAuditRows(opened.db, [1, 3]);
      const json = JSON.parse(JSON.stringify(report));
      expect(verifyEvidenceReport(json, { auditRows: rows })).toMatchObject({ ok: true, auditChecked: 2 });

      const edited = JSON.parse(JSON.stringify(report));
      edited.timeline[5].amountYen = 3000;
      const result = verifyEvidenceReport(edited);
      expect(result.ok).toBe(false);
      expect(result.problems[0]).toContain('contents were changed');

      const reordered = JSON.parse(JSON.stringify(report));
      reordered.timeline.reverse();
      expect(verifyEvidenceReport(reordered).ok).toBe(false);
    });

    it('fails when a cited audit entry was changed in the database afterwards', async () => {
      await sql`update audit_log set data = ${'{"via":"operator"}'} where seq = 3`.execute(opened.db);
      const result = verifyEvidenceReport(report, { auditRows: await findAuditRows(opened.db, [1, 3]) });
      expect(result.ok).toBe(false);
      expect(result.problems).toEqual([expect.stringContaining('#3 in the audit log was changed')]);
      await sql`delete from audit_log where seq = 1`.execute(opened.db);
      const gone = verifyEvidenceReport(report, { auditRows: await findAuditRows(opened.db, [1, 3]) });
      expect(gone.problems).toContainEqual(expect.stringContaining('#1 cited by the report is no longer'));
    });
  });
}

describe('buildEvidenceReport (pure)', () => {
  const base = { account: 'acc_1', fromMs: FROM_MS, toMs: TO_MS, generatedAtMs: GENERATED_MS, events: [] };

  it('gives the same content hash for the same input, and says when the timeline was cut', () => {
    const a = buildEvidenceReport(base);
    expect(buildEvidenceReport(base).integrity.contentHash).toBe(a.integrity.contentHash);
    expect(a.integrity).toMatchObject({ auditHashes: [], auditHeadSeq: null, auditHeadHash: null });
    const cut = buildEvidenceReport({ ...base, eventsTruncatedAt: 1000 });
    expect(cut.notes[0]).toContain('1000 件');
    expect(cut.integrity.contentHash).not.toBe(a.integrity.contentHash);
  });

  it('refuses what is not a report', () => {
    expect(verifyEvidenceReport({ hello: 1 }).ok).toBe(false);
    expect(verifyEvidenceReport(null).problems[0]).toContain('not a valid Mamori evidence report');
  });

  it('catches an edited integrity block', () => {
    const report = buildEvidenceReport(base) as unknown as { integrity: { auditHeadSeq: number | null } };
    report.integrity.auditHeadSeq = 7;
    expect(verifyEvidenceReport(report).ok).toBe(false);
  });
});
