/**
 * Runtime configuration from the environment. Parsed once by one zod schema, then frozen
 * (DEVELOPERS.md "One schema library"; style.md §5). Problems are reported together in one
 * ConfigError, one `NAME: message` line each, so an operator fixes them all in one go.
 */
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const MiB = 1024 * 1024;

/** Named defaults (style.md: rate-limit keeps its defaults at the top). */
export const CONFIG_DEFAULTS = Object.freeze({
  HOST: '127.0.0.1',
  PORT: 8080,
  LOG_LEVEL: 'info',
  MAMORI_DB_FILE: './data/mamori.db',
  /** POST /api/check: one message, raw e-mails included. */
  BODY_LIMIT: 1 * MiB,
  /** The events endpoint takes NDJSON batches, so it gets its own, larger limit. */
  EVENTS_BODY_LIMIT: 10 * MiB,
  /** Requests per minute per client IP on POST /api/check. */
  RATE_LIMIT_MAX: 120,
} as const);

const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int(`must be ${what}`)
    .positive(`must be ${what}`);

const envSchema = z.object({
  HOST: z.string().min(1).default(CONFIG_DEFAULTS.HOST),
  PORT: z.coerce
    .number({ error: 'must be a port number (0–65535)' })
    .int('must be a port number (0–65535)')
    .min(0, 'must be a port number (0–65535)')
    .max(65535, 'must be a port number (0–65535)')
    .default(CONFIG_DEFAULTS.PORT),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default(CONFIG_DEFAULTS.LOG_LEVEL),
  DATABASE_URL: z.url({ error: 'must be a URL such as postgres://user@host:5432/mamori' }).optional(),
  MAMORI_DB_FILE: z.string().min(1).default(CONFIG_DEFAULTS.MAMORI_DB_FILE),
  MAMORI_REGISTRY: z.string().min(1).optional(),
  BODY_LIMIT: positiveInt('a positive number of bytes').default(CONFIG_DEFAULTS.BODY_LIMIT),
  EVENTS_BODY_LIMIT: positiveInt('a positive number of bytes').default(CONFIG_DEFAULTS.EVENTS_BODY_LIMIT),
  RATE_LIMIT_MAX: positiveInt('a positive whole number of requests per minute').default(
    CONFIG_DEFAULTS.RATE_LIMIT_MAX,
  ),
  MAMORI_POLICY: z.string().min(1).optional(),
  /**
   * What POST /v1/events answers when storage fails: `closed` holds charges and challenges the
   * rest (safe for subscribers), `open` answers with the engine's own decision unstored.
   */
  STORAGE_FAILURE: z.enum(['closed', 'open'], { error: 'must be closed or open' }).default('closed'),
  /** Signs the session and CSRF cookies; when unset a random one is made once and kept in the database. */
  MAMORI_COOKIE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where people reach the app (passkeys are bound to it); default http://HOST:PORT. */
  PUBLIC_ORIGIN: z.url({ error: 'must be a URL such as https://mamori.example.jp' }).optional(),
  /** On an empty database, seed the marked demo (users @demo.mamori.example); `off` to skip. */
  MAMORI_DEMO: z.enum(['on', 'off'], { error: 'must be on or off' }).default('on'),
});

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** PostgreSQL when set; otherwise the embedded SQLite file below. */
  readonly databaseUrl: string | undefined;
  readonly dbFile: string;
  /** Operator override file for the official sender registry. */
  readonly registryFile: string | undefined;
  /** Bytes, POST /api/check. */
  readonly bodyLimit: number;
  /** Bytes, the events endpoint. */
  readonly eventsBodyLimit: number;
  /** Per minute per IP, POST /api/check. */
  readonly rateLimitMax: number;
  /** Risk engine policy file (default: the built-in policy). */
  readonly policyFile: string | undefined;
  readonly storageFailure: 'closed' | 'open';
  readonly cookieSecret: string | undefined;
  readonly publicOrigin: string | undefined;
  readonly demo: boolean;
}

/** The environment variables this module reads (documented here once). */
export const CONFIG_ENV_NAMES = Object.freeze(Object.keys(envSchema.shape)) as readonly string[];

/**
 * Parses the environment into a frozen Config. An empty variable (`PORT=`) counts as unset, as
 * shells and .env files produce them by accident.
 *
 * @example
 * const config = loadConfig(process.env);
 * app.listen({ host: config.host, port: config.port });
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const picked: Record<string, string> = {};
  for (const name of CONFIG_ENV_NAMES) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value.trim();
  }
  const parsed = envSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${issue.path.map(String).join('.') || '(environment)'}: ${issue.message}`,
    );
    throw new ConfigError('invalid_config', lines.join('\n'));
  }
  const e = parsed.data;
  return Object.freeze({
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    dbFile: e.MAMORI_DB_FILE,
    registryFile: e.MAMORI_REGISTRY,
    bodyLimit: e.BODY_LIMIT,
    eventsBodyLimit: e.EVENTS_BODY_LIMIT,
    rateLimitMax: e.RATE_LIMIT_MAX,
    policyFile: e.MAMORI_POLICY,
    storageFailure: e.STORAGE_FAILURE,
    cookieSecret: e.MAMORI_COOKIE_SECRET,
    publicOrigin: e.PUBLIC_ORIGIN,
    demo: e.MAMORI_DEMO === 'on',
  });
}
