/**
 * SMS-length messages for benchmarks, built from the labelled corpus plus variations: every
 * generated link gets its own random domain or path, so the checker's host memo does not turn
 * the benchmark into a cache test.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const corpusFile = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'eval',
  'checker',
  'corpus',
  'messages.jsonl',
);

export interface BenchMessage {
  text: string;
  sender?: string;
  channel: 'sms';
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TLDS = ['com', 'top', 'xyz', 'jp', 'net', 'shop', 'icu', 'co', 'cn', 'info'];
const WORDS = [
  'docomo',
  'au',
  'softbank',
  'rakuten',
  'smbc',
  'jcb',
  'secure',
  'pay',
  'login',
  'check',
  'info',
  'account',
  'mypage',
  'kddi',
  'card',
];

export function benchMessages(count: number, seed = 1): BenchMessage[] {
  const random = rng(seed);
  const pick = <T>(a: T[]): T => a[Math.floor(random() * a.length)] as T;
  const corpus = readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text: string; channel: string; sender?: string })
    .filter((m) => m.channel === 'sms');
  const out: BenchMessage[] = [];
  for (let i = 0; i < count; i++) {
    const base = pick(corpus);
    // Half the messages get a fresh random domain in place of their links.
    const text =
      random() < 0.5
        ? base.text.replace(/https?:\/\/[^\s\u3000-\u9fff]+/g, () => {
            const label = `${pick(WORDS)}-${Math.floor(random() * 1e6).toString(36)}`;
            return `https://${label}.${pick(TLDS)}/${Math.floor(random() * 1e9).toString(36)}`;
          })
        : base.text;
    out.push({ text, channel: 'sms', ...(base.sender ? { sender: base.sender } : {}) });
  }
  return out;
}
