import { type AuditRow, hashAuditEntry } from '../audit/index.ts';
import { reportContentHash } from './build-evidence-report.ts';
import { evidenceReportFileSchema } from './evidence-report.ts';

export interface ReportVerification {
  /** True when the report is unchanged (and, when audit rows were given, its cited entries too). */
  ok: boolean;
  /** The content hash recorded in the report, or null when there is none to read. */
  recordedHash: string | null;
  /** The content hash recomputed now, or null when the file is not a report. */
  computedHash: string | null;
  /** Cited audit entries compared with the database (0 when no rows were given). */
  auditChecked: number;
  /** One line per thing that does not match. */
  problems: string[];
}

export interface VerifyEvidenceReportOptions {
  /**
   * The audit log's current rows for the cited seqs and the recorded head (from the database).
   * Omitted: only the report itself is checked.
   */
  auditRows?: readonly AuditRow[];
}

/**
 * Says whether an evidence report (parsed JSON) was changed since it was made (pure): recomputes
 * the content hash, checks each cited audit entry against its own hash, and, given the database's
 * rows, that the cited entries and the recorded head are still there, unchanged.
 *
 * @example
 * const { ok, problems } = verifyEvidenceReport(JSON.parse(text), { auditRows });
 */
export function verifyEvidenceReport(
  json: unknown,
  options: VerifyEvidenceReportOptions = {},
): ReportVerification {
  const parsed = evidenceReportFileSchema.safeParse(json);
  if (!parsed.success) {
    const recorded = (json as { integrity?: { contentHash?: unknown } } | null)?.integrity?.contentHash;
    return {
      ok: false,
      recordedHash: typeof recorded === 'string' ? recorded : null,
      computedHash: null,
      auditChecked: 0,
      problems: parsed.error.issues.map(
        (i) => `not a valid Mamori evidence report: ${i.path.join('.') || 'report'}: ${i.message}`,
      ),
    };
  }
  const report = parsed.data;
  const problems: string[] = [];
  const computed = reportContentHash(json);
  if (computed !== report.integrity.contentHash) {
    problems.push(
      `the report's contents were changed: content hash is ${computed}, the report records ${report.integrity.contentHash}`,
    );
  }

  const cited = new Map(report.integrity.auditHashes.map((a) => [a.seq, a.hash]));
  for (const entry of report.audit) {
    if (cited.get(entry.seq) !== entry.hash) {
      problems.push(`audit entry #${entry.seq} in the report is not among the audit hashes it records`);
    }
    if (hashAuditEntry(entry) !== entry.hash) {
      problems.push(`audit entry #${entry.seq} in the report does not match its own hash`);
    }
  }

  let auditChecked = 0;
  if (options.auditRows !== undefined) {
    const rows = new Map(options.auditRows.map((r) => [r.seq, r]));
    const expect = [...cited];
    const { auditHeadSeq, auditHeadHash } = report.integrity;
    if (auditHeadSeq !== null && auditHeadHash !== null) expect.push([auditHeadSeq, auditHeadHash]);
    for (const [seq, hash] of expect) {
      auditChecked++;
      const row = rows.get(seq);
      if (row === undefined) {
        problems.push(`audit entry #${seq} cited by the report is no longer in the audit log`);
        continue;
      }
      if (row.hash !== hash) {
        problems.push(`audit entry #${seq} in the audit log has a different hash than the report records`);
        continue;
      }
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        problems.push(`audit entry #${seq} in the audit log was changed: its data is not valid JSON`);
        continue;
      }
      if (hashAuditEntry({ ...row, data }) !== row.hash) {
        problems.push(`audit entry #${seq} in the audit log was changed: it no longer matches its hash`);
      }
    }
    auditChecked = new Set(expect.map(([seq]) => seq)).size;
  }

  return {
    ok: problems.length === 0,
    recordedHash: report.integrity.contentHash,
    computedHash: computed,
    auditChecked,
    problems: [...new Set(problems)],
  };
}
