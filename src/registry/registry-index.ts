/**
 * Lookup structures over a Registry, built once per registry object and cached (the checker runs
 * tens of thousands of messages a second, so no lookup may scan every brand).
 */
import { getDomain, getPublicSuffix } from 'tldts';
import { phoneDigits } from './build-registry.ts';
import type { Brand, Fact, PhoneFact, Registry } from './types.ts';

export interface DomainOwner {
  brand: Brand;
  fact: Fact;
}

export interface AliasHit {
  brandId: string;
  alias: string;
  index: number;
}

export interface OfficialLabel {
  brandId: string;
  /** Registrable domain without its public suffix: docomo (docomo.ne.jp), smbc-card (smbc-card.com). */
  label: string;
  /** The registrable domain, e.g. docomo.ne.jp */
  domain: string;
  suffix: string;
}

export interface RegistryIndex {
  registry: Registry;
  hosts: Map<string, DomainOwner[]>;
  /** Registrable parents of official hosts that are not listed themselves (mufg.jp for cr.mufg.jp). */
  parentDomains: Map<string, Brand[]>;
  shorteners: Map<string, DomainOwner[]>;
  phones: Map<string, Array<{ brand: Brand; fact: PhoneFact }>>;
  smsSenders: Map<string, DomainOwner[]>;
  spoofedSenders: Map<string, DomainOwner[]>;
  emailDomains: Map<string, DomainOwner[]>;
  emailAddresses: Map<string, DomainOwner[]>;
  officialLabels: OfficialLabel[];
  /** keyword → brand ids, for brand words inside foreign domains. */
  keywords: Map<string, string[]>;
  aliasTrie: TrieNode;
  /** Char codes that start some alias: most positions in a text are skipped with one lookup. */
  aliasFirstChars: Set<number>;
  /** group → ids of the brands in it (docomo → docomo, ahamo). */
  groupMembers: Map<string, Set<string>>;
  aliasBrands: Map<string, string[]>;
}

const cache = new WeakMap<Registry, RegistryIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface TrieNode {
  next: Map<string, TrieNode>;
  alias: string | null;
}

const ASCII_WORD = /[a-z0-9]/;

/** Lower-case, NFKC (full-width → ASCII), whitespace collapsed: the form aliases are matched in. */
export function foldForMatch(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** Normalises an SMS sender id for lookup: names folded, numbers reduced to digits. */
export function senderKey(sender: string): string {
  const folded = foldForMatch(sender).trim();
  if (/^[+#]?[\d\s()-]+$/.test(folded)) return phoneDigits(folded);
  return folded.replace(/\s+/g, ' ');
}

export function registryIndex(registry: Registry): RegistryIndex {
  const hit = cache.get(registry);
  if (hit) return hit;

  const hosts = new Map<string, DomainOwner[]>();
  const parentDomains = new Map<string, Brand[]>();
  const shorteners = new Map<string, DomainOwner[]>();
  const phones = new Map<string, Array<{ brand: Brand; fact: PhoneFact }>>();
  const smsSenders = new Map<string, DomainOwner[]>();
  const spoofedSenders = new Map<string, DomainOwner[]>();
  const emailDomains = new Map<string, DomainOwner[]>();
  const emailAddresses = new Map<string, DomainOwner[]>();
  const officialLabels: OfficialLabel[] = [];
  const keywords = new Map<string, string[]>();
  const aliasBrands = new Map<string, string[]>();
  const labelSeen = new Set<string>();

  for (const brand of registry.brands) {
    for (const fact of brand.domains) {
      push(hosts, fact.value, { brand, fact });
      const registrable = getDomain(fact.value);
      if (registrable && registrable !== fact.value) {
        if (!brand.domains.some((d) => d.value === registrable)) push(parentDomains, registrable, brand);
      }
      if (registrable) {
        const suffix = getPublicSuffix(registrable) ?? '';
        const label = registrable.slice(0, registrable.length - suffix.length - 1);
        const key = `${brand.id}|${registrable}`;
        if (label && !labelSeen.has(key)) {
          labelSeen.add(key);
          officialLabels.push({ brandId: brand.id, label, domain: registrable, suffix });
        }
      }
    }
    for (const fact of brand.shorteners) push(shorteners, fact.value, { brand, fact });
    for (const fact of brand.phones) push(phones, fact.digits, { brand, fact });
    for (const fact of brand.smsSenders) push(smsSenders, senderKey(fact.value), { brand, fact });
    for (const fact of brand.spoofedSenderNames) push(spoofedSenders, senderKey(fact.value), { brand, fact });
    for (const fact of brand.emailSenderDomains) push(emailDomains, fact.value, { brand, fact });
    for (const fact of brand.emailSenderAddresses) push(emailAddresses, fact.value, { brand, fact });
    for (const kw of brand.domainKeywords) {
      const list = keywords.get(kw) ?? [];
      if (!list.includes(brand.id)) list.push(brand.id);
      keywords.set(kw, list);
    }
    for (const alias of brand.aliases) {
      const key = foldForMatch(alias);
      const list = aliasBrands.get(key) ?? [];
      if (!list.includes(brand.id)) list.push(brand.id);
      aliasBrands.set(key, list);
    }
  }

  // A trie over the aliases with spaces removed: one pass over the text finds every alias at
  // every position (a big regex alternation was the checker's slowest step).
  const aliasTrie: TrieNode = { next: new Map(), alias: null };
  for (const alias of aliasBrands.keys()) {
    let node = aliasTrie;
    for (const ch of alias.replace(/\s+/g, '')) {
      let child = node.next.get(ch);
      if (!child) {
        child = { next: new Map(), alias: null };
        node.next.set(ch, child);
      }
      node = child;
    }
    node.alias = alias;
  }

  const aliasFirstChars = new Set([...aliasTrie.next.keys()].map((c) => c.charCodeAt(0)));
  const groupMembers = new Map<string, Set<string>>();
  for (const brand of registry.brands) {
    const set = groupMembers.get(brand.group) ?? new Set<string>();
    set.add(brand.id);
    groupMembers.set(brand.group, set);
  }

  const index: RegistryIndex = {
    groupMembers,
    registry,
    hosts,
    parentDomains,
    shorteners,
    phones,
    smsSenders,
    spoofedSenders,
    emailDomains,
    emailAddresses,
    officialLabels,
    keywords,
    aliasTrie,
    aliasFirstChars,
    aliasBrands,
  };
  cache.set(registry, index);
  return index;
}

/** Owners of a host: the host itself or any parent listed as official (subdomains inherit). */
export function findDomainOwners(index: RegistryIndex, host: string): DomainOwner[] {
  let h = host.toLowerCase().replace(/\.$/, '');
  for (;;) {
    const owners = index.hosts.get(h);
    if (owners) return owners;
    const dot = h.indexOf('.');
    if (dot < 0) return [];
    h = h.slice(dot + 1);
  }
}

/** Brands whose official shortener host is this host. */
export function findShortenerOwners(index: RegistryIndex, host: string): DomainOwner[] {
  return index.shorteners.get(host.toLowerCase()) ?? [];
}

export function findPhoneOwners(
  index: RegistryIndex,
  digits: string,
): Array<{ brand: Brand; fact: PhoneFact }> {
  return index.phones.get(digits) ?? [];
}

/**
 * Aliases of brands found in a text (already folded with foldForMatch). Spaces inside the text
 * are skipped while matching ("My  docomo" finds "my docomo"). ASCII aliases need word
 * boundaries so that "au" does not match inside "because"; Japanese ones do not.
 */
export function findAliases(index: RegistryIndex, folded: string): AliasHit[] {
  const out: AliasHit[] = [];
  const n = folded.length;
  const firsts = index.aliasFirstChars;
  for (let start = 0; start < n; start++) {
    if (!firsts.has(folded.charCodeAt(start))) continue;
    let node: TrieNode | undefined = index.aliasTrie;
    let best: { alias: string; end: number } | null = null;
    for (let i = start; i < n && node; i++) {
      const ch = folded[i] ?? '';
      if (ch === ' ' && i > start) continue;
      node = node.next.get(ch);
      if (node?.alias) best = { alias: node.alias, end: i + 1 };
    }
    if (!best) continue;
    if (/^[\x20-\x7e]+$/.test(best.alias)) {
      const before = folded[start - 1] ?? '';
      const after = folded[best.end] ?? '';
      if (ASCII_WORD.test(before) || ASCII_WORD.test(after)) continue;
    }
    for (const brandId of index.aliasBrands.get(best.alias) ?? [])
      out.push({ brandId, alias: best.alias, index: start });
    start = best.end - 1;
  }
  return out;
}
