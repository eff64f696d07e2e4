import { type AuditRow, canonicalJson, sha256Hex } from '../audit/index.ts';
import type { CheckResult } from '../checker/index.ts';
import { describeEvent } from './describe-event.ts';
import {
  type EvidenceReport,
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
import { isoJapan } from './format-japan.ts';

/** A stored event as src/db's listAccountEvents returns it (only what the report reads). */
export interface ReportEventInput {
  id: string;
  type: string;
  atMs: number;
  event: unknown;
}

/** A stored decision (contract "Decision"; only what the report reads). */
export interface ReportDecisionInput {
  decision: string;
  score: number;
  reasons: readonly { rule: string; points: number; message: string }[];
  notice: string | null;
  case: string | null;
}

/** A stored notice as src/db's listNotices returns it. */
export interface ReportNoticeInput {
  ref: string;
  kind: string;
  title: string;
  body: string;
  eventId: string | null;
  createdAtMs: number;
  readAtMs: number | null;
}

/** A suspicious message and what checkMessage said about it. */
export interface CheckedMessageInput {
  label: string;
  text: string;
  sender?: string | null;
  channel?: string | null;
  result: CheckResult;
}

/** A step the person took (stopped the card, called #9110…), with its time. */
export interface StepInput {
  atMs: number;
  step: string;
  note?: string | null;
}

export interface EvidenceReportInput {
  operatorId?: string;
  account: string;
  /** The period around the incident: [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  /** When the report is made (the caller owns the clock). */
  generatedAtMs: number;
  events: readonly ReportEventInput[];
  /** Stored decisions by event id. */
  decisions?: ReadonlyMap<string, ReportDecisionInput>;
  notices?: readonly ReportNoticeInput[];
  messages?: readonly CheckedMessageInput[];
  steps?: readonly StepInput[];
  /** Audit entries the report cites (e.g. the account's entries in the period). */
  auditEntries?: readonly AuditRow[];
  /** The audit log's last entry now, or null when it is empty. */
  auditHead?: { seq: number; hash: string } | null;
  /** Set when the event list was cut to a maximum, so the report says so. */
  eventsTruncatedAt?: number;
}

/** Decisions that stopped or questioned an event: what marks the incident. */
const FLAGGED = new Set(['challenge', 'hold', 'lock']);
const STOPPED = new Set(['hold', 'lock']);
const MAX_MESSAGE_CHARS = 4_000;

const byTime = <T extends { atMs: number }>(a: T, b: T) => a.atMs - b.atMs;

/**
 * Builds the evidence report (pure: no clock, no I/O): who, when, the timeline of sign-ins,
 * changes and charges with the decision on each, the notices, the checked messages, the steps
 * taken and the audit entries cited, sealed with a SHA-256 over its canonical contents.
 *
 * @example
 * const report = buildEvidenceReport({ account: 'acc_7', fromMs, toMs, generatedAtMs: Date.now(), events, decisions });
 */
export function buildEvidenceReport(input: EvidenceReportInput): EvidenceReport {
  const inPeriod = (ms: number) => ms >= input.fromMs && ms < input.toMs;
  const events = input.events
    .filter((e) => inPeriod(e.atMs))
    .sort((a, b) => a.atMs - b.atMs || (a.id < b.id ? -1 : 1));

  const timeline: TimelineEntry[] = [];
  const decisions: ReportDecision[] = [];
  for (const e of events) {
    const d = input.decisions?.get(e.id);
    const described = describeEvent(e.type, e.event);
    timeline.push({
      at: isoJapan(e.atMs),
      atMs: e.atMs,
      eventId: e.id,
      type: e.type,
      ...described,
      decision: d?.decision ?? null,
      score: d?.score ?? null,
      notice: d?.notice ?? null,
      case: d?.case ?? null,
    });
    if (d !== undefined) {
      decisions.push({
        eventId: e.id,
        at: isoJapan(e.atMs),
        decision: d.decision,
        score: d.score,
        reasons: d.reasons.map((r) => ({ rule: r.rule, points: r.points, message: r.message })),
        notice: d.notice,
        case: d.case,
      });
    }
  }

  const notices: ReportNotice[] = (input.notices ?? [])
    .filter((n) => inPeriod(n.createdAtMs))
    .map((n) => ({ ...n, atMs: n.createdAtMs }))
    .sort((a, b) => byTime(a, b) || (a.ref < b.ref ? -1 : 1))
    .map((n) => ({
      ref: n.ref,
      kind: n.kind,
      title: n.title,
      body: n.body,
      eventId: n.eventId,
      createdAt: isoJapan(n.createdAtMs),
      readAt: n.readAtMs === null ? null : isoJapan(n.readAtMs),
    }));

  const messages: ReportMessage[] = (input.messages ?? []).map((m) => ({
    label: m.label,
    textSha256: sha256Hex(m.text),
    text: m.text.length > MAX_MESSAGE_CHARS ? `${m.text.slice(0, MAX_MESSAGE_CHARS)}…` : m.text,
    sender: m.sender ?? null,
    channel: m.channel ?? null,
    verdict: m.result.verdict,
    score: m.result.score,
    brand: m.result.brand,
    reasons: m.result.reasons.map((r) => ({
      code: r.code,
      severity: r.severity,
      message: r.message,
      evidence: r.evidence,
    })),
    links: m.result.links.map((l) => ({ url: l.url, domain: l.domain, official: l.official })),
  }));

  const steps: ReportStep[] = [...(input.steps ?? [])].sort(byTime).map((s) => ({
    at: isoJapan(s.atMs),
    atMs: s.atMs,
    step: s.step,
    note: s.note ?? null,
  }));

  const audit: ReportAuditEntry[] = [...(input.auditEntries ?? [])]
    .sort((a, b) => a.seq - b.seq)
    .map((r) => ({
      seq: r.seq,
      at: isoJapan(r.at_ms),
      at_ms: r.at_ms,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      data: parseData(r.data),
      prev_hash: r.prev_hash,
      hash: r.hash,
    }));

  const flagged = decisions.filter((d) => FLAGGED.has(d.decision));
  const charges = timeline.filter((t) => t.category === 'charge');
  const sum = (list: TimelineEntry[]) => list.reduce((n, t) => n + (t.amountYen ?? 0), 0);
  const unique = (list: (string | null)[]) =>
    [...new Set(list.filter((x): x is string => x !== null))].sort();

  const notes: string[] = [];
  if (input.eventsTruncatedAt !== undefined) {
    notes.push(
      `この期間のイベントが多いため、新しい順に ${input.eventsTruncatedAt} 件のみを記載しています（期間を短くすると全件を記載できます）。`,
    );
  }

  const report: Omit<EvidenceReport, 'integrity'> = {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    title: REPORT_TITLE_JA,
    generatedAt: isoJapan(input.generatedAtMs),
    subject: { operatorId: input.operatorId ?? 'default', account: input.account },
    period: { from: isoJapan(input.fromMs), to: isoJapan(input.toMs), timeZone: 'Asia/Tokyo' },
    incident: {
      firstFlaggedAt: flagged[0]?.at ?? null,
      lastFlaggedAt: flagged.at(-1)?.at ?? null,
      flaggedEvents: flagged.length,
    },
    summary: {
      events: timeline.length,
      signIns: timeline.filter((t) => t.category === 'sign_in').length,
      failedSignIns: timeline.filter((t) => t.type === 'login' && t.description.startsWith('ログイン失敗'))
        .length,
      changes: timeline.filter((t) => t.category === 'change' || t.category === 'card').length,
      charges: charges.length,
      chargeTotalYen: sum(charges),
      stoppedChargeYen: sum(charges.filter((t) => t.decision !== null && STOPPED.has(t.decision))),
      notices: notices.length,
      messages: messages.length,
      steps: steps.length,
    },
    timeline,
    decisions,
    notices,
    messages,
    steps,
    references: {
      notices: unique([...notices.map((n) => n.ref), ...decisions.map((d) => d.notice)]),
      cases: unique(decisions.map((d) => d.case)),
      events: timeline.map((t) => t.eventId),
    },
    audit,
    notes,
  };
  return sealReport(report, input.auditHead ?? null);
}

function parseData(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a corrupt entry is cited as it is; verification will flag it
  }
}

/** Adds the integrity block: the cited entries' hashes, the audit head, and the content hash. */
export function sealReport(
  report: Omit<EvidenceReport, 'integrity'>,
  auditHead: { seq: number; hash: string } | null,
): EvidenceReport {
  const integrity: Omit<ReportIntegrity, 'contentHash'> = {
    algorithm: 'sha256',
    auditHashes: report.audit.map((a) => ({ seq: a.seq, hash: a.hash })),
    auditHeadSeq: auditHead?.seq ?? null,
    auditHeadHash: auditHead?.hash ?? null,
  };
  const contentHash = reportContentHash({ ...report, integrity });
  return { ...report, integrity: { ...integrity, contentHash } };
}

/**
 * SHA-256 over the canonical JSON of a report with `integrity.contentHash` left out, so the hash
 * covers every other member, the audit hashes and the head included.
 */
export function reportContentHash(report: unknown): string {
  const r = { ...(report as Record<string, unknown>) };
  const integrity = { ...((r.integrity ?? {}) as Record<string, unknown>) };
  delete integrity.contentHash;
  r.integrity = integrity;
  return sha256Hex(canonicalJson(r));
}
