/**
 * The security checkup (issue 5 "Security checkup"): from facts about a subscriber's sign-in
 * setup and recent changes, a 0–100 score, one line per check, and the next best action. Pure:
 * facts and the time in, checkup out; the route gathers the facts.
 *
 * Weights (sum 100) follow what stops the account-takeover stories the engine sees: a second
 * factor the attacker cannot phish by SMS (TOTP 30, passkey 20 — WebAuthn is phishing-resistant),
 * a spending limit that caps the damage (15), then hygiene. The password's AGE alone is not held
 * against anyone: NIST SP 800-63B §5.1.1.2 advises against periodic changes; only an old password
 * that is the account's ONLY factor loses points.
 */
import type { Lang } from './messages.ts';

/** A security-relevant change on the account, from engine events or the audit trail. */
export type SecurityChangeKind =
  | 'password_changed'
  | 'password_reset'
  | 'mfa_enabled'
  | 'mfa_disabled'
  | 'mfa_reset'
  | 'contact_changed'
  | 'sim_reissued'
  | 'card_added'
  | 'card_replaced'
  | 'card_removed'
  | 'passkey_added'
  | 'passkey_removed'
  | 'recovery_codes_regenerated'
  | 'emergency_lock'
  | 'unlocked';

export interface SecurityChange {
  kind: SecurityChangeKind;
  atMs: number;
}

/** Changes an attacker makes to take an account over; one of these recently asks for a look. */
export const RISKY_CHANGES: ReadonlySet<SecurityChangeKind> = new Set<SecurityChangeKind>([
  'password_reset',
  'mfa_disabled',
  'mfa_reset',
  'contact_changed',
  'sim_reissued',
  'card_added',
  'card_replaced',
  'passkey_removed',
]);

export interface CheckupInput {
  nowMs: number;
  totpEnabled: boolean;
  /** Unused recovery codes (meaningful only with TOTP on). */
  recoveryCodesLeft: number;
  passkeys: number;
  passwordChangedAtMs: number;
  activeSessions: number;
  /** Distinct devices (browsers) among the active sessions. */
  devices: number;
  /** Security changes inside the checkup's window (see RECENT_DAYS). */
  recentChanges: readonly SecurityChange[];
  monthlyLimit: number | null;
  /** Carrier billing is suspended (an engine or emergency lock). */
  locked: boolean;
}

export type CheckId =
  | 'totp'
  | 'passkey'
  | 'monthly_limit'
  | 'recent_changes'
  | 'devices'
  | 'recovery_codes'
  | 'password';

export type CheckStatus = 'ok' | 'warn' | 'action' | 'not_applicable';

export interface CheckItem {
  id: CheckId;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  message: string;
}

export interface NextAction {
  id: CheckId | 'unlock';
  message: string;
}

export interface Checkup {
  score: number;
  checks: CheckItem[];
  /** The single most useful thing to do now, or null when everything is in order. */
  nextAction: NextAction | null;
}

/** How far back "recent" security changes are looked for. */
export const RECENT_DAYS = 30;
/** More devices than this signed in at once is worth a look. */
export const MAX_USUAL_DEVICES = 3;
/** Fewer unused recovery codes than this: make new ones before they run out. */
export const MIN_RECOVERY_CODES = 3;
/** A password this old that is the only factor loses points. */
export const OLD_PASSWORD_DAYS = 3 * 365;

export const CHECK_WEIGHTS: Readonly<Record<CheckId, number>> = Object.freeze({
  totp: 30,
  passkey: 20,
  monthly_limit: 15,
  recent_changes: 10,
  devices: 10,
  recovery_codes: 5,
  password: 10,
});

/** Order in which failing checks are offered as the next action (most protective first). */
const PRIORITY: readonly CheckId[] = [
  'totp',
  'recent_changes',
  'passkey',
  'monthly_limit',
  'recovery_codes',
  'devices',
  'password',
];

type Text = Record<Lang, string>;

const TEXT = {
  totp_ok: {
    ja: '2段階認証（認証アプリ）が有効です。',
    en: 'Two-step verification (authenticator app) is on.',
  },
  totp_action: {
    ja: '2段階認証（認証アプリ）が無効です。SMSのコードはSIMの乗っ取りで奪われることがあります。',
    en: 'Two-step verification (authenticator app) is off. SMS codes can be stolen through a SIM swap.',
  },
  passkey_ok: { ja: 'パスキーが登録されています（{n}件）。', en: 'You have {n} passkey(s).' },
  passkey_action: {
    ja: 'パスキーが登録されていません。パスキーは偽サイトでは使えないため、フィッシングに強い方法です。',
    en: 'No passkey yet. A passkey cannot be used on a fake site, so it resists phishing.',
  },
  monthly_limit_ok: {
    ja: '月間の利用上限が{limit}に設定されています。',
    en: 'Your monthly limit is {limit}.',
  },
  monthly_limit_action: {
    ja: '月間の利用上限が設定されていません。上限があれば、不正利用の被害を小さくできます。',
    en: 'No monthly limit is set. A limit keeps the damage small if someone misuses the account.',
  },
  recent_changes_ok: {
    ja: '直近{days}日間に注意が必要な変更はありません。',
    en: 'No changes that need a look in the last {days} days.',
  },
  recent_changes_warn: {
    ja: '直近{days}日間に重要な変更が{n}件あります。心当たりがなければ「身に覚えがない」を押してください。',
    en: '{n} important change(s) in the last {days} days. If any was not you, tap "Not me".',
  },
  devices_ok: { ja: 'サインイン中の端末は{n}台です。', en: '{n} device(s) signed in.' },
  devices_warn: {
    ja: 'サインイン中の端末が{n}台あります。使っていない端末はサインアウトしてください。',
    en: '{n} devices are signed in. Sign out the ones you do not use.',
  },
  recovery_codes_ok: { ja: 'リカバリーコードが{n}個残っています。', en: '{n} recovery codes left.' },
  recovery_codes_warn: {
    ja: 'リカバリーコードの残りが{n}個です。新しいコードを作り直してください。',
    en: 'Only {n} recovery code(s) left. Make new ones.',
  },
  recovery_codes_na: {
    ja: '2段階認証を有効にすると、リカバリーコードが作られます。',
    en: 'Recovery codes come with two-step verification.',
  },
  password_ok: {
    ja: 'パスワードは{days}日前に設定されました。',
    en: 'Your password was set {days} days ago.',
  },
  // 「0日前」 is not how anyone says it.
  password_ok_today: { ja: 'パスワードは今日設定されました。', en: 'Your password was set today.' },
  password_warn: {
    ja: 'パスワードは{days}日前から変わっておらず、ほかの認証方法もありません。2段階認証を有効にするか、パスワードを変更してください。',
    en: 'Your password is {days} days old and is your only sign-in factor. Turn on two-step verification or change it.',
  },
  next_unlock: {
    ja: 'キャリア決済が停止中です。利用履歴を確認し、心当たりがなければパスキーか2段階認証のコードでロックを解除してください。',
    en: 'Carrier billing is suspended. Check your activity, then lift the lock with a passkey or a two-step verification code if all is well.',
  },
  next_totp: {
    ja: '認証アプリで2段階認証を有効にしましょう。',
    en: 'Turn on two-step verification with an authenticator app.',
  },
  next_passkey: { ja: 'パスキーを登録しましょう。', en: 'Add a passkey.' },
  next_monthly_limit: { ja: '月間の利用上限を設定しましょう。', en: 'Set a monthly limit.' },
  next_recent_changes: {
    ja: '最近の重要な変更を確認し、心当たりがなければ「身に覚えがない」を押してください。',
    en: 'Review recent important changes; tap "Not me" for any that was not you.',
  },
  next_devices: {
    ja: '使っていない端末をサインアウトしましょう。',
    en: 'Sign out the devices you do not use.',
  },
  next_recovery_codes: {
    ja: 'リカバリーコードを作り直しましょう。',
    en: 'Make new recovery codes.',
  },
  next_password: {
    ja: '2段階認証を有効にするか、パスワードを変更しましょう。',
    en: 'Turn on two-step verification or change your password.',
  },
} as const satisfies Record<string, Text>;

function say(key: keyof typeof TEXT, lang: Lang, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

function yen(amount: number, lang: Lang): string {
  const digits = String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return lang === 'ja' ? `${digits}円` : `¥${digits}`;
}

/**
 * The checkup for `input`, with messages in `lang`.
 *
 * @example
 * const { score, nextAction } = securityCheckup({ nowMs, totpEnabled: false, passkeys: 0, … }, 'ja');
 */
export function securityCheckup(input: CheckupInput, lang: Lang = 'ja'): Checkup {
  const w = CHECK_WEIGHTS;
  const checks: CheckItem[] = [];
  const add = (id: CheckId, status: CheckStatus, points: number, message: string) =>
    checks.push({ id, status, points, maxPoints: w[id], message });

  if (input.totpEnabled) add('totp', 'ok', w.totp, say('totp_ok', lang));
  else add('totp', 'action', 0, say('totp_action', lang));

  if (input.passkeys > 0) add('passkey', 'ok', w.passkey, say('passkey_ok', lang, { n: input.passkeys }));
  else add('passkey', 'action', 0, say('passkey_action', lang));

  if (input.monthlyLimit !== null) {
    add(
      'monthly_limit',
      'ok',
      w.monthly_limit,
      say('monthly_limit_ok', lang, { limit: yen(input.monthlyLimit, lang) }),
    );
  } else add('monthly_limit', 'action', 0, say('monthly_limit_action', lang));

  const since = input.nowMs - RECENT_DAYS * 86_400_000;
  const risky = input.recentChanges.filter((c) => c.atMs >= since && RISKY_CHANGES.has(c.kind)).length;
  if (risky === 0) {
    add('recent_changes', 'ok', w.recent_changes, say('recent_changes_ok', lang, { days: RECENT_DAYS }));
  } else {
    add(
      'recent_changes',
      'warn',
      Math.floor(w.recent_changes / 2),
      say('recent_changes_warn', lang, { days: RECENT_DAYS, n: risky }),
    );
  }

  if (input.devices <= MAX_USUAL_DEVICES)
    add('devices', 'ok', w.devices, say('devices_ok', lang, { n: input.devices }));
  else add('devices', 'warn', Math.floor(w.devices / 2), say('devices_warn', lang, { n: input.devices }));

  if (!input.totpEnabled) add('recovery_codes', 'not_applicable', 0, say('recovery_codes_na', lang));
  else if (input.recoveryCodesLeft >= MIN_RECOVERY_CODES) {
    add(
      'recovery_codes',
      'ok',
      w.recovery_codes,
      say('recovery_codes_ok', lang, { n: input.recoveryCodesLeft }),
    );
  } else {
    add(
      'recovery_codes',
      input.recoveryCodesLeft === 0 ? 'action' : 'warn',
      input.recoveryCodesLeft === 0 ? 0 : Math.floor(w.recovery_codes / 2),
      say('recovery_codes_warn', lang, { n: input.recoveryCodesLeft }),
    );
  }

  const ageDays = Math.max(0, Math.floor((input.nowMs - input.passwordChangedAtMs) / 86_400_000));
  const onlyFactor = !input.totpEnabled && input.passkeys === 0;
  if (onlyFactor && ageDays >= OLD_PASSWORD_DAYS) {
    add('password', 'warn', Math.floor(w.password / 2), say('password_warn', lang, { days: ageDays }));
  } else if (ageDays === 0) add('password', 'ok', w.password, say('password_ok_today', lang, {}));
  else add('password', 'ok', w.password, say('password_ok', lang, { days: ageDays }));

  const score = Math.max(
    0,
    Math.min(
      100,
      checks.reduce((s, c) => s + c.points, 0),
    ),
  );

  let nextAction: NextAction | null = null;
  if (input.locked) nextAction = { id: 'unlock', message: say('next_unlock', lang) };
  else {
    for (const id of PRIORITY) {
      const c = checks.find((x) => x.id === id);
      if (c && (c.status === 'action' || c.status === 'warn')) {
        nextAction = { id, message: say(`next_${id}`, lang) };
        break;
      }
    }
  }
  return { score, checks, nextAction };
}
