import { readFileSync } from 'node:fs';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildSet, ContactsSchema, sampleAcrossFuzzers } from './build-set.ts';
import { FUZZERS, generateLookalikes, isUnicodeHost } from './generate.ts';

const contacts = ContactsSchema.parse(
  JSON.parse(
    readFileSync(new URL('../../src/registry/data/official-contacts.json', import.meta.url), 'utf8'),
  ),
);

describe('buildSet on the registry file', () => {
  const result = buildSet(contacts);
  const owned = new Set<string>();
  for (const o of contacts.organizations) {
    for (const d of [...(o.official_domains ?? []), ...(o.official_hosts_seen ?? [])])
      owned.add(d.split('/')[0] ?? d);
    for (const s of o.official_shorteners ?? []) owned.add(s);
    for (const s of o.domain_sources ?? []) owned.add(s.domain);
  }

  it('never emits an official domain, or a host under one', () => {
    for (const { domain } of result.lookalikes) {
      const ascii = domainToASCII(domain);
      for (const o of owned) {
        expect(ascii === o || ascii.endsWith(`.${o}`), `${domain} vs ${o}`).toBe(false);
      }
    }
  });

  it('represents every fuzzer family, caps each official domain and has no duplicate domains', () => {
    expect(new Set(result.lookalikes.map((r) => r.fuzzer))).toEqual(new Set(FUZZERS));
    const perOfficial = new Map<string, number>();
    for (const r of result.lookalikes) perOfficial.set(r.official, (perOfficial.get(r.official) ?? 0) + 1);
    for (const n of perOfficial.values()) expect(n).toBeLessThanOrEqual(60);
    const names = result.lookalikes.map((r) => r.domain);
    expect(new Set(names).size).toBe(names.length);
  });

  it('covers every organisation that has official domains, and skips none without cause', () => {
    const withDomains = contacts.organizations
      .filter((o) => (o.official_domains ?? []).length > 0)
      .map((o) => o.id);
    expect(new Set(result.lookalikes.map((r) => r.brand))).toEqual(new Set(withDomains));
  });

  it('lists official domains and hosts (paths stripped) as the control set', () => {
    const control = result.officials.map((r) => `${r.brand} ${r.domain}`);
    expect(control).toEqual(
      expect.arrayContaining(['docomo docomo.ne.jp', 'docomo service.smt.docomo.ne.jp']),
    );
    expect(control).toContain('amex_jp www.americanexpress.com');
    for (const r of result.officials) expect(r.domain).not.toContain('/');
  });

  it('drops fuzz results that land on another organisation’s domain (softbank.jp ↔ softbank.ne.jp)', () => {
    expect(result.droppedAsOwned).toEqual(expect.arrayContaining(['softbank.jp', 'softbank.ne.jp']));
  });

  it('is deterministic', () => {
    expect(buildSet(contacts)).toEqual(result);
  });
});

describe('sampleAcrossFuzzers', () => {
  it('keeps a Unicode homoglyph next to its punycode form', () => {
    const candidates = generateLookalikes('docomo.ne.jp');
    const picked = sampleAcrossFuzzers(candidates, 60, 'x');
    const names = picked.map((p) => p.domain);
    for (const n of names) {
      if (isUnicodeHost(n)) expect(names).toContain(domainToASCII(n));
    }
    expect(picked.length).toBeLessThanOrEqual(60);
    expect(new Set(picked.map((p) => p.fuzzer))).toEqual(new Set(FUZZERS));
  });
});
