/**
 * Attacker-side lookalike domain generator for evaluating the message checker.
 *
 * The fuzzer families follow dnstwist (github.com/elceef/dnstwist, `Fuzzer` class): the names and
 * the idea of each family are theirs, the tables and code here are ours. Added on top of dnstwist:
 * Japanese-specific look-alikes (katakana ー / kanji 一 for the hyphen), flattening of
 * `docomo.ne.jp` into `docomo-ne.jp` / `docomonejp.com` (`various`), and `brand-in-subdomain`
 * (`docomo.ne.jp.secure-verify.com`), which is the most common shape in Japanese smishing.
 *
 * Generation is deterministic: no randomness, output order is fixed by the tables below.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import { parse } from 'tldts';

/** Every fuzzer family, in the order used to break ties when two families produce one domain. */
export const FUZZERS = [
  'omission',
  'repetition',
  'transposition',
  'plural',
  'replacement',
  'insertion',
  'addition',
  'vowel-swap',
  'hyphenation',
  'subdomain',
  'bitsquatting',
  'cyrillic',
  'homoglyph',
  'various',
  'tld-swap',
  'dictionary',
  'brand-in-subdomain',
] as const;

export type FuzzerName = (typeof FUZZERS)[number];

export interface Lookalike {
  fuzzer: FuzzerName;
  /** Host name; Unicode (IDN) lookalikes appear twice: Unicode form and `xn--` form. */
  domain: string;
}

export interface GenerateOptions {
  /** Families to run (default: all of {@link FUZZERS}). */
  fuzzers?: readonly FuzzerName[];
  /** Words for `dictionary` (default {@link DEFAULT_DICTIONARY}). */
  dictionary?: readonly string[];
  /** Suffixes for `tld-swap` (default {@link DEFAULT_TLD_SWAP}). */
  tlds?: readonly string[];
  /** Suffixes the `dictionary` and `brand-in-subdomain` results are placed on. */
  dictionaryTlds?: readonly string[];
  /** Made-up attacker-owned domains used by `brand-in-subdomain`. */
  attackerDomains?: readonly string[];
}

/** Words phishing kits put next to a brand (login-docomo.com, rakuten-card-secure.top). */
export const DEFAULT_DICTIONARY: readonly string[] = [
  'login',
  'security',
  'secure',
  'support',
  'account',
  'verify',
  'info',
  'card',
  'pay',
  'update',
  'jp',
  'official',
  'mypage',
  'my',
  'id',
  'auth',
  'member',
  'service',
  'help',
  'online',
  'net',
  'web',
  'check',
  'confirm',
  'notice',
  'point',
];

/** Abuse-heavy TLDs seen in Japanese smishing (antiphishing.jp monthly reports list .top .cn etc). */
export const ABUSE_TLDS: readonly string[] = ['top', 'xyz', 'icu', 'shop', 'click', 'buzz', 'cn'];

export const DEFAULT_TLD_SWAP: readonly string[] = [
  'com',
  'net',
  'org',
  'co',
  'jp',
  'co.jp',
  'ne.jp',
  'or.jp',
  'info',
  'biz',
  'cc',
  'me',
  'io',
  'app',
  'asia',
  'tokyo',
  'online',
  'site',
  'live',
  'vip',
  'cfd',
  'sbs',
  'link',
  'com.cn',
  ...ABUSE_TLDS,
];

export const DEFAULT_DICTIONARY_TLDS: readonly string[] = [
  'com',
  'net',
  'jp',
  'co.jp',
  'info',
  ...ABUSE_TLDS,
];

/** Made-up attacker domains (not meant to exist) that a brand host is prefixed onto. */
export const DEFAULT_ATTACKER_DOMAINS: readonly string[] = [
  'secure-verify.com',
  'account-check.top',
  'login-auth.xyz',
  'id-confirm.icu',
  'member-support.shop',
  'jp-notice.cn',
];

// QWERTY only: Japanese keyboards (JIS) and phone romaji keyboards share the QWERTY letter layout.
const KEY_ROWS = ['1234567890-', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'] as const;
// Horizontal stagger of each row, in key widths, so neighbours can be found geometrically.
const ROW_OFFSETS = [0, 0.5, 0.75, 1.25] as const;

const KEYBOARD_NEIGHBOURS: ReadonlyMap<string, string> = (() => {
  const keys: { ch: string; row: number; x: number }[] = [];
  KEY_ROWS.forEach((row, r) => {
    [...row].forEach((ch, c) => {
      keys.push({ ch, row: r, x: c + (ROW_OFFSETS[r] ?? 0) });
    });
  });
  const map = new Map<string, string>();
  for (const k of keys) {
    const near = keys.filter((o) => {
      if (o.ch === k.ch) return false;
      const dx = Math.abs(o.x - k.x);
      if (o.row === k.row) return dx === 1;
      return Math.abs(o.row - k.row) === 1 && dx < 1;
    });
    map.set(k.ch, near.map((o) => o.ch).join(''));
  }
  return map;
})();

/** Lookalikes that stay in ASCII (rn→m, l→1, o→0 …); keys may be several characters long. */
const ASCII_GLYPHS: Readonly<Record<string, readonly string[]>> = {
  m: ['rn', 'nn'],
  rn: ['m'],
  nn: ['m'],
  w: ['vv'],
  vv: ['w'],
  d: ['cl'],
  cl: ['d'],
  l: ['1', 'i'],
  i: ['1', 'l'],
  '1': ['l', 'i'],
  o: ['0'],
  '0': ['o'],
  g: ['q', '9'],
  q: ['g'],
  u: ['v'],
  v: ['u'],
  b: ['6'],
  s: ['5'],
  z: ['2'],
  e: ['3'],
  a: ['4'],
};

/**
 * Unicode confusables. Each must survive `domainToASCII` → `domainToUnicode` unchanged (checked at
 * run time), which drops characters UTS #46 maps back to ASCII (e.g. ℓ → l).
 */
const UNICODE_GLYPHS: Readonly<Record<string, readonly string[]>> = {
  a: ['а', 'ɑ', 'α', 'à', 'á', 'â', 'ã', 'ä', 'å', 'ą'],
  b: ['ƅ', 'ḃ'],
  c: ['с', 'ç', 'ć', 'ċ'],
  d: ['ԁ', 'ɗ', 'đ', 'ḍ'],
  e: ['е', 'é', 'è', 'ê', 'ë', 'ė', 'ę', 'ē'],
  g: ['ɡ', 'ġ', 'ğ'],
  h: ['һ', 'ḥ'],
  i: ['і', 'ı', 'í', 'ì', 'î', 'ï'],
  j: ['ј'],
  k: ['κ', 'ḳ'],
  l: ['ӏ', 'ł', 'ḷ'],
  m: ['ṃ'],
  n: ['ո', 'ñ', 'ń'],
  o: ['о', 'ο', 'օ', 'ó', 'ò', 'ô', 'õ', 'ö', 'ø'],
  p: ['р', 'ρ'],
  q: ['ԛ'],
  r: ['ṛ', 'ŕ'],
  s: ['ѕ', 'ś', 'š', 'ş'],
  t: ['ţ', 'ť'],
  u: ['υ', 'ս', 'ú', 'ù', 'û', 'ü'],
  v: ['ν', 'ѵ'],
  w: ['ԝ', 'ẉ'],
  x: ['х'],
  y: ['у', 'ý', 'ÿ'],
  z: ['ż', 'ž', 'ź'],
  // Japanese text renders these as a dash; ー and 一 are registrable in .jp (JPRS allows kana/kanji).
  '-': ['ー', '一', '‐', '−'],
};

/** Whole-script Cyrillic substitution (dnstwist `cyrillic`). */
const CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'ь',
  c: 'с',
  d: 'ԁ',
  e: 'е',
  g: 'ԍ',
  h: 'һ',
  i: 'і',
  j: 'ј',
  k: 'к',
  l: 'ӏ',
  m: 'м',
  n: 'п',
  o: 'о',
  p: 'р',
  q: 'ԛ',
  s: 'ѕ',
  t: 'т',
  v: 'ѵ',
  w: 'ԝ',
  x: 'х',
  y: 'у',
};

const VOWELS = 'aeiou';
const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const LDH_CHAR = /^[a-z0-9-]$/;
const LDH_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** True when `host` holds any non-ASCII character (an IDN in Unicode form). */
export function isUnicodeHost(host: string): boolean {
  for (let i = 0; i < host.length; i++) if (host.charCodeAt(i) > 0x7f) return true;
  return false;
}

/**
 * True when `host` is a syntactically valid host name under a known ICANN public suffix with a
 * registrable part. Unicode hosts are accepted when their IDNA (`xn--`) form is valid and decodes
 * back to exactly the same text.
 */
export function isValidHostname(host: string): boolean {
  if (host.length === 0) return false;
  let ascii = host;
  if (isUnicodeHost(host)) {
    ascii = domainToASCII(host);
    if (ascii === '' || domainToUnicode(ascii) !== host) return false;
  }
  if (ascii !== ascii.toLowerCase() || ascii.length > 253) return false;
  const labels = ascii.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) {
    if (!LDH_LABEL.test(label)) return false;
    // RFC 5891 §4.2.3.1: "--" in positions 3-4 is reserved for A-labels.
    if (label.slice(2, 4) === '--') {
      if (!label.startsWith('xn--')) return false;
      const decoded = domainToUnicode(label);
      if (decoded === '' || decoded === label) return false;
    }
  }
  const tld = labels[labels.length - 1] ?? '';
  if (/^[0-9]+$/.test(tld)) return false;
  const parsed = parse(ascii, { allowPrivateDomains: false });
  return parsed.isIcann === true && parsed.domain !== null && !parsed.isIp;
}

/** Splits a host into the label fuzzed by character-level families and its fixed surroundings. */
interface DomainParts {
  /** Labels left of the registrable label (`cr` in `cr.mufg.jp`), kept by dnstwist-style fuzzers. */
  subdomain: string;
  /** The registrable label (`docomo`, `smbc-card`). */
  label: string;
  /** Public suffix (`ne.jp`, `com`). */
  suffix: string;
}

function splitDomain(domain: string): DomainParts {
  const parsed = parse(domain, { allowPrivateDomains: false });
  if (parsed.domainWithoutSuffix === null || parsed.publicSuffix === null || parsed.isIcann !== true) {
    throw new Error(`Unexpected domain "${domain}", expected a host under a known public suffix`);
  }
  return {
    subdomain: parsed.subdomain ?? '',
    label: parsed.domainWithoutSuffix,
    suffix: parsed.publicSuffix,
  };
}

function join(...parts: string[]): string {
  return parts.filter((p) => p.length > 0).join('.');
}

// --- character-level families: each yields replacement labels for `parts.label` ----------------

function* omission(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) yield label.slice(0, i) + label.slice(i + 1);
}

function* repetition(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) {
    const ch = label[i] ?? '';
    if (ch !== '-') yield label.slice(0, i) + ch + label.slice(i);
  }
}

function* transposition(label: string): Iterable<string> {
  for (let i = 0; i < label.length - 1; i++) {
    const a = label[i] ?? '';
    const b = label[i + 1] ?? '';
    if (a !== b) yield label.slice(0, i) + b + a + label.slice(i + 2);
  }
}

function* replacement(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) {
    for (const k of KEYBOARD_NEIGHBOURS.get(label[i] ?? '') ?? '')
      yield label.slice(0, i) + k + label.slice(i + 1);
  }
}

function* insertion(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) {
    for (const k of KEYBOARD_NEIGHBOURS.get(label[i] ?? '') ?? '') {
      yield label.slice(0, i) + k + label.slice(i);
      yield label.slice(0, i + 1) + k + label.slice(i + 1);
    }
  }
}

function* addition(label: string): Iterable<string> {
  for (const ch of ALNUM) yield label + ch;
  for (const ch of ALNUM) yield ch + label;
}

function* vowelSwap(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) {
    const ch = label[i] ?? '';
    if (!VOWELS.includes(ch)) continue;
    for (const v of VOWELS) if (v !== ch) yield label.slice(0, i) + v + label.slice(i + 1);
  }
}

function* insertSeparator(label: string, sep: string): Iterable<string> {
  for (let i = 1; i < label.length; i++) {
    if (label[i - 1] === '-' || label[i] === '-') continue;
    yield label.slice(0, i) + sep + label.slice(i);
  }
}

function* bitsquatting(label: string): Iterable<string> {
  for (let i = 0; i < label.length; i++) {
    const code = label.charCodeAt(i);
    for (let bit = 0; bit < 8; bit++) {
      const flipped = String.fromCharCode(code ^ (1 << bit));
      if (LDH_CHAR.test(flipped)) yield label.slice(0, i) + flipped + label.slice(i + 1);
    }
  }
}

/** Single substitutions from a glyph table whose keys may span several characters. */
function* substitute(label: string, table: Readonly<Record<string, readonly string[]>>): Iterable<string> {
  const keys = Object.keys(table);
  for (let i = 0; i < label.length; i++) {
    for (const key of keys) {
      if (!label.startsWith(key, i)) continue;
      for (const glyph of table[key] ?? []) yield label.slice(0, i) + glyph + label.slice(i + key.length);
    }
  }
}

function* cyrillic(label: string): Iterable<string> {
  // Whole-label swap (the dnstwist family) plus the realistic partial form: only vowels swapped.
  yield [...label].map((ch) => CYRILLIC[ch] ?? ch).join('');
  yield [...label].map((ch) => (VOWELS.includes(ch) ? (CYRILLIC[ch] ?? ch) : ch)).join('');
}

function* plural(label: string): Iterable<string> {
  yield `${label}s`;
  yield `${label}es`;
}

// --- whole-domain families ---------------------------------------------------------------------

/** Flattening of the suffix or subdomain into the label (`docomo-ne.jp`, `cr-mufg.jp`, `aucom.com`). */
function* various(p: DomainParts): Iterable<string> {
  const suffixLabels = p.suffix.split('.');
  const tld = suffixLabels[suffixLabels.length - 1] ?? p.suffix;
  const dashedSuffix = suffixLabels.join('-');
  const gluedSuffix = suffixLabels.join('');
  if (suffixLabels.length > 1) {
    // docomo.ne.jp → docomo-ne.jp, docomone.jp: the second-level label moved into the name.
    const [second] = suffixLabels;
    yield join(p.subdomain, `${p.label}-${second}`, tld);
    yield join(p.subdomain, `${p.label}${second}`, tld);
  }
  for (const onto of ['com', 'net', tld]) {
    yield join(p.subdomain, `${p.label}-${dashedSuffix}`, onto);
    yield join(p.subdomain, `${p.label}${gluedSuffix}`, onto);
  }
  if (p.subdomain !== '') {
    // cr.mufg.jp → cr-mufg.jp, crmufg.jp, mufg-cr.jp
    const subDashed = p.subdomain.split('.').join('-');
    const subGlued = p.subdomain.split('.').join('');
    for (const onto of [p.suffix, 'com']) {
      yield join(`${subDashed}-${p.label}`, onto);
      yield join(`${subGlued}${p.label}`, onto);
      yield join(`${p.label}-${subDashed}`, onto);
    }
  }
}

function* tldSwap(p: DomainParts, tlds: readonly string[]): Iterable<string> {
  for (const t of tlds) if (t !== p.suffix) yield join(p.subdomain, p.label, t);
}

function* dictionary(p: DomainParts, words: readonly string[], tlds: readonly string[]): Iterable<string> {
  const onto = [p.suffix, ...tlds.filter((t) => t !== p.suffix)];
  for (const t of onto) {
    for (const w of words) {
      yield join(`${p.label}-${w}`, t);
      yield join(`${w}-${p.label}`, t);
      yield join(`${p.label}${w}`, t);
      yield join(`${w}${p.label}`, t);
    }
  }
}

function* brandInSubdomain(
  domain: string,
  p: DomainParts,
  attackerDomains: readonly string[],
  words: readonly string[],
): Iterable<string> {
  const dashed = domain.split('.').join('-');
  for (const a of attackerDomains) {
    yield `${domain}.${a}`; // docomo.ne.jp.secure-verify.com
    yield `www.${domain}.${a}`;
    yield `${p.label}.${a}`; // docomo.secure-verify.com
    yield `${dashed}.${a}`; // docomo-ne-jp.secure-verify.com
  }
  for (const t of ABUSE_TLDS) {
    yield `www-${dashed}.${t}`; // www-docomo-ne-jp.top
    yield `${dashed}.${t}`;
    yield `www.${dashed}.${t}`;
  }
  // docomo.ne.jp-secure.com: the official name is intact, the registrable domain is "jp-secure.com".
  const lastLabel = domain.slice(domain.lastIndexOf('.') + 1);
  const head = domain.slice(0, domain.lastIndexOf('.'));
  for (const w of words.slice(0, 8)) {
    yield `${head}.${lastLabel}-${w}.com`;
    yield `${w}.${head}.${lastLabel}-${w}.${ABUSE_TLDS[0] ?? 'top'}`;
  }
}

/**
 * Generates lookalikes of `domain` (a registrable domain such as `docomo.ne.jp`, or a host under
 * one such as `cr.mufg.jp`, whose leading labels are then kept as dnstwist does).
 *
 * Results exclude the input and invalid host names, are deduplicated (first family in
 * {@link FUZZERS} order wins) and come in a fixed order. Unicode homoglyphs are listed twice,
 * Unicode form first and then its `xn--` form.
 *
 * @example
 * generateLookalikes('abc.com', { fuzzers: ['omission'] })
 * // → [{fuzzer:'omission',domain:'bc.com'}, {fuzzer:'omission',domain:'ac.com'}, {fuzzer:'omission',domain:'ab.com'}]
 */
export function generateLookalikes(domain: string, options: GenerateOptions = {}): Lookalike[] {
  const input = domain.trim().toLowerCase().replace(/\.$/, '');
  const inputAscii = domainToASCII(input) || input;
  const p = splitDomain(inputAscii);
  const enabled = new Set<FuzzerName>(options.fuzzers ?? FUZZERS);
  const words = options.dictionary ?? DEFAULT_DICTIONARY;
  const tlds = options.tlds ?? DEFAULT_TLD_SWAP;
  const dictTlds = options.dictionaryTlds ?? DEFAULT_DICTIONARY_TLDS;
  const attackerDomains = options.attackerDomains ?? DEFAULT_ATTACKER_DOMAINS;

  const labelFamilies: Partial<Record<FuzzerName, (label: string) => Iterable<string>>> = {
    omission,
    repetition,
    transposition,
    replacement,
    insertion,
    addition,
    'vowel-swap': vowelSwap,
    hyphenation: (l) => insertSeparator(l, '-'),
    subdomain: (l) => insertSeparator(l, '.'),
    bitsquatting,
    homoglyph: function* (l) {
      yield* substitute(l, ASCII_GLYPHS);
      yield* substitute(l, UNICODE_GLYPHS);
    },
    cyrillic,
    plural,
  };
  const domainFamilies: Partial<Record<FuzzerName, () => Iterable<string>>> = {
    various: () => various(p),
    'tld-swap': () => tldSwap(p, tlds),
    dictionary: () => dictionary(p, words, dictTlds),
    'brand-in-subdomain': () => brandInSubdomain(inputAscii, p, attackerDomains, words),
  };

  const seen = new Set<string>([inputAscii]);
  const out: Lookalike[] = [];
  const push = (fuzzer: FuzzerName, candidate: string): void => {
    const host = candidate.toLowerCase();
    if (!isValidHostname(host)) return;
    const ascii = domainToASCII(host);
    if (seen.has(host) || seen.has(ascii)) return;
    seen.add(host);
    out.push({ fuzzer, domain: host });
    if (ascii !== host) {
      // Unicode form first, then the punycode form a browser would actually resolve.
      seen.add(ascii);
      out.push({ fuzzer, domain: ascii });
    }
  };

  for (const fuzzer of FUZZERS) {
    if (!enabled.has(fuzzer)) continue;
    const perLabel = labelFamilies[fuzzer];
    if (perLabel !== undefined) {
      for (const label of perLabel(p.label)) push(fuzzer, join(p.subdomain, label, p.suffix));
      continue;
    }
    const whole = domainFamilies[fuzzer];
    if (whole !== undefined) for (const d of whole()) push(fuzzer, d);
  }
  return out;
}
