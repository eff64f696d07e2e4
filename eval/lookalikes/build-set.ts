/**
 * Builds the lookalike evaluation set from the registry's official domains.
 *
 *   npx tsx eval/lookalikes/build-set.ts [--per-domain 60]
 *
 * Writes (beside this file):
 * - `lookalikes.jsonl`: `{"brand","official","fuzzer","domain"}` — every line should be flagged;
 * - `officials.jsonl`: `{"brand","domain"}` — official domains and hosts, the 0%-flagged control.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { domainToASCII, fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { FUZZERS, type FuzzerName, generateLookalikes } from './generate.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const DEFAULT_CONTACTS = join(HERE, '../../src/registry/data/official-contacts.json');
export const DEFAULT_PER_DOMAIN = 60;

/** The slice of official-contacts.json this script reads (see official-contacts.README.md). */
export const ContactsSchema = z.object({
  organizations: z.array(
    z.object({
      id: z.string().min(1),
      official_domains: z.array(z.string()).optional(),
      official_hosts_seen: z.array(z.string()).optional(),
      official_shorteners: z.array(z.string()).optional(),
      domain_sources: z.array(z.object({ domain: z.string(), shortener: z.boolean().optional() })).optional(),
    }),
  ),
});
export type Contacts = z.infer<typeof ContactsSchema>;

export interface LookalikeRow {
  brand: string;
  official: string;
  fuzzer: FuzzerName;
  domain: string;
}

export interface OfficialRow {
  brand: string;
  domain: string;
}

export interface BuildSetResult {
  lookalikes: LookalikeRow[];
  officials: OfficialRow[];
  /** Generated candidates dropped because they are, or are under, a domain the file attributes to an organisation. */
  droppedAsOwned: string[];
  /** Official domains not fuzzed because they are shorteners. */
  skippedShorteners: string[];
}

/** `www.americanexpress.com/jp/` → `www.americanexpress.com` (the file records one host with a path). */
function hostOnly(value: string): string {
  return (
    value
      .trim()
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .split('/')[0]
      ?.replace(/\.$/, '') ?? ''
  );
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny seeded PRNG so the sample is the same on every run. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], seed: string): T[] {
  const out = [...items];
  const rnd = seededRandom(fnv1a(seed));
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const a = out[i] as T;
    out[i] = out[j] as T;
    out[j] = a;
  }
  return out;
}

/**
 * Picks up to `limit` lookalikes round-robin over the families, so every family that produced
 * something is represented. A Unicode homoglyph and its `xn--` form are kept together.
 */
export function sampleAcrossFuzzers(
  candidates: readonly { fuzzer: FuzzerName; domain: string }[],
  limit: number,
  seed: string,
): { fuzzer: FuzzerName; domain: string }[] {
  const groupsByFuzzer = new Map<FuzzerName, Map<string, { fuzzer: FuzzerName; domain: string }[]>>();
  for (const c of candidates) {
    const groups = groupsByFuzzer.get(c.fuzzer) ?? new Map();
    groupsByFuzzer.set(c.fuzzer, groups);
    const key = domainToASCII(c.domain) || c.domain;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const queues = FUZZERS.filter((f) => groupsByFuzzer.has(f)).map((f) =>
    shuffled([...(groupsByFuzzer.get(f)?.values() ?? [])], `${seed}|${f}`),
  );
  const picked: { fuzzer: FuzzerName; domain: string }[] = [];
  for (let round = 0; queues.some((q) => round < q.length); round++) {
    for (const q of queues) {
      const group = q[round];
      if (group === undefined) continue;
      if (picked.length + group.length > limit) return picked;
      picked.push(...group);
    }
  }
  return picked;
}

export function buildSet(contacts: Contacts, options: { perDomain?: number } = {}): BuildSetResult {
  const perDomain = options.perDomain ?? DEFAULT_PER_DOMAIN;
  const orgs = contacts.organizations;

  const shorteners = new Set<string>();
  for (const o of orgs) {
    for (const s of o.official_shorteners ?? []) shorteners.add(hostOnly(s));
    for (const s of o.domain_sources ?? []) if (s.shortener === true) shorteners.add(hostOnly(s.domain));
  }
  // Everything the file attributes to some organisation, whatever the source type: a lookalike
  // set must not contain a domain the brand (reportedly) owns, e.g. yahoo.jp or vpass.ne.jp.
  const owned = new Set<string>(shorteners);
  for (const o of orgs) {
    for (const d of [...(o.official_domains ?? []), ...(o.official_hosts_seen ?? [])]) owned.add(hostOnly(d));
    for (const s of o.domain_sources ?? []) owned.add(hostOnly(s.domain));
  }
  const isOwned = (host: string): boolean => {
    const ascii = domainToASCII(host) || host;
    for (const o of owned) if (ascii === o || ascii.endsWith(`.${o}`)) return true;
    return false;
  };

  const officials: OfficialRow[] = [];
  const officialSeen = new Set<string>();
  for (const o of orgs) {
    for (const d of [...(o.official_domains ?? []), ...(o.official_hosts_seen ?? [])]) {
      const host = hostOnly(d);
      const key = `${o.id}|${host}`;
      if (host === '' || officialSeen.has(key)) continue;
      officialSeen.add(key);
      officials.push({ brand: o.id, domain: host });
    }
  }

  const lookalikes: LookalikeRow[] = [];
  const emitted = new Set<string>();
  const droppedAsOwned = new Set<string>();
  const skippedShorteners: string[] = [];
  const fuzzed = new Set<string>();
  for (const o of orgs) {
    for (const raw of o.official_domains ?? []) {
      const official = hostOnly(raw);
      if (shorteners.has(official)) {
        skippedShorteners.push(official);
        continue;
      }
      if (fuzzed.has(official)) continue;
      fuzzed.add(official);
      const candidates = generateLookalikes(official).filter((c) => {
        if (isOwned(c.domain)) {
          droppedAsOwned.add(c.domain);
          return false;
        }
        return !emitted.has(c.domain);
      });
      for (const c of sampleAcrossFuzzers(candidates, perDomain, official)) {
        emitted.add(c.domain);
        lookalikes.push({ brand: o.id, official, fuzzer: c.fuzzer, domain: c.domain });
      }
    }
  }
  return { lookalikes, officials, droppedAsOwned: [...droppedAsOwned].sort(), skippedShorteners };
}

function toJsonl(rows: readonly object[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '');
}

export function main(argv: readonly string[]): void {
  const Args = z.object({ perDomain: z.coerce.number().int().positive().default(DEFAULT_PER_DOMAIN) });
  const i = argv.indexOf('--per-domain');
  const args = Args.parse({ perDomain: i >= 0 ? argv[i + 1] : undefined });
  const contacts = ContactsSchema.parse(JSON.parse(readFileSync(DEFAULT_CONTACTS, 'utf8')));
  const result = buildSet(contacts, { perDomain: args.perDomain });
  writeFileSync(join(HERE, 'lookalikes.jsonl'), toJsonl(result.lookalikes));
  writeFileSync(join(HERE, 'officials.jsonl'), toJsonl(result.officials));

  const perFuzzer = new Map<string, number>(FUZZERS.map((f) => [f, 0]));
  for (const r of result.lookalikes) perFuzzer.set(r.fuzzer, (perFuzzer.get(r.fuzzer) ?? 0) + 1);
  const officialCount = new Set(result.lookalikes.map((r) => r.official)).size;
  console.log(
    `lookalikes.jsonl: ${result.lookalikes.length} lookalikes of ${officialCount} official domains`,
  );
  for (const [f, n] of perFuzzer) console.log(`  ${f.padEnd(20)} ${n}`);
  console.log(`officials.jsonl: ${result.officials.length} official domains and hosts`);
  console.log(
    `dropped as owned by an organisation: ${result.droppedAsOwned.length} (${result.droppedAsOwned.slice(0, 8).join(', ')}${result.droppedAsOwned.length > 8 ? ', …' : ''})`,
  );
  if (result.skippedShorteners.length > 0)
    console.log(`skipped shorteners: ${result.skippedShorteners.join(', ')}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2));
}
