// Catalogue of the world the holdout-b traffic lives in: merchants and price points, carriers and
// internet providers (address ranges are plausible-looking, not verified allocations), device
// user agents and payment cards.

import type { Rng } from './rng.ts';

// ---------------------------------------------------------------- merchants

export type Category =
  | 'digital_content'
  | 'game'
  | 'app_store'
  | 'gift_card'
  | 'e_money'
  | 'ecommerce'
  | 'subscription'
  | 'ticket'
  | 'other';

/** Price sampler; `spend` in [0, 1] is how freely the buyer spends. */
export type Price = (r: Rng, spend: number) => number;

export interface Merchant {
  id: string;
  name: string;
  category: Category;
  price: Price;
  /** Who buys here: subscribers, attackers, or both. */
  used: 'owners' | 'attackers' | 'both';
}

/** Fixed price points, cheaper ones more likely for careful spenders. */
const points =
  (...pts: number[]): Price =>
  (r, spend) => {
    const i = Math.floor(pts.length * r.next() ** (1 + 3 * (1 - spend)));
    return pts[Math.min(i, pts.length - 1)] ?? pts[0] ?? 100;
  };

/** Free amount around a median, rounded to `step` yen. */
const around =
  (median: number, sigma: number, lo: number, hi: number, step = 10): Price =>
  (r, spend) => {
    const x = r.lognormal(median * (0.6 + 0.8 * spend), sigma);
    return Math.min(hi, Math.max(lo, Math.round(x / step) * step));
  };

const GACHA = points(120, 250, 370, 490, 610, 980, 1220, 1480, 2440, 3060, 4900, 5000, 9800, 10000);
const STORE = points(100, 160, 250, 300, 480, 500, 610, 800, 980, 1200, 1500, 1600, 3000, 5000, 10000);
const TOPUP = points(1000, 2000, 3000, 5000, 10000);

const m = (
  id: string,
  name: string,
  category: Category,
  price: Price,
  used: Merchant['used'] = 'owners',
) => ({
  id,
  name,
  category,
  price,
  used,
});

export const MERCHANTS: Merchant[] = [
  m('mer_monst', 'モンスターストライク', 'game', GACHA, 'both'),
  m('mer_fgo', 'Fate/Grand Order', 'game', GACHA),
  m('mer_uma', 'ウマ娘 プリティーダービー', 'game', GACHA),
  m('mer_pad', 'パズル＆ドラゴンズ', 'game', GACHA),
  m('mer_genshin', '原神', 'game', GACHA, 'both'),
  m('mer_dmmgames', 'DMM GAMES', 'game', points(500, 1000, 1500, 3000, 5000, 10000)),
  m('mer_psstore', 'PlayStation Store', 'game', points(1000, 2000, 3000, 5000, 7000, 8000), 'both'),
  m('mer_eshop', 'ニンテンドーeショップ', 'game', points(1000, 1980, 3000, 5000, 6578, 7678), 'both'),
  m('mer_topup_asia', 'GameTopUp Asia', 'game', points(3000, 5000, 10000, 15000, 30000), 'attackers'),
  m('mer_googleplay', 'Google Play', 'app_store', STORE, 'both'),
  m('mer_appstore', 'App Store', 'app_store', STORE, 'both'),
  m('mer_line', 'LINE STORE', 'digital_content', points(120, 240, 250, 360, 370, 600, 1200), 'both'),
  m('mer_cmoa', 'コミックシーモア', 'digital_content', around(900, 0.5, 110, 6000)),
  m('mer_ebookjapan', 'ebookjapan', 'digital_content', around(800, 0.5, 110, 6000)),
  m('mer_recochoku', 'レコチョク', 'digital_content', points(255, 261, 1528, 2546)),
  m('mer_nico', 'ニコニコ', 'digital_content', points(500, 1000, 2000, 5000)),
  m('mer_uranai', '占いの館 月と星', 'digital_content', points(330, 550, 1100, 2200), 'both'),
  m('mer_hoshiyomi', '開運占い 星詠み', 'digital_content', points(330, 550, 880, 1650, 2200), 'attackers'),
  m('mer_stamplab', 'スタンプ工房Pro', 'digital_content', points(250, 480, 980, 1500), 'attackers'),
  m('mer_digistore', 'DigiStore Global', 'digital_content', around(1500, 0.6, 200, 9000), 'attackers'),
  m('mer_webtools', 'WebTools Pro', 'digital_content', around(300, 1.0, 1, 3000, 1), 'attackers'),
  m('mer_amazon', 'Amazon.co.jp', 'ecommerce', around(2800, 0.8, 300, 60000)),
  m('mer_rakuten', '楽天市場', 'ecommerce', around(3500, 0.8, 300, 60000)),
  m('mer_yahooshop', 'Yahoo!ショッピング', 'ecommerce', around(3000, 0.8, 300, 50000)),
  m('mer_mercari', 'メルカリ', 'ecommerce', around(2200, 0.8, 300, 40000)),
  m('mer_zozo', 'ZOZOTOWN', 'ecommerce', around(6000, 0.6, 990, 40000)),
  m('mer_yodobashi', 'ヨドバシ.com', 'ecommerce', around(4500, 0.9, 200, 90000), 'both'),
  m('mer_uniqlo', 'ユニクロ オンラインストア', 'ecommerce', around(4000, 0.6, 990, 25000)),
  m('mer_biccamera', 'ビックカメラ.com', 'ecommerce', around(5000, 0.9, 300, 90000)),
  m('mer_nitori', 'ニトリネット', 'ecommerce', around(5500, 0.8, 500, 60000)),
  m('mer_qoo10', 'Qoo10', 'ecommerce', around(2500, 0.7, 300, 20000)),
  m('mer_pia', 'チケットぴあ', 'ticket', around(9500, 0.3, 3000, 30000)),
  m('mer_lawsonticket', 'ローソンチケット', 'ticket', around(9000, 0.3, 3000, 30000)),
  m('mer_eplus', 'イープラス', 'ticket', around(9800, 0.3, 3000, 30000)),
  m('mer_smartex', 'スマートEX', 'ticket', points(9000, 11500, 13970, 14720, 23390, 29440)),
  m('mer_tohocinema', 'TOHOシネマズ', 'ticket', points(1900, 2000, 2200, 3800, 4000)),
  m('mer_kousokubus', '高速バスネット', 'ticket', around(4500, 0.4, 1500, 12000)),
  m('mer_edy', '楽天Edy', 'e_money', TOPUP, 'both'),
  m('mer_paypay_charge', 'PayPay残高チャージ', 'e_money', TOPUP),
  m('mer_aupay_charge', 'au PAY 残高チャージ', 'e_money', TOPUP),
  m('mer_vpreca', 'Vプリカ', 'e_money', points(2000, 3000, 5000, 10000, 30000, 50000), 'both'),
  m('mer_bitcash', 'BitCash', 'e_money', points(1000, 2000, 3000, 5000, 10000, 20000), 'both'),
  m('mer_webmoney', 'WebMoney', 'e_money', points(1000, 2000, 3000, 5000, 10000, 20000, 30000), 'both'),
  m(
    'mer_amazongift',
    'Amazonギフトカード',
    'gift_card',
    points(1500, 3000, 5000, 10000, 20000, 50000),
    'both',
  ),
  m('mer_applegift', 'Apple Gift Card', 'gift_card', points(1500, 3000, 5000, 10000, 20000, 30000), 'both'),
  m('mer_playgift', 'Google Play ギフトコード', 'gift_card', points(1500, 3000, 5000, 10000, 20000), 'both'),
  m('mer_linegift', 'LINEギフト', 'gift_card', points(500, 800, 1000, 1500, 3000, 5000)),
  m('mer_starbucks', 'スターバックス eGift', 'gift_card', points(500, 700, 1000, 3000)),
  m('mer_giftmall', 'ギフト券モール', 'gift_card', points(5000, 10000, 20000, 30000, 50000), 'attackers'),
  m('mer_demaecan', '出前館', 'other', around(2600, 0.4, 900, 9000)),
  m('mer_ubereats', 'Uber Eats', 'other', around(2400, 0.4, 800, 9000)),
  m('mer_go_taxi', 'GO タクシー', 'other', around(2300, 0.6, 500, 15000)),
  m('mer_yafuoku', 'Yahoo!オークション', 'other', around(3000, 0.9, 100, 50000)),
  m('mer_campfire', 'CAMPFIRE', 'other', points(1000, 3000, 5000, 10000)),
  m('mer_redcross', '日本赤十字社 寄付', 'other', points(500, 1000, 3000, 5000, 10000)),
  m('mer_bokin', 'オンライン募金ポータル', 'other', around(200, 1.0, 1, 1000, 1), 'attackers'),
  m('mer_secureline', 'SecureLine VPN', 'subscription', points(550, 980, 1480), 'attackers'),
];

export function merchantsFor(category: Category, who: 'owners' | 'attackers'): Merchant[] {
  const all =
    category === 'subscription' ? [...MERCHANTS, ...SUBSCRIPTIONS.map((s) => s.merchant)] : MERCHANTS;
  return all.filter((x) => x.category === category && (x.used === who || x.used === 'both'));
}

export function merchantById(id: string): Merchant {
  const found =
    MERCHANTS.find((x) => x.id === id) ?? SUBSCRIPTIONS.find((s) => s.merchant.id === id)?.merchant;
  if (!found) throw new Error(`unknown merchant ${id}`);
  return found;
}

export interface SubscriptionOffer {
  merchant: Merchant;
  plans: number[];
  /** Persona affinity: who tends to subscribe. */
  audience: string[];
}

const sub = (id: string, name: string, plans: number[], audience: string[]): SubscriptionOffer => ({
  merchant: { id, name, category: 'subscription', price: points(...plans), used: 'owners' },
  plans,
  audience,
});

export const SUBSCRIPTIONS: SubscriptionOffer[] = [
  sub('mer_netflix', 'Netflix', [890, 1590, 2290], ['young_adult', 'office', 'homemaker', 'power_user']),
  sub('mer_spotify', 'Spotify', [980, 480], ['teen', 'young_adult', 'office', 'power_user']),
  sub('mer_youtube', 'YouTube Premium', [1280, 780], ['teen', 'young_adult', 'office', 'power_user']),
  sub('mer_prime', 'Amazonプライム', [600], ['young_adult', 'office', 'homemaker', 'power_user']),
  sub('mer_dazn', 'DAZN', [4200, 3200], ['office', 'power_user']),
  sub('mer_unext', 'U-NEXT', [2189], ['office', 'homemaker', 'power_user']),
  sub('mer_disney', 'Disney+', [1140, 1520], ['young_adult', 'homemaker']),
  sub('mer_dmagazine', 'dマガジン', [580], ['office', 'elderly', 'homemaker']),
  sub('mer_linemusic', 'LINE MUSIC', [980, 480], ['teen', 'young_adult']),
  sub('mer_abema', 'ABEMAプレミアム', [960], ['teen', 'young_adult', 'homemaker']),
  sub('mer_hulu', 'Hulu', [1026], ['homemaker', 'elderly', 'office']),
  sub('mer_dmmtv', 'DMM TV', [550], ['young_adult', 'power_user']),
  sub('mer_nikkei', '日経電子版', [4277], ['office', 'elderly']),
  sub('mer_weathernews', 'ウェザーニュース', [360], ['elderly', 'office', 'homemaker']),
];

// ---------------------------------------------------------------- networks

export type NetKind = 'mobile' | 'fixed' | 'hosting' | 'vpn' | 'tor' | 'unknown';

export interface Network {
  ip: string;
  country?: string;
  asn?: number;
  kind?: NetKind;
}

export interface Provider {
  name: string;
  asn?: number;
  country: string;
  kind: NetKind;
  /** IPv4 ranges as [first octet, second octet from, second octet to]. */
  v4: [number, number, number][];
  /** First two groups of IPv6 addresses handed out, if any. */
  v6?: string;
}

const prov = (
  name: string,
  asn: number | undefined,
  country: string,
  kind: NetKind,
  v4: [number, number, number][],
  v6?: string,
): Provider => (v6 ? { name, asn, country, kind, v4, v6 } : { name, asn, country, kind, v4 });

export function ipv4(r: Rng, p: Provider): string {
  const [a, lo, hi] = r.pick(p.v4);
  return `${a}.${r.int(lo, hi)}.${r.int(0, 255)}.${r.int(1, 254)}`;
}

/** A /64 prefix (four groups) inside the provider's IPv6 block. */
export function ipv6Prefix(r: Rng, p: Provider): string {
  return `${p.v6 ?? '2001:db8'}:${r.hex(4).replace(/^0+(?=.)/, '')}:${r.hex(4).replace(/^0+(?=.)/, '')}`;
}

export function ipv6(r: Rng, prefix: string): string {
  const group = () => r.hex(4).replace(/^0+(?=.)/, '');
  return `${prefix}:${group()}:${group()}:${group()}:${group()}`;
}

export function netOf(p: Provider, ip: string): Network {
  if (p.kind === 'unknown') return { ip, kind: 'unknown' };
  const n: Network = { ip, country: p.country };
  if (p.asn !== undefined) n.asn = p.asn;
  n.kind = p.kind;
  return n;
}

export type CarrierId = 'docomo' | 'au' | 'softbank' | 'rakuten';

export interface Carrier {
  id: CarrierId;
  brand: string;
  share: number;
  mobile: Provider;
  /** Whether the carrier's own network-PIN login is common for its subscribers. */
  networkPin: boolean;
}

export const CARRIERS: Carrier[] = [
  {
    id: 'docomo',
    brand: 'd払い',
    share: 0.37,
    mobile: prov(
      'NTT docomo',
      9605,
      'JP',
      'mobile',
      [
        [49, 96, 111],
        [1, 72, 79],
        [110, 163, 165],
      ],
      '2001:240',
    ),
    networkPin: true,
  },
  {
    id: 'au',
    brand: 'auかんたん決済',
    share: 0.28,
    mobile: prov(
      'KDDI au',
      2516,
      'JP',
      'mobile',
      [
        [106, 128, 159],
        [182, 249, 251],
        [111, 86, 111],
      ],
      '240b:10',
    ),
    networkPin: true,
  },
  {
    id: 'softbank',
    brand: 'ソフトバンクまとめて支払い',
    share: 0.25,
    mobile: prov(
      'SoftBank',
      17676,
      'JP',
      'mobile',
      [
        [126, 192, 255],
        [60, 64, 95],
      ],
      '2400:2200',
    ),
    networkPin: true,
  },
  {
    id: 'rakuten',
    brand: '楽天モバイル キャリア決済',
    share: 0.1,
    mobile: prov(
      'Rakuten Mobile',
      138384,
      'JP',
      'mobile',
      [
        [133, 106, 107],
        [157, 192, 199],
      ],
      '2400:4150',
    ),
    networkPin: false,
  },
];

export const HOME_ISPS: { p: Provider; w: number }[] = [
  {
    p: prov(
      'OCN',
      4713,
      'JP',
      'fixed',
      [
        [153, 128, 255],
        [180, 0, 63],
        [122, 16, 31],
      ],
      '2400:4050',
    ),
    w: 24,
  },
  {
    p: prov(
      'So-net / NURO',
      2527,
      'JP',
      'fixed',
      [
        [114, 160, 191],
        [118, 240, 243],
      ],
      '240d:1a',
    ),
    w: 14,
  },
  {
    p: prov(
      'au ひかり',
      2516,
      'JP',
      'fixed',
      [
        [118, 0, 31],
        [125, 192, 207],
      ],
      '2001:268',
    ),
    w: 16,
  },
  {
    p: prov(
      'SoftBank 光',
      17676,
      'JP',
      'fixed',
      [
        [126, 0, 127],
        [219, 0, 15],
      ],
      '2400:2410',
    ),
    w: 15,
  },
  {
    p: prov(
      'BIGLOBE',
      2518,
      'JP',
      'fixed',
      [
        [27, 80, 95],
        [133, 200, 207],
      ],
      '2404:7a80',
    ),
    w: 9,
  },
  {
    p: prov(
      'IIJmio',
      2497,
      'JP',
      'fixed',
      [
        [210, 130, 140],
        [58, 88, 95],
      ],
      '2405:6580',
    ),
    w: 5,
  },
  {
    p: prov(
      'J:COM',
      9824,
      'JP',
      'fixed',
      [
        [203, 165, 165],
        [211, 14, 15],
        [61, 192, 207],
      ],
      '2400:4000',
    ),
    w: 10,
  },
  {
    p: prov(
      '楽天ひかり',
      4685,
      'JP',
      'fixed',
      [
        [202, 171, 171],
        [220, 96, 111],
      ],
      '2404:1a8',
    ),
    w: 4,
  },
  {
    p: prov(
      'ぷらら',
      4713,
      'JP',
      'fixed',
      [
        [60, 32, 47],
        [221, 112, 127],
      ],
      '2400:4051',
    ),
    w: 3,
  },
];

export const OFFICE_ISPS: Provider[] = [
  prov('ARTERIA', 17506, 'JP', 'fixed', [
    [203, 141, 141],
    [118, 103, 103],
  ]),
  prov('NTT Communications', 4713, 'JP', 'fixed', [
    [210, 128, 129],
    [61, 200, 203],
  ]),
  prov('KDDI Business', 2516, 'JP', 'fixed', [
    [210, 196, 197],
    [61, 121, 121],
  ]),
  prov('IIJ', 2497, 'JP', 'fixed', [
    [202, 232, 232],
    [210, 138, 138],
  ]),
  prov('SoftBank Business', 17676, 'JP', 'fixed', [[219, 100, 103]]),
];

export const CORP_VPNS: Provider[] = [
  prov('Zscaler Tokyo', 53813, 'JP', 'vpn', [
    [165, 225, 225],
    [136, 226, 226],
  ]),
  prov('Zscaler Osaka', 53813, 'JP', 'vpn', [[147, 161, 161]]),
  prov('Corporate VPN (Palo Alto Prisma)', 54538, 'JP', 'vpn', [
    [130, 41, 41],
    [34, 99, 99],
  ]),
  prov('Corporate VPN (Cisco, Singapore hub)', 22616, 'SG', 'vpn', [[185, 46, 46]]),
  prov('Corporate VPN (US headquarters)', 22616, 'US', 'vpn', [[104, 129, 129]]),
];

export const PUBLIC_WIFI: Provider[] = [
  prov('Wi2 300', 55392, 'JP', 'fixed', [
    [111, 108, 108],
    [163, 49, 49],
  ]),
  prov('FREESPOT', 2518, 'JP', 'fixed', [[27, 96, 96]]),
  prov('au Wi-Fi SPOT', 2516, 'JP', 'fixed', [[106, 184, 185]]),
  prov('Japan Wi-Fi (NTT-BP)', 4713, 'JP', 'fixed', [[153, 150, 151]]),
  prov('駅・コンビニ Wi-Fi', 17676, 'JP', 'fixed', [[126, 150, 151]]),
];

export const PERSONAL_VPNS: Provider[] = [
  prov('NordVPN (Tokyo)', 9009, 'JP', 'vpn', [
    [45, 87, 87],
    [89, 187, 187],
  ]),
  prov('ExpressVPN (Tokyo)', 60068, 'JP', 'vpn', [[185, 242, 242]]),
  prov('NordVPN (Los Angeles)', 9009, 'US', 'vpn', [[37, 120, 120]]),
  prov('Surfshark (Singapore)', 9009, 'SG', 'vpn', [[89, 187, 187]]),
];

export type Destination = 'hawaii' | 'korea' | 'taiwan' | 'europe' | 'thailand';

/** Hours to add to local time to get JST. */
export const DESTINATIONS: Record<Destination, { tz: number; wifi: Provider[]; esim: Provider[] }> = {
  hawaii: {
    tz: 19,
    wifi: [
      prov('Hawaiian Telcom', 36149, 'US', 'fixed', [
        [66, 91, 91],
        [72, 130, 130],
      ]),
      prov('Spectrum Hawaii', 20001, 'US', 'fixed', [[24, 165, 165]]),
    ],
    esim: [prov('T-Mobile US', 21928, 'US', 'mobile', [[172, 56, 59]])],
  },
  korea: {
    tz: 0,
    wifi: [
      prov('KT', 4766, 'KR', 'fixed', [
        [121, 128, 191],
        [175, 192, 223],
      ]),
      prov('SK Broadband', 9318, 'KR', 'fixed', [[1, 224, 255]]),
    ],
    esim: [prov('SK Telecom', 9644, 'KR', 'mobile', [[223, 32, 63]])],
  },
  taiwan: {
    tz: 1,
    wifi: [
      prov('Chunghwa HiNet', 3462, 'TW', 'fixed', [
        [1, 160, 175],
        [36, 224, 239],
        [114, 32, 47],
      ]),
    ],
    esim: [prov('Chunghwa Mobile', 3462, 'TW', 'mobile', [[223, 136, 143]])],
  },
  europe: {
    tz: 8,
    wifi: [
      prov('Orange France', 3215, 'FR', 'fixed', [
        [90, 0, 127],
        [86, 192, 255],
      ]),
      prov('Deutsche Telekom', 3320, 'DE', 'fixed', [
        [79, 192, 255],
        [87, 128, 191],
      ]),
      prov('TIM Italia', 3269, 'IT', 'fixed', [
        [79, 0, 63],
        [93, 32, 63],
      ]),
      prov('BT', 2856, 'GB', 'fixed', [
        [86, 128, 191],
        [81, 128, 159],
      ]),
    ],
    esim: [prov('Travel eSIM (breakout Netherlands)', 8737, 'NL', 'mobile', [[31, 160, 175]])],
  },
  thailand: {
    tz: 2,
    wifi: [
      prov('True Internet', 7470, 'TH', 'fixed', [
        [171, 96, 103],
        [184, 22, 22],
      ]),
    ],
    esim: [prov('AIS', 45430, 'TH', 'mobile', [[49, 228, 231]])],
  },
};

/** Travel eSIMs often break out in a third country. */
export const TRAVEL_ESIM_HUBS: Provider[] = [
  prov('Travel eSIM (Hong Kong hub)', 4760, 'HK', 'mobile', [
    [223, 104, 104],
    [112, 118, 119],
  ]),
  prov('Travel eSIM (Singapore hub)', 7473, 'SG', 'mobile', [[118, 200, 201]]),
];

// Attacker-side infrastructure.
export const RESIDENTIAL_PROXY_JP: Provider[] = HOME_ISPS.map((x) => x.p);
export const HOSTING_JP: Provider[] = [
  prov('AWS Tokyo', 16509, 'JP', 'hosting', [
    [13, 112, 115],
    [18, 176, 183],
    [54, 64, 65],
  ]),
  prov('さくらインターネット', 9370, 'JP', 'hosting', [
    [153, 120, 127],
    [133, 242, 242],
  ]),
  prov('GMO ConoHa', 7506, 'JP', 'hosting', [
    [150, 95, 95],
    [118, 27, 27],
  ]),
  prov('Vultr Tokyo', 20473, 'JP', 'hosting', [
    [45, 76, 77],
    [139, 180, 180],
  ]),
  prov('Akamai Linode Tokyo', 63949, 'JP', 'hosting', [[172, 104, 105]]),
];
export const FOREIGN: Provider[] = [
  prov('China Telecom', 4134, 'CN', 'fixed', [
    [114, 80, 111],
    [183, 0, 63],
  ]),
  prov('China Unicom', 4837, 'CN', 'fixed', [
    [123, 112, 127],
    [221, 192, 223],
  ]),
  prov('Viettel', 7552, 'VN', 'mobile', [
    [27, 64, 79],
    [116, 96, 111],
  ]),
  prov('VNPT', 45899, 'VN', 'fixed', [
    [113, 160, 191],
    [14, 160, 191],
  ]),
  prov('PLDT', 9299, 'PH', 'fixed', [[112, 198, 211]]),
  prov('Tencent Cloud HK', 132203, 'HK', 'hosting', [[43, 128, 135]]),
  prov('Alibaba Cloud SG', 45102, 'SG', 'hosting', [[47, 74, 91]]),
  prov('DigitalOcean', 14061, 'US', 'hosting', [
    [159, 89, 89],
    [167, 99, 99],
    [64, 225, 225],
  ]),
  prov('OVH', 16276, 'FR', 'hosting', [[51, 68, 91]]),
  prov('Rostelecom', 12389, 'RU', 'fixed', [
    [95, 24, 31],
    [178, 64, 71],
  ]),
];
export const VPN_EXITS: Provider[] = [
  prov('M247 (Tokyo)', 9009, 'JP', 'vpn', [
    [37, 19, 19],
    [89, 187, 187],
  ]),
  prov('Datacamp (Tokyo)', 60068, 'JP', 'vpn', [
    [185, 242, 242],
    [156, 146, 146],
  ]),
  prov('M247 (Bucharest)', 9009, 'RO', 'vpn', [[185, 45, 45]]),
  prov('Packethub (Amsterdam)', 207137, 'NL', 'vpn', [[194, 127, 127]]),
];
export const TOR_EXITS: Provider[] = [
  prov('Tor exit (Hetzner)', 24940, 'DE', 'tor', [
    [65, 21, 21],
    [95, 216, 216],
  ]),
  prov('Tor exit (Frantech)', 53667, 'US', 'tor', [
    [107, 189, 189],
    [209, 141, 141],
  ]),
  prov('Tor exit (NForce)', 43350, 'NL', 'tor', [[185, 220, 220]]),
];
export const UNKNOWN_NET: Provider = prov('unknown', undefined, 'ZZ', 'unknown', [[100, 64, 127]]);

// ---------------------------------------------------------------- devices

export type Platform = 'ios' | 'android' | 'pc' | 'feature_phone' | 'other';

export interface Device {
  id: string;
  platform?: Platform;
  ua?: string;
  /** Parts this device's software does not send; known to the simulation, absent from events. */
  quiet?: ('platform' | 'ua')[];
}

const IOS = ['18_7', '26_1', '26_3', '26_5', '27_0', '27_1'];
const CHROME = [148, 150, 151, 152, 153, 154];
const ANDROID_MODELS: Record<CarrierId, string[]> = {
  docomo: ['SO-51F', 'SC-52E', 'SH-51E', 'SC-53F', 'Pixel 9', 'SO-53F'],
  au: ['SOG14', 'SCG27', 'SHG13', 'SCG29', 'Pixel 9a', 'XIG05'],
  softbank: ['A402SO', 'A401SH', 'Pixel 9', 'A501XM', 'A404ZT'],
  rakuten: ['P780', 'Pixel 9a', 'SM-S931Q', 'XQ-EC44', 'A303OP'],
};
const SENIOR_MODELS: Record<CarrierId, string[]> = {
  docomo: ['F-53E', 'F-52B'],
  au: ['KYG01', 'KYV49'],
  softbank: ['A301SH', 'A201KC'],
  rakuten: ['P780', 'A303OP'],
};
const KEITAI_MODELS: Record<CarrierId, string[]> = {
  docomo: ['SH-02L', 'SH-41A', 'KY-42C'],
  au: ['KYF42', 'SHF34', 'KYF43'],
  softbank: ['A208SH', 'A207SH', '806SH'],
  rakuten: ['P710', 'P710'],
};

export function iosPhoneUa(r: Rng): string {
  const v = r.pick(IOS);
  return `Mozilla/5.0 (iPhone; CPU iPhone OS ${v} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v.replace(/_/g, '.')} Mobile/15E148 Safari/604.1`;
}

export function androidPhoneUa(r: Rng, carrier: CarrierId, senior = false): string {
  const chrome = r.pick(CHROME);
  if (!senior && r.chance(0.5)) {
    // Reduced user-agent string sent by current Chrome.
    return `Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Mobile Safari/537.36`;
  }
  const model = r.pick((senior ? SENIOR_MODELS : ANDROID_MODELS)[carrier]);
  const android = r.int(13, 17);
  return `Mozilla/5.0 (Linux; Android ${android}; ${model}; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${chrome}.0.0.0 Mobile Safari/537.36`;
}

export function keitaiUa(r: Rng, carrier: CarrierId): string {
  const model = r.pick(KEITAI_MODELS[carrier]);
  return `Mozilla/5.0 (Linux; Android 8.1.0; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/90.0.4430.210 Mobile Safari/537.36`;
}

export function pcUa(r: Rng): string {
  const chrome = r.pick(CHROME);
  const kind = r.weighted({ chrome: 55, edge: 25, mac: 20 });
  if (kind === 'mac') {
    const v = r.pick(IOS).replace(/_/g, '.');
    return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`;
  }
  const base = `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${chrome}.0.0.0 Safari/537.36`;
  return kind === 'edge' ? `${base} Edg/${chrome}.0.0.0` : base;
}

export function tabletUa(r: Rng): { platform: Platform; ua: string } {
  if (r.chance(0.6)) {
    // iPadOS presents itself as a Mac.
    const v = r.pick(IOS).replace(/_/g, '.');
    return {
      platform: 'ios',
      ua: `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${v} Safari/605.1.15`,
    };
  }
  const model = r.pick(['SM-X210', 'SM-X110', 'KFTRWI', 'TB328FU', 'SHT22']);
  return {
    platform: 'android',
    ua: `Mozilla/5.0 (Linux; Android ${r.int(12, 16)}; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.pick(CHROME)}.0.0.0 Safari/537.36`,
  };
}

export function emulatorUa(r: Rng): string {
  return `Mozilla/5.0 (Linux; Android ${r.int(11, 14)}; sdk_gphone64_x86_64; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/${r.pick(CHROME)}.0.0.0 Mobile Safari/537.36`;
}

export function botUa(r: Rng): string {
  return r.pick([
    `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${r.pick(CHROME)}.0.0.0 Safari/537.36`,
    'python-requests/2.32.3',
    'okhttp/4.12.0',
    'Go-http-client/2.0',
    pcUa(r),
  ]);
}

// ---------------------------------------------------------------- cards

export interface Card {
  bin: string;
  last4: string;
  issuer?: string;
  country?: string;
}

const JP_ISSUERS: { issuer: string; prefix: string }[] = [
  { issuer: '三井住友カード', prefix: '4' },
  { issuer: '楽天カード', prefix: '5' },
  { issuer: 'JCB', prefix: '35' },
  { issuer: 'イオンカード', prefix: '4' },
  { issuer: 'dカード', prefix: '5' },
  { issuer: 'au PAY カード', prefix: '4' },
  { issuer: 'PayPayカード', prefix: '35' },
  { issuer: 'エポスカード', prefix: '4' },
];

const FOREIGN_ISSUERS: { issuer: string; prefix: string; country: string }[] = [
  { issuer: 'Chase', prefix: '4', country: 'US' },
  { issuer: 'Capital One', prefix: '5', country: 'US' },
  { issuer: 'Barclays', prefix: '4', country: 'GB' },
  { issuer: 'Nubank', prefix: '5', country: 'BR' },
  { issuer: 'BBVA Mexico', prefix: '4', country: 'MX' },
  { issuer: 'HDFC Bank', prefix: '4', country: 'IN' },
  { issuer: 'Revolut', prefix: '5', country: 'LT' },
];

function binFrom(r: Rng, prefix: string): string {
  return (prefix + r.digits(6)).slice(0, 6);
}

export function ownerCard(r: Rng): Card {
  const i = r.pick(JP_ISSUERS);
  return { bin: binFrom(r, i.prefix), last4: r.digits(4), issuer: i.issuer, country: 'JP' };
}

export function renewedCard(r: Rng, old: Card): Card {
  return { ...old, last4: r.digits(4) };
}

/** Cards an attacker bought in bulk: a mix of foreign and Japanese issuers, sometimes without details. */
export function attackerCard(r: Rng): Card {
  if (r.chance(0.35)) {
    const i = r.pick(JP_ISSUERS);
    return { bin: binFrom(r, i.prefix), last4: r.digits(4), issuer: i.issuer, country: 'JP' };
  }
  const i = r.pick(FOREIGN_ISSUERS);
  const card: Card = { bin: binFrom(r, i.prefix), last4: r.digits(4) };
  if (r.chance(0.7)) {
    card.issuer = i.issuer;
    card.country = i.country;
  }
  return card;
}
