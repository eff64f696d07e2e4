/**
 * What the subscriber API says to a person, in Japanese (default) and English (`?lang=en`,
 * contract "HTTP"). Errors leave as MamoriError with a stable code and a status; the shared
 * error handler (src/server/error-handler.ts) turns them into `{"error":{"code","message"}}`.
 */
import { MamoriError } from '../errors.ts';

export type Lang = 'ja' | 'en';

interface Entry {
  status: number;
  ja: string;
  en: string;
}

export const SUBSCRIBER_ERRORS = {
  // 404 for another account's ids too: the answer must not reveal that the id exists elsewhere.
  notice_not_found: {
    status: 404,
    ja: 'そのお知らせは見つかりません。受付番号（N-XXXX-XXXX）をご確認ください。',
    en: 'No such notice. Please check the reference (N-XXXX-XXXX).',
  },
  event_not_found: {
    status: 404,
    ja: 'その履歴は見つかりません。',
    en: 'No such activity.',
  },
  invalid_reference: {
    status: 400,
    ja: '受付番号の形式が正しくありません。「N-」に続く英数字8文字（例: N-4K7Q-9P2X）を入力してください。',
    en: 'That is not a valid reference. Enter "N-" followed by 8 letters and digits (e.g. N-4K7Q-9P2X).',
  },
  no_account: {
    status: 403,
    ja: 'このユーザーには契約アカウントが結び付いていません。',
    en: 'This user is not linked to a subscriber account.',
  },
  step_up_unavailable: {
    status: 403,
    ja: 'ロックを解除するための本人確認（2段階認証またはパスキー）が設定されていないため、ここでは解除できません。ご契約の通信会社の公式窓口（サポート）にお問い合わせください。',
    en: 'Neither two-step verification nor a passkey is set up to lift the lock, so it cannot be lifted here. Please contact your carrier’s official support.',
  },
  step_up_too_recent: {
    status: 403,
    ja: 'この2段階認証またはパスキーはロックの後に設定されたため、ロックの解除には使えません。ロックの前から設定している方法をお使いいただくか、ご契約の通信会社の公式窓口（サポート）にお問い合わせください。',
    en: 'This two-step verification or passkey was set up after the lock, so it cannot lift the lock. Use one set up before the lock, or contact your carrier’s official support.',
  },
  not_locked: {
    status: 409,
    ja: 'このアカウントはロックされていません。',
    en: 'This account is not locked.',
  },
  engine_unavailable: {
    status: 503,
    ja: 'ただいま処理できません。時間をおいてもう一度お試しください。急ぎの場合はご契約の通信会社の公式窓口にご連絡ください。',
    en: 'This cannot be done right now. Please try again shortly; if it is urgent, contact your carrier’s official support.',
  },
} as const satisfies Record<string, Entry>;

export type SubscriberErrorCode = keyof typeof SUBSCRIBER_ERRORS;

/**
 * The coded error for `code`, with its status and its message in `lang`.
 *
 * @example
 * throw subscriberError('notice_not_found', langOf(request));
 */
export function subscriberError(code: SubscriberErrorCode, lang: Lang): MamoriError {
  const entry = SUBSCRIBER_ERRORS[code];
  return new MamoriError(code, entry[lang], { status: entry.status });
}

/** Sentences of successful answers, so the app can show what was done. */
export const SUBSCRIBER_TEXT = {
  not_me_locked: {
    ja: 'ご報告ありがとうございます。不正利用を防ぐため、キャリア決済を停止し、このアカウントのほかのサインインをすべて終了しました。案内に沿って手続きを進めてください。',
    en: 'Thank you for reporting it. To prevent misuse, carrier billing is suspended and every other sign-in to this account has been ended. Please follow the steps shown.',
  },
  not_me_recorded: {
    ja: 'ご報告を受け付けました。案内に沿って手続きを進めてください。',
    en: 'Your report has been received. Please follow the steps shown.',
  },
  emergency_locked: {
    ja: 'キャリア決済を停止し、このアカウントのすべてのサインイン（この端末を含む）を終了しました。解除には、ロックの前に設定した2段階認証の確認コードまたはパスキーが必要です。',
    en: 'Carrier billing is suspended and every sign-in to this account, including this one, has been ended. Lifting the lock needs a two-step verification code or a passkey set up before the lock.',
  },
  unlocked: {
    ja: 'ロックを解除し、キャリア決済を再開しました。心当たりのない利用がないか、利用履歴をご確認ください。',
    en: 'The lock is lifted and carrier billing is available again. Please check your activity for anything you do not recognise.',
  },
  limit_applied: {
    ja: '月間の利用上限を設定しました。',
    en: 'Your monthly limit is set.',
  },
  limit_pending: {
    ja: '上限の変更は確認が取れるまで保留されています。',
    en: 'The limit change is on hold until it is confirmed.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type SubscriberTextKey = keyof typeof SUBSCRIBER_TEXT;

export function subscriberText(key: SubscriberTextKey, lang: Lang): string {
  return SUBSCRIBER_TEXT[key][lang];
}
