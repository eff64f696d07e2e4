/**
 * One stored account event as a timeline line in Japanese (contract events.md "Types and their
 * own fields"). Stored events were validated when they were accepted, but a report must still
 * render whatever is in the database, so every field is read defensively.
 */

export type TimelineCategory = 'sign_in' | 'change' | 'card' | 'charge' | 'report' | 'other';

export interface DescribedEvent {
  category: TimelineCategory;
  /** Japanese label of the event type, e.g. ログイン. */
  label: string;
  /** Japanese description of what happened. */
  description: string;
  amountYen: number | null;
  merchant: string | null;
  device: string | null;
  ip: string | null;
  country: string | null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const pick = (table: Record<string, string>, v: unknown): string => {
  const s = str(v);
  return s === null ? '不明' : (table[s] ?? s);
};

const LOGIN_METHOD: Record<string, string> = {
  password: 'パスワード',
  passkey: 'パスキー',
  totp: '認証アプリ',
  sms_otp: 'SMS認証コード',
  network_pin: 'ネットワーク暗証番号',
};
const MFA_ACTION: Record<string, string> = { enabled: '有効化', disabled: '無効化', reset: 'リセット' };
const CONTACT_FIELD: Record<string, string> = { email: 'メールアドレス', phone: '電話番号', address: '住所' };
const CARD_ACTION: Record<string, string> = { add: '登録', replace: '変更', remove: '削除' };
const CATEGORY: Record<string, string> = {
  digital_content: 'デジタルコンテンツ',
  game: 'ゲーム',
  app_store: 'アプリストア',
  gift_card: 'ギフトカード',
  e_money: '電子マネー',
  ecommerce: '通信販売',
  subscription: '定期購入',
  ticket: 'チケット',
  other: 'その他',
};
const FUNDING: Record<string, string> = {
  phone_bill: 'キャリア決済（携帯料金合算）',
  registered_card: '登録クレジットカード',
};
const REPORT_KIND: Record<string, string> = {
  not_me: '身に覚えがない',
  phishing_message: 'フィッシングメッセージ',
  lost_phone: '端末の紛失',
};

/** Japanese labels of the event types. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  login: 'ログイン',
  password_change: 'パスワード変更',
  mfa_change: '二段階認証の変更',
  contact_change: '連絡先の変更',
  sim_reissue: 'SIM再発行',
  card_view: 'カード情報の閲覧',
  card_change: 'カードの登録・変更',
  card_verification: 'カード認証',
  charge: '決済',
  limit_change: '利用限度額の変更',
  subscriber_report: '利用者からの申告',
};

export function describeEvent(type: string, raw: unknown): DescribedEvent {
  const e = obj(raw);
  const device = obj(e.device);
  const network = obj(e.network);
  const base: DescribedEvent = {
    category: 'other',
    label: EVENT_LABELS[type] ?? type,
    description: '',
    amountYen: null,
    merchant: null,
    device: [str(device.platform), str(device.id)].filter((x) => x !== null).join(' ') || null,
    ip: str(network.ip),
    country: str(network.country),
  };
  switch (type) {
    case 'login': {
      const ok = e.result === 'success';
      const reason = str(e.failure_reason);
      return {
        ...base,
        category: 'sign_in',
        description: `ログイン${ok ? '成功' : '失敗'}（${pick(LOGIN_METHOD, e.method)}）${reason && !ok ? `：${reason}` : ''}`,
      };
    }
    case 'password_change':
      return {
        ...base,
        category: 'change',
        description: `パスワード変更（${e.via === 'reset' ? '再設定' : e.via === 'settings' ? '設定画面' : '不明'}）`,
      };
    case 'mfa_change':
      return {
        ...base,
        category: 'change',
        description: `二段階認証の${pick(MFA_ACTION, e.action)}（${pick(LOGIN_METHOD, e.method)}）`,
      };
    case 'contact_change':
      return { ...base, category: 'change', description: `${pick(CONTACT_FIELD, e.field)}の変更` };
    case 'sim_reissue':
      return {
        ...base,
        category: 'change',
        description: `SIM再発行（${e.kind === 'esim' ? 'eSIM' : e.kind === 'physical' ? '物理SIM' : '不明'}・${
          e.channel === 'shop'
            ? '店頭'
            : e.channel === 'online'
              ? 'オンライン'
              : e.channel === 'phone'
                ? '電話'
                : '不明'
        }）`,
      };
    case 'card_view':
      return { ...base, category: 'card', description: '登録カード情報の閲覧' };
    case 'card_change': {
      const card = obj(e.card);
      const last4 = str(card.last4);
      const issuer = str(card.issuer);
      return {
        ...base,
        category: 'card',
        description: `カードの${pick(CARD_ACTION, e.action)}${last4 ? `（末尾 ${last4}${issuer ? `・${issuer}` : ''}）` : ''}`,
      };
    }
    case 'card_verification':
      return {
        ...base,
        category: 'card',
        description: `カード認証${e.result === 'success' ? '成功' : '失敗'}（${str(e.method)?.toUpperCase() ?? '不明'}）`,
      };
    case 'charge': {
      const merchant = obj(e.merchant);
      const name = str(merchant.name) ?? str(merchant.id);
      return {
        ...base,
        category: 'charge',
        amountYen: num(e.amount),
        merchant: name,
        description: `決済：${name ?? '加盟店不明'}（${pick(CATEGORY, merchant.category)}・${pick(FUNDING, e.funding)}）`,
      };
    }
    case 'limit_change': {
      const limit = num(e.monthly_limit);
      return {
        ...base,
        category: 'change',
        description: `月間利用限度額の変更${limit === null ? '' : `（${limit.toLocaleString('en-US')}円）`}`,
      };
    }
    case 'subscriber_report':
      return {
        ...base,
        category: 'report',
        description: `利用者からの申告：${pick(REPORT_KIND, e.kind)}${str(e.ref) ? `（参照 ${str(e.ref)}）` : ''}`,
      };
    default:
      return { ...base, description: base.label };
  }
}
