/**
 * npm run bench:web — the web app's budgets (issue 5): initial JavaScript of the subscriber pages
 * (gzip), and API p95 under 50 concurrent users against the real server in a child process.
 *
 * Options: --users N (50) --seconds N (15)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { startServer, stopServer } from '../test/helpers/spawn-server.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const USERS = arg('users', 50);
const SECONDS = arg('seconds', 15);

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);

// 1. Initial JavaScript: the scripts index.html loads up front (lazy chunks excluded), gzip -9.
execFileSync(process.execPath, ['scripts/build-web.mjs'], { stdio: 'inherit' });
const html = readFileSync('web/dist/index.html', 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]+src="\/app\/([^"]+)"/g),
  ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/app\/([^"]+)"/g),
].map((m) => m[1] as string);
let raw = 0;
let gz = 0;
for (const s of new Set(scripts)) {
  const bytes = readFileSync(join('web/dist', s));
  raw += bytes.length;
  gz += gzipSync(bytes, { level: 9 }).length;
}
console.log(
  `initial JavaScript: ${scripts.length} file(s), ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(1)} KB gzip (budget 150 KB)`,
);

// 2. API latency: 50 signed-in users on the demo data, each repeating the message box, activity
//    and checkup reads of the app's home screens.
const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-web-'));
const server = await startServer(
  { MAMORI_DB_FILE: join(dir, 'web.db'), MAMORI_DEMO: 'on', LOG_LEVEL: 'warn' },
  { timeoutMs: 60_000 },
);
try {
  // One session per user would need 50 sign-ups; the demo subscriber's session is reused by all
  // connections, which is what matters for the server's work per request.
  const csrfRes = await fetch(`${server.url}/api/csrf`);
  const csrfCookie = (csrfRes.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { token } = (await csrfRes.json()) as { token: string };
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: csrfCookie },
    body: JSON.stringify({ email: 'hanako@demo.mamori.example', password: 'demo-Mamori-hanako-2026' }),
  });
  if (signIn.status !== 200) throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
  const cookie = [csrfCookie, ...(signIn.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0])].join(
    '; ',
  );
  const paths = ['/api/notices', '/api/account/activity?days=30', '/api/account/checkup', '/api/account/me'];
  // Every response time is kept, so the p95 of the budget is read off exactly (autocannon's own
  // summary has p90 and p97.5, not p95).
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url,
        connections: USERS,
        duration: SECONDS,
        headers: { cookie },
        requests: paths.map((path) => ({ method: 'GET', path })),
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const q = (p: number) =>
    (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? Number.NaN).toFixed(1);
  console.log(
    `API, ${USERS} concurrent users, ${SECONDS} s (notices, activity, checkup, me in turn): ${result.requests.total} requests, ${Math.round(result.requests.average)} req/s, non-2xx ${result.non2xx}; latency p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p95 ${q(0.95)} ms, p99 ${q(0.99)} ms (budget p95 ≤ 50 ms)`,
  );
} finally {
  await stopServer(server);
  rmSync(dir, { recursive: true, force: true });
}
