/**
 * The text of the notice put in the subscriber's in-app message box for a challenge, hold or lock
 * (issue 4 "Notices and cases"). Plain text; no link, domain or phone number; it never asks for
 * card data, passwords, PINs or codes and says the company never will; it tells the subscriber to
 * open the official app themselves; it carries the reference they can quote. It names what
 * happened and when, but not why the engine flagged it: whoever took over the account can read
 * the message box too.
 */
import type { AccountEvent, Decision } from '../engine/index.ts';
import { formatYen, type Lang } from '../engine/index.ts';
import { isNoticeReference } from './notice-reference.ts';
import { assertSafeNoticeText } from './notice-safety.ts';

export interface NoticeText {
  title: string;
  body: string;
}

/** The event's time in Japan (UTC+9), from its own `at`: "2026年11月24日 10:15" / "24 Nov 2026, 10:15 JST". */
function when(at: string, lang: Lang): string {
  const d = new Date(Date.parse(at) + 9 * 3_600_000);
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const hm = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  if (lang === 'ja') return `${y}年${mo + 1}月${day}日 ${hm}`;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${day} ${months[mo]} ${y}, ${hm} JST`;
}

function what(e: AccountEvent, lang: Lang): string {
  const ja = lang === 'ja';
  switch (e.type) {
    case 'login':
      return ja ? 'ログイン' : 'a login';
    case 'charge':
      return ja ? `${formatYen(e.amount)}円のお支払い` : `a payment of ¥${formatYen(e.amount)}`;
    case 'password_change':
      return ja ? 'パスワードの変更' : 'a password change';
    case 'mfa_change':
      return ja ? '2段階認証の設定変更' : 'a change to 2-step verification';
    case 'contact_change':
      return ja ? 'ご連絡先の変更' : 'a change of contact details';
    case 'sim_reissue':
      return ja ? 'SIMの再発行' : 'a SIM re-issue';
    case 'card_view':
      return ja ? '登録カード情報の表示' : 'viewing the registered card';
    case 'card_change':
      return ja ? '登録カードの変更' : 'a change to the registered card';
    case 'card_verification':
      return ja ? 'カードの確認' : 'a card check';
    case 'limit_change':
      return ja ? 'ご利用上限額の変更' : 'a change to the spending limit';
    case 'subscriber_report':
      return ja ? 'お客さまからのご申告' : 'your report';
  }
}

const FOOTER = {
  ja: [
    'このお知らせにはリンクを記載していません。ご確認やお手続きは、お客さまご自身で公式アプリを開いて行ってください。',
    '当社がカード番号・パスワード・暗証番号・認証コードをお尋ねすることは一切ありません。これらを尋ねるメッセージや電話には応じないでください。',
  ],
  en: [
    'This notice contains no links. To check or respond, open the official app yourself.',
    'We will never ask for your card number, password, PIN or any code. Ignore any message or call that asks for them.',
  ],
};

/**
 * The notice for a non-allow decision, in `lang`. The reference is `decision.notice` (filled by
 * the storage layer) unless given.
 *
 * @example
 * noticeFor({ ...decision, notice: 'N-4K7Q-9P2X' }, event, 'ja').title // 'お支払いを一時保留しました'
 */
export function noticeFor(
  decision: Pick<Decision, 'decision' | 'notice'>,
  event: AccountEvent,
  lang: Lang = 'ja',
  reference: string | null = decision.notice,
): NoticeText {
  if (decision.decision === 'allow')
    throw new Error('Unexpected decision allow, expected challenge, hold or lock');
  if (reference === null || !isNoticeReference(reference)) {
    throw new Error(
      `Unexpected notice reference ${JSON.stringify(reference)}, expected one like N-4K7Q-9P2X`,
    );
  }
  const ja = lang === 'ja';
  const w = when(event.at, lang);
  const x = what(event, lang);
  const isCharge = event.type === 'charge';
  const reported = event.type === 'subscriber_report';
  let title: string;
  let lead: string[];
  switch (decision.decision) {
    case 'challenge':
      title = ja ? 'ご本人確認のお願い' : 'Please confirm it is you';
      lead = ja
        ? [
            `${w}に、お客さまのアカウントで${x}がありました。いつもと異なるご利用のため、追加のご本人確認をお願いしています。`,
          ]
        : [
            `At ${w} there was ${x} on your account. As it differs from your usual use, we are asking for an extra check that it is you.`,
          ];
      break;
    case 'hold':
      title = ja
        ? isCharge
          ? 'お支払いを一時保留しました'
          : 'お手続きを一時保留しました'
        : isCharge
          ? 'We have put a payment on hold'
          : 'We have put a request on hold';
      lead = ja
        ? [`${w}の${x}は、いつもと異なるご利用のため一時保留しています。ご確認いただくまで実行されません。`]
        : [
            `${x[0]?.toUpperCase()}${x.slice(1)} at ${w} differs from your usual use, so we have put it on hold. It will not go through until you confirm it.`,
          ];
      break;
    case 'lock':
      title = ja ? 'アカウントを保護のため一時停止しました' : 'We have suspended your account to protect it';
      lead = ja
        ? [
            reported
              ? `${w}のご申告を受け、アカウントを保護しました。`
              : `${w}の${x}について、不正利用のおそれがあるためアカウントを保護しました。`,
            'キャリア決済のご利用を一時停止し、ログイン中の端末からはサインアウトしています。',
          ]
        : [
            reported
              ? `Following your report at ${w}, we have protected your account.`
              : `Because ${x} at ${w} may be fraudulent, we have protected your account.`,
            'Carrier billing is suspended and all devices have been signed out.',
          ];
      break;
  }
  const body = [
    ...lead,
    ...FOOTER[lang],
    ja ? `お問い合わせ番号：${reference}` : `Reference: ${reference}`,
  ].join('\n');
  assertSafeNoticeText(`${title}\n${body}`);
  return { title, body };
}
