import { domainToASCII, domainToUnicode } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZERS, type FuzzerName, generateLookalikes, isUnicodeHost, isValidHostname } from './generate.ts';

function domainsOf(domain: string, fuzzer: FuzzerName): string[] {
  return generateLookalikes(domain, { fuzzers: [fuzzer] }).map((l) => l.domain);
}

describe('generateLookalikes: each family on a small known input', () => {
  it('omission removes one character', () => {
    expect(domainsOf('abc.com', 'omission')).toEqual(['bc.com', 'ac.com', 'ab.com']);
  });

  it('repetition doubles one character', () => {
    expect(domainsOf('abc.com', 'repetition')).toEqual(['aabc.com', 'abbc.com', 'abcc.com']);
  });

  it('transposition swaps neighbours', () => {
    expect(domainsOf('abc.com', 'transposition')).toEqual(['bac.com', 'acb.com']);
  });

  it('replacement uses QWERTY neighbours only', () => {
    const got = domainsOf('abc.com', 'replacement');
    // a's neighbours on QWERTY: q w s z
    expect(got).toEqual(
      expect.arrayContaining(['qbc.com', 'wbc.com', 'sbc.com', 'zbc.com', 'avc.com', 'abx.com']),
    );
    expect(got).not.toContain('pbc.com');
  });

  it('insertion adds a neighbouring key before or after a character', () => {
    expect(domainsOf('abc.com', 'insertion')).toEqual(
      expect.arrayContaining(['aqbc.com', 'qabc.com', 'abvc.com']),
    );
  });

  it('addition appends and prepends a letter or digit', () => {
    const got = domainsOf('abc.com', 'addition');
    expect(got).toEqual(expect.arrayContaining(['abcd.com', 'abc1.com', 'xabc.com']));
  });

  it('vowel-swap replaces vowels with other vowels', () => {
    expect(domainsOf('docomo.ne.jp', 'vowel-swap')).toEqual(
      expect.arrayContaining(['dacomo.ne.jp', 'docomu.ne.jp']),
    );
    expect(domainsOf('xyz.com', 'vowel-swap')).toEqual([]);
  });

  it('hyphenation inserts a hyphen, never next to an existing one', () => {
    expect(domainsOf('abc.com', 'hyphenation')).toEqual(['a-bc.com', 'ab-c.com']);
    expect(domainsOf('smbc-card.com', 'hyphenation')).not.toContain('smbc--card.com');
  });

  it('subdomain inserts a dot inside the label and keeps the suffix', () => {
    expect(domainsOf('abc.com', 'subdomain')).toEqual(['a.bc.com', 'ab.c.com']);
    expect(domainsOf('docomo.ne.jp', 'subdomain')).toContain('doco.mo.ne.jp');
  });

  it('bitsquatting flips one bit and keeps only host characters', () => {
    const got = domainsOf('abc.com', 'bitsquatting');
    // a = 0x61; 0x61 ^ 0x02 = 0x63 'c', 0x61 ^ 0x10 = 0x71 'q'
    expect(got).toEqual(expect.arrayContaining(['cbc.com', 'qbc.com']));
    for (const d of got) expect(d).toMatch(/^[a-z0-9-]+\.com$/);
  });

  it('plural adds s / es', () => {
    expect(domainsOf('abc.com', 'plural')).toEqual(['abcs.com', 'abces.com']);
  });

  it('homoglyph gives ASCII lookalikes (rn→m, l→1, o→0)', () => {
    expect(domainsOf('mail.com', 'homoglyph')).toEqual(expect.arrayContaining(['rnail.com', 'mai1.com']));
    expect(domainsOf('docomo.ne.jp', 'homoglyph')).toEqual(
      expect.arrayContaining(['d0como.ne.jp', 'docorno.ne.jp', 'clocomo.ne.jp']),
    );
  });

  it('homoglyph gives Unicode confusables, each followed by its punycode form that decodes back', () => {
    const got = generateLookalikes('docomo.ne.jp', { fuzzers: ['homoglyph'] });
    const cyrillicO = 'dоcomo.ne.jp'; // U+043E
    const greekO = 'dοcomo.ne.jp'; // U+03BF
    const domains = got.map((l) => l.domain);
    expect(domains).toEqual(expect.arrayContaining([cyrillicO, greekO]));
    const i = domains.indexOf(cyrillicO);
    const puny = domains[i + 1] ?? '';
    expect(puny).toBe(domainToASCII(cyrillicO));
    expect(puny.startsWith('xn--')).toBe(true);
    expect(domainToUnicode(puny)).toBe(cyrillicO);
    // Every Unicode result has its xn-- twin, and every xn-- result decodes to a listed Unicode form.
    for (const d of domains) {
      if (isUnicodeHost(d)) expect(domains).toContain(domainToASCII(d));
      if (d.includes('xn--')) expect(domains).toContain(domainToUnicode(d));
    }
  });

  it('homoglyph covers the Japanese long-vowel mark for a hyphen', () => {
    expect(domainsOf('smbc-card.com', 'homoglyph')).toContain('smbcーcard.com');
  });

  it('cyrillic swaps the whole label (and only the vowels) into Cyrillic', () => {
    const got = domainsOf('abc.com', 'cyrillic');
    expect(got).toContain('аьс.com');
    expect(got).toContain('аbc.com');
    expect(got).toContain(domainToASCII('аьс.com'));
  });

  it('various flattens the suffix and subdomain into the name', () => {
    expect(domainsOf('docomo.ne.jp', 'various')).toEqual(
      expect.arrayContaining(['docomo-ne.jp', 'docomone.jp', 'docomo-ne-jp.com', 'docomonejp.com']),
    );
    expect(domainsOf('cr.mufg.jp', 'various')).toEqual(expect.arrayContaining(['cr-mufg.jp', 'crmufg.jp']));
  });

  it('tld-swap changes the public suffix', () => {
    expect(domainsOf('docomo.ne.jp', 'tld-swap')).toEqual(
      expect.arrayContaining(['docomo.jp', 'docomo.com', 'docomo.net', 'docomo.co.jp', 'docomo.top']),
    );
    expect(domainsOf('rakuten-card.co.jp', 'tld-swap')).toEqual(
      expect.arrayContaining(['rakuten-card.jp', 'rakuten-card.com', 'rakuten-card.co']),
    );
    expect(domainsOf('smbc-card.com', 'tld-swap')).toEqual(
      expect.arrayContaining([
        'smbc-card.net',
        'smbc-card.co',
        'smbc-card.top',
        'smbc-card.xyz',
        'smbc-card.shop',
        'smbc-card.jp',
      ]),
    );
  });

  it('dictionary adds words with and without a hyphen, prefix and suffix, on common and abuse TLDs', () => {
    const got = domainsOf('docomo.ne.jp', 'dictionary');
    expect(got).toEqual(
      expect.arrayContaining([
        'docomo-login.ne.jp',
        'login-docomo.ne.jp',
        'docomologin.ne.jp',
        'mypagedocomo.com',
        'docomo-security.top',
        'docomo-verify.xyz',
        'docomo-support.icu',
        'docomo-info.shop',
        'docomo-pay.click',
        'docomo-update.buzz',
        'docomo-jp.cn',
        'docomo-official.com',
      ]),
    );
  });

  it('brand-in-subdomain keeps the official name inside an attacker domain', () => {
    const got = domainsOf('docomo.ne.jp', 'brand-in-subdomain');
    expect(got).toEqual(
      expect.arrayContaining([
        'docomo.ne.jp.secure-verify.com',
        'www-docomo-ne-jp.top',
        'docomo.ne.jp-login.com',
      ]),
    );
  });

  it('keeps the leading labels of a host below the registrable domain, as dnstwist does', () => {
    expect(domainsOf('cr.mufg.jp', 'omission')).toEqual(['cr.ufg.jp', 'cr.mfg.jp', 'cr.mug.jp', 'cr.muf.jp']);
  });

  it('every family produces something for docomo.ne.jp', () => {
    const families = new Set(generateLookalikes('docomo.ne.jp').map((l) => l.fuzzer));
    expect([...families].sort()).toEqual([...FUZZERS].sort());
  });
});

describe('generateLookalikes: invariants', () => {
  const samples = [
    'docomo.ne.jp',
    'smbc-card.com',
    'rakuten-card.co.jp',
    'au.com',
    'cr.mufg.jp',
    'jp-bank.japanpost.jp',
  ];

  it.each(samples)('%s: no result equals the input, all are valid hosts, no duplicates', (domain) => {
    const got = generateLookalikes(domain);
    expect(got.length).toBeGreaterThan(500);
    const names = got.map((l) => l.domain);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(name).not.toBe(domain);
      expect(domainToASCII(name)).not.toBe(domain);
      expect(isValidHostname(name), name).toBe(true);
      if (!name.includes('xn--') && !isUnicodeHost(name)) expect(name).toMatch(/^[a-z0-9.-]+$/);
    }
  });

  it('is deterministic', () => {
    for (const d of samples) expect(generateLookalikes(d)).toEqual(generateLookalikes(d));
  });

  it('accepts upper case and a trailing dot as the same input', () => {
    expect(generateLookalikes('Docomo.NE.jp.')).toEqual(generateLookalikes('docomo.ne.jp'));
  });

  it('throws on something that is not a domain', () => {
    expect(() => generateLookalikes('localhost')).toThrow(/expected a host under a known public suffix/);
  });

  it('property: for any short label on .com or .co.jp, outputs are valid, distinct and never the input', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z][a-z0-9]{1,7}(-[a-z0-9]{1,4})?$/),
        fc.constantFrom('com', 'co.jp', 'ne.jp'),
        (label, suffix) => {
          const input = `${label}.${suffix}`;
          const names = generateLookalikes(input).map((l) => l.domain);
          expect(new Set(names).size).toBe(names.length);
          for (const n of names) {
            expect(n).not.toBe(input);
            expect(isValidHostname(n)).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('isValidHostname', () => {
  it.each([
    ['docomo.ne.jp', true],
    ['a.u.com', true],
    ['xn--dcomo-jye.com', true],
    ['dоcomo.com', true],
    ['-docomo.com', false],
    ['docomo-.com', false],
    ['ab--cd.com', false],
    ['docomo', false],
    ['ne.jp', false],
    ['docomo.123', false],
    ['doc_omo.com', false],
    ['dℓcomo.com', false], // UTS #46 maps ℓ to l, so this is not the host it looks like
  ])('%s → %s', (host, ok) => {
    expect(isValidHostname(host)).toBe(ok);
  });
});
