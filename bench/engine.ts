/**
 * npm run bench:engine — the risk engine's speed and memory:
 *   1. replay: simulated events through decide() and SQLite (a file, WAL), profiles, decisions,
 *      notices and cases written, in batches as `mamori replay` does;
 *   2. HTTP ingest: the real server in a child process, this process as the load generator on
 *      loopback, open-loop at a fixed event rate; latency percentiles per request;
 *   3. memory per profile: heap growth per cached profile and the stored JSON size.
 *
 * Options: --subscribers N (3000) --days N (30) --rate EVENTS_PER_S (2000) --seconds N (20)
 *          --per-request N (1) --warmup SECONDS (5) --skip-replay --skip-http
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createApiKey, openDatabase } from '../src/db/index.ts';
import {
  type AccountEvent,
  DEFAULT_POLICY,
  decide,
  emptyGlobalState,
  emptyProfile,
  type Profile,
} from '../src/engine/index.ts';
import { EngineSession, toCandidate } from '../src/ingest/index.ts';
import { simulate } from '../src/sim/index.ts';
import { startServer, stopServer } from '../test/helpers/spawn-server.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SUBSCRIBERS = arg('subscribers', 3000);
const DAYS = arg('days', 30);
const RATE = arg('rate', 2000);
const SECONDS = arg('seconds', 20);
const PER_REQUEST = arg('per-request', 1);
const WARMUP = arg('warmup', 5);

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-engine-'));

try {
  const events = [...simulate({ seed: 11, subscribers: SUBSCRIBERS, days: DAYS })] as AccountEvent[];
  const lines = events.map((e) => JSON.stringify(e));
  console.log(`events: ${events.length} (${SUBSCRIBERS} subscribers × ${DAYS} days, simulator seed 11)`);

  // 1a. decide() alone, for reference.
  {
    const profiles = new Map<string, Profile>();
    let global = emptyGlobalState(DEFAULT_POLICY);
    const t0 = performance.now();
    for (const event of events) {
      const r = decide({
        profile: profiles.get(event.account) ?? emptyProfile(event.account),
        event,
        policy: DEFAULT_POLICY,
        global,
      });
      profiles.set(event.account, r.profile);
      global = r.global;
    }
    const s = (performance.now() - t0) / 1000;
    console.log(`decide() only: ${Math.round(events.length / s)} events/s`);
  }

  // 1b. Replay with storage: parse + validate each line, decide, store (SQLite file, WAL).
  if (!process.argv.includes('--skip-replay')) {
    const opened = await openDatabase({ file: join(dir, 'replay.db'), backgroundCheckpoints: true });
    const session = new EngineSession({
      db: opened.db,
      operatorId: 'default',
      policy: DEFAULT_POLICY,
      noticeKey: new Uint8Array(32),
    });
    const t0 = performance.now();
    let out = 0;
    // As `mamori replay` does: batches are handed in ahead, so that one is decided while the
    // one before it is written.
    const answers: Promise<void>[] = [];
    for (let i = 0; i < lines.length; i += 5000) {
      const batch = lines.slice(i, i + 5000).map((l) => toCandidate(JSON.parse(l)));
      answers.push(
        session.process(batch).then((decisions) => {
          for (const d of decisions) out += JSON.stringify(d).length;
        }),
      );
      if (answers.length >= 3) await answers.shift();
    }
    await Promise.all(answers);
    const s = (performance.now() - t0) / 1000;
    console.log(
      `replay with SQLite writes: ${Math.round(events.length / s)} events/s (${s.toFixed(1)} s; ${(out / 2 ** 20).toFixed(0)} MiB of decisions)`,
    );
    await session.flush();
    await opened.close();
  }

  // 3. Memory per profile.
  {
    const profiles: Profile[] = [];
    const byAccount = new Map<string, Profile>();
    let global = emptyGlobalState(DEFAULT_POLICY);
    for (const event of events) {
      const r = decide({
        profile: byAccount.get(event.account) ?? emptyProfile(event.account),
        event,
        policy: DEFAULT_POLICY,
        global,
      });
      byAccount.set(event.account, r.profile);
      global = r.global;
    }
    for (const p of byAccount.values()) profiles.push(p);
    const sizes = profiles.map((p) => JSON.stringify(p).length).sort((a, b) => a - b);
    const avg = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    // Heap per profile: deep copies of the final profiles, measured with GC before and after.
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage().heapUsed;
    const copies = profiles.map((p) => JSON.parse(JSON.stringify(p)) as Profile);
    gc?.();
    const after = process.memoryUsage().heapUsed;
    console.log(
      `profiles: ${profiles.length}; JSON size avg ${avg.toFixed(0)} B, p99 ${sizes[Math.floor(sizes.length * 0.99)]} B, max ${sizes.at(-1)} B; heap ${gc ? `${((after - before) / copies.length).toFixed(0)} B per profile` : 'n/a (run with --expose-gc)'}`,
    );
  }

  // 2. HTTP ingest at a fixed rate, server in another process. The load generator keeps only the
  // request bodies, so that its own garbage collection does not show up as server latency.
  if (!process.argv.includes('--skip-http')) {
    events.length = 0;
    (globalThis as { gc?: () => void }).gc?.();
    const file = join(dir, 'http.db');
    const setup = await openDatabase({ file });
    const { secret } = await createApiKey(setup.db, {
      operatorId: 'default',
      name: 'bench',
      nowMs: Date.now(),
    });
    await setup.close();
    // The server logs as it does by default (one access line per request, at info).
    const logFile = join(dir, 'server.log');
    const server = await startServer(
      { MAMORI_DB_FILE: file },
      { logFile, nodeFlags: process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [] },
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const { hostname, port } = new URL(server.url);
    const post = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const t = performance.now();
        const req = request(
          {
            agent,
            hostname,
            port,
            path: '/v1/events',
            method: 'POST',
            headers: {
              authorization: `Bearer ${secret}`,
              'content-type': 'application/x-ndjson',
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            res.resume();
            res.on('end', () =>
              res.statusCode === 200
                ? resolve(performance.now() - t)
                : reject(new Error(`HTTP ${res.statusCode}`)),
            );
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      // Warm-up at the target rate, not measured: until the server's hot code is compiled by the
      // JIT (its first ~3 s run several times slower), so the figures describe a running service.
      const total = Math.min(lines.length, Math.round(RATE * (SECONDS + WARMUP)));
      const requests = Math.floor(total / PER_REQUEST);
      const intervalMs = (1000 * PER_REQUEST) / RATE;
      const latencies: number[] = [];
      let errors = 0;
      const inflight: Promise<void>[] = [];
      const start = performance.now();
      for (let r = 0; r < requests; r++) {
        const due = start + r * intervalMs;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((res) => setTimeout(res, wait));
        const body = lines.slice(r * PER_REQUEST, (r + 1) * PER_REQUEST).join('\n');
        const warm = r * intervalMs < WARMUP * 1000;
        inflight.push(
          post(body).then(
            (ms) => {
              if (!warm) latencies.push(ms);
            },
            () => {
              errors++;
            },
          ),
        );
      }
      await Promise.all(inflight);
      const elapsed = (performance.now() - start) / 1000;
      latencies.sort((a, b) => a - b);
      const q = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? Number.NaN;
      console.log(
        `HTTP ingest: ${requests} requests × ${PER_REQUEST} event(s) at ${RATE} events/s target, achieved ${Math.round((requests * PER_REQUEST) / elapsed)} events/s; latency p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, p99 ${q(0.99).toFixed(2)} ms, max ${q(1).toFixed(1)} ms; errors ${errors}`,
      );
    } finally {
      agent.destroy();
      await stopServer(server);
      // BENCH_SERVER_LOG=FILE keeps what the server printed (with BENCH_SERVER_FLAGS=--trace-gc, say).
      if (process.env.BENCH_SERVER_LOG) copyFileSync(logFile, process.env.BENCH_SERVER_LOG);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
