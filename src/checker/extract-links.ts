/**
 * Finds links where people really write them: with or without a scheme, glued to Japanese text,
 * in HTML hrefs (with the text shown to the reader), and dangerous `javascript:` / `data:` links.
 * Input text is already normalised (normalize-text.ts).
 */
import { parse } from 'tldts';

export interface FoundLink {
  /** The link as found (after normalisation), scheme added when it had none. */
  url: string;
  /** What the message showed, when different (HTML link text). */
  shownText?: string;
  from: 'text' | 'html';
  hadScheme: boolean;
}

/** CJK, kana and full-width punctuation: where a link glued to Japanese text ends. */
const JAPANESE = /[\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;

const SCHEME_URL = /\b(?:https?|ftp):\/\/[^\s<>"'`「」『』【】（）、。]+/gi;
const SCRIPT_URL = /\b(?:javascript|vbscript|data):[^\s<>"'`]+/gi;
// Host names without a scheme: labels of letters (Latin, Greek, Cyrillic for homoglyphs),
// digits and hyphens, a TLD of letters or punycode, then an optional port and path.
const BARE_HOST =
  /(?<![\w@./:\-\u00c0-\u04ff])(?:[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff](?:[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff-]{0,62})\.)+(?:[a-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]{2,24}|xn--[a-z0-9-]{2,59})(?::\d{1,5})?(?:[/?#][!-~]*)?/gi;
const BARE_IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?(?:\/[!-~]*)?/g;

const TRAILING = /[.,;:!?)\]}'"*]+$/;

function trimLink(s: string): string {
  let out = s;
  // Cut where Japanese text begins (the link was glued to the sentence).
  const j = out.search(JAPANESE);
  if (j >= 0) out = out.slice(0, j);
  // Trailing punctuation belongs to the sentence, but keep a closing paren that has its opener.
  for (;;) {
    const t = out.replace(TRAILING, '');
    if (t === out) break;
    if (out.endsWith(')') && out.includes('(') && t.length === out.length - 1) break;
    out = t;
  }
  return out;
}

/** True when the bare match ends in a real public suffix (so "index.html" or "v1.2" are not links). */
function hasKnownSuffix(candidate: string): boolean {
  const host = candidate.replace(/[:/?#].*$/, '').toLowerCase();
  const p = parse(host, { allowPrivateDomains: true });
  if (!p.domain || !p.publicSuffix) return false;
  return p.isIcann === true || p.isPrivate === true;
}

/** Common file names and abbreviations that look like hosts but are not links. */
const NOT_A_HOST =
  /^(?:[a-z0-9_-]+\.(?:html?|pdf|zip|exe|jpg|jpeg|png|gif|txt|csv|docx?|xlsx?|js|ts|json)|e\.g|i\.e|a\.m|p\.m)$/i;

export function extractLinks(text: string, html?: string): FoundLink[] {
  const found: FoundLink[] = [];
  const seen = new Set<string>();
  const add = (link: FoundLink) => {
    const key = `${link.url}\u0000${link.shownText ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(link);
  };

  if (html) for (const link of extractHtmlLinks(html)) add(link);

  // Mask each match so a later, looser pattern does not find the same link again.
  let rest = text;
  const mask = (m: string, at: number) => {
    rest = rest.slice(0, at) + ' '.repeat(m.length) + rest.slice(at + m.length);
  };
  for (const m of text.matchAll(SCHEME_URL)) {
    const url = trimLink(m[0]);
    if (url.length > 10) add({ url, from: 'text', hadScheme: true });
    mask(m[0], m.index ?? 0);
  }
  for (const m of rest.matchAll(SCRIPT_URL)) {
    add({ url: m[0], from: 'text', hadScheme: true });
    mask(m[0], m.index ?? 0);
  }
  // Host names without a scheme need a dot; most texts left after the scheme pass have none.
  const scan = rest;
  const hasDot = scan.includes('.');
  for (const m of hasDot ? scan.matchAll(BARE_HOST) : []) {
    const raw = trimLink(m[0]);
    if (!raw.includes('.') || NOT_A_HOST.test(raw) || !hasKnownSuffix(raw)) continue;
    add({ url: `http://${raw}`, from: 'text', hadScheme: false });
    mask(m[0], m.index ?? 0);
  }
  for (const m of hasDot ? rest.matchAll(BARE_IPV4) : []) {
    const raw = trimLink(m[0]);
    const octets = raw
      .replace(/[:/].*$/, '')
      .split('.')
      .map(Number);
    if (octets.some((o) => o > 255)) continue;
    add({ url: `http://${raw}`, from: 'text', hadScheme: false });
  }
  return found;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[e.toLowerCase()] ?? whole;
  });
}

/** Visible text of an HTML body: tags dropped, entities decoded, block ends as line breaks. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<(script|style|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<br\s*\/?>|<\/(p|div|tr|li|h\d)>/gi, '\n')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

const ANCHOR = /<a\b[^>]*?\bhref\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
const FORM_ACTION = /<form\b[^>]*?\baction\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi;

function extractHtmlLinks(html: string): FoundLink[] {
  const out: FoundLink[] = [];
  for (const m of html.matchAll(ANCHOR)) {
    const href = decodeEntities((m[2] ?? m[3] ?? m[4] ?? '').trim()).normalize('NFKC');
    if (!href || href.startsWith('#') || /^mailto:|^tel:/i.test(href)) continue;
    const shown = htmlToText(m[5] ?? '').normalize('NFKC');
    const hadScheme = /^[a-z][a-z0-9+.-]*:/i.test(href);
    out.push({
      url: hadScheme ? href : `http://${href.replace(/^\/\//, '')}`,
      from: 'html',
      hadScheme,
      ...(shown ? { shownText: shown } : {}),
    });
  }
  for (const m of html.matchAll(FORM_ACTION)) {
    const action = decodeEntities((m[2] ?? m[3] ?? m[4] ?? '').trim());
    if (/^https?:\/\//i.test(action)) out.push({ url: action, from: 'html', hadScheme: true });
  }
  return out;
}
