/**
 * Storage for the operator console (issue 5 "Operators"): the case queue with its filters, case
 * notes, reported phishing messages, campaign warnings and the reads behind the metrics.
 * Functions take `db` first (style.md §6) and accept the app's `Kysely<Database>` or a
 * transaction of it; the operator tables (migration 2026-11-25T16-00-00-operator) are reached
 * through `withTables`, as the accounts tables are.
 */
import { randomBytes } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { Case } from './cases.repository.ts';
import type { Database } from './database.ts';
import { chunkRows, dialectOf } from './dialect.ts';
import { parseJson } from './json.ts';
import type { CaseRow, CaseStatus } from './tables/cases.table.ts';

// ---------------------------------------------------------------------------------------------
// Tables

export interface CaseNotesTable {
  id: string;
  operator_id: string;
  case_id: string;
  author_user_id: string;
  text: string;
  created_at_ms: number;
}

export interface ReportedMessagesTable {
  id: string;
  operator_id: string;
  /** `operator:<user id>` or `subscriber:<account>`. */
  reporter: string;
  channel: string | null;
  sender: string | null;
  subject: string | null;
  text: string;
  verdict: string;
  score: number;
  brand: string | null;
  /** JSON array of non-official registrable link domains. */
  domains: string;
  /** JSON array of non-official phone numbers. */
  phones: string;
  /** The checker's CheckResult as JSON text. */
  result: string;
  created_at_ms: number;
}

export interface CampaignWarningsTable {
  id: string;
  operator_id: string;
  campaign_id: string;
  sent_by: string;
  title: string;
  body: string;
  lang: string;
  recipients: number;
  created_at_ms: number;
}

// A type alias, not an interface: withTables needs an index-signature-compatible record.
export type OperatorTables = {
  case_notes: CaseNotesTable;
  reported_messages: ReportedMessagesTable;
  campaign_warnings: CampaignWarningsTable;
};

type AnyDb = Kysely<Database> | Kysely<Database & OperatorTables>;

function tables(db: AnyDb): Kysely<Database & OperatorTables> {
  return (db as Kysely<Database>).withTables<OperatorTables>();
}

const randomId = (prefix: string) => `${prefix}_${randomBytes(10).toString('hex')}`;

// ---------------------------------------------------------------------------------------------
// Case queue

export interface CaseQueueFilters {
  operatorId: string;
  status?: CaseStatus;
  decision?: string;
  /** Only cases whose payload's reasons include this rule id. */
  rule?: string;
  minScore?: number;
  /** Only cases opened at or before this time (epoch ms): "older than N hours". */
  openedAtOrBeforeMs?: number;
  /** Only cases numbered below this id (paging newest first). */
  before?: string;
  /** At most this many (default 100, at most 500). */
  limit?: number;
}

function toCase(row: CaseRow): Case {
  return {
    id: row.id,
    operatorId: row.operator_id,
    account: row.account,
    status: row.status,
    decision: row.decision,
    score: Number(row.score),
    eventId: row.event_id,
    openedAtMs: Number(row.opened_at_ms),
    updatedAtMs: Number(row.updated_at_ms),
    payload: parseJson(row.payload, `case ${row.id}`),
  };
}

/** The rule ids of a case payload written by the engine session (`{reasons: [{rule}]}`). */
export function caseRules(payload: unknown): string[] {
  const reasons = (payload as { reasons?: unknown } | null)?.reasons;
  if (!Array.isArray(reasons)) return [];
  return reasons
    .map((r) => (r as { rule?: unknown } | null)?.rule)
    .filter((r): r is string => typeof r === 'string');
}

/**
 * An operator's cases matching the filters, newest first. The rule filter is a LIKE on the JSON
 * payload (the same on SQLite and PostgreSQL; `_` escaped) confirmed by parsing each row.
 *
 * @example
 * const queue = await listCaseQueue(db, { operatorId: 'default', status: 'open', minScore: 70 });
 */
export async function listCaseQueue(db: Kysely<Database>, filters: CaseQueueFilters): Promise<Case[]> {
  let query = db.selectFrom('cases').selectAll().where('operator_id', '=', filters.operatorId);
  if (filters.status !== undefined) query = query.where('status', '=', filters.status);
  if (filters.decision !== undefined) query = query.where('decision', '=', filters.decision);
  if (filters.minScore !== undefined) query = query.where('score', '>=', filters.minScore);
  if (filters.openedAtOrBeforeMs !== undefined) {
    query = query.where('opened_at_ms', '<=', filters.openedAtOrBeforeMs);
  }
  if (filters.before !== undefined) {
    const m = /^C-(\d{6,15})$/.exec(filters.before);
    if (m?.[1] !== undefined) query = query.where('seq', '<', Number(m[1]));
  }
  if (filters.rule !== undefined) {
    const escaped = filters.rule.replace(/[\\%_]/g, (c) => `\\${c}`);
    const pattern = `%"rule":"${escaped}"%`;
    query = query.where(sql<boolean>`payload like ${pattern} escape '\\'`);
  }
  const limit = Math.min(Math.max(1, Math.trunc(filters.limit ?? 100)), 500);
  const rows = await query.orderBy('seq', 'desc').limit(limit).execute();
  const cases = rows.map(toCase);
  const rule = filters.rule;
  return rule === undefined ? cases : cases.filter((c) => caseRules(c.payload).includes(rule));
}

/** One case of this operator, or undefined (another operator's case is as unknown). */
export async function findOperatorCase(
  db: Kysely<Database>,
  operatorId: string,
  id: string,
): Promise<Case | undefined> {
  const row = await db
    .selectFrom('cases')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : toCase(row);
}

// ---------------------------------------------------------------------------------------------
// Case notes

export interface CaseNote {
  id: string;
  caseId: string;
  authorUserId: string;
  text: string;
  createdAtMs: number;
}

/** Adds a note to a case. */
export async function addCaseNote(
  db: AnyDb,
  note: { operatorId: string; caseId: string; authorUserId: string; text: string; nowMs: number },
): Promise<CaseNote> {
  const row: Insertable<CaseNotesTable> = {
    id: randomId('note'),
    operator_id: note.operatorId,
    case_id: note.caseId,
    author_user_id: note.authorUserId,
    text: note.text,
    created_at_ms: note.nowMs,
  };
  await tables(db).insertInto('case_notes').values(row).execute();
  return {
    id: row.id,
    caseId: note.caseId,
    authorUserId: note.authorUserId,
    text: note.text,
    createdAtMs: note.nowMs,
  };
}

/** A case's notes, oldest first. */
export async function listCaseNotes(db: AnyDb, operatorId: string, caseId: string): Promise<CaseNote[]> {
  const rows = await tables(db)
    .selectFrom('case_notes')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where('case_id', '=', caseId)
    .orderBy('created_at_ms')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    caseId: r.case_id,
    authorUserId: r.author_user_id,
    text: r.text,
    createdAtMs: Number(r.created_at_ms),
  }));
}

// ---------------------------------------------------------------------------------------------
// Reported messages

export interface ReportedMessage {
  id: string;
  operatorId: string;
  reporter: string;
  channel: string | null;
  sender: string | null;
  subject: string | null;
  text: string;
  verdict: string;
  score: number;
  brand: string | null;
  domains: string[];
  phones: string[];
  result: unknown;
  createdAtMs: number;
}

export type NewReportedMessage = Omit<ReportedMessage, 'id'>;

function toReport(r: Selectable<ReportedMessagesTable>): ReportedMessage {
  return {
    id: r.id,
    operatorId: r.operator_id,
    reporter: r.reporter,
    channel: r.channel,
    sender: r.sender,
    subject: r.subject,
    text: r.text,
    verdict: r.verdict,
    score: Number(r.score),
    brand: r.brand,
    domains: parseJson<string[]>(r.domains, `reported message ${r.id} domains`),
    phones: parseJson<string[]>(r.phones, `reported message ${r.id} phones`),
    result: parseJson(r.result, `reported message ${r.id} result`),
    createdAtMs: Number(r.created_at_ms),
  };
}

/** Stores a reported message with the checker's verdict. */
export async function saveReportedMessage(db: AnyDb, report: NewReportedMessage): Promise<ReportedMessage> {
  const id = randomId('rpt');
  await tables(db)
    .insertInto('reported_messages')
    .values({
      id,
      operator_id: report.operatorId,
      reporter: report.reporter,
      channel: report.channel,
      sender: report.sender,
      subject: report.subject,
      text: report.text,
      verdict: report.verdict,
      score: report.score,
      brand: report.brand,
      domains: JSON.stringify(report.domains),
      phones: JSON.stringify(report.phones),
      result: JSON.stringify(report.result ?? null),
      created_at_ms: report.createdAtMs,
    })
    .execute();
  return { ...report, id };
}

/** An operator's reported messages since a time, newest first (at most `limit`, default 5000). */
export async function listReportedMessages(
  db: AnyDb,
  operatorId: string,
  options: { sinceMs?: number; limit?: number; reporter?: string } = {},
): Promise<ReportedMessage[]> {
  let query = tables(db).selectFrom('reported_messages').selectAll().where('operator_id', '=', operatorId);
  if (options.sinceMs !== undefined) query = query.where('created_at_ms', '>=', options.sinceMs);
  if (options.reporter !== undefined) query = query.where('reporter', '=', options.reporter);
  const limit = Math.min(Math.max(1, Math.trunc(options.limit ?? 5000)), 20_000);
  const rows = await query.orderBy('created_at_ms', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toReport);
}

// ---------------------------------------------------------------------------------------------
// Campaign warnings

export interface CampaignWarning {
  id: string;
  campaignId: string;
  sentBy: string;
  title: string;
  body: string;
  lang: string;
  recipients: number;
  createdAtMs: number;
}

export interface WarningNotice {
  ref: string;
  account: string;
}

/**
 * Puts one warning notice per account in the message boxes and records the warning, together
 * (call inside a transaction). Returns the recorded warning.
 */
export async function sendCampaignWarning(
  db: AnyDb,
  warning: {
    operatorId: string;
    campaignId: string;
    sentBy: string;
    title: string;
    body: string;
    lang: string;
    nowMs: number;
    notices: readonly WarningNotice[];
  },
): Promise<CampaignWarning> {
  const t = tables(db);
  const rows = warning.notices.map((n) => ({
    ref: n.ref,
    operator_id: warning.operatorId,
    account: n.account,
    kind: 'campaign_warning',
    title: warning.title,
    body: warning.body,
    lang: warning.lang,
    event_id: null,
    created_at_ms: warning.nowMs,
    read_at_ms: null,
  }));
  for (const chunk of chunkRows(rows, 10, dialectOf(t))) {
    await t.insertInto('notices').values(chunk).execute();
  }
  const recorded: CampaignWarning = {
    id: randomId('warn'),
    campaignId: warning.campaignId,
    sentBy: warning.sentBy,
    title: warning.title,
    body: warning.body,
    lang: warning.lang,
    recipients: rows.length,
    createdAtMs: warning.nowMs,
  };
  await t
    .insertInto('campaign_warnings')
    .values({
      id: recorded.id,
      operator_id: warning.operatorId,
      campaign_id: recorded.campaignId,
      sent_by: recorded.sentBy,
      title: recorded.title,
      body: recorded.body,
      lang: recorded.lang,
      recipients: recorded.recipients,
      created_at_ms: recorded.createdAtMs,
    })
    .execute();
  return recorded;
}

/** An operator's campaign warnings, newest first. */
export async function listCampaignWarnings(db: AnyDb, operatorId: string): Promise<CampaignWarning[]> {
  const rows = await tables(db)
    .selectFrom('campaign_warnings')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .orderBy('created_at_ms', 'desc')
    .orderBy('id')
    .limit(1000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    campaignId: r.campaign_id,
    sentBy: r.sent_by,
    title: r.title,
    body: r.body,
    lang: r.lang,
    recipients: Number(r.recipients),
    createdAtMs: Number(r.created_at_ms),
  }));
}

// ---------------------------------------------------------------------------------------------
// Metrics reads

/**
 * Decisions on events since `sinceMs`, counted per hour (epoch ms / 3 600 000) and action. Hours
 * are the events' own times, not when the decisions were stored: a replay or a backlog then shows
 * when things happened, not one spike at import time.
 */
export async function countDecisionsByHour(
  db: Kysely<Database>,
  operatorId: string,
  sinceMs: number,
): Promise<{ hour: number; decision: string; count: number }[]> {
  const hour = sql<number>`e.at_ms / 3600000`;
  const rows = await db
    .selectFrom('decisions as d')
    .innerJoin('events as e', (j) =>
      j.onRef('e.operator_id', '=', 'd.operator_id').onRef('e.id', '=', 'd.event_id'),
    )
    .select((eb) => [hour.as('hour'), 'd.decision', eb.fn.countAll<number>().as('n')])
    .where('d.operator_id', '=', operatorId)
    .where('e.at_ms', '>=', sinceMs)
    .groupBy([hour, 'd.decision'])
    .execute();
  return rows.map((r) => ({ hour: Math.floor(Number(r.hour)), decision: r.decision, count: Number(r.n) }));
}

/**
 * Non-allow decisions on events since `sinceMs` (event time): the action, the charge amount (null unless the event is a
 * charge) and the rules that contributed. At most `limit` (default 50 000), newest first.
 */
export async function listFlaggedDecisions(
  db: Kysely<Database>,
  operatorId: string,
  sinceMs: number,
  limit = 50_000,
): Promise<{ decision: string; amount: number | null; rules: string[] }[]> {
  const rows = await db
    .selectFrom('decisions as d')
    .leftJoin('events as e', (j) =>
      j.onRef('e.operator_id', '=', 'd.operator_id').onRef('e.id', '=', 'd.event_id'),
    )
    .select(['d.decision', 'd.payload', 'd.event_id', 'e.type', 'e.payload as event_payload'])
    .where('d.operator_id', '=', operatorId)
    .where('e.at_ms', '>=', sinceMs)
    .where('d.decision', '!=', 'allow')
    .orderBy('e.at_ms', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => {
    const decision = parseJson<{ reasons?: { rule?: unknown }[] }>(r.payload, `decision ${r.event_id}`);
    const event =
      r.type === 'charge' && r.event_payload !== null
        ? parseJson<{ amount?: unknown }>(r.event_payload, `event ${r.event_id}`)
        : undefined;
    return {
      decision: r.decision,
      amount: typeof event?.amount === 'number' ? event.amount : null,
      rules: (decision.reasons ?? []).map((x) => x.rule).filter((x): x is string => typeof x === 'string'),
    };
  });
}

/** Cases resolved (status set) since `sinceMs`, by outcome. */
export async function countCaseOutcomes(
  db: Kysely<Database>,
  operatorId: string,
  sinceMs: number,
): Promise<{ legitimate: number; confirmedFraud: number }> {
  const rows = await db
    .selectFrom('cases')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('operator_id', '=', operatorId)
    .where('updated_at_ms', '>=', sinceMs)
    .where('status', 'in', ['legitimate', 'confirmed_fraud'])
    .groupBy('status')
    .execute();
  const n = (s: string) => Number(rows.find((r) => r.status === s)?.n ?? 0);
  return { legitimate: n('legitimate'), confirmedFraud: n('confirmed_fraud') };
}
