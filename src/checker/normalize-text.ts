/**
 * Text as the checker reads it. Attackers write links full-width (ｈｔｔｐｓ：／／), defanged
 * (hxxp, [.]), with zero-width characters inside, or broken over lines; NFKC plus a few
 * replacements turns all of these back into something a URL pattern can find.
 */

const ZERO_WIDTH = /[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]/g;

/** Ideographic and other dots that NFKC leaves alone but people use inside host names. */
const ODD_DOTS = /(?<=[a-z0-9-])[\u3002\uff61\u2024\u2027\u30fb](?=[a-z0-9-]{2,}(?:[/.:]|$|[^ -~]|\s))/gi;

const DEFANG: Array<[RegExp, string]> = [
  [/\bh(?:xx|\*\*|tt|xt|tx)p(s?)(?=:\/\/|\[:\]\/\/|:\s*\/\/)/gi, 'http$1'],
  [/\[(?:\.|dot)\]|\((?:\.|dot)\)|\{(?:\.|dot)\}|\s\[dot\]\s|\s\(dot\)\s/gi, '.'],
  [/\[:\]|\[colon\]/gi, ':'],
  [/\[\/\]/g, '/'],
  [/\[@\]|\[at\]/gi, '@'],
];

const SPACED_HOST = /\b([a-z0-9][a-z0-9-]{2,62})[ \t]*\.[ \t]*(?<=\s\.|\.\s|\s\.\s)([a-z]{2,12})\b/g;
/** Only common TLDs are re-joined, so ordinary sentences ("end . Then") stay as they are. */
const KNOWN_TLD_HINT =
  /^(com|net|org|jp|top|xyz|icu|cn|shop|vip|cc|info|online|site|click|buzz|live|store|cyou|sbs|cfd|app|dev|me|co|io|asia|biz|link|work|fun)$/;

export interface NormalizedText {
  /** NFKC, zero-width characters removed, defanged links restored, broken links re-joined. */
  text: string;
  /** True when defanging markers were found (links written to slip past filters). */
  defanged: boolean;
}

/** URL that runs to the end of a line, and the next line that looks like its continuation. */
const BROKEN_LINK =
  /((?:https?:\/\/|www\.)[^\s]*?)([-./=?&_%#])[ \t]*\r?\n[ \t]*([A-Za-z0-9][A-Za-z0-9./?=&%_#~+-]*)/g;

export function normalizeText(input: string): NormalizedText {
  let text = input.normalize('NFKC').replace(ZERO_WIDTH, '');
  let defanged = false;
  for (const [re, rep] of DEFANG) {
    const next = text.replace(re, rep);
    if (next !== text) defanged = true;
    text = next;
  }
  text = text.replace(ODD_DOTS, '.');
  // "example-pay . top (スペースを削除して…)": a host spaced out to dodge link filters.
  text = text.replace(SPACED_HOST, (whole, label: string, tld: string) =>
    KNOWN_TLD_HINT.test(tld) ? `${label}.${tld}` : whole,
  );
  // A link cut by a line break: only re-join when the first part ends on a character that cannot
  // end a link (a hyphen, a dot, a slash, '=' …), so ordinary lines after a link stay apart.
  text = text.replace(BROKEN_LINK, (whole, head: string, end: string, tail: string) => {
    if (/^(?:https?|www\.)/i.test(tail)) return whole;
    if (end === '/' && !/[./?=&%_-]/.test(tail)) return whole;
    return head + end + tail;
  });
  return { text, defanged };
}
