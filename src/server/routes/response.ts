/**
 * Guided response, evidence report and statement review for the subscriber web app (issue 6:
 * "Guided response", "Evidence report", "Statement review"). Every route needs a signed-in
 * SUBSCRIBER (the accounts plugin's session cookie) and only ever reads the caller's own account;
 * POST routes need the CSRF token (`x-csrf-token`, from GET /api/csrf of the accounts plugin).
 *
 * - `GET  /api/response/issuers`, `GET /api/response/carriers` → `{ brands: [{ id, nameJa, nameEn }] }`
 * - `POST /api/response/checklist {situation, issuerId?, carrierId?}` → the Checklist of
 *   src/response (buildChecklist with the server's registry; language from `?lang=`)
 * - `POST /api/account/report {steps?: [{at, step, note?}]}` → the evidence report PDF of the
 *   caller's account over the last 30 days (attachment); `POST /api/account/report.json` (same
 *   body) or `GET` (no steps) → the same report as JSON. Both cite the messages the subscriber
 *   reported (`/api/account/reported-messages`). Each report is recorded in the audit trail.
 * - `POST /api/statements/review` with the raw CSV bytes (`text/csv` or
 *   `application/octet-stream`, up to 50 MB) → `{ info, lines, errors, skipped, summary }`, where
 *   `lines` are the FLAGGED lines only (capped, `truncated` says so). The bytes are reviewed in
 *   memory and dropped: nothing is stored, logged or sent anywhere (issue 6: "nothing uploaded is
 *   sent anywhere").
 *
 * Register on the root app after registerErrorHandler, beside subscriberRoutes:
 *
 * @example
 * void app.register(responseRoutes, {
 *   db: accounts.db,
 *   cookieSecret: accounts.cookieSecret, // the SAME secret as accountsRoutes (verifies `_csrf`)
 *   secure: accounts.secure,             // optional, as accountsRoutes
 *   registry,                            // the server's registry (as checkRoutes)
 *   // fontPath: '/usr/share/fonts/…/ipaexg.ttf', // optional; default MAMORI_PDF_FONT or IPAexGothic
 * });
 */
import { access } from 'node:fs/promises';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { accountMessage, accountsError, authGuards, currentAuth, langOf } from '../../accounts/index.ts';
import { appendAudit } from '../../audit/index.ts';
import type { CheckResult } from '../../checker/index.ts';
import { type Database, listReportedMessages } from '../../db/index.ts';
import { MamoriError } from '../../errors.ts';
import { reportBodySchema as reportedMessageBodySchema, reportPhishing } from '../../operator/index.ts';
import type { Registry } from '../../registry/index.ts';
import {
  buildEvidenceReport,
  DEFAULT_JAPANESE_FONT,
  type EvidenceReport,
  japanDate,
  loadReportData,
  renderEvidencePdf,
} from '../../report/index.ts';
import { brandsOfKind, buildChecklist, situationSchema } from '../../response/index.ts';
import {
  parseStatementBytes,
  type ReviewedLine,
  type ReviewSummary,
  type RowError,
  reviewStatement,
} from '../../statements/index.ts';
import { isoJapan } from '../../subscriber/index.ts';
import { registerSessionScope } from '../session-scope.ts';

export interface ResponseRoutesOptions {
  db: Kysely<Database>;
  /** The accounts plugin's cookie secret (≥ 32 chars): verifies the signed `_csrf` cookie. */
  cookieSecret: string;
  /** Secure cookies (HTTPS), as for the accounts plugin. */
  secure?: boolean;
  /** The official sender registry: issuers, carriers and their numbers. */
  registry: Registry;
  /** Japanese font for the PDF. Default: $MAMORI_PDF_FONT, else IPAexGothic (fonts-ipaexfont-gothic). */
  fontPath?: string;
  /** Largest statement upload in bytes (default 50 MB). */
  statementBodyLimit?: number;
  /** Clock (epoch ms); tests move it. */
  now?: () => number;
  sessionTtlMs?: number;
  sessionIdleMs?: number;
}

/** The web app's brand pickers. */
export interface BrandOption {
  id: string;
  nameJa: string;
  nameEn: string;
}

/** POST /api/statements/review answer. */
export interface StatementReviewView {
  info: { encoding: string | null; layout: string | null; headerLine: number | null };
  /** Flagged lines only, in file order (at most MAX_FLAGGED_LINES). */
  lines: ReviewedLine[];
  truncated: boolean;
  errors: RowError[];
  skipped: number;
  summary: ReviewSummary;
}

const DAY_MS = 86_400_000;
/** The report covers the last 30 days (issue 6: "around the incident"; the CLI's default too). */
const REPORT_DAYS = 30;
const DEFAULT_STATEMENT_LIMIT = 50 * 1024 * 1024;
/** A 50 MB file can flag many lines; the page lists these many, the summary counts them all. */
export const MAX_FLAGGED_LINES = 2_000;
const MAX_ROW_ERRORS = 200;

const checklistBodySchema = z.strictObject({
  situation: situationSchema,
  issuerId: z.string().min(1).max(100).nullable().optional(),
  carrierId: z.string().min(1).max(100).nullable().optional(),
});

/** Steps the person marked done in the app (kept in their browser), carried into the report. */
type ReportSteps = ReadonlyArray<{ at: string; step: string; note?: string | undefined }>;

const reportBodySchema = z
  .strictObject({
    steps: z
      .array(
        z.strictObject({
          at: z.iso.datetime({ offset: true }),
          step: z.string().min(1).max(500),
          note: z.string().max(2000).optional(),
        }),
      )
      .max(100)
      .optional(),
  })
  .optional();

function parse<S extends z.ZodType>(schema: S, value: unknown, lang: 'ja' | 'en'): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  throw new MamoriError('invalid_request', `${accountMessage('invalid_request', lang)}: ${fields}`, {
    status: 400,
  });
}

export const responseRoutes: FastifyPluginAsync<ResponseRoutesOptions> = async (app, options) => {
  const { db, registry } = options;
  if (typeof options.cookieSecret !== 'string' || options.cookieSecret.length < 32) {
    throw new MamoriError(
      'response_config_invalid',
      'response plugin options: cookieSecret: must be at least 32 characters',
      { status: 500 },
    );
  }
  const now = options.now ?? Date.now;
  const secure = options.secure ?? false;
  const fontPath = options.fontPath ?? process.env.MAMORI_PDF_FONT ?? DEFAULT_JAPANESE_FONT;
  const guards = authGuards({
    db,
    now,
    ...(options.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.sessionTtlMs }),
    ...(options.sessionIdleMs === undefined ? {} : { sessionIdleMs: options.sessionIdleMs }),
  });

  const { csrf } = await registerSessionScope(app, { cookieSecret: options.cookieSecret, secure: secure });

  // Statement uploads arrive as raw bytes; kept as a Buffer in memory only (this plugin's scope).
  for (const type of ['text/csv', 'application/octet-stream']) {
    if (!app.hasContentTypeParser(type)) {
      app.addContentTypeParser(type, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    }
  }

  const requireSubscriber = guards.requireRole('subscriber');
  const requireAccount: preHandlerAsyncHookHandler = async (request, reply) => {
    await requireSubscriber.call(app, request, reply);
    if (!currentAuth(request)?.user.account) {
      throw new MamoriError(
        'no_account',
        langOf(request) === 'en'
          ? 'This sign-in is not linked to a carrier-billing account.'
          : 'このログインには、キャリア決済のアカウントがひも付いていません。',
        { status: 403 },
      );
    }
  };
  const caller = (request: FastifyRequest) => {
    const auth = currentAuth(request);
    if (!auth?.user.account) throw accountsError('unauthenticated', langOf(request));
    return { user: auth.user, account: auth.user.account, operatorId: auth.user.operatorId };
  };

  const signedIn = { preHandler: [requireAccount] };
  const changing = { preHandler: [csrf, requireAccount] };

  // ---- Guided response -----------------------------------------------------------------------

  const options_ = (kind: 'card_issuer' | 'carrier'): BrandOption[] =>
    brandsOfKind(registry, kind).map((b) => ({ id: b.id, nameJa: b.nameJa, nameEn: b.nameEn }));
  app.get('/api/response/issuers', signedIn, async () => ({ brands: options_('card_issuer') }));
  app.get('/api/response/carriers', signedIn, async () => ({ brands: options_('carrier') }));

  app.post('/api/response/checklist', changing, async (request) => {
    const lang = langOf(request);
    const body = parse(checklistBodySchema, request.body ?? {}, lang);
    // Unknown ids are InputErrors (400 unknown_issuer / unknown_carrier) naming the valid ones.
    return buildChecklist({
      registry,
      situation: body.situation,
      issuerId: body.issuerId ?? null,
      carrierId: body.carrierId ?? null,
      lang,
      at: new Date(now()),
    });
  });

  // ---- Evidence report -----------------------------------------------------------------------

  async function makeReport(
    request: FastifyRequest,
    steps: ReadonlyArray<{ at: string; step: string; note?: string | undefined }>,
    format: 'pdf' | 'json',
  ): Promise<EvidenceReport> {
    const c = caller(request);
    const toMs = now();
    const fromMs = toMs - REPORT_DAYS * DAY_MS;
    const data = await loadReportData(db, { operatorId: c.operatorId, account: c.account, fromMs, toMs });
    // The suspicious messages this subscriber reported from the app, with the checker's verdict.
    const reported = await listReportedMessages(db, c.operatorId, {
      reporter: `subscriber:${c.account}`,
      sinceMs: fromMs,
    });
    const report = buildEvidenceReport({
      operatorId: c.operatorId,
      account: c.account,
      fromMs,
      toMs,
      generatedAtMs: toMs,
      ...data,
      messages: reported.reverse().map((m) => ({
        label: isoJapan(m.createdAtMs),
        text: m.text,
        sender: m.sender,
        channel: m.channel,
        result: m.result as CheckResult,
      })),
      steps: steps.map((s) => ({ atMs: Date.parse(s.at), step: s.step, note: s.note ?? null })),
    });
    // Making a report is itself a security-relevant action (issue 6 "Audit trail"); a failing
    // append is logged, never fatal (as the subscriber plugin does).
    try {
      await appendAudit(db, {
        actor: `subscriber:${c.account}`,
        action: 'report.create',
        subject: c.account,
        data: {
          userId: c.user.id,
          operatorId: c.operatorId,
          format,
          contentHash: report.integrity.contentHash,
          from: report.period.from,
          to: report.period.to,
        },
        atMs: toMs,
      });
    } catch (error) {
      request.log.error({ errType: (error as Error | undefined)?.name }, 'audit append failed');
    }
    return report;
  }

  const fileStem = (account: string, ms: number) =>
    `mamori-report-${account.replace(/[^A-Za-z0-9_-]/g, '_')}-${japanDate(ms)}`;

  // 「このメッセージを報告する」: the message is checked again here (the client's verdict is not
  // trusted), stored for the operator's campaign grouping, and cited in this subscriber's evidence
  // report. Only what the person chose to report is kept.
  app.post('/api/account/reported-messages', changing, async (request) => {
    const lang = langOf(request);
    const c = caller(request);
    const body = parse(reportedMessageBodySchema, request.body, lang);
    const { report, result } = await reportPhishing(db, {
      operatorId: c.operatorId,
      reporter: `subscriber:${c.account}`,
      message: body,
      lang,
      nowMs: now(),
    });
    return { id: report.id, reportedAt: isoJapan(report.createdAtMs), result };
  });

  app.get('/api/account/reported-messages', signedIn, async (request) => {
    const c = caller(request);
    const rows = await listReportedMessages(db, c.operatorId, {
      reporter: `subscriber:${c.account}`,
      limit: 100,
    });
    return {
      messages: rows.map((m) => ({
        id: m.id,
        reportedAt: isoJapan(m.createdAtMs),
        text: m.text,
        verdict: m.verdict,
        score: m.score,
      })),
    };
  });

  app.post('/api/account/report', changing, async (request, reply) => {
    const lang = langOf(request);
    const body = parse(reportBodySchema, request.body ?? undefined, lang);
    try {
      await access(fontPath);
    } catch {
      throw new MamoriError(
        'font_missing',
        lang === 'en'
          ? 'The PDF cannot be made on this server (the Japanese font is missing). The JSON report still works.'
          : 'このサーバーではPDFを作れません（日本語フォントがありません）。JSON形式の記録は作れます。',
        { status: 503 },
      );
    }
    const report = await makeReport(request, body?.steps ?? [], 'pdf');
    const pdf = await renderEvidencePdf(report, { fontPath });
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="${fileStem(report.subject.account, now())}.pdf"`)
      .send(pdf);
  });

  const sendJsonReport = async (request: FastifyRequest, reply: FastifyReply, steps: ReportSteps) => {
    const report = await makeReport(request, steps, 'json');
    return reply
      .header('content-disposition', `attachment; filename="${fileStem(report.subject.account, now())}.json"`)
      .send(report);
  };
  // GET for a report without steps; POST with the same body as the PDF carries the steps taken.
  app.get('/api/account/report.json', signedIn, async (request, reply) => sendJsonReport(request, reply, []));
  app.post('/api/account/report.json', changing, async (request, reply) => {
    const body = parse(reportBodySchema, request.body ?? undefined, langOf(request));
    return sendJsonReport(request, reply, body?.steps ?? []);
  });

  // ---- Statement review ----------------------------------------------------------------------

  app.post(
    '/api/statements/review',
    { ...changing, bodyLimit: options.statementBodyLimit ?? DEFAULT_STATEMENT_LIMIT },
    async (request): Promise<StatementReviewView> => {
      const lang = langOf(request);
      const body = request.body;
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new MamoriError(
          'statement_empty',
          lang === 'en'
            ? 'Send the statement file itself (text/csv or application/octet-stream).'
            : '明細のCSVファイルを送ってください（text/csv または application/octet-stream）。',
          { status: 400 },
        );
      }
      // StatementFileError (no header, binary, undecodable…) is an InputError: 400 with its code.
      const parsed = parseStatementBytes(body, { lang });
      const review = reviewStatement(parsed.lines, { lang });
      const flagged = review.lines.filter((l) => l.flags.length > 0);
      return {
        info: {
          encoding: parsed.info.encoding,
          layout: parsed.info.mapping?.id ?? null,
          headerLine: parsed.info.headerLine,
        },
        lines: flagged.slice(0, MAX_FLAGGED_LINES),
        truncated: flagged.length > MAX_FLAGGED_LINES,
        errors: parsed.errors.slice(0, MAX_ROW_ERRORS),
        skipped: parsed.skipped,
        summary: review.summary,
      };
    },
  );
};
