/**
 * Operator API (issue 5 "Operators (role-gated)", JSON for the web app's case console): the case
 * queue and case detail with confirm fraud / mark legitimate / unlock / notes; metrics; reported
 * phishing grouped into campaigns with a one-click plain-text warning to every subscriber; API
 * keys and webhooks. Every route needs a signed-in OPERATOR (the accounts plugin's session
 * cookie): a subscriber gets 403 `forbidden`, no session 401 `unauthenticated`. Everything is
 * scoped to the operator's own tenant (`users.operator_id`): another operator's ids answer 404
 * like unknown ones. State-changing routes need the CSRF token (`x-csrf-token`, from GET
 * /api/csrf of the accounts plugin), and every action is written to the audit trail with actor
 * `operator:<user id>`, in the same transaction as the change. Errors are MamoriErrors, Japanese
 * by default, `?lang=en`.
 *
 * Register on the root app after registerErrorHandler, beside accountsRoutes:
 *
 * @example
 * void app.register(operatorRoutes, {
 *   db,
 *   cookieSecret,            // the SAME secret as accountsRoutes: it verifies the `_csrf` cookie
 *   secure: true,            // as accountsRoutes (Secure cookies)
 *   sessions,                // the EngineSessions the events route uses: an unlock calls
 *                            // sessions.for(operatorId, lang).forget(account) so the cached
 *                            // profile is dropped and the engine stops answering `lock`
 *   operatorId: 'default',   // optional: serve only this operator's staff
 * });
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type AuthContext,
  accountMessage,
  accountsError,
  authGuards,
  currentAuth,
  langOf,
} from '../../accounts/index.ts';
import { appendAudit } from '../../audit/index.ts';
import {
  type ApiKey,
  addCaseNote,
  type Case,
  caseRules,
  countCaseOutcomes,
  countDecisionsByHour,
  createApiKey,
  createWebhook,
  type Database,
  findActiveLock,
  findDecisions,
  findOperatorCase,
  listAccountEvents,
  listApiKeys,
  listCampaignWarnings,
  listCaseNotes,
  listCaseQueue,
  listFlaggedDecisions,
  listNotices,
  listReportedMessages,
  listUsers,
  listWebhooks,
  loadProfiles,
  type ReportedMessage,
  revokeApiKey,
  sendCampaignWarning,
  setWebhookActive,
  type Webhook,
} from '../../db/index.ts';
import type { Profile } from '../../engine/index.ts';
import { MamoriError } from '../../errors.ts';
import { unlockAccountState } from '../../ingest/index.ts';
import { assertSafeNoticeText, findNoticeTextProblems, newNoticeReference } from '../../notices/index.ts';
import {
  apiKeyBodySchema,
  apiKeyParamsSchema,
  campaignParamsSchema,
  campaignsQuerySchema,
  campaignWarnBodySchema,
  campaignWarningText,
  caseNoteBodySchema,
  caseParamsSchema,
  caseQueueQuerySchema,
  computeMetrics,
  groupCampaigns,
  HOUR_MS,
  type Lang,
  metricsQuerySchema,
  operatorError,
  reportBodySchema,
  reportPhishing,
  webhookBodySchema,
  webhookParamsSchema,
  windowStartHour,
} from '../../operator/index.ts';
import { isoJapan } from '../../subscriber/index.ts';
import { registerSessionScope } from '../session-scope.ts';

/** What the plugin needs of the engine sessions: EngineSessions (src/ingest) satisfies it. */
export interface OperatorEngineSessions {
  for(
    operatorId: string,
    lang: Lang,
  ): { exclusive<T>(change: () => Promise<T>): Promise<T>; forgetNow(account: string): void };
}

export interface OperatorRoutesOptions {
  db: Kysely<Database>;
  /** The accounts plugin's cookie secret (≥ 32 chars): verifies the signed `_csrf` cookie. */
  cookieSecret: string;
  /** Secure cookies (HTTPS), as for the accounts plugin. */
  secure?: boolean;
  /** The engine sessions shared with the events route (an unlock drops the cached profile). */
  sessions: OperatorEngineSessions;
  /** Serve only this operator's staff. */
  operatorId?: string;
  /** Clock (epoch ms); tests move it. */
  now?: () => number;
  /** As the accounts plugin's settings (defaults 30 days and 7 days). */
  sessionTtlMs?: number;
  sessionIdleMs?: number;
  /** Reports grouped into campaigns are those of the last N days (default 30). */
  campaignWindowDays?: number;
}

const DAY_MS = 86_400_000;
/** Case detail timeline: the account's events from a week before the case to a day after. */
const TIMELINE_BEFORE_MS = 7 * DAY_MS;
const TIMELINE_AFTER_MS = DAY_MS;

/** Parses with a schema; a failure is a 400 `invalid_request` naming the fields, in `lang`. */
function parse<S extends z.ZodType>(schema: S, value: unknown, lang: Lang): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((i) => i.path.join('.') || '(body)'))].join(', ');
  throw new MamoriError('invalid_request', `${accountMessage('invalid_request', lang)}: ${fields}`, {
    status: 400,
  });
}

/** An event as the timeline shows it: simulator ground-truth labels never reach the console. */
function withoutLabel(event: unknown): unknown {
  if (event === null || typeof event !== 'object') return event;
  const { label: _label, ...rest } = event as Record<string, unknown>;
  return rest;
}

function caseView(c: Case, nowMs: number) {
  const payload = (c.payload ?? {}) as { reasons?: unknown };
  return {
    id: c.id,
    account: c.account,
    status: c.status,
    decision: c.decision,
    score: c.score,
    eventId: c.eventId,
    openedAt: isoJapan(c.openedAtMs),
    updatedAt: isoJapan(c.updatedAtMs),
    ageHours: Math.max(0, Math.floor((nowMs - c.openedAtMs) / HOUR_MS)),
    rules: caseRules(c.payload),
    reasons: Array.isArray(payload.reasons) ? payload.reasons : [],
  };
}

function apiKeyView(k: ApiKey) {
  return {
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    createdAt: isoJapan(k.createdAtMs),
    revokedAt: k.revokedAtMs === null ? null : isoJapan(k.revokedAtMs),
    lastUsedAt: k.lastUsedAtMs === null ? null : isoJapan(k.lastUsedAtMs),
  };
}

/** Never the signing secret: it is shown once, when the webhook is created. */
function webhookView(w: Webhook) {
  return { id: w.id, url: w.url, active: w.active, createdAt: isoJapan(w.createdAtMs) };
}

function reportView(r: ReportedMessage) {
  return {
    id: r.id,
    reporter: r.reporter.startsWith('operator:') ? 'operator' : 'subscriber',
    channel: r.channel,
    sender: r.sender,
    subject: r.subject,
    text: r.text,
    verdict: r.verdict,
    score: r.score,
    brand: r.brand,
    domains: r.domains,
    phones: r.phones,
    reportedAt: isoJapan(r.createdAtMs),
  };
}

export const operatorRoutes: FastifyPluginAsync<OperatorRoutesOptions> = async (app, options) => {
  const { db } = options;
  if (typeof options.cookieSecret !== 'string' || options.cookieSecret.length < 32) {
    throw new MamoriError(
      'operator_config_invalid',
      'operator plugin options: cookieSecret: must be at least 32 characters',
      { status: 500 },
    );
  }
  const now = options.now ?? Date.now;
  const guards = authGuards({
    db,
    now,
    ...(options.sessionTtlMs === undefined ? {} : { sessionTtlMs: options.sessionTtlMs }),
    ...(options.sessionIdleMs === undefined ? {} : { sessionIdleMs: options.sessionIdleMs }),
  });
  const secure = options.secure ?? false;
  const campaignWindowMs = (options.campaignWindowDays ?? 30) * DAY_MS;

  // The same cookie secret and CSRF cookie settings as the accounts plugin, so a token from its
  const { csrf } = await registerSessionScope(app, { cookieSecret: options.cookieSecret, secure: secure });

  const requireOperatorRole = guards.requireRole('operator');
  const requireOperator: preHandlerAsyncHookHandler = async (request, reply) => {
    await requireOperatorRole.call(app, request, reply);
    if (options.operatorId !== undefined && currentAuth(request)?.user.operatorId !== options.operatorId) {
      throw accountsError('forbidden', langOf(request));
    }
  };

  type Caller = AuthContext & { operatorId: string; actor: string; lang: Lang };
  const caller = (request: FastifyRequest): Caller => {
    const auth = currentAuth(request);
    if (!auth) throw accountsError('unauthenticated', langOf(request));
    return {
      ...auth,
      operatorId: auth.user.operatorId,
      actor: `operator:${auth.user.id}`,
      lang: langOf(request),
    };
  };

  const audit = (
    trx: Kysely<Database>,
    request: FastifyRequest,
    c: Caller,
    action: string,
    subject: string,
    data: Record<string, unknown>,
    atMs: number,
  ) => appendAudit(trx, { actor: c.actor, action, subject, data: { ip: request.ip ?? null, ...data }, atMs });

  const signedIn = { preHandler: [requireOperator] };
  const changing = { preHandler: [csrf, requireOperator] };

  const ownCase = async (c: Caller, params: unknown): Promise<Case> => {
    const { id } = parse(caseParamsSchema, params, c.lang);
    const found = await findOperatorCase(db, c.operatorId, id);
    if (!found) throw operatorError('case_not_found', c.lang);
    return found;
  };

  // ---- Case queue and detail ---------------------------------------------------------------

  app.get('/api/operator/cases', signedIn, async (request) => {
    const c = caller(request);
    const q = parse(caseQueueQuerySchema, request.query, c.lang);
    const nowMs = now();
    const cases = await listCaseQueue(db, {
      operatorId: c.operatorId,
      ...(q.status === undefined ? {} : { status: q.status }),
      ...(q.decision === undefined ? {} : { decision: q.decision }),
      ...(q.rule === undefined ? {} : { rule: q.rule }),
      ...(q.minScore === undefined ? {} : { minScore: q.minScore }),
      ...(q.olderThanHours === undefined
        ? {}
        : { openedAtOrBeforeMs: nowMs - Math.round(q.olderThanHours * HOUR_MS) }),
      ...(q.before === undefined ? {} : { before: q.before }),
      limit: q.limit ?? 50,
    });
    const views = cases.map((k) => caseView(k, nowMs));
    const last = cases[cases.length - 1];
    return { cases: views, next: cases.length === (q.limit ?? 50) && last ? last.id : null };
  });

  app.get('/api/operator/cases/:id', signedIn, async (request) => {
    const c = caller(request);
    const found = await ownCase(c, request.params);
    const nowMs = now();
    const [events, notices, notes, lock, profiles] = await Promise.all([
      listAccountEvents(db, c.operatorId, found.account, {
        sinceMs: found.openedAtMs - TIMELINE_BEFORE_MS,
        untilMs: found.openedAtMs + TIMELINE_AFTER_MS,
        limit: 200,
      }),
      listNotices(db, found.account, { operatorId: c.operatorId, limit: 50 }),
      listCaseNotes(db, c.operatorId, found.id),
      findActiveLock(db, c.operatorId, found.account),
      loadProfiles<Profile>(db, c.operatorId, [found.account]),
    ]);
    const decisions = await findDecisions(
      db,
      c.operatorId,
      events.map((e) => e.id),
    );
    const profileLock = profiles.get(found.account)?.data.lock ?? null;
    return {
      case: caseView(found, nowMs),
      locked: lock !== undefined || profileLock !== null,
      timeline: events.map((e) => {
        const d = decisions.get(e.id);
        return {
          id: e.id,
          type: e.type,
          at: e.at,
          isCaseEvent: e.id === found.eventId,
          event: withoutLabel(e.event),
          decision:
            d === undefined
              ? null
              : {
                  decision: d.decision,
                  score: d.score,
                  reasons: d.reasons.map((r) => ({ rule: r.rule, points: r.points, message: r.message })),
                  notice: d.notice,
                  case: d.case,
                },
        };
      }),
      notices: notices.map((n) => ({
        ref: n.ref,
        kind: n.kind,
        title: n.title,
        body: n.body,
        lang: n.lang,
        createdAt: isoJapan(n.createdAtMs),
        read: n.readAtMs !== null,
        eventId: n.eventId,
      })),
      notes: notes.map((n) => ({
        id: n.id,
        author: n.authorUserId,
        text: n.text,
        createdAt: isoJapan(n.createdAtMs),
      })),
    };
  });

  // ---- Case actions ------------------------------------------------------------------------

  for (const [path, status, action] of [
    ['confirm-fraud', 'confirmed_fraud', 'case.confirm_fraud'],
    ['mark-legitimate', 'legitimate', 'case.mark_legitimate'],
  ] as const) {
    app.post(`/api/operator/cases/:id/${path}`, changing, async (request) => {
      const c = caller(request);
      const found = await ownCase(c, request.params);
      const atMs = now();
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('cases')
          .set({ status, updated_at_ms: atMs })
          .where('operator_id', '=', c.operatorId)
          .where('id', '=', found.id)
          .execute();
        await audit(
          trx,
          request,
          c,
          action,
          found.account,
          { case: found.id, from: found.status, to: status },
          atMs,
        );
      });
      return { case: caseView({ ...found, status, updatedAtMs: atMs }, atMs) };
    });
  }

  app.post('/api/operator/cases/:id/unlock', changing, async (request) => {
    const c = caller(request);
    const found = await ownCase(c, request.params);
    const [row, profiles] = await Promise.all([
      findActiveLock(db, c.operatorId, found.account),
      loadProfiles<Profile>(db, c.operatorId, [found.account]),
    ]);
    if (row === undefined && (profiles.get(found.account)?.data.lock ?? null) === null) {
      throw operatorError('not_locked', c.lang);
    }
    const atMs = now();
    const engine = options.sessions.for(c.operatorId, c.lang);
    // Between the engine's batches: none in flight can write the locked profile back over this.
    const locksLifted = await engine.exclusive(async () => {
      const n = await db.transaction().execute(async (trx) => {
        const lifted = await unlockAccountState(trx, c.operatorId, found.account, atMs);
        await audit(
          trx,
          request,
          c,
          'account.unlock',
          found.account,
          { case: found.id, method: 'operator', locksLifted: lifted },
          atMs,
        );
        return lifted;
      });
      // The engine caches profiles: drop this one, or it keeps answering `lock` for the account.
      engine.forgetNow(found.account);
      return n;
    });
    return { unlocked: true, account: found.account, locksLifted };
  });

  app.post('/api/operator/cases/:id/notes', changing, async (request, reply) => {
    const c = caller(request);
    const found = await ownCase(c, request.params);
    const { text } = parse(caseNoteBodySchema, request.body, c.lang);
    const atMs = now();
    const note = await db.transaction().execute(async (trx) => {
      const n = await addCaseNote(trx, {
        operatorId: c.operatorId,
        caseId: found.id,
        authorUserId: c.user.id,
        text,
        nowMs: atMs,
      });
      // The note's text stays in case_notes; the audit trail records that one was written.
      await audit(
        trx,
        request,
        c,
        'case.note',
        found.account,
        { case: found.id, note: n.id, length: text.length },
        atMs,
      );
      return n;
    });
    reply.code(201);
    return {
      note: {
        id: note.id,
        author: note.authorUserId,
        text: note.text,
        createdAt: isoJapan(note.createdAtMs),
      },
    };
  });

  // ---- Metrics -----------------------------------------------------------------------------

  app.get('/api/operator/metrics', signedIn, async (request) => {
    const c = caller(request);
    const { hours } = parse(metricsQuerySchema, request.query, c.lang);
    const nowMs = now();
    const sinceMs = windowStartHour(nowMs, hours) * HOUR_MS;
    const [hourly, flagged, outcomes] = await Promise.all([
      countDecisionsByHour(db, c.operatorId, sinceMs),
      listFlaggedDecisions(db, c.operatorId, sinceMs),
      countCaseOutcomes(db, c.operatorId, sinceMs),
    ]);
    const m = computeMetrics({ nowMs, hours, hourly, flagged, outcomes });
    return {
      ...m,
      since: isoJapan(m.sinceMs),
      until: isoJapan(m.untilMs),
      perHour: m.perHour.map((b) => ({ ...b, at: isoJapan(b.startMs) })),
    };
  });

  // ---- Reported phishing and campaigns -----------------------------------------------------

  app.post('/api/operator/reports', changing, async (request, reply) => {
    const c = caller(request);
    const message = parse(reportBodySchema, request.body, c.lang);
    const atMs = now();
    const { report, result } = await db.transaction().execute(async (trx) => {
      const r = await reportPhishing(trx, {
        operatorId: c.operatorId,
        reporter: c.actor,
        message,
        lang: c.lang,
        nowMs: atMs,
      });
      await audit(
        trx,
        request,
        c,
        'phishing.report',
        r.report.id,
        { verdict: r.result.verdict, score: r.result.score },
        atMs,
      );
      return r;
    });
    reply.code(201);
    return { report: reportView(report), result };
  });

  app.get('/api/operator/reports', signedIn, async (request) => {
    const c = caller(request);
    const reports = await listReportedMessages(db, c.operatorId, {
      sinceMs: now() - campaignWindowMs,
      limit: 200,
    });
    return { reports: reports.map(reportView) };
  });

  async function currentCampaigns(operatorId: string) {
    const reports = await listReportedMessages(db, operatorId, { sinceMs: now() - campaignWindowMs });
    const campaigns = groupCampaigns(
      reports.map((r) => ({
        id: r.id,
        text: r.text,
        domains: r.domains,
        phones: r.phones,
        atMs: r.createdAtMs,
        verdict: r.verdict,
      })),
    );
    return { campaigns, byId: new Map(reports.map((r) => [r.id, r])) };
  }

  app.get('/api/operator/campaigns', signedIn, async (request) => {
    const c = caller(request);
    const { minSize } = parse(campaignsQuerySchema, request.query, c.lang);
    const [{ campaigns, byId }, warnings] = await Promise.all([
      currentCampaigns(c.operatorId),
      listCampaignWarnings(db, c.operatorId),
    ]);
    return {
      campaigns: campaigns
        .filter((k) => k.size >= minSize)
        .map((k) => {
          const warned = warnings.filter((w) => w.campaignId === k.id);
          return {
            id: k.id,
            size: k.size,
            firstSeen: isoJapan(k.firstSeenMs),
            lastSeen: isoJapan(k.lastSeenMs),
            domains: k.domains,
            phones: k.phones,
            verdicts: k.verdicts,
            brands: [
              ...new Set(k.reportIds.map((id) => byId.get(id)?.brand).filter((b) => typeof b === 'string')),
            ],
            examples: k.reportIds.slice(0, 3).flatMap((id) => {
              const r = byId.get(id);
              return r ? [reportView(r)] : [];
            }),
            warnings: warned.map((w) => ({ at: isoJapan(w.createdAtMs), recipients: w.recipients })),
          };
        }),
    };
  });

  app.post('/api/operator/campaigns/:id/warn', changing, async (request) => {
    const c = caller(request);
    const { id } = parse(campaignParamsSchema, request.params, c.lang);
    const body = parse(campaignWarnBodySchema, request.body, c.lang);
    const { campaigns } = await currentCampaigns(c.operatorId);
    const campaign = campaigns.find((k) => k.id === id);
    if (!campaign) throw operatorError('campaign_not_found', c.lang);

    const noticeLang: Lang = body.lang ?? c.lang;
    const defaults = campaignWarningText(noticeLang);
    const title = body.title ?? defaults.title;
    const text = body.body ?? defaults.body;
    const problems = [...findNoticeTextProblems(title), ...findNoticeTextProblems(text)];
    if (problems.length > 0) throw operatorError('unsafe_notice_text', c.lang, problems.join('; '));
    // The contract's last line of defence, as every notice sender calls it.
    assertSafeNoticeText(title);
    assertSafeNoticeText(text);

    const subscribers = await listUsers(db, { operatorId: c.operatorId, role: 'subscriber' });
    const accounts = [...new Set(subscribers.map((u) => u.account).filter((a): a is string => a !== null))];
    const atMs = now();
    const warning = await db.transaction().execute(async (trx) => {
      const w = await sendCampaignWarning(trx, {
        operatorId: c.operatorId,
        campaignId: campaign.id,
        sentBy: c.actor,
        title,
        body: text,
        lang: noticeLang,
        nowMs: atMs,
        notices: accounts.map((account) => ({ account, ref: newNoticeReference(randomBytes) })),
      });
      await audit(
        trx,
        request,
        c,
        'campaign.warn',
        campaign.id,
        { warning: w.id, recipients: w.recipients, campaignSize: campaign.size, domains: campaign.domains },
        atMs,
      );
      return w;
    });
    return { campaign: campaign.id, sent: warning.recipients, title, body: text, lang: noticeLang };
  });

  // ---- API keys ----------------------------------------------------------------------------

  app.get('/api/operator/api-keys', signedIn, async (request) => {
    const c = caller(request);
    return { keys: (await listApiKeys(db, c.operatorId)).map(apiKeyView) };
  });

  app.post('/api/operator/api-keys', changing, async (request, reply) => {
    const c = caller(request);
    const { name } = parse(apiKeyBodySchema, request.body, c.lang);
    const atMs = now();
    const created = await db.transaction().execute(async (trx) => {
      const k = await createApiKey(trx, { operatorId: c.operatorId, name, nowMs: atMs });
      await audit(trx, request, c, 'api_key.create', k.key.id, { name, prefix: k.key.prefix }, atMs);
      return k;
    });
    reply.code(201);
    // The secret is shown this once; only its hash is stored.
    return { key: apiKeyView(created.key), secret: created.secret };
  });

  app.delete('/api/operator/api-keys/:id', changing, async (request) => {
    const c = caller(request);
    const { id } = parse(apiKeyParamsSchema, request.params, c.lang);
    const own = (await listApiKeys(db, c.operatorId)).find((k) => k.id === id && k.revokedAtMs === null);
    if (!own) throw operatorError('api_key_not_found', c.lang);
    const atMs = now();
    await db.transaction().execute(async (trx) => {
      await revokeApiKey(trx, own.id, atMs);
      await audit(trx, request, c, 'api_key.revoke', own.id, { name: own.name, prefix: own.prefix }, atMs);
    });
    return { revoked: true, key: apiKeyView({ ...own, revokedAtMs: atMs }) };
  });

  // ---- Webhooks ----------------------------------------------------------------------------

  app.get('/api/operator/webhooks', signedIn, async (request) => {
    const c = caller(request);
    return { webhooks: (await listWebhooks(db, c.operatorId, { all: true })).map(webhookView) };
  });

  app.post('/api/operator/webhooks', changing, async (request, reply) => {
    const c = caller(request);
    const { url } = parse(webhookBodySchema, request.body, c.lang);
    const atMs = now();
    const hook = await db.transaction().execute(async (trx) => {
      const w = await createWebhook(trx, { operatorId: c.operatorId, url, nowMs: atMs });
      await audit(trx, request, c, 'webhook.create', w.id, { url }, atMs);
      return w;
    });
    reply.code(201);
    // The signing secret is shown this once (receivers verify signatures with it).
    return { webhook: webhookView(hook), secret: hook.secret };
  });

  app.delete('/api/operator/webhooks/:id', changing, async (request) => {
    const c = caller(request);
    const { id } = parse(webhookParamsSchema, request.params, c.lang);
    const own = (await listWebhooks(db, c.operatorId, { all: true })).find((w) => w.id === id && w.active);
    if (!own) throw operatorError('webhook_not_found', c.lang);
    const atMs = now();
    await db.transaction().execute(async (trx) => {
      await setWebhookActive(trx, own.id, false);
      await audit(trx, request, c, 'webhook.deactivate', own.id, { url: own.url }, atMs);
    });
    return { deactivated: true, webhook: webhookView({ ...own, active: false }) };
  });
};
