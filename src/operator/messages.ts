/**
 * What the operator API says, in Japanese (default) and English (`?lang=en`). Errors leave as
 * MamoriError with a stable code and a status; src/server/error-handler.ts answers them as
 * `{"error":{"code","message"}}`.
 */
import { MamoriError } from '../errors.ts';

export type Lang = 'ja' | 'en';

interface Entry {
  status: number;
  ja: string;
  en: string;
}

export const OPERATOR_ERRORS = {
  // 404 for another operator's ids too: the answer must not reveal that the id exists elsewhere.
  case_not_found: { status: 404, ja: 'そのケースは見つかりません。', en: 'No such case.' },
  campaign_not_found: {
    status: 404,
    ja: 'そのキャンペーンは見つかりません。通報が更新された可能性があります。一覧を読み込み直してください。',
    en: 'No such campaign. The reports may have changed; please reload the list.',
  },
  api_key_not_found: { status: 404, ja: 'そのAPIキーは見つかりません。', en: 'No such API key.' },
  webhook_not_found: { status: 404, ja: 'そのWebhookは見つかりません。', en: 'No such webhook.' },
  not_locked: {
    status: 409,
    ja: 'このアカウントはロックされていません。',
    en: 'This account is not locked.',
  },
  unsafe_notice_text: {
    status: 400,
    ja: 'お知らせにはリンク、ドメイン、電話番号、暗証番号などの入力依頼を含められません',
    en: 'A notice cannot contain links, domains, phone numbers or requests for codes or passwords',
  },
} as const satisfies Record<string, Entry>;

export type OperatorErrorCode = keyof typeof OPERATOR_ERRORS;

export function operatorError(code: OperatorErrorCode, lang: Lang, detail?: string): MamoriError {
  const e = OPERATOR_ERRORS[code];
  return new MamoriError(code, detail === undefined ? e[lang] : `${e[lang]}: ${detail}`, {
    status: e.status,
  });
}

/**
 * The default campaign warning (plain text: no link, domain, phone number or request for
 * credentials, so it passes assertSafeNoticeText and cannot be mistaken for the smishing itself).
 */
export function campaignWarningText(lang: Lang): { title: string; body: string } {
  return lang === 'en'
    ? {
        title: 'Warning: fake messages are going around',
        body:
          'We are seeing fake SMS and e-mails that pretend to come from your carrier or well-known services. ' +
          'Do not open links in such messages, and never give out passwords or codes. ' +
          'Check your account only from the official app or a bookmark you saved yourself.',
      }
    : {
        title: '【注意】偽のメッセージが出回っています',
        body:
          '通信会社や有名サービスを装った偽のSMS・メールが確認されています。' +
          'このようなメッセージのリンクは開かず、パスワードや認証コードは決して入力しないでください。' +
          'ご利用状況の確認は、公式アプリまたはご自身で登録したブックマークから行ってください。',
      };
}
