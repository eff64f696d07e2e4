/**
 * npm run bench:statements — a 1,000,000-line card statement (Shift_JIS, card-basic-ja layout,
 * a year of charges with test charges, bursts, duplicates, gift cards and foreign rows mixed in)
 * written to a temporary file and reviewed through the streaming path (`mamori statement review
 * FILE --json --out FILE`) in a child process; prints lines/s and the child's peak RSS. A
 * 100,000-line file is reviewed too: flat memory means the two peaks are close.
 *
 * Options: --lines N (default 1000000), --small-lines N (default 100000), --keep (keep the files)
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import Encoding from 'encoding-japanese';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const MERCHANTS = [
  'ヤマネコ運輸',
  'ミナト電力',
  'サクラ薬局',
  'ｺﾝﾋﾞﾆｴﾝｽ ﾐﾄﾞﾘ',
  'ソバ処 カネダ',
  'ハツウリ書店',
  'ＡＢＣ電器',
  'エムエス動画 月額プラン',
  'GOOGLE *Google Play',
  'オンラインギフト券ストア',
  'STEAMGAMES.COM 4259522985',
  'GLOBAL BOOKS LTD',
  'マルマル鉄道 定期券',
  'ウェブマネー チャージ',
];

/** Deterministic pseudo-random numbers (mulberry32), so every run reviews the same statement. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function toSjis(text: string): Buffer {
  return Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
}

async function writeStatement(path: string, lines: number): Promise<void> {
  const rand = random(42);
  const out = createWriteStream(path);
  out.write(
    toSjis(
      'カード名称,ベンチマークカード\r\nお支払日,2027年1月27日\r\nご利用日,ご利用店名,ご利用金額,支払区分,今回ご請求額,備考\r\n',
    ),
  );
  // Many distinct shops too (a long history names thousands), so per-merchant state is exercised.
  const merchant = () =>
    rand() < 0.7
      ? (MERCHANTS[Math.floor(rand() * MERCHANTS.length)] as string)
      : `加盟店${Math.floor(rand() * 20_000)}`;
  let written = 0;
  while (written < lines) {
    let text = '';
    for (let i = 0; i < 10_000 && written < lines; i++, written++) {
      // Dates run through 2026 in order, as statements do.
      const dayOfYear = Math.floor((written / lines) * 365);
      const date = new Date(Date.UTC(2026, 0, 1 + dayOfYear));
      const d = `${date.getUTCFullYear()}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${String(date.getUTCDate()).padStart(2, '0')}`;
      const amount = rand() < 0.1 ? Math.floor(rand() * 500) + 1 : Math.floor(rand() * 20_000) + 100;
      const shown = rand() < 0.02 ? `△${amount.toLocaleString('en-US')}` : amount.toLocaleString('en-US');
      text += `${d},${merchant()},"${shown}",1回払い,"${shown}",\r\n`;
    }
    if (!out.write(toSjis(text))) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

/** Child: review FILE through the command's streaming path, print a JSON line of figures. */
async function child(file: string, outFile: string): Promise<void> {
  const { run } = await import('../src/cli/commands/statement.ts');
  const sink = new (await import('node:stream')).Writable({ write: (_c, _e, done) => done() });
  const started = performance.now();
  const report = await run(
    { file, json: true, out: outFile },
    { stdin: Readable.from([]), stdout: sink, stderr: sink, env: {}, now: () => performance.now() },
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      lines: report.summary.lines + report.rowErrors,
      flagged: report.summary.flaggedLines,
      seconds,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
    }),
  );
}

async function main(): Promise<void> {
  const childAt = process.argv.indexOf('--child');
  if (childAt >= 0) return child(process.argv[childAt + 1] as string, process.argv[childAt + 2] as string);
  const LINES = arg('lines', 1_000_000);
  const SMALL = arg('small-lines', 100_000);
  console.log(
    `machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'mamori-bench-statements-'));
  try {
    for (const lines of [SMALL, LINES]) {
      const file = join(dir, `statement-${lines}.csv`);
      const t0 = performance.now();
      await writeStatement(file, lines);
      const mib = statSync(file).size / 2 ** 20;
      console.log(
        `\n${lines.toLocaleString('en-US')} lines: ${mib.toFixed(1)} MiB Shift_JIS, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', file, join(dir, 'review.ndjson')],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      if (result.status !== 0) throw new Error(`review failed: ${result.stderr}`);
      const figures = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as {
        lines: number;
        flagged: number;
        seconds: number;
        maxRssMiB: number;
      };
      console.log(
        `  reviewed ${figures.lines.toLocaleString('en-US')} lines (${figures.flagged.toLocaleString('en-US')} flagged) in ${figures.seconds.toFixed(1)} s: ${Math.round(figures.lines / figures.seconds).toLocaleString('en-US')} lines/s (two passes), peak RSS ${figures.maxRssMiB.toFixed(0)} MiB`,
      );
    }
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`files kept in ${dir}`);
  }
}

await main();
