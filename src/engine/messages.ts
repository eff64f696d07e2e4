/**
 * Reason messages, Japanese (the contract's default) and English (`?lang=en` / `--lang en`), one
 * template per rule id or `rule.variant` key. Placeholders `{name}` take the rule's params; a few
 * params hold codes (countries, categories, change kinds) that are translated here, so rules stay
 * language-free. Messages never contain merchant names, addresses or anything the operator sent
 * as free text: they are shown to subscribers and operators and must stay safe to display.
 */
import type { MessageParams } from './rule.ts';

export type Lang = 'ja' | 'en';

type Templates = Readonly<Record<string, { ja: string; en: string }>>;

const TEMPLATES: Templates = {
  new_device: {
    ja: 'このアカウントで初めて使われる端末からの操作です',
    en: 'Activity from a device never used on this account before',
  },
  'new_device.recent': {
    ja: '{hours}時間以内に初めて使われた端末からの重要な操作です',
    en: 'Sensitive action from a device first used within the last {hours} hours',
  },
  'new_device.unproven': {
    ja: '確認が済んでいない新しい端末からの重要な操作です',
    en: 'Sensitive action from a new device that has not been confirmed',
  },
  new_network: {
    ja: 'これまでに使われたことのないネットワークからの操作です',
    en: 'Activity from a network this account has not used before',
  },
  foreign_login: {
    ja: '海外（{country}）からの操作です',
    en: 'Activity from abroad ({country})',
  },
  risky_network: {
    ja: '{kind}を経由した操作です',
    en: 'Activity through {kind}',
  },
  impossible_travel: {
    ja: '前回のログイン（{from}）から{hours}時間で約{km}km離れた場所（{to}）からの操作です。移動できる距離を超えています',
    en: 'Activity from {to}, about {km} km from the previous login in {from} only {hours} hours earlier: farther than anyone could travel',
  },
  cross_account_network: {
    ja: '同じ接続元から複数のアカウントへの不審なログインがあります',
    en: 'Suspicious logins to several accounts from the same source',
  },
  'cross_account_network.ip': {
    ja: '同じ接続元から短時間に{accounts}件のアカウントへのログイン失敗があります',
    en: 'Failed logins to {accounts} accounts from the same address in a short time',
  },
  'cross_account_network.device': {
    ja: '同じ端末が短時間に{accounts}件のアカウントで使われています',
    en: 'The same device was used on {accounts} accounts in a short time',
  },
  online_esim_reissue: {
    ja: 'オンラインで{kind}が再発行されました',
    en: 'A {kind} was re-issued online',
  },
  'online_esim_reissue.new_device': {
    ja: '新しい端末からオンラインで{kind}が再発行されました',
    en: 'A {kind} was re-issued online from a new device',
  },
  'online_esim_reissue.phone': {
    ja: '電話窓口でSIMが再発行されました',
    en: 'A SIM was re-issued over the phone',
  },
  sim_reissue_then_otp_login: {
    ja: 'SIMの再発行から{hours}時間以内に{method}でログインしています',
    en: 'Login with {method} within {hours} hours of a SIM re-issue',
  },
  security_change_then_card: {
    ja: '{changes}から{hours}時間以内に{target}があります',
    en: '{target} within {hours} hours of {changes}',
  },
  card_testing: {
    ja: 'カード確認の失敗や少額決済の繰り返しなど、カードの不正利用を試す動きがあります',
    en: 'Signs of card testing: failed card checks, several new cards or repeated small charges',
  },
  velocity: {
    ja: '決済の回数または金額が普段より急に増えています（24時間で{count}件・{yen}円）',
    en: 'Charges are suddenly more frequent or larger than usual ({count} charges, ¥{yen} in 24 hours)',
  },
  large_amount: {
    ja: '普段の利用額を大きく上回る決済です（{yen}円）',
    en: 'A charge far above the usual amount (¥{yen})',
  },
  high_risk_category_new_device: {
    ja: '新しい端末から{category}の購入があります',
    en: 'Purchase of {category} from a new device',
  },
  night_cash_out: {
    ja: '深夜に電子マネー・ギフトカードなどの購入が続いています（{minutes}分間に{count}件・合計{yen}円、初めての種類を含む）',
    en: 'A run of e-money, gift card or similar purchases late at night ({count} in {minutes} minutes, ¥{yen} in total, including a kind never bought before)',
  },
  low_and_slow: {
    ja: 'この{days}日間に初めての加盟店で少額の決済が続いています（{count}件・合計{yen}円）',
    en: 'A run of small charges at new merchants over {days} days ({count} charges, ¥{yen} in total)',
  },
  login_failures_then_charge: {
    ja: 'ログインの失敗が続いた直後の決済またはカード操作です（{minutes}分以内に{failures}回失敗）',
    en: 'A charge or card action right after repeated failed logins ({failures} failures within {minutes} minutes)',
  },
  'login_failures_then_charge.cash_out': {
    ja: 'ログインの失敗が続いた直後に、電子マネーやギフトカードなど初めての種類の購入が続いています（{minutes}分以内に{failures}回失敗）',
    en: 'Purchases of e-money, gift cards or similar of a kind never bought before, right after repeated failed logins ({failures} failures within {minutes} minutes)',
  },
  'login_failures_then_charge.sms': {
    ja: 'ログインの失敗が続いた後、SMS認証コードでログインされ、その直後に決済またはカード操作があります',
    en: 'A charge or card action right after failed logins followed by a login with an SMS code',
  },
  'subscriber_report.not_me': {
    ja: 'ご本人から「身に覚えがない」との申告がありました',
    en: 'The subscriber reported activity that was not theirs',
  },
  'subscriber_report.lost_phone': {
    ja: 'ご本人から端末の紛失・盗難の申告がありました',
    en: 'The subscriber reported the phone lost or stolen',
  },
  subscriber_report: {
    ja: 'ご本人からの申告がありました',
    en: 'The subscriber filed a report',
  },
  account_locked: {
    ja: 'アカウントは保護のためロックされています',
    en: 'The account is locked for protection',
  },
};

/** Codes inside params, translated. */
const CODES: Readonly<Record<string, Readonly<Record<string, { ja: string; en: string }>>>> = {
  kind: {
    hosting: { ja: 'データセンター（クラウドサーバー）', en: 'a data centre (cloud server)' },
    vpn: { ja: 'VPN', en: 'a VPN' },
    tor: { ja: 'Tor（匿名化ネットワーク）', en: 'Tor (an anonymising network)' },
    esim: { ja: 'eSIM', en: 'eSIM' },
    physical: { ja: 'SIMカード', en: 'SIM card' },
  },
  method: {
    sms_otp: { ja: 'SMSの認証コード', en: 'an SMS code' },
    network_pin: { ja: 'ネットワーク暗証番号', en: 'the network PIN' },
  },
  target: {
    charge: { ja: '決済', en: 'A charge' },
    large_charge: { ja: '高額な決済', en: 'A large charge' },
    card_view: { ja: 'カード情報の閲覧', en: 'Viewing the card details' },
    card_change: { ja: 'カード情報の変更', en: 'A card change' },
  },
  changes: {
    password_reset: { ja: 'パスワードの再設定', en: 'a password reset' },
    contact_change: { ja: '連絡先の変更', en: 'a contact change' },
    mfa_disabled: { ja: '2段階認証の解除', en: '2-step verification turned off' },
    mfa_reset: { ja: '2段階認証の再設定', en: '2-step verification reset' },
    sim_reissue: { ja: 'SIMの再発行', en: 'a SIM re-issue' },
  },
  category: {
    e_money: { ja: '電子マネー', en: 'e-money' },
    gift_card: { ja: 'ギフトカード', en: 'gift cards' },
    game: { ja: 'ゲーム', en: 'game items' },
    digital_content: { ja: 'デジタルコンテンツ', en: 'digital content' },
  },
};

const COUNTRY_JA: Readonly<Record<string, string>> = {
  JP: '日本',
  KR: '韓国',
  CN: '中国',
  TW: '台湾',
  HK: '香港',
  MO: 'マカオ',
  PH: 'フィリピン',
  VN: 'ベトナム',
  TH: 'タイ',
  KH: 'カンボジア',
  MM: 'ミャンマー',
  SG: 'シンガポール',
  MY: 'マレーシア',
  ID: 'インドネシア',
  IN: 'インド',
  AU: 'オーストラリア',
  NZ: 'ニュージーランド',
  GU: 'グアム',
  US: 'アメリカ',
  CA: 'カナダ',
  MX: 'メキシコ',
  BR: 'ブラジル',
  GB: 'イギリス',
  FR: 'フランス',
  DE: 'ドイツ',
  IT: 'イタリア',
  ES: 'スペイン',
  NL: 'オランダ',
  PL: 'ポーランド',
  UA: 'ウクライナ',
  RU: 'ロシア',
  TR: 'トルコ',
  AE: 'アラブ首長国連邦',
  NG: 'ナイジェリア',
  ZA: '南アフリカ',
};

/** 12345 → "12,345" (no Intl: output must not depend on the runtime's locale data). */
export function formatYen(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

function renderParam(name: string, value: string | number, lang: Lang): string {
  if (typeof value === 'number')
    return name === 'yen' || name === 'typical' ? formatYen(value) : String(value);
  if (name === 'country' || name === 'from' || name === 'to')
    return lang === 'ja' ? (COUNTRY_JA[value] ?? value) : value;
  const table = CODES[name];
  if (!table) return value;
  if (name === 'changes') {
    const parts = value.split(',').map((c) => table[c]?.[lang] ?? c);
    return lang === 'ja' ? parts.join('・') : parts.join(', ');
  }
  return table[value]?.[lang] ?? value;
}

/** True when a template exists for `key` (a rule id or `rule.variant`). */
export function hasMessage(key: string): boolean {
  return key in TEMPLATES;
}

/**
 * The reason message for a rule's key and params, in `lang`.
 *
 * @example
 * reasonMessage('security_change_then_card', { changes: 'contact_change', hours: 2, target: 'large_charge' }, 'ja')
 * // → '連絡先の変更から2時間以内に高額な決済があります'
 */
export function reasonMessage(key: string, params: MessageParams = {}, lang: Lang = 'ja'): string {
  const t = TEMPLATES[key] ?? TEMPLATES[key.split('.')[0] ?? ''];
  if (!t) return key;
  return t[lang].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : renderParam(name, v, lang);
  });
}
