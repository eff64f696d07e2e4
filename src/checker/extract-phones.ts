/**
 * Phone numbers as Japanese messages write them: 0120-xxx-xxx, 050, 03, mobile 090/080/070,
 * +81, with hyphens, spaces, brackets or none, full-width digits (already folded by NFKC), plus
 * the short codes carriers and public lines use (151, 157, 188, #9110).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { BoundedCache } from './bounded-cache.ts';

export type PhoneKind =
  | 'toll_free'
  | 'mobile'
  | 'ip_phone'
  | 'fixed'
  | 'navi_dial'
  | 'short_code'
  | 'international'
  | 'other';

export interface FoundPhone {
  /** As written (normalised). */
  raw: string;
  /** National digits for registry matching: 0120524360, 151, #9110. */
  digits: string;
  /** Display form: +81-120-524-360 (contract form), or the short code as written. */
  display: string;
  kind: PhoneKind;
  /** Country calling code for foreign numbers (e.g. 86). */
  countryCode: string | null;
  index: number;
}

// A number: +CC or 0, then digit groups separated by -, space, dot or brackets. Not part of a
// longer digit run (amounts, codes, dates) and not inside a URL.
const PHONE =
  /(?<![\d/.=_A-Za-z%-])(?:\+\d{1,3}[\s-]?\(?0?\)?\s?\d{1,4}|\(?0\d{1,4}\)?)(?:[\s.-]?\(?\d{1,4}\)?){1,3}(?![\d/]|[.,]\d)/g;
const SHORT_CODE =
  /(?<![\d#])(#9110|#8000|#7119|188|151|157|113|116)(?!\d|[,.]\d|円|件|個|回|日|時|分|秒|歳|%)/g;

function kindOf(type: string | undefined, national: string): PhoneKind {
  if (national.startsWith('0570')) return 'navi_dial';
  switch (type) {
    case 'TOLL_FREE':
      return 'toll_free';
    case 'MOBILE':
      return 'mobile';
    case 'VOIP':
      return 'ip_phone';
    case 'FIXED_LINE':
    case 'FIXED_LINE_OR_MOBILE':
      return 'fixed';
    case 'SHARED_COST':
    case 'UAN':
      return 'navi_dial';
    default:
      return 'other';
  }
}

type ParsedPhone = Omit<FoundPhone, 'raw' | 'index'>;
const phoneCache = new BoundedCache<ParsedPhone | false>(10_000);

/** Parsing with full metadata is the costly step; the same numbers recur across messages. */
function readPhone(raw: string): ParsedPhone | null {
  return phoneCache.get(raw, () => parsePhone(raw) ?? false) || null;
}

function parsePhone(raw: string): ParsedPhone | null {
  const digitCount = raw.replace(/\D/g, '').length;
  if (digitCount < 9 || digitCount > 15) return null;
  const parsed = parsePhoneNumberFromString(raw, 'JP');
  if (!parsed) return null;
  const isJp = parsed.countryCallingCode === '81';
  if (isJp && !parsed.isValid()) return null;
  if (!isJp && !raw.startsWith('+')) return null;
  const digits = isJp ? `0${parsed.nationalNumber}` : `+${parsed.countryCallingCode}${parsed.nationalNumber}`;
  const national = isJp ? parsed.formatNational() : parsed.formatInternational();
  return {
    digits,
    display: isJp ? `+81-${national.replace(/^0/, '').replace(/\s+/g, '-')}` : national.replace(/\s+/g, '-'),
    kind: isJp ? kindOf(parsed.getType(), digits) : 'international',
    countryCode: isJp ? null : parsed.countryCallingCode,
  };
}

export function extractPhones(text: string): FoundPhone[] {
  const out: FoundPhone[] = [];
  const seen = new Set<string>();
  const re = new RegExp(PHONE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // Numbers written one after another ("… 9256 0570-…") can run together: drop trailing groups
    // until what is left is a valid number, then continue right after it.
    let raw = m[0].trim();
    let phone = readPhone(raw);
    while (!phone && /[\s.-]\(?\d+\)?$/.test(raw)) {
      raw = raw.replace(/[\s.-]\(?\d+\)?$/, '');
      phone = readPhone(raw);
    }
    if (!phone) continue;
    re.lastIndex = m.index + m[0].indexOf(raw) + raw.length;
    if (seen.has(phone.digits)) continue;
    seen.add(phone.digits);
    out.push({ ...phone, raw, index: m.index });
  }
  for (const m of text.matchAll(SHORT_CODE)) {
    const code = m[1] ?? '';
    // 3-digit codes only count next to calling words, so amounts and counts are not read as numbers.
    const around = text.slice(Math.max(0, (m.index ?? 0) - 12), (m.index ?? 0) + code.length + 12);
    if (
      !code.startsWith('#') &&
      !/電話|ダイヤル|局番|番へ|番に|番まで|call|dial|へ連絡|までご連絡|番\)|番）|番号/i.test(around)
    )
      continue;
    const digits = code;
    if (seen.has(digits)) continue;
    seen.add(digits);
    out.push({
      raw: code,
      digits,
      display: code,
      kind: 'short_code',
      countryCode: null,
      index: m.index ?? 0,
    });
  }
  return out;
}
