/**
 * Builds the Mamori HTTP server without listening, so tests drive it with `app.inject` and
 * src/server/main.ts adds only the listening and the signals.
 */
import { randomUUID } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import Fastify, { LogController } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/index.ts';
import type { Policy } from '../engine/index.ts';
import { InputError } from '../errors.ts';
import { EngineSessions } from '../ingest/index.ts';
import type { Registry } from '../registry/index.ts';
import { errorMessage, registerErrorHandler, requestLang } from './error-handler.ts';
import { type AccountsRoutesOptions, accountsRoutes } from './routes/accounts.ts';
import { checkRoutes } from './routes/check.ts';
import { eventsRoutes } from './routes/events.ts';
import { operatorRoutes } from './routes/operator.ts';
import { pageRoutes } from './routes/page.ts';
import { responseRoutes } from './routes/response.ts';
import { subscriberRoutes } from './routes/subscriber.ts';
import { webAppRoutes } from './routes/web-app.ts';
import { registerSecurityHeaders } from './security-headers.ts';

export interface BuildServerOptions {
  config: Config;
  registry: Registry;
  /** A pino logger (src/server/main.ts makes one); without it the server logs nothing. */
  logger?: FastifyBaseLogger;
  /** Storage and policy for the risk engine's POST /v1/events; without it the route is absent. */
  engine?: { db: Kysely<Database>; policy: Policy; noticeKey: Uint8Array; sessions?: EngineSessions };
  /** Subscriber and operator accounts (sign-up, sign-in, 2FA, passkeys); without it the routes are absent. */
  accounts?: AccountsRoutesOptions;
}

/**
 * @example
 * const app = buildServer({ config: loadConfig({}), registry: await loadRegistry() });
 * const res = await app.inject({ method: 'POST', url: '/api/check', payload: { text: '…' } });
 */
export function buildServer({
  config,
  registry,
  logger,
  engine,
  accounts,
}: BuildServerOptions): FastifyInstance {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: false }),
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    // Fastify's own request logs include the full URL; ours (below) name the route instead.
    logController: new LogController({ disableRequestLogging: true }),
  }) as unknown as FastifyInstance;

  registerErrorHandler(app);
  registerSecurityHeaders(app);

  // Structured access log: request id (reqId, from the child logger), route, status, time.
  // Never the body or headers: a checked message may hold personal data.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? '(no route)',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request completed',
    );
  });

  // Rate limits are per route (`config.rateLimit`), so /healthz and the page are never limited.
  void app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (request, context) =>
      new InputError('rate_limited', errorMessage('rate_limited', requestLang(request)), {
        status: context.statusCode,
      }),
  });

  void app.register(async (health) => {
    health.get('/healthz', async () => ({ status: 'ok' }));
  });
  void app.register(pageRoutes);
  void app.register(webAppRoutes);
  void app.register(checkRoutes, { config, registry });
  // One engine session per operator, shared by every route that feeds the engine.
  const sessions = engine ? (engine.sessions ?? new EngineSessions(engine)) : undefined;
  if (engine && sessions) void app.register(eventsRoutes, { config, db: engine.db, sessions });
  if (accounts) void app.register(accountsRoutes, accounts);
  if (accounts && sessions) {
    void app.register(subscriberRoutes, {
      db: accounts.db,
      cookieSecret: accounts.cookieSecret,
      ...(accounts.secure !== undefined ? { secure: accounts.secure } : {}),
      ...(accounts.webauthn !== undefined ? { webauthn: accounts.webauthn } : {}),
      engine: ({ operatorId, lang }) => sessions.for(operatorId, lang),
    });
    void app.register(responseRoutes, {
      db: accounts.db,
      cookieSecret: accounts.cookieSecret,
      ...(accounts.secure !== undefined ? { secure: accounts.secure } : {}),
      registry,
    });
    void app.register(operatorRoutes, {
      db: accounts.db,
      cookieSecret: accounts.cookieSecret,
      ...(accounts.secure !== undefined ? { secure: accounts.secure } : {}),
      sessions,
    });
  }
  return app;
}
