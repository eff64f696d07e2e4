/**
 * npm run bench:checker — single-thread throughput and latency of checkMessage on SMS-length
 * messages, then a 100,000-line batch through `mamori check --batch` in a child process with its
 * peak RSS (and a 10,000-line batch for comparison: flat memory means the two are close).
 *
 * Options: --messages N (default 50000), --batch-lines N (default 100000), --skip-batch
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { checkMessage } from '../src/checker/index.ts';
import { benchMessages } from './sms-generator.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const N = arg('messages', 50_000);
const BATCH = arg('batch-lines', 100_000);

console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);

const messages = benchMessages(N);
const avgLen = messages.reduce((s, m) => s + m.text.length, 0) / messages.length;
for (let i = 0; i < 5_000; i++) checkMessage(messages[i % messages.length] as (typeof messages)[number]);

const times = new Float64Array(N);
const start = process.hrtime.bigint();
let prev = start;
for (let i = 0; i < N; i++) {
  checkMessage(messages[i] as (typeof messages)[number]);
  const now = process.hrtime.bigint();
  times[i] = Number(now - prev) / 1e6;
  prev = now;
}
const totalMs = Number(prev - start) / 1e6;
times.sort();
const q = (p: number) => times[Math.min(N - 1, Math.floor(p * N))] ?? 0;
console.log(`checkMessage: ${N} SMS (avg ${avgLen.toFixed(0)} chars), one thread`);
console.log(`  throughput ${(N / (totalMs / 1000)).toFixed(0)} messages/s`);
console.log(
  `  latency p50 ${(q(0.5) * 1000).toFixed(1)} µs, p99 ${(q(0.99) * 1000).toFixed(1)} µs, max ${(q(1) * 1000).toFixed(0)} µs`,
);

if (!process.argv.includes('--skip-batch')) {
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-'));
  try {
    for (const lines of [10_000, BATCH]) {
      const file = join(dir, `batch-${lines}.jsonl`);
      const msgs = benchMessages(lines, 7);
      writeFileSync(file, msgs.map((m, i) => JSON.stringify({ id: `m${i}`, ...m })).join('\n'));
      const t0 = Date.now();
      // /usr/bin/time -f %M prints the child's peak resident set size (KiB) on stderr.
      const child = spawnSync(
        '/usr/bin/time',
        [
          '-f',
          'maxrss_kib=%M',
          process.execPath,
          '--import',
          'tsx',
          'src/cli/main.ts',
          'check',
          '--batch',
          file,
          '--out',
          join(dir, 'out.jsonl'),
        ],
        { encoding: 'utf8' },
      );
      const seconds = (Date.now() - t0) / 1000;
      const rss = /maxrss_kib=(\d+)/.exec(child.stderr)?.[1];
      if (child.status !== 0 || !rss) throw new Error(`batch run failed: ${child.stderr}`);
      console.log(
        `batch ${lines} lines: ${seconds.toFixed(1)} s wall incl. start-up, peak RSS ${(Number(rss) / 1024).toFixed(0)} MiB`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
