/**
 * Builders for realistic test events and a small replay loop, shared by the engine's tests.
 * Test data is written by us (DEVELOPERS.md): a subscriber in Tokyo with an iPhone on docomo's
 * network and home fibre, a few habitual merchants, and the attack stories of issue 4.
 */
import { type DecideResult, decide } from './decide.ts';
import type { AccountEvent, EventOf, MerchantCategory } from './event-schema.ts';
import { computeFeatures } from './features.ts';
import { emptyGlobalState, type GlobalState } from './global-state.ts';
import { DEFAULT_POLICY, type Policy } from './policy.ts';
import { emptyProfile, type Profile } from './profile.ts';
import type { RuleContext } from './rule.ts';

/** 2026-11-01T09:00:00+09:00 */
export const T0 = Date.parse('2026-11-01T09:00:00+09:00');

/** ISO time (Japan offset) `minutes` after T0, or after `base` ms. */
export function iso(minutes: number, base = T0): string {
  const d = new Date(base + minutes * 60_000 + 9 * 3_600_000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+09:00');
}
export const H = 60;
export const D = 24 * 60;

export const ACCOUNT = 'acc_tanaka_0042';
export const PHONE = { id: 'dev-iphone15-tanaka-7f3a', platform: 'ios' as const };
export const OLD_PC = { id: 'dev-pc-tanaka-home', platform: 'pc' as const };
export const ATTACKER_PHONE = { id: 'dev-android-x91-b77c', platform: 'android' as const };
/** docomo mobile (AS9605) and home fibre (AS2516), both in Japan. */
export const MOBILE = { ip: '1.66.12.34', country: 'JP', asn: 9605, kind: 'mobile' as const };
export const HOME = { ip: '106.128.4.5', country: 'JP', asn: 2516, kind: 'fixed' as const };
export const HOSTING_NET = { ip: '45.77.10.20', country: 'JP', asn: 20473, kind: 'hosting' as const };

type Common = {
  account?: string;
  id?: string;
  /** Default PHONE; null for none. */
  device?: AccountEvent['device'] | null;
  /** Default MOBILE; null for none. */
  network?: AccountEvent['network'] | null;
};

let seq = 0;
function base(type: string, minutes: number, c: Common) {
  seq++;
  return {
    id: c.id ?? `evt_${type}_${seq}`,
    at: iso(minutes),
    account: c.account ?? ACCOUNT,
    device: c.device === undefined ? PHONE : c.device,
    network: c.network === undefined ? MOBILE : c.network,
  };
}

function clean<T>(e: unknown): T {
  const o = e as Record<string, unknown>;
  if (o.device === null) delete o.device;
  if (o.network === null) delete o.network;
  return e as T;
}

export function login(
  minutes: number,
  o: Common & { method?: EventOf<'login'>['method']; result?: 'success' | 'failure' } = {},
): EventOf<'login'> {
  return clean({
    ...base('login', minutes, o),
    type: 'login',
    result: o.result ?? 'success',
    method: o.method ?? 'passkey',
  });
}

export function charge(
  minutes: number,
  amount: number,
  merchant: string,
  category: MerchantCategory,
  o: Common & { funding?: 'phone_bill' | 'registered_card' } = {},
): EventOf<'charge'> {
  return clean({
    ...base('charge', minutes, o),
    type: 'charge',
    amount,
    merchant: { id: merchant, category },
    funding: o.funding ?? 'phone_bill',
  });
}

export function contactChange(
  minutes: number,
  o: Common & { field?: 'email' | 'phone' | 'address' } = {},
): EventOf<'contact_change'> {
  return clean({ ...base('contact', minutes, o), type: 'contact_change', field: o.field ?? 'email' });
}
export function passwordChange(
  minutes: number,
  via: 'settings' | 'reset',
  o: Common = {},
): EventOf<'password_change'> {
  return clean({ ...base('password', minutes, o), type: 'password_change', via });
}
export function mfaChange(
  minutes: number,
  action: 'enabled' | 'disabled' | 'reset',
  o: Common = {},
): EventOf<'mfa_change'> {
  return clean({ ...base('mfa', minutes, o), type: 'mfa_change', action, method: 'totp' });
}
export function simReissue(
  minutes: number,
  kind: 'esim' | 'physical',
  channel: 'shop' | 'online' | 'phone',
  o: Common = {},
): EventOf<'sim_reissue'> {
  return clean({ ...base('sim', minutes, o), type: 'sim_reissue', kind, channel });
}
export function cardView(minutes: number, o: Common = {}): EventOf<'card_view'> {
  return clean({ ...base('cardview', minutes, o), type: 'card_view' });
}
export function cardChange(
  minutes: number,
  last4: string,
  o: Common & { action?: 'add' | 'replace' | 'remove'; bin?: string } = {},
): EventOf<'card_change'> {
  return clean({
    ...base('card', minutes, o),
    type: 'card_change',
    action: o.action ?? 'add',
    card: { bin: o.bin ?? '453201', last4 },
  });
}
export function cardVerification(
  minutes: number,
  result: 'success' | 'failure',
  o: Common = {},
): EventOf<'card_verification'> {
  return clean({ ...base('verify', minutes, o), type: 'card_verification', result, method: 'cvv' });
}
export function report(
  minutes: number,
  kind: 'not_me' | 'phishing_message' | 'lost_phone',
  o: Common = {},
): EventOf<'subscriber_report'> {
  return clean({ ...base('report', minutes, o), type: 'subscriber_report', kind });
}

/**
 * Thirty days of ordinary life for one subscriber, ending just before minute 0 of `endDay`:
 * a daily passkey login from the phone (home fibre in the evening, docomo by day), a weekly login
 * from the home PC, app-store and game purchases of a few hundred yen, a monthly subscription.
 */
export function ordinaryMonth(o: { account?: string; startDay?: number } = {}): AccountEvent[] {
  const account = o.account ?? ACCOUNT;
  const start = o.startDay ?? -30;
  const out: AccountEvent[] = [];
  const mod = (a: number, b: number) => ((a % b) + b) % b;
  for (let d = start; d < start + 30; d++) {
    const day = d * D;
    out.push(login(day + 8 * H, { account, network: MOBILE }));
    out.push(login(day + 21 * H, { account, network: HOME }));
    if (mod(d, 7) === 0) out.push(login(day + 20 * H, { account, device: OLD_PC, network: HOME }));
    if (mod(d, 2) === 0)
      out.push(charge(day + 12 * H + 5, 480 + mod(d, 5) * 120, 'm_appstore', 'app_store', { account }));
    if (mod(d, 3) === 0)
      out.push(charge(day + 22 * H, 360, 'm_puzzle_game', 'game', { account, network: HOME }));
    if (mod(d, 10) === 0) out.push(charge(day + 7 * H, 1_480, 'm_video_sub', 'subscription', { account }));
    if (mod(d, 9) === 4) out.push(charge(day + 13 * H, 2_200, 'm_ecshop', 'ecommerce', { account }));
  }
  return out;
}

export interface Replay {
  results: DecideResult[];
  profiles: Map<string, Profile>;
  global: GlobalState;
}

/** Decides `events` in order, keeping one profile per account and the global state. */
export function replay(
  events: readonly AccountEvent[],
  policy: Policy = DEFAULT_POLICY,
  start?: { profiles?: Map<string, Profile>; global?: GlobalState },
  lang: 'ja' | 'en' = 'ja',
): Replay {
  const profiles = new Map(start?.profiles ?? []);
  let global = start?.global ?? emptyGlobalState(policy);
  const results: DecideResult[] = [];
  for (const event of events) {
    const profile = profiles.get(event.account) ?? emptyProfile(event.account);
    const r = decide({ profile, event, policy, global, lang });
    profiles.set(event.account, r.profile);
    global = r.global;
    results.push(r);
  }
  return { results, profiles, global };
}

/** Replays the ordinary month and returns its end state, to start a story from. */
export function warmedUp(account = ACCOUNT): { profiles: Map<string, Profile>; global: GlobalState } {
  const r = replay(ordinaryMonth({ account }));
  return { profiles: r.profiles, global: r.global };
}

/** Decisions of `story` after a warmed-up month. */
export function story(events: readonly AccountEvent[], policy: Policy = DEFAULT_POLICY): DecideResult[] {
  return replay(events, policy, warmedUp()).results;
}

/** The decision and rule ids of a result, for readable assertions. */
export function summary(r: DecideResult): { decision: string; rules: string[] } {
  return { decision: r.decision.decision, rules: r.decision.reasons.map((x) => x.rule) };
}

/**
 * The rule context for `event` after the ordinary month and then `before` (decided normally),
 * for testing one rule on its own.
 */
export function contextFor(
  event: AccountEvent,
  before: readonly AccountEvent[] = [],
  policy: Policy = DEFAULT_POLICY,
  opts: { cold?: boolean } = {},
): RuleContext {
  const start = opts.cold ? undefined : warmedUp(event.account);
  const r = replay(before, policy, start);
  const profile = r.profiles.get(event.account) ?? emptyProfile(event.account);
  return { event, profile, policy, features: computeFeatures(profile, event, policy, r.global) };
}
