/**
 * Reference data the simulator draws from: networks (with their real AS numbers), devices and
 * merchants. Address prefixes are plausible for each network but are only there to make
 * addresses look real; nothing checks them against a registry.
 */
import type { MerchantCategory } from '../engine/event-schema.ts';
import type { Rng } from './prng.ts';

export type Platform = 'ios' | 'android' | 'pc' | 'feature_phone' | 'other';
export type NetworkKind = 'mobile' | 'fixed' | 'hosting' | 'vpn' | 'tor' | 'unknown';

export interface NetworkSpec {
  name: string;
  asn: number;
  country: string;
  kind: NetworkKind;
  /** First two octets of IPv4 ranges the network announces. */
  prefixes: readonly string[];
}

const net = (
  name: string,
  asn: number,
  country: string,
  kind: NetworkKind,
  prefixes: readonly string[],
): NetworkSpec => ({ name, asn, country, kind, prefixes });

/** Japanese mobile carriers, with the share of subscribers whose phone is on each. */
export const JP_MOBILE: readonly (readonly [NetworkSpec, number])[] = [
  [net('NTT docomo', 9605, 'JP', 'mobile', ['49.96', '49.98', '1.66', '110.163']), 40],
  [net('KDDI au', 2516, 'JP', 'mobile', ['106.128', '106.133', '182.249', '27.230']), 30],
  [net('SoftBank', 17676, 'JP', 'mobile', ['126.204', '126.254', '126.33', '60.101']), 22],
  [net('Rakuten Mobile', 138384, 'JP', 'mobile', ['133.106', '101.102']), 8],
];

/** Japanese fixed-line ISPs (home Wi-Fi). */
export const JP_FIXED: readonly (readonly [NetworkSpec, number])[] = [
  [net('OCN', 4713, 'JP', 'fixed', ['153.156', '180.15', '114.160', '122.26']), 28],
  [net('KDDI (au Hikari)', 2516, 'JP', 'fixed', ['118.83', '27.83', '111.108']), 18],
  [net('SoftBank BB', 17676, 'JP', 'fixed', ['126.77', '219.160', '221.43']), 20],
  [net('So-net / NURO', 2527, 'JP', 'fixed', ['118.241', '220.100']), 12],
  [net('BIGLOBE', 2518, 'JP', 'fixed', ['114.148', '180.146']), 10],
  [net('IIJ', 2497, 'JP', 'fixed', ['210.130', '202.232']), 6],
  [net('ASAHI Net', 4685, 'JP', 'fixed', ['121.119', '218.219']), 6],
];

/** Networks a traveller from Japan uses abroad (local SIM or hotel Wi-Fi). */
export const TRAVEL: readonly NetworkSpec[] = [
  net('KT', 4766, 'KR', 'mobile', ['121.134', '211.36', '175.223']),
  net('SK Broadband', 9318, 'KR', 'fixed', ['59.5', '222.232']),
  net('Chunghwa Telecom', 3462, 'TW', 'mobile', ['1.160', '114.32', '36.224']),
  net('T-Mobile US', 21928, 'US', 'mobile', ['172.56', '172.58']),
  net('Comcast', 7922, 'US', 'fixed', ['73.12', '24.60']),
  net('AIS', 45430, 'TH', 'mobile', ['49.228', '49.229']),
  net('True Internet', 7470, 'TH', 'fixed', ['171.96', '183.88']),
];

/** Hosting and cloud networks (attackers' servers, also in Japan). */
export const HOSTING: readonly NetworkSpec[] = [
  net('Amazon AWS', 16509, 'US', 'hosting', ['3.112', '18.176', '54.248']),
  net('Amazon AWS Tokyo', 16509, 'JP', 'hosting', ['13.112', '54.238']),
  net('DigitalOcean', 14061, 'SG', 'hosting', ['159.65', '167.99']),
  net('OVH', 16276, 'FR', 'hosting', ['51.68', '147.135']),
  net('Akamai Linode', 63949, 'JP', 'hosting', ['139.162', '172.104']),
  net('Vultr', 20473, 'JP', 'hosting', ['45.32', '149.28']),
  net('SAKURA Internet', 9371, 'JP', 'hosting', ['153.127', '160.16']),
  net('Hetzner', 24940, 'DE', 'hosting', ['88.198', '116.203']),
];

/** Commercial VPN exits and Tor. */
export const ANONYMISERS: readonly NetworkSpec[] = [
  net('M247', 9009, 'JP', 'vpn', ['185.242', '37.120']),
  net('M247', 9009, 'US', 'vpn', ['89.46', '185.153']),
  net('Datacamp', 60068, 'HK', 'vpn', ['89.187', '143.244']),
  net('Tor exit', 60729, 'DE', 'tor', ['185.220']),
];

/** Residential and mobile networks abroad that attackers log in from. */
export const FOREIGN_ATTACKER: readonly NetworkSpec[] = [
  net('Chinanet', 4134, 'CN', 'fixed', ['112.80', '183.14']),
  net('Viettel', 7552, 'VN', 'mobile', ['27.64', '171.224']),
  net('PCCW', 4760, 'HK', 'fixed', ['112.118', '203.198']),
  net('KT', 4766, 'KR', 'fixed', ['121.134', '211.36']),
  net('Comcast', 7922, 'US', 'fixed', ['73.12', '24.60']),
];

/** A random IPv4 address inside one of the network's prefixes. */
export function ipIn(rng: Rng, spec: NetworkSpec): string {
  return `${rng.pick(spec.prefixes)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
}

const IOS_VERSIONS = ['17_6', '18_1', '18_3', '18_5', '26_0', '26_1'];
const ANDROID_MODELS = ['SO-51D', 'SC-52D', 'SH-53D', 'Pixel 8', 'Pixel 9', 'A302ZT', 'SOG13', 'XQ-DQ44'];

/** A plausible user agent for a platform. */
export function userAgent(rng: Rng, platform: Platform): string {
  switch (platform) {
    case 'ios':
      return `Mozilla/5.0 (iPhone; CPU iPhone OS ${rng.pick(IOS_VERSIONS)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148`;
    case 'android':
      return `Mozilla/5.0 (Linux; Android ${rng.int(12, 16)}; ${rng.pick(ANDROID_MODELS)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(128, 141)}.0.0.0 Mobile Safari/537.36`;
    case 'pc':
      return rng.chance(0.6)
        ? `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${rng.int(128, 141)}.0.0.0 Safari/537.36`
        : `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.int(17, 26)}.0 Safari/605.1.15`;
    case 'feature_phone':
      return `DoCoMo/2.0 P01J(c500;TB;W24H16)`;
    default:
      return 'Mozilla/5.0';
  }
}

export interface Merchant {
  id: string;
  name: string;
  category: MerchantCategory;
}

const m = (id: string, name: string, category: MerchantCategory): Merchant => ({ id, name, category });

/** Well-known merchants, by category. */
export const MERCHANTS: Readonly<Record<MerchantCategory, readonly Merchant[]>> = {
  app_store: [m('m_appstore', 'App Store', 'app_store'), m('m_googleplay', 'Google Play', 'app_store')],
  game: [
    m('m_game_hoshi', '星の騎士団', 'game'),
    m('m_game_puzzle', 'パズルキングダム', 'game'),
    m('m_game_turbo', 'ターボレーサー', 'game'),
    m('m_game_idol', 'アイドルステージ', 'game'),
    m('m_game_umamusu', 'ダービーガールズ', 'game'),
  ],
  subscription: [
    m('m_sub_video', '動画見放題プラス', 'subscription'),
    m('m_sub_music', 'ミュージックパス', 'subscription'),
    m('m_sub_cloud', 'クラウド保存', 'subscription'),
    m('m_sub_news', 'デジタル新聞', 'subscription'),
    m('m_sub_manga', 'マンガ読み放題', 'subscription'),
  ],
  digital_content: [
    m('m_dc_ebook', '電子書籍ストア', 'digital_content'),
    m('m_dc_music', '音楽ダウンロード', 'digital_content'),
    m('m_dc_stamp', 'スタンプショップ', 'digital_content'),
  ],
  ecommerce: [
    m('m_ec_mall', 'オンラインモール', 'ecommerce'),
    m('m_ec_fashion', 'ファッション通販', 'ecommerce'),
    m('m_ec_food', 'フードデリバリー', 'ecommerce'),
    m('m_ec_flea', 'フリマアプリ', 'ecommerce'),
  ],
  ticket: [
    m('m_tk_train', '新幹線ネット予約', 'ticket'),
    m('m_tk_live', 'ライブチケット', 'ticket'),
    m('m_tk_movie', '映画チケット', 'ticket'),
  ],
  gift_card: [
    m('m_gc_apple', 'Apple Gift Card', 'gift_card'),
    m('m_gc_google', 'Google Play ギフトコード', 'gift_card'),
    m('m_gc_mall', 'モールギフト券', 'gift_card'),
  ],
  e_money: [
    m('m_em_transit', '交通系IC チャージ', 'e_money'),
    m('m_em_wallet', 'ウォレット残高チャージ', 'e_money'),
    m('m_em_prepaid', 'プリペイドカード チャージ', 'e_money'),
  ],
  other: [m('m_other_fortune', '占いサイト', 'other'), m('m_other_donation', 'オンライン寄付', 'other')],
};

/** Long tail of small shops: legitimate people rarely use them; low-and-slow attackers do. */
export const LONG_TAIL_SIZE = 400;
const LONG_TAIL_CATEGORIES: readonly MerchantCategory[] = ['digital_content', 'ecommerce', 'other', 'game'];
export function longTailMerchant(n: number): Merchant {
  const category = LONG_TAIL_CATEGORIES[n % LONG_TAIL_CATEGORIES.length] ?? 'other';
  return m(`m_shop_${n}`, `ショップ${n}`, category);
}

/** Merchants abroad, by country (travel purchases). */
export const FOREIGN_MERCHANTS: Readonly<Record<string, readonly Merchant[]>> = {
  KR: [m('m_kr_ktx', 'KTX Ticket', 'ticket'), m('m_kr_olive', 'Seoul Beauty Online', 'ecommerce')],
  TW: [m('m_tw_hsr', 'THSR Ticket', 'ticket'), m('m_tw_night', 'Taipei Night Market Pay', 'other')],
  US: [m('m_us_parks', 'National Parks Pass', 'ticket'), m('m_us_ride', 'RideShare US', 'other')],
  TH: [m('m_th_bts', 'BTS Rabbit Top-up', 'e_money'), m('m_th_tour', 'Bangkok Tours', 'ticket')],
};

/** Issuer BINs: Japanese cards the subscribers register, and foreign ones card testers add. */
export const JP_BINS = ['454742', '490980', '353901', '356701', '524701', '400213', '540920'];
export const FOREIGN_BINS: readonly (readonly [string, string])[] = [
  ['414720', 'US'],
  ['426684', 'US'],
  ['552433', 'GB'],
  ['403233', 'BR'],
  ['536537', 'MX'],
  ['622848', 'CN'],
  ['457173', 'FR'],
];
export const JP_ISSUERS = ['三井住友カード', 'JCB', '楽天カード', 'イオンカード', 'dカード', 'au PAY カード'];
