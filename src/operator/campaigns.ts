/**
 * Groups reported phishing messages into campaigns (issue 5 "Reported phishing": same registrable
 * domain, same phone number, or near-identical text). Pure: reports in, campaigns out.
 *
 * Two reports belong to one campaign when they share a non-official link domain, share a
 * non-official phone number, or their normalised texts have a character-shingle Jaccard
 * similarity ≥ `threshold` (default 0.8). The relation is closed transitively (union-find), so a
 * report that links by domain to one and by text to another joins all three.
 */

export interface CampaignReport {
  id: string;
  text: string;
  /** Registrable domains of the message's links that are not the claimed brand's own. */
  domains: readonly string[];
  /** Phone numbers in the message that are not official. */
  phones: readonly string[];
  atMs: number;
  verdict: string;
}

export interface Campaign {
  /** `cmp_` + the id of the campaign's earliest report (stable while that report is kept). */
  id: string;
  size: number;
  firstSeenMs: number;
  lastSeenMs: number;
  domains: string[];
  phones: string[];
  /** How many reports had each verdict. */
  verdicts: Record<string, number>;
  /** Report ids, newest first. */
  reportIds: string[];
}

export interface GroupCampaignsOptions {
  /** Jaccard similarity of text shingles at or above which two texts are "near-identical". */
  threshold?: number;
  /** Characters per shingle (Japanese has no spaces, so shingles are of characters). */
  shingleSize?: number;
}

const URLISH = /\b(?:https?|hxxps?):\/\/\S+|\bwww\.\S+/gi;

/**
 * The text as compared: NFKC (full-width → half-width), lower case, links and digits blanked
 * (campaigns rotate links, amounts and tracking numbers), whitespace and punctuation dropped.
 */
export function normalizeReportText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(URLISH, ' ')
    .replace(/\d+/g, '0')
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** The set of `size`-character shingles of a normalised text (the whole text when shorter). */
export function shingles(normalized: string, size = 3): Set<string> {
  const chars = [...normalized];
  const out = new Set<string>();
  if (chars.length === 0) return out;
  if (chars.length <= size) {
    out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + size <= chars.length; i++) out.add(chars.slice(i, i + size).join(''));
  return out;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (an empty text says nothing). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let both = 0;
  for (const s of small) if (large.has(s)) both++;
  return both / (a.size + b.size - both);
}

class UnionFind {
  readonly #parent: number[];
  constructor(n: number) {
    this.#parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.#parent[root] !== root) root = this.#parent[root] as number;
    let cur = i;
    while (this.#parent[cur] !== root) {
      const next = this.#parent[cur] as number;
      this.#parent[cur] = root;
      cur = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Campaigns of the given reports, biggest first (then most recently seen).
 *
 * @example
 * const campaigns = groupCampaigns(reports); // [{ id: 'cmp_rpt_1', size: 3, domains: ['docomo-pay.top'], … }]
 */
export function groupCampaigns(
  reports: readonly CampaignReport[],
  options: GroupCampaignsOptions = {},
): Campaign[] {
  const threshold = options.threshold ?? 0.8;
  const size = options.shingleSize ?? 3;
  // Oldest first, so the root of each group is its earliest report.
  const sorted = [...reports].sort((a, b) => a.atMs - b.atMs || a.id.localeCompare(b.id));
  const uf = new UnionFind(sorted.length);

  const byKey = new Map<string, number>();
  sorted.forEach((r, i) => {
    const keys = [
      ...r.domains.map((d) => `d:${d.toLowerCase()}`),
      ...r.phones.map((p) => `p:${p.replace(/[\s-]/g, '')}`),
    ];
    for (const key of keys) {
      const first = byKey.get(key);
      if (first === undefined) byKey.set(key, i);
      else uf.union(first, i);
    }
  });

  // Near-identical text. Jaccard ≥ t needs |small| ≥ t·|large|, so after sorting by shingle
  // count each text is compared only with the window of sizes that could reach the threshold.
  const sets = sorted.map((r) => shingles(normalizeReportText(r.text), size));
  const order = sets.map((_, i) => i).sort((a, b) => (sets[a]?.size ?? 0) - (sets[b]?.size ?? 0));
  for (let x = 0; x < order.length; x++) {
    const i = order[x] as number;
    const si = sets[i] as Set<string>;
    if (si.size === 0) continue;
    for (let y = x + 1; y < order.length; y++) {
      const j = order[y] as number;
      const sj = sets[j] as Set<string>;
      if (si.size < threshold * sj.size) break;
      if (uf.find(i) === uf.find(j)) continue;
      if (jaccard(si, sj) >= threshold) uf.union(i, j);
    }
  }

  const groups = new Map<number, CampaignReport[]>();
  sorted.forEach((r, i) => {
    const root = uf.find(i);
    const g = groups.get(root);
    if (g) g.push(r);
    else groups.set(root, [r]);
  });

  const campaigns: Campaign[] = [];
  for (const members of groups.values()) {
    const first = members[0] as CampaignReport;
    const last = members[members.length - 1] as CampaignReport;
    const verdicts: Record<string, number> = {};
    for (const m of members) verdicts[m.verdict] = (verdicts[m.verdict] ?? 0) + 1;
    campaigns.push({
      id: `cmp_${first.id}`,
      size: members.length,
      firstSeenMs: first.atMs,
      lastSeenMs: last.atMs,
      domains: [...new Set(members.flatMap((m) => m.domains.map((d) => d.toLowerCase())))].sort(),
      phones: [...new Set(members.flatMap((m) => m.phones))].sort(),
      verdicts,
      reportIds: members.map((m) => m.id).reverse(),
    });
  }
  return campaigns.sort((a, b) => b.size - a.size || b.lastSeenMs - a.lastSeenMs || a.id.localeCompare(b.id));
}
