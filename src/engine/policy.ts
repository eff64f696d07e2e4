/**
 * The risk policy: score→action bands, profile bounds, and every rule's weight, thresholds and
 * windows. One zod schema (DEVELOPERS.md "One schema library"); the default ships as
 * default-policy.json. A policy file may override only some values: it is deep-merged over the
 * default, then validated strictly (unknown keys are reported, so a typo never silently falls
 * back to a default), then cross-checked, then deep-frozen — the changesets `parse.ts` pattern
 * (schema → normalise → cross-field rules → `path: message` errors).
 */
import { z } from 'zod';
import defaultPolicyJson from './default-policy.json' with { type: 'json' };

const points = z.number().int().min(0).max(100);
const posInt = z.number().int().positive();
const posNum = z.number().positive();
const share = z.number().gt(0).max(1);

export const policySchema = z.strictObject({
  version: z.literal(1),
  /** ISO 3166-1 alpha-2 country the subscribers live in; logins elsewhere are "foreign". */
  homeCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as JP'),
  /** The subscribers' time zone, as minutes east of UTC (Japan: 540), for "at night". */
  homeUtcOffsetMinutes: z.number().int().min(-720).max(840),
  /** Lower bounds of each action: score < challenge → allow, etc. (contract "Decision"). */
  bands: z.strictObject({ challenge: points, hold: points, lock: points }),
  /**
   * Rules that say something is unusual rather than that an attack step happened: when every
   * reason of a decision is one of these, the decision is at most `hold` (the charge stops, the
   * account stays usable), however high the score.
   */
  holdOnlyRules: z.array(z.string()),
  /** Bounds that keep a profile ≤ 2 KB (issue 4 "bounded in size"). */
  profile: z.strictObject({
    maxDevices: posInt.max(32),
    deviceTtlDays: posInt,
    maxNetworks: posInt.max(32),
    networkTtlDays: posInt,
    maxCharges: posInt.max(64),
    chargeTtlHours: z.number().int().min(24),
    maxMerchants: posInt.max(64),
    merchantTtlDays: posInt,
    maxCards: posInt.max(16),
    cardTtlDays: posInt,
    maxFailures: posInt.max(32),
    failureTtlHours: posInt,
    maxReports: posInt.max(16),
    reportTtlDays: posInt,
    securityTtlDays: posInt,
    newMerchantDays: posInt.max(31),
    /** An account's first days in the engine: its merchants then are its habits, not new ones. */
    baselineDays: z.number().int().min(0).max(31),
    /** Until then, a new device on a network the account already uses joins the baseline (profile.ts joinsBaseline). */
    learningDays: z.number().int().min(0).max(62),
    amountMinSamples: posInt,
    amountAlpha: share,
    dailyAlpha: share,
  }),
  device: z.strictObject({
    /** A device first seen less than this long ago is still "recent" for sensitive actions. */
    recentHours: posNum,
    /** A device whose first event was challenged or worse stays "unproven" this long. */
    unprovenDays: posNum,
  }),
  /** Cross-account state (GlobalState) bounds. */
  global: z.strictObject({
    windowMinutes: posInt,
    shards: posInt.max(1024),
    maxKeysPerShard: posInt.max(1024),
    maxHitsPerKey: posInt.max(64),
  }),
  rules: z.strictObject({
    new_device: z.strictObject({ points, recentPoints: points, unprovenPoints: points }),
    new_network: z.strictObject({ points }),
    foreign_login: z.strictObject({ points }),
    risky_network: z.strictObject({ hosting: points, vpn: points, tor: points }),
    impossible_travel: z.strictObject({
      points,
      maxKmh: posNum,
      minKm: posNum,
      slackHours: z.number().min(0),
    }),
    sim_reissue_then_otp_login: z.strictObject({
      points,
      knownDevicePoints: points,
      shopPoints: points,
      windowHours: posNum,
    }),
    online_esim_reissue: z.strictObject({ points, knownDevicePoints: points, phoneChannelPoints: points }),
    security_change_then_card: z.strictObject({
      points,
      extraChangePoints: points,
      soonPoints: points,
      highRiskPoints: points,
      maxPoints: points,
      windowHours: posNum,
      soonMinutes: posNum,
    }),
    card_testing: z.strictObject({
      pointsPerSignal: points,
      maxPoints: points,
      minSignals: posInt,
      windowMinutes: posNum,
      smallAmount: posInt,
      cardsWindowHours: posNum,
    }),
    velocity: z.strictObject({
      countPoints: points,
      yenPoints: points,
      /**
       * Two or more charges in cash-like categories (e-money, gift cards, game and app-store
       * credit, digital content) within burstWindowMinutes adding up to burstYen and to
       * historyMultiplier × the account's typical day: a cash-out, even from a known device.
       */
      burstPoints: points,
      burstWindowMinutes: posNum,
      /**
       * Three or more such charges reaching burstStrongMultiple × that limit are held from any
       * device (burstStrongPoints alone reaches the hold band; maxPoints does not cap it).
       */
      burstStrongPoints: points,
      burstStrongMultiple: z.number().min(1),
      maxPoints: points,
      hourCount: posInt,
      dayCount: posInt,
      dayYenFloor: posInt,
      burstYen: posInt,
      historyMultiplier: posNum,
    }),
    high_risk_category_new_device: z.strictObject({ points, mediumPoints: points }),
    night_cash_out: z.strictObject({
      points,
      windowMinutes: posInt,
      minYen: posInt,
      /** Night at home: from nightStartHour (inclusive) to nightEndHour (exclusive), 0–24. */
      nightStartHour: z.number().int().min(0).max(23),
      nightEndHour: z.number().int().min(1).max(24),
    }),
    low_and_slow: z.strictObject({
      points,
      highPoints: points,
      /** From the account's established device the pattern alone is weak (people try new shops). */
      knownDevicePoints: points,
      /** From the established device, manyCount distinct new merchants in the window is still unusual. */
      knownDeviceHighPoints: points,
      manyCount: posInt,
      windowDays: posInt.max(31),
      minCount: posInt,
      minYen: posInt,
      newDeviceMinCount: posInt,
      newDeviceMinYen: posInt,
      highYen: posInt,
      smallAmount: posInt,
      minHistoryDays: z.number().min(0),
    }),
    login_failures_then_charge: z.strictObject({
      points,
      smsPoints: points,
      /** Cash-like purchases (two or more within night_cash_out.windowMinutes, a new kind among them) after the failures. */
      cashOutPoints: points,
      minFailures: posInt,
      windowMinutes: posNum,
    }),
    subscriber_report: z.strictObject({ points }),
    account_locked: z.strictObject({ points }),
    large_amount: z.strictObject({
      points,
      highRiskPoints: points,
      minAmount: posInt,
      ratio: z.number().min(1),
      defaultTypical: posInt,
    }),
    cross_account_network: z.strictObject({
      points,
      failAccounts: z.number().int().min(2),
      mobileMultiplier: z.number().min(1),
      deviceAccounts: z.number().int().min(2),
    }),
  }),
});

export type Policy = DeepReadonly<z.infer<typeof policySchema>>;
export type RuleId = keyof Policy['rules'];

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type ParsePolicyResult =
  | { policy: Policy; errors?: undefined }
  | { policy?: undefined; errors: string[] };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep-merges `over` onto `base`; arrays and scalars in `over` replace. */
function merge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = k in base ? merge(base[k], v) : v;
  return out;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const child of Object.values(v)) deepFreeze(child);
  }
  return v;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/**
 * Validates a policy (an object, or its JSON text). Values left out are taken from the default
 * policy. Returns the frozen effective policy, or every problem as `path: message`.
 *
 * @example
 * const r = parsePolicy({ bands: { hold: 65 } });
 * if (r.errors) for (const e of r.errors) console.error(e); // e.g. "bands.hold: …"
 */
export function parsePolicy(input: unknown): ParsePolicyResult {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      return { errors: [`(root): not valid JSON (${(err as Error).message})`] };
    }
  }
  if (!isPlainObject(raw)) return { errors: ['(root): must be a JSON object'] };
  const parsed = policySchema.safeParse(merge(defaultPolicyJson, raw));
  if (!parsed.success) {
    return { errors: parsed.error.issues.map((i) => `${pathOf(i.path)}: ${i.message}`) };
  }
  const p = parsed.data;
  const errors: string[] = [];
  // Cross-field rules: the bands must rise, or some action could never be reached.
  if (!(p.bands.challenge > 0)) errors.push('bands.challenge: must be above 0, or every event is challenged');
  if (!(p.bands.hold > p.bands.challenge)) errors.push('bands.hold: must be above bands.challenge');
  if (!(p.bands.lock > p.bands.hold)) errors.push('bands.lock: must be above bands.hold');
  p.holdOnlyRules.forEach((rule, i) => {
    if (!(rule in p.rules))
      errors.push(
        `holdOnlyRules.${i}: unexpected "${rule}", expected one of ${Object.keys(p.rules).join(', ')}`,
      );
  });
  if (p.rules.low_and_slow.highYen < p.rules.low_and_slow.minYen) {
    errors.push('rules.low_and_slow.highYen: must be at least rules.low_and_slow.minYen');
  }
  if (p.profile.newMerchantDays < p.rules.low_and_slow.windowDays) {
    errors.push('profile.newMerchantDays: must be at least rules.low_and_slow.windowDays');
  }
  if (p.rules.subscriber_report.points < p.bands.lock) {
    errors.push(
      'rules.subscriber_report.points: must reach bands.lock (a not_me or lost_phone report locks)',
    );
  }
  if (p.rules.account_locked.points < p.bands.lock) {
    errors.push('rules.account_locked.points: must reach bands.lock (a locked account stays locked)');
  }
  if (errors.length > 0) return { errors };
  return { policy: deepFreeze(p) };
}

function loadDefault(): Policy {
  const r = parsePolicy({});
  if (r.errors) throw new Error(`default-policy.json is invalid: ${r.errors.join('; ')}`);
  return r.policy;
}

/** The default policy (default-policy.json), validated and frozen. */
export const DEFAULT_POLICY: Policy = loadDefault();
