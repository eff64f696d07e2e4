/**
 * Monthly reminders for the message box (issue 6 "Monthly reminders"): review the statement and
 * redo the security checkup. Plain text like every notice: no links, no requests for secrets.
 */

import { assertSafeNoticeText } from './notice-safety.ts';
import type { NoticeText } from './notice-text.ts';

export type ReminderKind = 'statement_review' | 'security_checkup';
export const REMINDER_KINDS: readonly ReminderKind[] = ['statement_review', 'security_checkup'];

/** `2026-12` → 「2026年12月」 / "December 2026". */
function monthLabel(month: string, lang: 'ja' | 'en'): string {
  const [y, m] = month.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月`;
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)).toLocaleString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

export function reminderText(
  kind: ReminderKind,
  month: string,
  lang: 'ja' | 'en',
  reference: string,
): NoticeText {
  const when = monthLabel(month, lang);
  const text: NoticeText =
    kind === 'statement_review'
      ? lang === 'ja'
        ? {
            title: `${when}の明細を確認しましょう`,
            body: [
              'カードの利用明細とキャリア決済の利用履歴に、身に覚えのない請求がないか確認してください。',
              '数十円から数百円の少額の請求や、知らないお店・サービスの名前は、不正利用の始まりのことがあります。',
              '明細は、カード会社や携帯電話会社の公式アプリを自分で開いて確認してください。',
              '身に覚えのない請求があれば、このアプリの利用履歴から「身に覚えがない」を選んでください。',
              `お知らせ番号: ${reference}`,
            ].join('\n'),
          }
        : {
            title: `Check your ${when} statement`,
            body: [
              'Look through your card statement and carrier-billing history for charges you do not recognise.',
              'Small charges of a few yen to a few hundred yen, or shops and services you do not know, can be the start of fraud.',
              "Open your card company's or carrier's official app yourself to see the statement.",
              'If you find a charge you did not make, choose "Not me" on it in this app\'s activity list.',
              `Notice reference: ${reference}`,
            ].join('\n'),
          }
      : lang === 'ja'
        ? {
            title: `${when}のセキュリティチェック`,
            body: [
              '月に一度、アカウントの守りを見直しましょう。',
              '2段階認証（認証アプリまたはパスキー）、ご利用中の端末、登録している連絡先、キャリア決済の利用上限を、このアプリのセキュリティチェックで確認できます。',
              '当社がメッセージでカード情報やパスワード、確認コードをお尋ねすることはありません。',
              `お知らせ番号: ${reference}`,
            ].join('\n'),
          }
        : {
            title: `Security checkup for ${when}`,
            body: [
              'Once a month, take a minute to review how your account is protected.',
              "Two-step verification (an authenticator app or a passkey), your signed-in devices, your contact details and your carrier-billing limit are all in this app's security checkup.",
              'We never ask for card details, passwords or verification codes in a message.',
              `Notice reference: ${reference}`,
            ].join('\n'),
          };
  assertSafeNoticeText(`${text.title}\n${text.body}`);
  return text;
}
