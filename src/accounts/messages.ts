/**
 * Every message the accounts domain sends to a person, in Japanese (default) and English
 * (`?lang=en`, contract "HTTP"). Errors leave as MamoriError with a stable code and a status;
 * src/server/error-handler.ts turns them into `{"error":{"code","message"}}`.
 */
import type { FastifyRequest } from 'fastify';
import { MamoriError } from '../errors.ts';

export type Lang = 'ja' | 'en';

interface Entry {
  status: number;
  ja: string;
  en: string;
}

export const ACCOUNT_ERRORS = {
  invalid_request: { status: 400, ja: '入力内容を確認してください', en: 'Please check the input' },
  invalid_credentials: {
    status: 401,
    ja: 'メールアドレスまたはパスワードが正しくありません。',
    en: 'The e-mail address or password is incorrect.',
  },
  account_locked: {
    status: 429,
    ja: 'サインインの失敗が続いたため、このアカウントへのサインインを一時的に止めています。{minutes}分ほど待ってからもう一度お試しください。',
    en: 'Sign-in to this account is paused after too many failed attempts. Please try again in about {minutes} minutes.',
  },
  sign_in_rate_limited: {
    status: 429,
    ja: 'サインインの試行が多すぎます。しばらく待ってからもう一度お試しください。',
    en: 'Too many sign-in attempts. Please wait a moment and try again.',
  },
  email_taken: {
    status: 409,
    ja: 'このメールアドレスはすでに登録されています。サインインしてください。',
    en: 'This e-mail address is already registered. Please sign in.',
  },
  weak_password: {
    status: 400,
    ja: 'パスワードが推測されやすいため使えません。{feedback}',
    en: 'This password is too easy to guess. {feedback}',
  },
  unauthenticated: {
    status: 401,
    ja: 'サインインしてください。',
    en: 'Please sign in.',
  },
  forbidden: {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  csrf_invalid: {
    status: 403,
    ja: 'ページの有効期限が切れたか、不正なリクエストです。ページを再読み込みしてからもう一度お試しください。',
    en: 'The page has expired or the request is not valid. Reload the page and try again.',
  },
  session_not_found: {
    status: 404,
    ja: 'そのセッションは見つかりません。',
    en: 'No such session.',
  },
  passkey_not_found: {
    status: 404,
    ja: 'そのパスキーは見つかりません。',
    en: 'No such passkey.',
  },
  no_pending_sign_in: {
    status: 401,
    ja: 'サインインの手続きが見つからないか、期限が切れました。最初からやり直してください。',
    en: 'No sign-in is waiting for a code, or it has expired. Please start again.',
  },
  totp_invalid: {
    status: 400,
    ja: '確認コードが正しくありません。認証アプリに表示されている6桁のコードを入力してください。',
    en: 'The code is incorrect. Enter the 6-digit code shown in your authenticator app.',
  },
  totp_replayed: {
    status: 400,
    ja: 'この確認コードはすでに使われています。次のコードが表示されるまで待ってから入力してください。',
    en: 'This code has already been used. Wait for the next code and enter that one.',
  },
  totp_already_enabled: {
    status: 409,
    ja: '2段階認証はすでに有効です。',
    en: 'Two-step verification is already on.',
  },
  totp_not_enabled: {
    status: 409,
    ja: '2段階認証は有効になっていません。',
    en: 'Two-step verification is not on.',
  },
  totp_setup_missing: {
    status: 409,
    ja: '先に2段階認証の設定を始めてください。',
    en: 'Start the two-step verification setup first.',
  },
  recovery_code_invalid: {
    status: 400,
    ja: 'リカバリーコードが正しくないか、すでに使われています。',
    en: 'The recovery code is incorrect or has already been used.',
  },
  passkey_challenge_invalid: {
    status: 400,
    ja: 'パスキーの手続きの期限が切れました。もう一度お試しください。',
    en: 'The passkey request has expired. Please try again.',
  },
  passkey_invalid: {
    status: 400,
    ja: 'パスキーを確認できませんでした。もう一度お試しください。',
    en: 'The passkey could not be verified. Please try again.',
  },
} as const satisfies Record<string, Entry>;

export type AccountErrorCode = keyof typeof ACCOUNT_ERRORS;

/** `?lang=en` switches messages; anything else is Japanese. */
export function langOf(request: FastifyRequest): Lang {
  const query = request.query as { lang?: unknown } | undefined;
  return query?.lang === 'en' ? 'en' : 'ja';
}

/** The text for a code, with `{name}` placeholders filled. */
export function accountMessage(
  code: AccountErrorCode,
  lang: Lang,
  vars: Record<string, string | number> = {},
): string {
  return ACCOUNT_ERRORS[code][lang]
    .replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''))
    .trim();
}

/**
 * The coded error for `code`, with its status and its message in `lang`.
 *
 * @example
 * throw accountsError('invalid_credentials', langOf(request));
 */
export function accountsError(
  code: AccountErrorCode,
  lang: Lang,
  vars: Record<string, string | number> = {},
): MamoriError {
  return new MamoriError(code, accountMessage(code, lang, vars), { status: ACCOUNT_ERRORS[code].status });
}
