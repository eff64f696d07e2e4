/**
 * Who a host belongs to, and which brand it pretends to be when it belongs to none. Covers the
 * lookalike families dnstwist generates: addition, omission, repetition, replacement,
 * transposition, insertion, vowel swap, hyphenation, bitsquatting (all within a small edit
 * distance of an official label), homoglyphs incl. Unicode confusables and punycode (same UTS #39
 * skeleton), subdomain splits, TLD swaps, dictionary words (brand keyword inside a foreign
 * label) and brand names in a foreign domain's subdomains or path.
 */
import { domainToUnicode } from 'node:url';
import type { SourceType } from '../registry/index.ts';
import { findDomainOwners, findShortenerOwners, type RegistryIndex } from '../registry/index.ts';
import { BoundedCache } from './bounded-cache.ts';
import { editDistance } from './edit-distance.ts';
import { hostSkeleton } from './skeleton.ts';
import type { UrlFacts } from './url-facts.ts';

export type ClaimKind =
  | 'lookalike_domain'
  | 'homoglyph_domain'
  | 'tld_swap'
  | 'brand_in_domain'
  | 'brand_in_subdomain'
  | 'brand_in_path';

export interface DomainClaim {
  brandId: string;
  kind: ClaimKind;
  /** What is imitated: an official domain or a brand keyword. */
  imitates: string;
}

export interface HostClass {
  /** Brands for which this host is an official domain or host (with the fact's source type). */
  owners: Array<{ brandId: string; sourceType: SourceType }>;
  /** Brands with an official host under this registrable domain, which itself is not listed. */
  parentOf: string[];
  /** Brands that (reportedly) use this exact host as their own shortener. */
  shortenerOf: string[];
  claims: DomainClaim[];
}

/** Real, unrelated services whose names sit one letter away from a registry brand. */
const KNOWN_DISTINCT = new Set(['paypal.com', 'paypal.me', 'oricon.co.jp', 'yahoo.com', 'rakuten.com']);

/** Precomputed per index: skeletons of official labels. */
interface LabelForms {
  brandId: string;
  label: string;
  domain: string;
  suffix: string;
  skel: string;
  squashed: string;
}
const formsCache = new WeakMap<RegistryIndex, LabelForms[]>();

function labelForms(index: RegistryIndex): LabelForms[] {
  let forms = formsCache.get(index);
  if (!forms) {
    forms = index.officialLabels.map((o) => {
      const skel = hostSkeleton(o.label);
      return {
        brandId: o.brandId,
        label: o.label,
        domain: o.domain,
        suffix: o.suffix,
        skel,
        squashed: skel.replace(/-/g, ''),
      };
    });
    formsCache.set(index, forms);
  }
  return forms;
}

const SHORT_KEYWORD_AFFIXES = [
  'card',
  'pay',
  'id',
  'jp',
  'web',
  'login',
  'net',
  'mobile',
  'bank',
  'secure',
  'official',
  'notice',
  'info',
  'support',
  'account',
  'member',
  'com',
  'co',
  'cojp',
  'nejp',
  'ne',
  'gojp',
];

function keywordIn(kw: string, tokens: string[], squashed: string): boolean {
  if (kw.length >= 6) return squashed.includes(kw.replace(/-/g, ''));
  if (kw.length >= 4) {
    return (
      squashed.startsWith(kw) ||
      squashed.endsWith(kw) ||
      tokens.some((t) => t.startsWith(kw) || t.endsWith(kw))
    );
  }
  // Two- and three-letter brands (au, uq, jcb) only as a whole token or with a service word.
  return tokens.some(
    (t) => t === kw || t === `my${kw}` || SHORT_KEYWORD_AFFIXES.some((a) => t === kw + a || t === a + kw),
  );
}

function tokensOf(s: string): string[] {
  return s.split(/[-_.\d]+/).filter(Boolean);
}

/** Keywords by skeleton, so "dоcomo-login" (Cyrillic о) finds docomo like "docomo-login" does. */
const keywordCache = new WeakMap<RegistryIndex, Array<{ skel: string; keyword: string; brands: string[] }>>();

function keywordSkeletons(index: RegistryIndex) {
  let list = keywordCache.get(index);
  if (!list) {
    const byKeyword = new Map(index.keywords);
    // An official label is a brand word too (lycorp-security, antiphishing, gov-online).
    for (const o of index.officialLabels) {
      const list = byKeyword.get(o.label) ?? [];
      if (!list.includes(o.brandId)) byKeyword.set(o.label, [...list, o.brandId]);
    }
    list = [...byKeyword].map(([keyword, brands]) => ({ skel: hostSkeleton(keyword), keyword, brands }));
    keywordCache.set(index, list);
  }
  return list;
}

function keywordClaims(index: RegistryIndex, skel: string): Array<{ brandId: string; keyword: string }> {
  const tokens = tokensOf(skel);
  const squashed = skel.replace(/[-_.]/g, '');
  const out: Array<{ brandId: string; keyword: string }> = [];
  for (const k of keywordSkeletons(index)) {
    if (keywordIn(k.skel, tokens, squashed))
      for (const brandId of k.brands) out.push({ brandId, keyword: k.keyword });
  }
  return out;
}

/**
 * How many edits still count as imitation. Longer names tolerate more; short names (au, jcb,
 * kddi) only one, and only on the brand's own suffix, where the imitation is plausible.
 */
function maxEdits(officialLength: number, sameSuffix: boolean): number {
  if (officialLength >= 9) return 2;
  if (officialLength >= 6) return sameSuffix ? 2 : 1;
  if (officialLength >= 5) return 1;
  return sameSuffix ? 1 : 0;
}

const hostCache = new WeakMap<RegistryIndex, BoundedCache<HostClass>>();

/** Classification of a host, memoised per registry; path claims are added per URL. */
export function classifyHost(index: RegistryIndex, facts: UrlFacts): HostClass {
  if (!facts.host || facts.ip) return { owners: [], parentOf: [], shortenerOf: [], claims: [] };
  let cache = hostCache.get(index);
  if (!cache) {
    cache = new BoundedCache<HostClass>(10_000);
    hostCache.set(index, cache);
  }
  const base = cache.get(facts.host, () => classifyHostOnly(index, facts));
  if (base.owners.length > 0 || base.claims.length > 0 || !facts.rest) return base;
  const pathClaims = claimsInPath(index, facts.rest);
  return pathClaims.length > 0 ? { ...base, claims: pathClaims } : base;
}

function claimsInPath(index: RegistryIndex, rest: string): DomainClaim[] {
  const path = rest.toLowerCase();
  const out: DomainClaim[] = [];
  for (const o of labelForms(index)) {
    if (path.includes(o.domain)) out.push({ brandId: o.brandId, kind: 'brand_in_path', imitates: o.domain });
  }
  for (const [kw, brands] of index.keywords) {
    if (kw.length >= 5 && path.includes(kw)) {
      for (const brandId of brands) {
        if (!out.some((c) => c.brandId === brandId))
          out.push({ brandId, kind: 'brand_in_path', imitates: kw });
      }
    }
  }
  return out;
}

function classifyHostOnly(index: RegistryIndex, facts: UrlFacts): HostClass {
  const result: HostClass = { owners: [], parentOf: [], shortenerOf: [], claims: [] };
  if (!facts.host || facts.ip) return result;

  const owners = findDomainOwners(index, facts.host);
  if (owners.length > 0) {
    result.owners = owners.map((o) => ({ brandId: o.brand.id, sourceType: o.fact.sourceType }));
    return result;
  }
  result.shortenerOf = findShortenerOwners(index, facts.host).map((o) => o.brand.id);
  const parents = index.parentDomains.get(facts.icannDomain ?? facts.domain);
  if (parents) result.parentOf = parents.map((b) => b.id);
  if (KNOWN_DISTINCT.has(facts.domain) || result.parentOf.length > 0) return result;

  const claims = new Map<string, DomainClaim>();
  const add = (c: DomainClaim) => {
    const key = `${c.brandId}|${c.kind}`;
    if (!claims.has(key)) claims.set(key, c);
  };

  const unicodeLabel = facts.label.startsWith('xn--')
    ? domainToUnicode(`${facts.label}.x`).slice(0, -2) || facts.label
    : facts.label;
  const skel = hostSkeleton(unicodeLabel);
  const squashed = skel.replace(/-/g, '');
  const unicodeSub = facts.subdomain ? domainToUnicode(`${facts.subdomain}.x`).slice(0, -2) : '';
  const subSkel = hostSkeleton(unicodeSub);
  // "doc.omo.ne.jp" → "docomo": the subdomain fuzzer splits the brand label with a dot.
  const joinedSkel = `${subSkel}${skel}`.replace(/[-.]/g, '');

  for (const o of labelForms(index)) {
    if (facts.label === o.label) {
      if (facts.publicSuffix !== o.suffix) add({ brandId: o.brandId, kind: 'tld_swap', imitates: o.domain });
      continue;
    }
    if (skel === o.skel || (squashed === o.squashed && squashed.length >= 4)) {
      const onlyHyphens = unicodeLabel.replace(/-/g, '') === o.label.replace(/-/g, '');
      add({
        brandId: o.brandId,
        kind: onlyHyphens ? 'lookalike_domain' : 'homoglyph_domain',
        imitates: o.domain,
      });
      continue;
    }
    const sameSuffix = facts.publicSuffix === o.suffix;
    const max = maxEdits(o.label.length, sameSuffix);
    const rawSquashed = unicodeLabel.toLowerCase().replace(/-/g, '');
    if (
      max > 0 &&
      (editDistance(squashed, o.squashed, max) <= max ||
        editDistance(rawSquashed, o.label.replace(/-/g, ''), max) <= max)
    ) {
      add({ brandId: o.brandId, kind: 'lookalike_domain', imitates: o.domain });
      continue;
    }
    // Plural / suffixed forms: docomos.ne.jp, mufges.jp
    if (
      o.label.length >= 4 &&
      sameSuffix &&
      /^(?:s|es|z|x)$/.test(rawSquashed.slice(o.label.length)) &&
      rawSquashed.startsWith(o.label)
    ) {
      add({ brandId: o.brandId, kind: 'lookalike_domain', imitates: o.domain });
      continue;
    }
    if (subSkel && joinedSkel === o.squashed && (o.squashed.length >= 4 || sameSuffix)) {
      add({ brandId: o.brandId, kind: 'lookalike_domain', imitates: o.domain });
      continue;
    }
    // An official domain written into the subdomain: docomo.ne.jp.secure-check.xyz
    if (
      facts.subdomain &&
      (`.${facts.subdomain}.`.includes(`.${o.domain}.`) || facts.subdomain.endsWith(o.domain))
    ) {
      add({ brandId: o.brandId, kind: 'brand_in_subdomain', imitates: o.domain });
    }
  }

  for (const k of keywordClaims(index, skel))
    add({ brandId: k.brandId, kind: 'brand_in_domain', imitates: k.keyword });
  if (subSkel) {
    for (const k of keywordClaims(index, subSkel)) {
      add({ brandId: k.brandId, kind: 'brand_in_subdomain', imitates: k.keyword });
    }
  }
  result.claims = [...claims.values()];
  return result;
}
