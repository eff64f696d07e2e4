import type { Kysely } from 'kysely';
import {
  type Database,
  DEFAULT_OPERATOR,
  findDecisions,
  lastAuditRow,
  listAccountEvents,
  listAuditRows,
  listNotices,
} from '../db/index.ts';
import type { EvidenceReportInput } from './build-evidence-report.ts';

/** listAccountEvents answers at most this many (newest first). */
export const MAX_REPORT_EVENTS = 1000;

export interface LoadReportDataOptions {
  operatorId?: string;
  account: string;
  fromMs: number;
  toMs: number;
}

export type ReportData = Pick<
  EvidenceReportInput,
  'events' | 'decisions' | 'notices' | 'auditEntries' | 'auditHead' | 'eventsTruncatedAt'
>;

/**
 * Reads what an evidence report shows from the database: the account's events in the period,
 * the decisions on them, its notices, the audit entries about it (subject = the account id) and
 * the audit head.
 *
 * @example
 * const report = buildEvidenceReport({ account, fromMs, toMs, generatedAtMs, ...(await loadReportData(db, { account, fromMs, toMs })) });
 */
export async function loadReportData(
  db: Kysely<Database>,
  options: LoadReportDataOptions,
): Promise<ReportData> {
  const operatorId = options.operatorId ?? DEFAULT_OPERATOR;
  const range = { sinceMs: options.fromMs, untilMs: options.toMs };
  const events = await listAccountEvents(db, operatorId, options.account, {
    ...range,
    limit: MAX_REPORT_EVENTS,
  });
  const decisions = await findDecisions(
    db,
    operatorId,
    events.map((e) => e.id),
  );
  const notices = (await listNotices(db, options.account, { operatorId, limit: 500 })).filter(
    (n) => n.createdAtMs >= options.fromMs && n.createdAtMs < options.toMs,
  );
  const auditEntries = [];
  for (let after = 0; ; ) {
    const page = await listAuditRows(db, {
      subject: options.account,
      ...range,
      afterSeq: after,
      limit: 10_000,
    });
    auditEntries.push(...page);
    const last = page.at(-1);
    if (last === undefined || page.length < 10_000) break;
    after = last.seq;
  }
  const head = await lastAuditRow(db);
  return {
    events,
    decisions,
    notices,
    auditEntries,
    auditHead: head === undefined ? null : { seq: head.seq, hash: head.hash },
    ...(events.length >= MAX_REPORT_EVENTS ? { eventsTruncatedAt: MAX_REPORT_EVENTS } : {}),
  };
}
