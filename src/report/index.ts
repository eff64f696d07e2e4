/**
 * Evidence report (issue 6 "Evidence report"): who, when, the timeline of sign-ins, changes and
 * charges, decisions, notices, checked messages and steps taken, sealed with SHA-256 and cited
 * audit entries; written as JSON and as a Japanese PDF. Other domains import only from here.
 */
export {
  buildEvidenceReport,
  type CheckedMessageInput,
  type EvidenceReportInput,
  type ReportDecisionInput,
  type ReportEventInput,
  type ReportNoticeInput,
  reportContentHash,
  type StepInput,
  sealReport,
} from './build-evidence-report.ts';
export { describeEvent, EVENT_LABELS, type TimelineCategory } from './describe-event.ts';
export {
  type EvidenceReport,
  type EvidenceReportFile,
  evidenceReportFileSchema,
  REPORT_FORMAT,
  REPORT_TITLE_JA,
  REPORT_VERSION,
  type ReportAuditEntry,
  type ReportDecision,
  type ReportIntegrity,
  type ReportMessage,
  type ReportNotice,
  type ReportStep,
  type TimelineEntry,
} from './evidence-report.ts';
export { formatJapanTime, formatYen, isoJapan, japanDate } from './format-japan.ts';
export {
  type LoadReportDataOptions,
  loadReportData,
  MAX_REPORT_EVENTS,
  type ReportData,
} from './load-report-data.ts';
export {
  DEFAULT_JAPANESE_FONT,
  type RenderEvidencePdfOptions,
  renderEvidencePdf,
} from './render-evidence-pdf.ts';
export {
  type ReportVerification,
  type VerifyEvidenceReportOptions,
  verifyEvidenceReport,
} from './verify-evidence-report.ts';
