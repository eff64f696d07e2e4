/**
 * POST /v1/events (../shared/contracts/events.md "HTTP"): one event, a JSON array, or NDJSON
 * (`Content-Type: application/x-ndjson`), with `Authorization: Bearer <api key>`. Answers
 * `{"decisions": [...]}` in input order, an error object in place of each invalid event. Each
 * decision is stored before it is returned; when storage fails the answer follows STORAGE_FAILURE
 * (503 with fallback decisions marked `"stored": false`, so the client resends later —
 * a repeated id is answered from storage and changes nothing).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { type Database, findApiKeyByHash, hashApiKey, touchApiKey } from '../../db/index.ts';
import type { Decision } from '../../engine/index.ts';
import { MamoriError } from '../../errors.ts';
import type { DecisionOrError, EngineSessions } from '../../ingest/engine-session.ts';
import { candidatesFromBody, type EventCandidate } from '../../ingest/read-events.ts';

export interface EventsRouteOptions {
  config: Config;
  db: Kysely<Database>;
  /** The engine sessions shared with the subscriber routes (one per operator). */
  sessions: EngineSessions;
}

const querySchema = z.object({ lang: z.enum(['ja', 'en'], { error: 'must be ja or en' }).optional() });

/** Keys are looked up by hash; a short memo spares a query per request (revocation applies within it). */
const KEY_MEMO_MS = 30_000;

function fallback(
  candidates: readonly EventCandidate[],
  mode: 'closed' | 'open',
  lang: 'ja' | 'en',
): Array<DecisionOrError & { stored?: false }> {
  return candidates.map((c) => {
    if (!c.ok) return c.error;
    const e = c.event;
    const closed = mode === 'closed';
    const decision: Decision & { stored: false } = {
      event: e.id,
      account: e.account,
      decision: closed ? (e.type === 'charge' || e.type === 'card_change' ? 'hold' : 'challenge') : 'allow',
      score: closed ? 50 : 0,
      reasons: [
        {
          rule: 'storage_unavailable',
          points: 0,
          message:
            lang === 'en'
              ? 'The decision could not be stored; resend this event later'
              : '判定を保存できなかったため、後でこのイベントを再送してください',
        },
      ],
      notice: null,
      case: null,
      stored: false,
    };
    return decision;
  });
}

export const eventsRoutes: FastifyPluginAsync<EventsRouteOptions> = async (app, { config, db, sessions }) => {
  // Parse bodies here, line by line, so one bad event cannot fail the whole request.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/x-ndjson'],
    { parseAs: 'string' },
    (_req, body, done) => {
      done(null, body);
    },
  );

  // Keep the cross-account state on a clean shutdown (it is saved periodically otherwise).
  app.addHook('onClose', async () => {
    await sessions.flushAll().catch(() => undefined);
  });
  const keyMemo = new Map<string, { operatorId: string; keyId: string; until: number }>();

  async function authenticate(request: FastifyRequest): Promise<string> {
    const header = request.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1])
      throw new MamoriError('unauthorized', 'missing or malformed Authorization: Bearer <api key>', {
        status: 401,
      });
    const hash = hashApiKey(m[1]);
    const now = Date.now();
    const memo = keyMemo.get(hash);
    if (memo && memo.until > now) return memo.operatorId;
    const key = await findApiKeyByHash(db, hash);
    if (!key) throw new MamoriError('unauthorized', 'unknown or revoked API key', { status: 401 });
    if (keyMemo.size > 1000) keyMemo.clear();
    keyMemo.set(hash, { operatorId: key.operatorId, keyId: key.id, until: now + KEY_MEMO_MS });
    void touchApiKey(db, key.id, now).catch(() => undefined);
    return key.operatorId;
  }

  app.post('/v1/events', { bodyLimit: config.eventsBodyLimit }, async (request, reply) => {
    const operatorId = await authenticate(request);
    const query = querySchema.safeParse(request.query);
    if (!query.success) throw new MamoriError('invalid_request', 'lang must be ja or en');
    const lang = query.data.lang ?? 'ja';
    if (typeof request.body !== 'string') {
      throw new MamoriError('unsupported_media_type', 'send application/json or application/x-ndjson', {
        status: 415,
      });
    }
    const ndjson = (request.headers['content-type'] ?? '').includes('ndjson');
    const candidates = candidatesFromBody(request.body, ndjson);
    if ('error' in candidates) throw new MamoriError(candidates.error.code, candidates.error.message);

    try {
      const decisions = await sessions.for(operatorId, lang).process(candidates);
      return { decisions };
    } catch (error) {
      request.log.error(
        { errType: (error as Error).name, code: (error as { code?: unknown }).code },
        'storage failed; answering with fallback decisions',
      );
      reply.code(503);
      return {
        decisions: fallback(candidates, config.storageFailure, lang),
        error: {
          code: 'storage_unavailable',
          message: 'decisions could not be stored; resend the events later',
        },
      };
    }
  });
};
