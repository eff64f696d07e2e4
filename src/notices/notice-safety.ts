/**
 * The safety line every notice text must pass (issue 4 "plain text, no links, never asks for card
 * data, passwords or codes"): a genuine notice must not look like the smishing it warns about, so
 * it carries no URL, no domain or e-mail address, no phone number, and no request for credentials.
 * Used by the tests of notice-text.ts and by the notice sender before anything is delivered.
 */
import { MamoriError } from '../errors.ts';

const URL_PATTERNS: readonly [RegExp, string][] = [
  [/\b(?:https?|hxxps?|ftp|file|data|javascript|intent|tel|sms|mailto):/i, 'contains a URL or link scheme'],
  [/\bwww\d?\./i, 'contains a www address'],
  [/\[\.\]|\(\.\)|\[dot\]|\(dot\)/i, 'contains an obfuscated domain'],
  [
    /(?:^|[^a-z0-9.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]{2,59})(?![a-z0-9-])/i,
    'contains a domain name or e-mail address',
  ],
  [/@[a-z0-9-]+/i, 'contains an @ address'],
  [/(?:\+\d[\d\s-]{7,}\d|\b0\d{1,4}-\d{1,4}-\d{3,4}\b|\b0(?:120|570|800)\d{6}\b)/, 'contains a phone number'],
];

const CREDENTIALS_JA =
  '(?:カード番号|カード情報|セキュリティコード|有効期限|パスワード|暗証番号|PIN|認証コード|確認コード|ワンタイムパスワード|ログインID|口座番号)';
const REQUEST_JA = new RegExp(
  `${CREDENTIALS_JA}[^。\\n]{0,12}?(?:入力|送信|返信|教え|お知らせ|ご連絡|記入|伝え|登録|ご提示|提示)(?:して|ください|下さい|願|を|の上)`,
  'g',
);
const NEGATION_JA = /(?:ない|ません|決して|一切|禁止)/;

const REQUEST_EN =
  /\b(?:enter|send|provide|reply with|tell us|type|submit|give us|confirm|verify|update|share)\b[^.!?\n]{0,40}?\b(?:card numbers?|card details|passwords?|passcodes?|pins?|security codes?|cvv|cvc|one-time codes?|verification codes?|codes?)\b/gi;
const NEGATION_EN = /\b(?:never|not|no|don't|won't)\b|n't\b/i;

/** Every problem found in `text` (empty when it is safe). */
export function findNoticeTextProblems(text: string): string[] {
  const t = text.normalize('NFKC');
  const problems: string[] = [];
  for (const [re, why] of URL_PATTERNS) if (re.test(t)) problems.push(why);
  for (const m of t.matchAll(REQUEST_JA)) {
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (!NEGATION_JA.test(after)) {
      problems.push(`asks for credentials: "${m[0]}"`);
      break;
    }
  }
  for (const m of t.matchAll(REQUEST_EN)) {
    const before = t.slice(Math.max(0, m.index - 24), m.index);
    if (!NEGATION_EN.test(before)) {
      problems.push(`asks for credentials: "${m[0]}"`);
      break;
    }
  }
  return problems;
}

/** Throws a coded `unsafe_notice_text` error listing every problem, unless `text` is safe. */
export function assertSafeNoticeText(text: string): void {
  const problems = findNoticeTextProblems(text);
  if (problems.length > 0) {
    throw new MamoriError('unsafe_notice_text', `Unsafe notice text: ${problems.join('; ')}`, {
      status: 500,
    });
  }
}
