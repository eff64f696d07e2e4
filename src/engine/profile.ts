/**
 * The per-account profile: what the engine remembers about one subscriber's account between
 * events. Plain JSON data (the storage layer writes it as is), bounded by count and by age so that
 * a busy account stays ≤ 2 KB serialised (issue 4 "bounded in size (old entries age out), ≤ 2 KB
 * per account"). Identifiers are kept as short hashes (short-hash.ts); times are epoch seconds.
 *
 * Lists are tuples rather than objects because keys would be repeated in every entry of the JSON.
 * Updates are immutable but shallow: `updateProfile` copies only the parts the event touches, so
 * unchanged lists are shared between the old and the new profile (cheap replay, no deep clones).
 */
import {
  type AccountEvent,
  type DecisionAction,
  type MerchantCategory,
  merchantCategorySchema,
} from './event-schema.ts';
import type { Policy } from './policy.ts';
import { shortHash } from './short-hash.ts';
import { DAY, dayOf, HOUR, toSeconds } from './time.ts';

/**
 * [device id hash, first seen s, last seen s, 1 if its first event was challenged or worse,
 * time of its latest held or locked event (0: none; absent in profiles stored before it existed)].
 */
export type DeviceEntry = readonly [
  hash: string,
  first: number,
  last: number,
  risky: 0 | 1,
  flagged?: number,
];
/** [network key (ASN `a2516` or IP prefix), country or '', kind or '', first seen s, last seen s]. */
export type NetworkEntry = readonly [key: string, country: string, kind: string, first: number, last: number];
/** Where and when the last accepted successful login came from. */
export type LoginEntry = readonly [country: string, at: number];
/**
 * A recent charge attempt: [at s, amount yen, category index (CATEGORIES), 1 when the account had
 * no accepted charge in that category before it (absent in profiles stored before it was kept)].
 */
export type ChargeEntry = readonly [at: number, amount: number, category: number, newCategory?: 0 | 1];
/** Running statistics of ln(amount) of accepted charges: [count, EWMA mean, EWMA variance]. */
export type AmountStats = readonly [n: number, mean: number, variance: number];
/** [current day, charges today, yen today, typical charges per active day, typical yen per active day]. */
export type DailyStats = readonly [
  day: number,
  count: number,
  yen: number,
  typicalCount: number,
  typicalYen: number,
];
/** [merchant id hash, first day, last day]. */
export type MerchantEntry = readonly [hash: string, firstDay: number, lastDay: number];
/**
 * Charges at merchants new to the account, per day: [day, distinct merchants used for the first
 * time that day, yen of all charges at recently-new merchants]. Distinct merchants, not charges:
 * low-and-slow fraud spreads over many shops, while a subscriber who finds one new shop returns to it.
 */
export type NewMerchantDay = readonly [day: number, count: number, yen: number];
/** [`bin:last4`, added s]. BIN and last 4 digits are the parts of a card number that may be shown. */
export type CardEntry = readonly [card: string, added: number];
export type LockReason = 'not_me' | 'lost_phone' | 'score';
export type LockEntry = readonly [at: number, reason: LockReason];
export type ReportEntry = readonly [at: number, kind: 'not_me' | 'phishing_message' | 'lost_phone'];
/** [at s, kind, channel, 1 if requested from a device the account already knew]. */
export type SimReissueEntry = readonly [
  at: number,
  kind: 'esim' | 'physical',
  channel: 'shop' | 'online' | 'phone',
  knownDevice: 0 | 1,
];

/** Times (epoch s) of the latest security change of each kind. */
export interface SecurityState {
  readonly passwordReset?: number;
  readonly passwordChange?: number;
  readonly contactChange?: number;
  readonly mfaDisabled?: number;
  readonly mfaReset?: number;
  readonly mfaEnabled?: number;
  readonly sim?: SimReissueEntry;
  /**
   * Latest successful login with a phishing-resistant or device-bound method (passkey, TOTP): the
   * subscriber proving themselves, which clears earlier failed logins (features.ts).
   */
  readonly strongLogin?: number;
  /**
   * Latest successful SMS-code login that came right after failed password/PIN attempts: whoever
   * holds the phone receives the code, so this is how a thief gets past a PIN they could not guess.
   */
  readonly smsAfterFailures?: number;
}

export interface Profile {
  readonly v: 1;
  readonly account: string;
  /** Time of the first and of the latest event seen. */
  readonly since: number;
  readonly last: number;
  readonly devices: readonly DeviceEntry[];
  readonly networks: readonly NetworkEntry[];
  readonly login: LoginEntry | null;
  readonly charges: readonly ChargeEntry[];
  readonly amounts: AmountStats;
  readonly daily: DailyStats;
  readonly merchants: readonly MerchantEntry[];
  readonly newMerchantDays: readonly NewMerchantDay[];
  /** Bit i set when the account has had an accepted charge in CATEGORIES[i]. */
  readonly categories: number;
  readonly security: SecurityState;
  readonly cards: readonly CardEntry[];
  readonly loginFailures: readonly number[];
  readonly verifyFailures: readonly number[];
  readonly lock: LockEntry | null;
  readonly reports: readonly ReportEntry[];
}

/** The contract's merchant categories, in the schema's order (index = stored code). */
export const CATEGORIES: readonly MerchantCategory[] = merchantCategorySchema.options;

export function categoryIndex(c: MerchantCategory): number {
  return CATEGORIES.indexOf(c);
}

/**
 * In the account's first weeks (after profile.baselineDays, before profile.learningDays) a device
 * the engine has not seen yet is most likely one more of the subscriber's own (a laptop used once a
 * week, a tablet, an app reinstalled under a new id) when it comes from a network the account
 * already uses, of an ordinary kind, at home: it joins the baseline. From anywhere else it stays
 * new, as it does after the learning days.
 */
export function joinsBaseline(p: Profile, e: AccountEvent, at: number, policy: Policy): boolean {
  if (!e.device || !e.network || p.devices.length === 0 || p.since === 0) return false;
  const { baselineDays, learningDays } = policy.profile;
  if (at < p.since + baselineDays * DAY || at >= p.since + learningDays * DAY) return false;
  const kind = e.network.kind;
  if (kind === 'hosting' || kind === 'vpn' || kind === 'tor') return false;
  if (e.network.country !== undefined && e.network.country !== policy.homeCountry) return false;
  return findNetwork(p, networkKey(e.network)) !== undefined;
}

/** A profile for an account never seen before. `since`/`last` are 0 until its first event. */
export function emptyProfile(account: string): Profile {
  return {
    v: 1,
    account,
    since: 0,
    last: 0,
    devices: [],
    networks: [],
    login: null,
    charges: [],
    amounts: [0, 0, 0],
    daily: [0, 0, 0, 0, 0],
    merchants: [],
    newMerchantDays: [],
    categories: 0,
    security: {},
    cards: [],
    loginFailures: [],
    verifyFailures: [],
    lock: null,
    reports: [],
  };
}

/**
 * The key a network is known by: its ASN when the operator sends one (mobile carriers rotate
 * addresses inside one ASN, so an IP prefix would make every commute a "new network"), else the
 * IPv4 /16 or IPv6 /32 prefix.
 */
export function networkKey(net: { ip: string; asn?: number | undefined }): string {
  if (net.asn !== undefined) return `a${net.asn}`;
  const ip = net.ip;
  if (ip.includes(':')) {
    const groups = ip.split(':');
    return `6:${groups[0] ?? ''}:${groups[1] ?? ''}`;
  }
  const dot1 = ip.indexOf('.');
  const dot2 = dot1 < 0 ? -1 : ip.indexOf('.', dot1 + 1);
  return dot2 < 0 ? ip.slice(0, 32) : ip.slice(0, dot2);
}

export function cardKey(card: { bin: string; last4: string }): string {
  return `${card.bin}:${card.last4}`;
}

export function findDevice(p: Profile, hash: string): DeviceEntry | undefined {
  for (const d of p.devices) if (d[0] === hash) return d;
  return undefined;
}

export function findNetwork(p: Profile, key: string): NetworkEntry | undefined {
  for (const n of p.networks) if (n[0] === key) return n;
  return undefined;
}

export function findMerchant(p: Profile, hash: string): MerchantEntry | undefined {
  for (const m of p.merchants) if (m[0] === hash) return m;
  return undefined;
}

/**
 * A merchant is "new" to the account when unknown, or first used within the last
 * `profile.newMerchantDays` — except during the account's baseline (its first
 * `profile.baselineDays` in the engine), when every merchant is being seen for the first time and
 * none of them is a surprise.
 */
export function isNewMerchantFor(p: Profile, merchantHash: string, day: number, policy: Policy): boolean {
  if (p.since === 0 || day - dayOf(p.since) < policy.profile.baselineDays) return false;
  const m = findMerchant(p, merchantHash);
  if (m === undefined) return true;
  return m[1] > day - policy.profile.newMerchantDays && m[1] - dayOf(p.since) >= policy.profile.baselineDays;
}

/** What the decision was, so the profile learns only from what was let through. */
export interface UpdateOutcome {
  action: DecisionAction;
  /** The event's time in epoch seconds, when the caller has already parsed it. */
  at?: number;
}

/** Appends `item`, drops entries older than `minAt` (by `timeOf`) and keeps the newest `max`. */
function pushBounded<T>(
  list: readonly T[],
  item: T,
  max: number,
  timeOf: (t: T) => number,
  minAt: number,
): T[] {
  const out: T[] = [];
  for (const x of list) if (timeOf(x) >= minAt) out.push(x);
  out.push(item);
  return out.length > max ? out.slice(out.length - max) : out;
}

/**
 * Inserts or refreshes an entry keyed by its first element, evicting aged-out entries and then
 * the least recently seen one when over `max`. Entries stay ordered by last sight (oldest first).
 */
function upsertLru<T extends readonly unknown[]>(
  list: readonly T[],
  key: unknown,
  make: (prev: T | undefined) => T,
  max: number,
  lastOf: (t: T) => number,
  minLast: number,
): T[] {
  let prev: T | undefined;
  const out: T[] = [];
  for (const x of list) {
    if (x[0] === key) prev = x;
    else if (lastOf(x) >= minLast) out.push(x);
  }
  out.push(make(prev));
  return out.length > max ? out.slice(out.length - max) : out;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round2 = (x: number) => Math.round(x * 100) / 100;

function updateAmounts(s: AmountStats, amount: number, policy: Policy): AmountStats {
  const [n, mean, variance] = s;
  const x = Math.log(Math.max(1, amount));
  // Exact running mean/variance for the first samples, then an exponentially weighted one so the
  // profile follows the subscriber's habits as they change.
  const a = Math.max(policy.profile.amountAlpha, 1 / (n + 1));
  const d = x - mean;
  const nextMean = mean + a * d;
  const nextVar = (1 - a) * (variance + a * d * d);
  return [Math.min(n + 1, 1_000_000), round3(nextMean), round3(nextVar)];
}

function updateDaily(s: DailyStats, day: number, amount: number, policy: Policy): DailyStats {
  const [d, count, yen, tCount, tYen] = s;
  if (d === day) return [d, count + 1, yen + amount, tCount, tYen];
  if (day < d) return s; // out-of-order event for an earlier day: today's totals are unaffected
  if (count === 0) return [day, 1, amount, tCount, tYen];
  // A new active day: fold the finished one into the typical-day averages.
  const a = tCount === 0 ? 1 : policy.profile.dailyAlpha;
  return [day, 1, amount, round2(tCount + a * (count - tCount)), Math.round(tYen + a * (yen - tYen))];
}

function recordCharge(
  p: Profile,
  e: Extract<AccountEvent, { type: 'charge' }>,
  at: number,
  accepted: boolean,
  policy: Policy,
): Partial<Profile> {
  const pp = policy.profile;
  const cat = categoryIndex(e.merchant.category);
  const newCategory = (p.categories & (1 << cat)) === 0 ? 1 : 0;
  const charges = pushBounded(
    p.charges,
    [at, e.amount, cat, newCategory] as const,
    pp.maxCharges,
    (c) => c[0],
    at - pp.chargeTtlHours * HOUR,
  );
  if (!accepted) return { charges };
  const day = dayOf(at);
  const mh = shortHash(e.merchant.id);
  const isNewMerchant = isNewMerchantFor(p, mh, day, policy);
  const firstUse = isNewMerchant && findMerchant(p, mh) === undefined ? 1 : 0;
  const merchants = upsertLru(
    p.merchants,
    mh,
    (prev) => [mh, prev ? prev[1] : day, day] as const,
    pp.maxMerchants,
    (m) => m[2],
    day - pp.merchantTtlDays,
  );
  let newMerchantDays = p.newMerchantDays;
  if (isNewMerchant) {
    const minDay = day - pp.newMerchantDays;
    const out: NewMerchantDay[] = [];
    let found = false;
    for (const b of p.newMerchantDays) {
      if (b[0] < minDay) continue;
      if (b[0] === day) {
        out.push([day, b[1] + firstUse, b[2] + e.amount]);
        found = true;
      } else out.push(b);
    }
    if (!found) out.push([day, firstUse, e.amount]);
    newMerchantDays =
      out.length > pp.newMerchantDays + 1 ? out.slice(out.length - pp.newMerchantDays - 1) : out;
  }
  return {
    charges,
    merchants,
    newMerchantDays,
    amounts: updateAmounts(p.amounts, e.amount, policy),
    daily: updateDaily(p.daily, day, e.amount, policy),
    categories: p.categories | (1 << cat),
  };
}

/**
 * Returns the profile after `event`. Pure: the input profile is not changed, and lists the event
 * does not touch are shared with it.
 *
 * `outcome` is the engine's decision for this event (default `allow`, e.g. when building a profile
 * from trusted history). A held or locked charge was not carried out, so it does not teach the
 * usual amounts or merchants; a locked event teaches no device or network; a device first seen on
 * a challenged or worse event is remembered as risky ("unproven") for a while.
 */
export function updateProfile(
  profile: Profile,
  event: AccountEvent,
  policy: Policy,
  outcome: UpdateOutcome = { action: 'allow' },
): Profile {
  const at = outcome.at ?? toSeconds(event.at);
  const pp = policy.profile;
  const action = outcome.action;
  const locked = action === 'lock';
  const next: { -readonly [K in keyof Profile]?: Profile[K] } = {
    since: profile.since === 0 ? at : Math.min(profile.since, at),
    last: Math.max(profile.last, at),
  };

  let deviceKnown = false;
  if (event.device) {
    const h = shortHash(event.device.id);
    const prev = findDevice(profile, h);
    // "Known" for a SIM re-issue means established: seen before the recent-device window and not
    // first seen on a challenged event within the unproven window (features.ts deviceStatusOf).
    deviceKnown =
      prev !== undefined &&
      at - prev[1] >= policy.device.recentHours * HOUR &&
      !(prev[3] === 1 && at - prev[1] < policy.device.unprovenDays * DAY);
    // A held or locked event marks the device: one whose actions the subscriber has not confirmed
    // does not become trusted merely by time passing (features.ts deviceStatusOf "unproven"). A
    // challenge does not: it goes ahead only after a step-up the subscriber passed.
    const flagged = action === 'hold' || action === 'lock' ? at : 0;
    if (prev || !locked) {
      next.devices = upsertLru(
        profile.devices,
        h,
        (d) =>
          d
            ? [h, d[1], Math.max(d[2], at), d[3], Math.max(d[4] ?? 0, flagged)]
            : // A device that joins the baseline counts as seen from the account's first day.
              [
                h,
                action === 'allow' && joinsBaseline(profile, event, at, policy) ? profile.since : at,
                at,
                action === 'allow' ? 0 : 1,
                flagged,
              ],
        pp.maxDevices,
        (d) => d[2],
        at - pp.deviceTtlDays * DAY,
      );
    }
  }
  if (event.network && !locked) {
    const key = networkKey(event.network);
    const net = event.network;
    next.networks = upsertLru(
      profile.networks,
      key,
      (n) => [
        key,
        net.country ?? n?.[1] ?? '',
        net.kind ?? n?.[2] ?? '',
        n ? n[3] : at,
        Math.max(n?.[4] ?? 0, at),
      ],
      pp.maxNetworks,
      (n) => n[4],
      at - pp.networkTtlDays * DAY,
    );
  }

  switch (event.type) {
    case 'login':
      if (event.result === 'failure') {
        next.loginFailures = pushBounded(
          profile.loginFailures,
          at,
          pp.maxFailures,
          (t) => t,
          at - pp.failureTtlHours * HOUR,
        );
      } else {
        if (event.network?.country && (action === 'allow' || action === 'challenge')) {
          // Only an accepted login moves "where the subscriber is"; a held attacker login abroad
          // must not make the subscriber's next login at home look like impossible travel.
          next.login = [event.network.country, at];
        }
        if ((event.method === 'passkey' || event.method === 'totp') && action === 'allow') {
          next.security = { ...profile.security, strongLogin: at };
        } else if (event.method === 'sms_otp') {
          const lf = policy.rules.login_failures_then_charge;
          const from = Math.max(at - lf.windowMinutes * 60, (profile.security.strongLogin ?? 0) + 1);
          let failures = 0;
          for (const t of profile.loginFailures) if (t >= from && t <= at) failures++;
          if (failures >= lf.minFailures) next.security = { ...profile.security, smsAfterFailures: at };
        }
      }
      break;
    case 'password_change':
      next.security =
        event.via === 'reset'
          ? { ...profile.security, passwordReset: at }
          : { ...profile.security, passwordChange: at };
      break;
    case 'mfa_change':
      next.security =
        event.action === 'disabled'
          ? { ...profile.security, mfaDisabled: at }
          : event.action === 'reset'
            ? { ...profile.security, mfaReset: at }
            : { ...profile.security, mfaEnabled: at };
      break;
    case 'contact_change':
      next.security = { ...profile.security, contactChange: at };
      break;
    case 'sim_reissue':
      next.security = { ...profile.security, sim: [at, event.kind, event.channel, deviceKnown ? 1 : 0] };
      break;
    case 'card_change': {
      const key = cardKey(event.card);
      const minAt = at - pp.cardTtlDays * DAY;
      const kept = profile.cards.filter((c) => c[0] !== key && c[1] >= minAt);
      if (event.action !== 'remove' && !locked) kept.push([key, at]);
      next.cards = kept.length > pp.maxCards ? kept.slice(kept.length - pp.maxCards) : kept;
      break;
    }
    case 'card_verification':
      if (event.result === 'failure') {
        next.verifyFailures = pushBounded(
          profile.verifyFailures,
          at,
          pp.maxFailures,
          (t) => t,
          at - pp.failureTtlHours * HOUR,
        );
      }
      break;
    case 'charge':
      if (!locked)
        Object.assign(
          next,
          recordCharge(profile, event, at, action === 'allow' || action === 'challenge', policy),
        );
      break;
    case 'subscriber_report': {
      next.reports = pushBounded(
        profile.reports,
        [at, event.kind] as const,
        pp.maxReports,
        (r) => r[0],
        at - pp.reportTtlDays * DAY,
      );
      if (event.kind !== 'phishing_message') {
        if (profile.lock === null) next.lock = [at, event.kind];
        if (event.kind === 'not_me') {
          // The subscriber says recent activity was not theirs: forget devices and networks that
          // appeared in the last week, so they are "new" again if they come back after an unlock.
          const since = at - 7 * DAY;
          const reporter = event.device ? shortHash(event.device.id) : '';
          next.devices = (next.devices ?? profile.devices).filter((d) => d[1] < since || d[0] === reporter);
          next.networks = (next.networks ?? profile.networks).filter((n) => n[3] < since);
        }
      }
      break;
    }
    case 'card_view':
    case 'limit_change':
      break;
  }
  if (locked && profile.lock === null && next.lock === undefined) next.lock = [at, 'score'];
  return { ...profile, ...next } as Profile;
}

/** Lifts a lock (an operator's decision after the case is resolved; not an account event). */
export function unlockProfile(profile: Profile): Profile {
  return profile.lock === null ? profile : { ...profile, lock: null };
}
