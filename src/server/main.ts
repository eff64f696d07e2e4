/**
 * `npm start`: load the config and the registry, listen on HOST:PORT (default 127.0.0.1:8080),
 * log the URL, and shut down gracefully on SIGINT/SIGTERM (in-flight requests finish first).
 * A bad environment or registry file stops the start with its `path: message` lines, exit 1.
 */
import { pino } from 'pino';
import { loadPolicyFile } from '../cli/commands/replay.ts';
import type { Config } from '../config.ts';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/index.ts';
import { DEMO_OPERATOR, DEMO_SUBSCRIBER, seedDemoIfEmpty } from '../demo/index.ts';
import { MamoriError } from '../errors.ts';
import { EngineSessions, loadOrCreateCookieSecret, loadOrCreateNoticeKey } from '../ingest/index.ts';
import { loadRegistry } from '../registry/index.ts';
import { startWebhookDispatcher } from '../webhooks/index.ts';
import { buildServer } from './build-server.ts';

/** If closing hangs (a stuck keep-alive client), exit anyway after this long. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  process.stderr.write(`mamori: ${error instanceof MamoriError ? error.message : String(error)}\n`);
  process.exit(1);
}

// Buffered, asynchronous writes: a synchronous write per request line cost the ingest path a
// system call each (pino flushes the buffer when the process exits).
const logger = pino(
  { level: config.logLevel, base: { service: 'mamori' } },
  pino.destination({ dest: 1, sync: false }),
);

try {
  const registry = await loadRegistry({ overrideFile: config.registryFile });
  const policy = await loadPolicyFile(config.policyFile);
  const opened = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { file: config.dbFile, backgroundCheckpoints: true },
  );
  logger.info({ database: opened.location, dialect: opened.dialect }, 'database ready');
  const noticeKey = await loadOrCreateNoticeKey(opened.db);
  const origin = new URL(
    config.publicOrigin ??
      `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`,
  );
  const cookieSecret = config.cookieSecret ?? (await loadOrCreateCookieSecret(opened.db));
  const sessions = new EngineSessions({ db: opened.db, policy, noticeKey });
  if (config.demo) {
    const demo = await seedDemoIfEmpty(opened.db, sessions);
    if (demo.seeded) {
      logger.info(
        { events: demo.events, subscriber: DEMO_SUBSCRIBER.email, operator: DEMO_OPERATOR.email },
        `demo data seeded (MAMORI_DEMO=off to skip): sign in as ${DEMO_SUBSCRIBER.email} / ${DEMO_SUBSCRIBER.password} or ${DEMO_OPERATOR.email} / ${DEMO_OPERATOR.password}`,
      );
    }
  }
  const app = buildServer({
    config,
    registry,
    logger,
    engine: { db: opened.db, policy, noticeKey, sessions },
    accounts: {
      db: opened.db,
      cookieSecret,
      secure: origin.protocol === 'https:',
      webauthn: { rpID: origin.hostname, origin: origin.origin, rpName: 'Mamori' },
    },
  });
  // Webhooks go out from the outbox on their own timer: a slow receiver never delays a decision.
  const dispatcher = startWebhookDispatcher(opened.db, {
    onError: (error) =>
      logger.warn({ errType: (error as Error).name }, 'webhook dispatch failed; will retry'),
  });
  app.addHook('onClose', async () => {
    await dispatcher.stop();
    await opened.close();
  });
  await app.listen({ host: config.host, port: config.port });

  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  logger.info({ url: `http://${host}:${port}/` }, `Mamori is listening on http://${host}:${port}/`);

  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ errType: (error as Error).name }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  if (error instanceof MamoriError) {
    // A bad registry override file: its message names entry and field.
    logger.fatal({ errCode: error.code }, 'cannot start: invalid configuration, registry or policy file');
    process.stderr.write(`mamori: ${error.message}\n`);
  } else {
    logger.fatal(
      { errType: (error as Error).name, code: (error as { code?: unknown }).code },
      (error as Error).message,
    );
  }
  process.exit(1);
}
