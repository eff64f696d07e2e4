/**
 * The invented world the hold-out set lives in: clocks, networks, devices, cards and merchants.
 *
 * IP blocks and ASNs are made up to look plausible for each kind of network (Japanese carriers,
 * Japanese fixed-line ISPs, cloud hosting, VPN and Tor exits, foreign carriers). They are not a
 * statement about who really holds which addresses.
 */
import { hashText, type Rng } from './rng.ts';

// ---------------------------------------------------------------------------------------------
// Time. All `at` values are written in Japan Standard Time (+09:00), the operator's zone.

export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
const JST_OFFSET = 9 * HOUR;

/** Epoch ms of 00:00 JST on a YYYY-MM-DD date. */
export function startOfJstDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const utc = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Number.NaN;
  if (!m || new Date(utc).toISOString().slice(0, 10) !== date)
    throw new Error(`bad date ${date}, expected YYYY-MM-DD`);
  return utc - JST_OFFSET;
}

function jst(t: number): Date {
  return new Date(t + JST_OFFSET);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO 8601 with a +09:00 offset, whole seconds. */
export function isoJst(t: number): string {
  const d = jst(Math.floor(t / SEC) * SEC);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+09:00`
  );
}

export const jstHour = (t: number): number => jst(t).getUTCHours();
export const jstDayOfMonth = (t: number): number => jst(t).getUTCDate();
export const jstMonthKey = (t: number): string => isoJst(t).slice(0, 7);
export const jstDateKey = (t: number): string => isoJst(t).slice(0, 10);

/** Japanese public holidays around the default window (2026 and early 2027). */
const HOLIDAYS = new Set([
  '2026-09-21',
  '2026-09-22',
  '2026-09-23',
  '2026-10-12',
  '2026-11-03',
  '2026-11-23',
  '2026-12-31',
  '2027-01-01',
  '2027-01-02',
  '2027-01-03',
  '2027-01-11',
]);

export function isHoliday(t: number): boolean {
  return HOLIDAYS.has(jstDateKey(t));
}

/** Saturday, Sunday or a public holiday, in JST. */
export function isDayOff(t: number): boolean {
  const dow = jst(t).getUTCDay();
  return dow === 0 || dow === 6 || isHoliday(t);
}

// ---------------------------------------------------------------------------------------------
// Networks.

export type NetKind = 'mobile' | 'fixed' | 'hosting' | 'vpn' | 'tor' | 'unknown';

export interface Isp {
  name: string;
  asn: number;
  country: string;
  kind: NetKind;
  blocks: readonly string[];
}

export interface Network {
  ip: string;
  country?: string;
  asn?: number;
  kind?: NetKind;
}

const isp = (name: string, asn: number, country: string, kind: NetKind, ...blocks: string[]): Isp => ({
  name,
  asn,
  country,
  kind,
  blocks,
});

export type CarrierKey = 'docomo' | 'au' | 'softbank' | 'rakuten';

/** The four carrier-billing operators and the mobile networks of their lines. */
export const CARRIER_MOBILE: Record<CarrierKey, Isp> = {
  docomo: isp('NTT DOCOMO', 9605, 'JP', 'mobile', '49.96.0.0/13', '49.104.0.0/14', '1.72.0.0/14'),
  au: isp('KDDI', 2516, 'JP', 'mobile', '106.128.0.0/13', '111.86.0.0/15', '182.248.0.0/15'),
  softbank: isp('SoftBank', 17676, 'JP', 'mobile', '126.192.0.0/11', '126.224.0.0/12'),
  rakuten: isp('Rakuten Mobile', 138384, 'JP', 'mobile', '133.106.0.0/16', '157.192.0.0/16'),
};

export const CARRIER_WEIGHTS: readonly (readonly [CarrierKey, number])[] = [
  ['docomo', 36],
  ['au', 28],
  ['softbank', 26],
  ['rakuten', 10],
];

/** Home broadband providers, weighted by how common they are. */
export const JP_FIXED: readonly (readonly [Isp, number])[] = [
  [isp('OCN', 4713, 'JP', 'fixed', '153.128.0.0/11', '180.0.0.0/13', '114.160.0.0/13'), 24],
  [isp('KDDI Hikari', 2516, 'JP', 'fixed', '27.80.0.0/13', '111.96.0.0/13'), 18],
  [isp('SoftBank Hikari', 17676, 'JP', 'fixed', '126.0.0.0/11', '126.32.0.0/11'), 16],
  [isp('So-net', 2527, 'JP', 'fixed', '118.240.0.0/13', '122.16.0.0/13'), 10],
  [isp('BIGLOBE', 2518, 'JP', 'fixed', '114.144.0.0/13', '180.144.0.0/13'), 8],
  [isp('J:COM', 9824, 'JP', 'fixed', '122.24.0.0/13', '61.24.0.0/14'), 8],
  [isp('eo Hikari', 17511, 'JP', 'fixed', '219.104.0.0/14', '110.132.0.0/14'), 6],
  [isp('ARTERIA', 17506, 'JP', 'fixed', '125.200.0.0/14'), 4],
  [isp('ASAHI Net', 4685, 'JP', 'fixed', '218.219.0.0/16', '61.125.0.0/16'), 3],
  [isp('IIJmio Hikari', 2497, 'JP', 'fixed', '210.130.0.0/16', '202.232.0.0/16'), 3],
];

/** Office networks (static addresses on business lines). */
export const JP_OFFICE: readonly Isp[] = [
  isp('OCN Business', 4713, 'JP', 'fixed', '60.32.0.0/13', '61.112.0.0/14'),
  isp('IIJ Business', 2497, 'JP', 'fixed', '202.214.0.0/16', '210.138.0.0/16'),
  isp('KDDI Business', 2516, 'JP', 'fixed', '59.128.0.0/13'),
  isp('SoftBank Business', 17676, 'JP', 'fixed', '219.166.0.0/15'),
];

/** Cafe, station and hotel Wi-Fi in Japan. */
export const JP_PUBLIC_WIFI: readonly Isp[] = [
  isp('Cafe Wi-Fi (OCN)', 4713, 'JP', 'fixed', '153.156.0.0/16', '122.103.0.0/16'),
  isp('Station Wi-Fi (KDDI)', 2516, 'JP', 'fixed', '27.92.0.0/16'),
  isp('Hotel Wi-Fi (ARTERIA)', 17506, 'JP', 'fixed', '160.86.0.0/16'),
  isp('Hotel Wi-Fi (So-net)', 2527, 'JP', 'fixed', '202.247.0.0/16'),
  isp('Coworking (IIJ)', 2497, 'JP', 'fixed', '210.149.0.0/16'),
];

export const JP_HOSTING: readonly Isp[] = [
  isp('Sakura Internet', 9370, 'JP', 'hosting', '153.120.0.0/15', '160.16.0.0/16'),
  isp('GMO Internet', 7506, 'JP', 'hosting', '150.95.0.0/16', '160.251.0.0/16'),
  isp('AWS Tokyo', 16509, 'JP', 'hosting', '13.112.0.0/14', '54.64.0.0/14'),
  isp('Google Cloud Tokyo', 396982, 'JP', 'hosting', '34.84.0.0/16', '35.200.0.0/15'),
  isp('Vultr Tokyo', 20473, 'JP', 'hosting', '45.76.192.0/19', '139.180.192.0/19'),
  isp('Linode Tokyo', 63949, 'JP', 'hosting', '139.162.64.0/19', '172.104.64.0/19'),
];

export const FOREIGN_HOSTING: readonly Isp[] = [
  isp('DigitalOcean', 14061, 'US', 'hosting', '159.65.0.0/16', '167.99.0.0/16'),
  isp('OVH', 16276, 'FR', 'hosting', '51.68.0.0/16', '54.36.0.0/16'),
  isp('Hetzner', 24940, 'DE', 'hosting', '95.216.0.0/15', '65.108.0.0/15'),
  isp('Contabo', 51167, 'DE', 'hosting', '161.97.0.0/16'),
  isp('Alibaba Cloud HK', 45102, 'HK', 'hosting', '47.242.0.0/15'),
  isp('Tencent Cloud SG', 132203, 'SG', 'hosting', '43.156.0.0/15'),
];

/** Commercial VPN exits; `country` is where the exit is. */
export const VPN_EXITS: readonly Isp[] = [
  isp('VPN exit Tokyo (M247)', 9009, 'JP', 'vpn', '89.187.160.0/19'),
  isp('VPN exit Tokyo (Datacamp)', 60068, 'JP', 'vpn', '156.146.32.0/19'),
  isp('VPN exit Osaka', 9009, 'JP', 'vpn', '185.242.4.0/22'),
  isp('VPN exit Los Angeles', 60068, 'US', 'vpn', '143.244.40.0/21'),
  isp('VPN exit Singapore', 9009, 'SG', 'vpn', '89.187.162.0/24'),
  isp('VPN exit Hong Kong', 60068, 'HK', 'vpn', '84.17.57.0/24'),
  isp('VPN exit Amsterdam', 9009, 'NL', 'vpn', '185.107.44.0/22'),
];

/** Browser privacy relays and corporate VPN concentrators: VPN-shaped but everyday. */
export const PRIVACY_RELAYS: readonly Isp[] = [
  isp('Privacy relay (Cloudflare)', 13335, 'JP', 'vpn', '172.71.0.0/16', '104.28.0.0/16'),
  isp('Privacy relay (Akamai)', 36183, 'JP', 'vpn', '172.224.0.0/12'),
  // a do-it-yourself VPN on a rented server: looks like any other cloud address
  isp('Personal VPN on a Tokyo VPS', 20473, 'JP', 'hosting', '45.77.224.0/19', '149.28.16.0/20'),
];

export const CORPORATE_VPN: readonly Isp[] = [
  isp('Corporate VPN (Zscaler Tokyo)', 53813, 'JP', 'vpn', '165.225.96.0/19'),
  isp('Corporate VPN (Palo Alto Prisma)', 54538, 'JP', 'vpn', '134.238.0.0/16'),
  isp('Corporate proxy on AWS Tokyo', 16509, 'JP', 'hosting', '52.192.0.0/15'),
  isp('Corporate proxy on GMO Cloud', 7506, 'JP', 'hosting', '118.27.0.0/17'),
];

export const TOR_EXITS: readonly Isp[] = [
  isp('Tor exit (DE)', 60729, 'DE', 'tor', '185.220.100.0/22'),
  isp('Tor exit (US)', 53667, 'US', 'tor', '209.141.32.0/19'),
  isp('Tor exit (NL)', 1101, 'NL', 'tor', '192.42.116.0/22'),
];

/** Foreign access networks, by country: [fixed, mobile]. */
export const FOREIGN: Record<string, { fixed: Isp; mobile: Isp; tz: number }> = {
  KR: {
    fixed: isp('KT', 4766, 'KR', 'fixed', '121.128.0.0/12'),
    mobile: isp('SK Telecom', 9644, 'KR', 'mobile', '223.32.0.0/12'),
    tz: 9,
  },
  TW: {
    fixed: isp('Chunghwa Telecom', 3462, 'TW', 'fixed', '1.160.0.0/12', '36.224.0.0/12'),
    mobile: isp('Taiwan Mobile', 24158, 'TW', 'mobile', '49.216.0.0/14'),
    tz: 8,
  },
  US: {
    fixed: isp('Comcast', 7922, 'US', 'fixed', '73.0.0.0/11'),
    mobile: isp('T-Mobile US', 21928, 'US', 'mobile', '172.56.0.0/14'),
    tz: -8,
  },
  TH: {
    fixed: isp('True Internet', 7470, 'TH', 'fixed', '171.96.0.0/13'),
    mobile: isp('AIS', 45430, 'TH', 'mobile', '49.228.0.0/14'),
    tz: 7,
  },
  FR: {
    fixed: isp('Orange France', 3215, 'FR', 'fixed', '90.0.0.0/10'),
    mobile: isp('Bouygues Telecom', 5410, 'FR', 'mobile', '176.128.0.0/11'),
    tz: 1,
  },
  SG: {
    fixed: isp('StarHub', 4657, 'SG', 'fixed', '183.90.0.0/16'),
    mobile: isp('Singtel Mobile', 9506, 'SG', 'mobile', '118.200.0.0/14'),
    tz: 8,
  },
  HK: {
    fixed: isp('PCCW', 4760, 'HK', 'fixed', '42.2.0.0/15'),
    mobile: isp('CSL Mobile', 18116, 'HK', 'mobile', '119.236.0.0/14'),
    tz: 8,
  },
  GB: {
    fixed: isp('BT', 2856, 'GB', 'fixed', '86.128.0.0/11'),
    mobile: isp('EE', 12576, 'GB', 'mobile', '31.94.0.0/16'),
    tz: 0,
  },
  CN: {
    fixed: isp('China Telecom', 4134, 'CN', 'fixed', '113.64.0.0/11'),
    mobile: isp('China Unicom', 4837, 'CN', 'mobile', '112.224.0.0/11'),
    tz: 8,
  },
  VN: {
    fixed: isp('VNPT', 45899, 'VN', 'fixed', '113.160.0.0/12'),
    mobile: isp('Viettel', 7552, 'VN', 'mobile', '27.64.0.0/12'),
    tz: 7,
  },
  PH: {
    fixed: isp('PLDT', 9299, 'PH', 'fixed', '112.198.0.0/15'),
    mobile: isp('Globe Telecom', 132199, 'PH', 'mobile', '175.176.0.0/14'),
    tz: 8,
  },
};

/** Countries Japanese subscribers travel to, weighted. */
export const TRAVEL_COUNTRIES: readonly (readonly [string, number])[] = [
  ['KR', 24],
  ['TW', 18],
  ['US', 13],
  ['TH', 9],
  ['SG', 7],
  ['HK', 7],
  ['VN', 6],
  ['FR', 6],
  ['GB', 5],
  ['CN', 5],
];

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** A random host address inside one of the ISP's blocks (never .0 or .255). */
export function randomIp(rng: Rng, provider: Isp): string {
  const block = rng.pick(provider.blocks);
  const [base = '0.0.0.0', lenText = '24'] = block.split('/');
  const size = 2 ** (32 - Number(lenText));
  for (;;) {
    const ip = intToIpv4(ipv4ToInt(base) + Math.floor(rng.next() * size));
    const last = Number(ip.split('.')[3]);
    if (last !== 0 && last !== 255) return ip;
  }
}

/**
 * The network object as the operator's enrichment would report it. Enrichment is imperfect: for a
 * small, IP-stable share of addresses the ASN, country or kind is missing or `unknown`.
 */
export function networkOf(provider: Isp, ip: string): Network {
  const h = hashText(ip) % 1000;
  const net: Network = { ip };
  if (h !== 7 && h !== 8) net.country = provider.country;
  if (h < 980) net.asn = provider.asn;
  if (h >= 990) net.kind = 'unknown';
  else if (h < 985 || h >= 988) net.kind = provider.kind;
  return net;
}

export function randomNetwork(rng: Rng, provider: Isp): Network {
  return networkOf(provider, randomIp(rng, provider));
}

// ---------------------------------------------------------------------------------------------
// Devices.

export type Platform = 'ios' | 'android' | 'pc' | 'feature_phone' | 'other';

export interface Device {
  id: string;
  platform?: Platform;
  ua?: string;
}

const IOS_VERSIONS = ['18.6', '18.7', '26.1', '26.3', '26.5', '27.0', '27.1'];
const ANDROID_MODELS = [
  'SO-51F',
  'SH-52E',
  'SC-53F',
  'A402SH',
  'SCG27',
  'XQ-EC44',
  'Pixel 9',
  'Pixel 10',
  'SH-M28',
  'A303ZT',
  'KYG02',
  'SOG15',
  'A501SO',
  'moto g66j 5G',
];
const FEATURE_PHONE_MODELS = ['KYF42', 'SH-02L', 'KYF43', 'A208SH', 'SH-32C'];

export const chromeVersion = (rng: Rng): number => rng.int(139, 145);

function iosUa(rng: Rng): string {
  const v = rng.pick(IOS_VERSIONS);
  return (
    `Mozilla/5.0 (iPhone; CPU iPhone OS ${v.replace('.', '_')} like Mac OS X) AppleWebKit/605.1.15 ` +
    `(KHTML, like Gecko) Version/${v} Mobile/15E148 Safari/604.1`
  );
}

function androidUa(rng: Rng, model = rng.pick(ANDROID_MODELS)): string {
  return (
    `Mozilla/5.0 (Linux; Android ${rng.int(13, 16)}; ${model}) AppleWebKit/537.36 ` +
    `(KHTML, like Gecko) Chrome/${chromeVersion(rng)}.0.0.0 Mobile Safari/537.36`
  );
}

export function pcUa(rng: Rng): string {
  const v = chromeVersion(rng);
  switch (rng.int(0, 3)) {
    case 0:
      return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
    case 1:
      return `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36 Edg/${v}.0.0.0`;
    case 2:
      return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${rng.pick(IOS_VERSIONS)} Safari/605.1.15`;
    default:
      return `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`;
  }
}

export function uaFor(rng: Rng, platform: Platform): string {
  switch (platform) {
    case 'ios':
      return iosUa(rng);
    case 'android':
      // apps built on a common HTTP library announce the library, not the phone
      return rng.chance(0.1) ? `okhttp/4.${rng.int(9, 12)}.0` : androidUa(rng);
    case 'pc':
      return pcUa(rng);
    case 'feature_phone':
      return `Mozilla/5.0 (Linux; Android 8.1.0; ${rng.pick(FEATURE_PHONE_MODELS)}) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/68.0.3440.91 Mobile Safari/537.36`;
    default:
      return 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  }
}

/** User agents of scripted or emulated clients, the kind clumsy attackers leave behind. */
export function toolUa(rng: Rng): string {
  return rng.pick([
    `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/${chromeVersion(rng)}.0.0.0 Safari/537.36`,
    'python-requests/2.32.3',
    'okhttp/4.12.0',
    'Go-http-client/2.0',
    androidUa(rng, 'sdk_gphone64_x86_64'),
  ]);
}

export function newDeviceId(rng: Rng): string {
  return `dv_${rng.hex(14)}`;
}

/** A device; `uaShare` is the chance the operator sees a user agent for it. */
export function makeDevice(rng: Rng, platform: Platform, uaShare: number): Device {
  const dev: Device = { id: newDeviceId(rng), platform };
  if (rng.chance(uaShare)) dev.ua = uaFor(rng, platform);
  return dev;
}

// ---------------------------------------------------------------------------------------------
// Cards.

export interface Card {
  bin: string;
  last4: string;
  issuer?: string;
  country?: string;
}

const JP_ISSUERS = [
  'Sakura Card',
  'Minato Bank',
  'Kaede Credit',
  'Hikari Card',
  'Tsubame JCB',
  'Momiji Finance',
  'Aozora Shinkin',
];
const FOREIGN_ISSUERS: Record<string, readonly string[]> = {
  US: ['First Harbor Bank', 'Prairie Credit Union', 'Summit Card Services'],
  GB: ['Thames Mutual', 'Northgate Bank'],
  BR: ['Banco Litoral'],
  FR: ['Banque Rivage'],
  CA: ['Maple Trust'],
};

function randomBin(rng: Rng, brands: readonly (readonly [string, number])[]): string {
  switch (rng.weighted(brands)) {
    case 'visa':
      return `4${rng.digits(5)}`;
    case 'mastercard':
      return `5${rng.int(1, 5)}${rng.digits(4)}`;
    case 'jcb':
      return `35${rng.int(28, 89)}${rng.digits(2)}`;
    default:
      return `37${rng.digits(4)}`;
  }
}

export function makeJapaneseCard(rng: Rng): Card {
  const card: Card = {
    bin: randomBin(rng, [
      ['visa', 45],
      ['jcb', 25],
      ['mastercard', 25],
      ['amex', 5],
    ]),
    last4: rng.digits(4),
  };
  if (rng.chance(0.7)) card.issuer = rng.pick(JP_ISSUERS);
  if (rng.chance(0.8)) card.country = 'JP';
  return card;
}

/** Stolen card numbers in a card-testing run: mostly foreign, sometimes Japanese. */
export function makeTestedCard(rng: Rng): Card {
  return rng.chance(0.25) ? makeJapaneseCard(rng) : makeForeignCard(rng);
}

/** A card issued abroad (a stolen one, or the card of a foreign resident of Japan). */
export function makeForeignCard(rng: Rng): Card {
  const country = rng.weighted([
    ['US', 50],
    ['GB', 15],
    ['BR', 12],
    ['FR', 10],
    ['CA', 13],
  ] as const);
  const card: Card = {
    bin: randomBin(rng, [
      ['visa', 60],
      ['mastercard', 35],
      ['amex', 5],
    ]),
    last4: rng.digits(4),
  };
  if (rng.chance(0.6)) card.issuer = rng.pick(FOREIGN_ISSUERS[country] ?? ['Unknown Bank']);
  if (rng.chance(0.7)) card.country = country;
  return card;
}

// ---------------------------------------------------------------------------------------------
// Merchants.

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

export type Price = (rng: Rng) => number;

export interface Merchant {
  id: string;
  name?: string;
  category: Category;
  price: Price;
  /**
   * How common the merchant is in ordinary subscribers' baskets (relative). Codes and credit that
   * are easy to resell have a low weight: attackers favour them, ordinary people rarely use them.
   */
  popularity: number;
}

/** One of a fixed set of price points. */
const points =
  (...values: number[]): Price =>
  (rng) =>
    rng.pick(values);

/** Log-normal around a median, clipped and rounded to a step. */
const around =
  (median: number, sigma: number, min: number, max: number, step: number): Price =>
  (rng) => {
    const v = Math.round(rng.logNormal(median, sigma) / step) * step;
    return Math.min(max, Math.max(min, v));
  };

const STORE_TIERS = [100, 160, 250, 300, 400, 500, 610, 800, 980, 1200, 1500, 2000, 3000, 4900, 10000];
const GAME_TIERS = [120, 250, 370, 610, 1220, 1220, 2440, 3060, 4900, 6100, 10000];

const merchant = (
  id: string,
  name: string | undefined,
  category: Category,
  price: Price,
  popularity: number,
): Merchant => (name ? { id, name, category, price, popularity } : { id, category, price, popularity });

export const MERCHANTS: readonly Merchant[] = [
  merchant('mch_apple_store', 'App Store', 'app_store', points(...STORE_TIERS), 40),
  merchant('mch_google_play', 'Google Play', 'app_store', points(...STORE_TIERS), 40),
  merchant('mch_g_hoshifuru', '星降るクエスト', 'game', points(...GAME_TIERS), 10),
  merchant('mch_g_dragontac', 'Dragon Tactics', 'game', points(...GAME_TIERS), 8),
  merchant('mch_g_nekobokujo', 'ねこ牧場', 'game', points(120, 250, 370, 610, 1220), 8),
  merchant('mch_g_neonracer', undefined, 'game', points(...GAME_TIERS), 5),
  merchant('mch_g_kaiju', 'Kaiju Arena', 'game', points(...GAME_TIERS), 6),
  merchant('mch_g_idolstage', 'アイドルステージ Live', 'game', points(...GAME_TIERS), 7),
  merchant('mch_g_mahjong', '麻雀天国', 'game', points(120, 370, 610, 1220, 3060), 5),
  merchant('mch_g_puzzle', 'Puzzle Sakura', 'game', points(120, 250, 370, 610), 6),
  merchant('mch_dc_manga', 'まんがポケット堂', 'digital_content', around(550, 0.6, 110, 5000, 11), 14),
  merchant('mch_dc_ebook', 'e-Book Shelf', 'digital_content', around(800, 0.5, 220, 4000, 10), 8),
  merchant('mch_dc_music', 'Kumo Music Store', 'digital_content', points(255, 261, 1528, 2037), 6),
  merchant('mch_dc_video', 'Yoru Video Rental', 'digital_content', points(330, 440, 550), 6),
  merchant('mch_dc_uranai', '占いの森', 'digital_content', points(330, 550, 1100, 2200, 3300), 6),
  merchant('mch_dc_sticker', 'Sticker Land', 'digital_content', points(120, 250, 370), 8),
  merchant('mch_sub_music', 'Kumo Music Premium', 'subscription', points(1080), 8),
  merchant('mch_sub_video', 'Yoru Video Plus', 'subscription', points(990, 1490, 2290), 9),
  merchant('mch_sub_cloud', 'Sora Cloud', 'subscription', points(400, 1300), 6),
  merchant('mch_sub_news', 'Nippon Daily Digital', 'subscription', points(1980, 3800), 3),
  merchant('mch_sub_anime', 'アニメ特盛', 'subscription', points(550), 5),
  merchant('mch_sub_fitness', undefined, 'subscription', points(980), 3),
  merchant('mch_sub_magazine', '雑誌読み放題', 'subscription', points(440, 580), 4),
  merchant('mch_ec_hikari', 'Hikari Mall', 'ecommerce', around(3200, 0.8, 300, 60000, 10), 10),
  merchant('mch_ec_yamato', 'Yamato Shop', 'ecommerce', around(2800, 0.8, 300, 50000, 10), 8),
  merchant('mch_ec_fashion', 'Fashion Town', 'ecommerce', around(5500, 0.6, 990, 40000, 10), 5),
  merchant('mch_ec_kaden', 'Kaden Direct', 'ecommerce', around(9800, 0.9, 980, 80000, 10), 4),
  merchant('mch_ec_furima', 'Furima Market', 'ecommerce', around(2400, 0.7, 300, 30000, 1), 7),
  merchant('mch_ec_delivery', 'Oishii Delivery', 'ecommerce', around(2600, 0.35, 900, 9000, 1), 6),
  merchant('mch_tk_hiroba', 'チケット広場', 'ticket', around(7800, 0.4, 2500, 30000, 100), 4),
  merchant('mch_tk_livepass', 'Live Pass', 'ticket', points(6800, 8800, 9900, 12000, 15000), 3),
  merchant('mch_tk_rail', 'Rail Reserve', 'ticket', around(9000, 0.6, 1500, 45000, 10), 3),
  merchant('mch_tk_cinema', 'Cinema Seat', 'ticket', points(2000, 2000, 4000, 1800, 3600), 4),
  merchant('mch_tk_bus', undefined, 'ticket', around(4500, 0.4, 1800, 12000, 100), 2),
  merchant(
    'mch_em_kaede',
    'Kaede Pay',
    'e_money',
    points(1000, 2000, 3000, 5000, 5000, 10000, 10000, 20000, 30000),
    5,
  ),
  merchant('mch_em_tsubame', 'Tsubame Wallet', 'e_money', points(1000, 3000, 5000, 10000), 3),
  merchant('mch_em_transit', 'Transit Card Charge', 'e_money', points(1000, 2000, 3000, 5000), 4),
  merchant('mch_em_pointhub', 'Point Charge Hub', 'e_money', points(3000, 5000, 10000, 20000), 0.3),
  merchant('mch_gc_plaza', 'Gift Card Plaza', 'gift_card', points(1500, 3000, 5000, 10000), 2),
  merchant('mch_gc_conveni', 'コンビニギフト Online', 'gift_card', points(1000, 3000, 5000, 10000), 1.5),
  merchant('mch_gc_gamecode', 'Game Code Express', 'gift_card', points(3000, 5000, 10000, 30000), 0.3),
  merchant('mch_gc_appgift', undefined, 'gift_card', points(1500, 3000, 5000, 10000, 20000), 1),
  merchant('mch_ot_parking', 'Parking Pay', 'other', around(700, 0.6, 100, 3000, 100), 3),
  merchant('mch_ot_donation', 'Kizuna Donation', 'other', points(500, 1000, 3000, 5000, 10000), 1),
  merchant('mch_ot_taxi', 'Taxi Go', 'other', around(1800, 0.5, 500, 9000, 10), 3),
  merchant('mch_ot_travelesim', 'Travel eSIM Store', 'ecommerce', points(1480, 2480, 3980), 0.5),
];

export function merchantById(id: string): Merchant {
  const m = MERCHANTS.find((x) => x.id === id);
  if (!m) throw new Error(`unknown merchant ${id}`);
  return m;
}

export const merchantsIn = (...categories: Category[]): Merchant[] =>
  MERCHANTS.filter((m) => categories.includes(m.category));

/** The merchant object as it appears in a charge event. */
export function merchantField(m: Merchant): { id: string; name?: string; category: Category } {
  return m.name ? { id: m.id, name: m.name, category: m.category } : { id: m.id, category: m.category };
}

/** A random duration between a and b minutes, to the second (no tell-tale :00 seconds). */
export const minutes = (rng: Rng, a: number, b: number): number => rng.int(a * 60, b * 60) * SEC;

/** A random duration between a and b hours, to the second. */
export const hours = (rng: Rng, a: number, b: number): number => rng.int(a * 3600, b * 3600) * SEC;

/** The first moment at or after t when a carrier shop is open (10:00–19:00 JST), give or take. */
export function shopTimeAfter(rng: Rng, t: number): number {
  const h = jstHour(t);
  if (h >= 10 && h < 19) return t;
  const midnight = t - ((t + JST_OFFSET) % DAY);
  return (h >= 19 ? midnight + DAY : midnight) + 10 * HOUR + rng.int(0, 4 * 3600) * SEC;
}
