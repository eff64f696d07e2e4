/**
 * Test support (not exported from index.ts): a bare Fastify app with the shared error handler
 * and the accounts plugin, and a small browser-like client (cookie jar + CSRF header) for
 * `app.inject`.
 */
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/index.ts';
import { registerErrorHandler } from '../server/error-handler.ts';
import { type AccountsRoutesOptions, accountsRoutes } from '../server/routes/accounts.ts';
import type { SecurityEvent } from './security-events.ts';

export const TEST_COOKIE_SECRET = 'test-cookie-secret-0123456789abcdef-long-enough';
export const TEST_ORIGIN = 'https://mamori.test';
export const TEST_RP_ID = 'mamori.test';

/** A strong password by zxcvbn (score 4) that the tests reuse. */
export const STRONG_PASSWORD = 'kawa-sakana-hikari-73-sora!';

export interface TestApp {
  app: FastifyInstance;
  clock: { now: number };
  events: SecurityEvent[];
}

export async function buildTestApp(
  db: Kysely<Database>,
  overrides: Partial<AccountsRoutesOptions> = {},
): Promise<TestApp> {
  const clock = { now: Date.UTC(2026, 10, 25, 5, 0, 0) };
  const events: SecurityEvent[] = [];
  const app = Fastify({ logger: false });
  registerErrorHandler(app);
  await app.register(accountsRoutes, {
    db,
    cookieSecret: TEST_COOKIE_SECRET,
    // Cheapest argon2id the settings allow, so tests stay fast; production uses DEFAULT_ARGON2.
    argon2: { memoryCost: 1024, timeCost: 1, parallelism: 1 },
    webauthn: { rpID: TEST_RP_ID, origin: TEST_ORIGIN },
    // Every test client shares one address; the per-IP limit has its own test with a low max.
    ipRateLimit: { max: 10_000, timeWindowMs: 60_000 },
    now: () => clock.now,
    onSecurityEvent: (e) => {
      events.push(e);
    },
    ...overrides,
  });
  await app.ready();
  return { app, clock, events };
}

/** One browser: keeps cookies between requests and sends the CSRF token it fetched. */
export class TestClient {
  readonly jar = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    private readonly ip = '192.0.2.10',
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { 'user-agent': 'vitest-browser/1.0', ...options.headers };
    if (this.jar.size > 0) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (options.csrf !== false && this.csrfToken !== undefined) headers['x-csrf-token'] = this.csrfToken;
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.ip,
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
    for (const c of res.cookies as Array<{ name: string; value: string; expires?: Date; maxAge?: number }>) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return res;
  }

  async fetchCsrf(): Promise<string> {
    const res = await this.request('GET', '/api/csrf');
    const token = (res.json() as { token: string }).token;
    this.csrfToken = token;
    return token;
  }

  post(url: string, payload?: unknown, options?: { csrf?: boolean }) {
    return this.request('POST', url, payload, options);
  }

  get(url: string) {
    return this.request('GET', url);
  }

  delete(url: string, options?: { csrf?: boolean }) {
    return this.request('DELETE', url, undefined, options);
  }

  async signUp(email: string, password = STRONG_PASSWORD) {
    if (this.csrfToken === undefined) await this.fetchCsrf();
    return this.post('/api/auth/sign-up', { email, password });
  }

  async signIn(email: string, password = STRONG_PASSWORD) {
    if (this.csrfToken === undefined) await this.fetchCsrf();
    return this.post('/api/auth/sign-in', { email, password });
  }
}
