/**
 * The evidence report's wire shape (issue 6 "Evidence report"): written as JSON next to its PDF,
 * read back by `mamori report verify`. Defined once here; the zod schema checks what verification
 * needs and lets every other member through, because the content hash covers them all.
 */
import { z } from 'zod';
import type { TimelineCategory } from './describe-event.ts';

export const REPORT_FORMAT = 'mamori.evidence-report';
export const REPORT_VERSION = 1;
export const REPORT_TITLE_JA = '被害状況の記録（警察・消費生活センター提出用）';

export interface TimelineEntry {
  /** The event's own time, written in Japan time with offset. */
  at: string;
  atMs: number;
  eventId: string;
  type: string;
  category: TimelineCategory;
  label: string;
  description: string;
  amountYen: number | null;
  merchant: string | null;
  device: string | null;
  ip: string | null;
  country: string | null;
  decision: string | null;
  score: number | null;
  notice: string | null;
  case: string | null;
}

export interface ReportDecision {
  eventId: string;
  at: string;
  decision: string;
  score: number;
  reasons: { rule: string; points: number; message: string }[];
  notice: string | null;
  case: string | null;
}

export interface ReportNotice {
  ref: string;
  kind: string;
  title: string;
  body: string;
  eventId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface ReportMessage {
  /** Where the message came from (a file name, "SMS 11/24"…). */
  label: string;
  /** SHA-256 of the whole message text as checked. */
  textSha256: string;
  /** The message text (the first 4,000 characters). */
  text: string;
  sender: string | null;
  channel: string | null;
  verdict: string;
  score: number;
  brand: string | null;
  reasons: { code: string; severity: string; message: string; evidence: string }[];
  links: { url: string; domain: string; official: boolean }[];
}

export interface ReportStep {
  at: string;
  atMs: number;
  step: string;
  note: string | null;
}

export interface ReportAuditEntry {
  seq: number;
  at: string;
  at_ms: number;
  actor: string;
  action: string;
  subject: string;
  data: unknown;
  prev_hash: string;
  hash: string;
}

export interface ReportIntegrity {
  algorithm: 'sha256';
  /** SHA-256 over the canonical JSON of the whole report except this one member. */
  contentHash: string;
  /** The cited audit entries' own hashes (covered by contentHash). */
  auditHashes: { seq: number; hash: string }[];
  /** The audit log's last entry when the report was made: anchors everything before it. */
  auditHeadSeq: number | null;
  auditHeadHash: string | null;
}

export interface EvidenceReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  title: string;
  generatedAt: string;
  subject: { operatorId: string; account: string };
  period: { from: string; to: string; timeZone: 'Asia/Tokyo' };
  incident: { firstFlaggedAt: string | null; lastFlaggedAt: string | null; flaggedEvents: number };
  summary: {
    events: number;
    signIns: number;
    failedSignIns: number;
    changes: number;
    charges: number;
    chargeTotalYen: number;
    /** Charges the engine held or refused (hold, lock). */
    stoppedChargeYen: number;
    notices: number;
    messages: number;
    steps: number;
  };
  timeline: TimelineEntry[];
  decisions: ReportDecision[];
  notices: ReportNotice[];
  messages: ReportMessage[];
  steps: ReportStep[];
  references: { notices: string[]; cases: string[]; events: string[] };
  audit: ReportAuditEntry[];
  /** Caveats a reader must know (e.g. a timeline cut to its newest events). */
  notes: string[];
  integrity: ReportIntegrity;
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 hex digest');

/** What `mamori report verify` reads: the integrity block and the cited audit entries. */
export const evidenceReportFileSchema = z.looseObject({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  subject: z.looseObject({ operatorId: z.string(), account: z.string() }),
  audit: z.array(
    z.looseObject({
      seq: z.number().int(),
      at_ms: z.number().int(),
      actor: z.string(),
      action: z.string(),
      subject: z.string(),
      data: z.unknown(),
      prev_hash: z.string(),
      hash: z.string(),
    }),
  ),
  integrity: z.looseObject({
    algorithm: z.literal('sha256'),
    contentHash: sha256,
    auditHashes: z.array(z.strictObject({ seq: z.number().int(), hash: z.string() })),
    auditHeadSeq: z.number().int().nullable(),
    auditHeadHash: z.string().nullable(),
  }),
});
export type EvidenceReportFile = z.infer<typeof evidenceReportFileSchema>;
