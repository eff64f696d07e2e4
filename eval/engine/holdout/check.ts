/**
 * Self-check for a hold-out file: validates every line against the event contract
 * (/work/shared/contracts/events.md) with its own rules, then prints counts.
 *
 *   npx tsx eval/engine/holdout/check.ts FILE.ndjson [--md]
 *
 * Exit status 0 when the file is valid, 1 when any error was found. `--md` prints the counts as
 * Markdown tables (as used in the README).
 *
 * The rules are written here on purpose instead of being imported from the generator, so that a
 * mistake in the generator is not silently repeated by its check.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const TYPES: Record<string, Record<string, (v: unknown) => string | null>> = {};
const PLATFORMS = ['ios', 'android', 'pc', 'feature_phone', 'other'];
const NET_KINDS = ['mobile', 'fixed', 'hosting', 'vpn', 'tor', 'unknown'];
const CATEGORIES = [
  'digital_content',
  'game',
  'app_store',
  'gift_card',
  'e_money',
  'ecommerce',
  'subscription',
  'ticket',
  'other',
];
const LOGIN_METHODS = ['password', 'passkey', 'totp', 'sms_otp', 'network_pin'];

type Rule = (v: unknown) => string | null;
const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const oneOf =
  (values: string[]): Rule =>
  (v) =>
    typeof v === 'string' && values.includes(v)
      ? null
      : `must be one of ${values.join('|')}, got ${JSON.stringify(v)}`;
const text =
  (min = 1, max = 1000): Rule =>
  (v) =>
    typeof v === 'string' && v.length >= min && v.length <= max
      ? null
      : `must be a string of ${min}–${max} chars`;
const positiveInt: Rule = (v) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? null : 'must be an integer > 0';
const pattern =
  (re: RegExp, what: string): Rule =>
  (v) =>
    typeof v === 'string' && re.test(v) ? null : `must be ${what}, got ${JSON.stringify(v)}`;
const optional =
  (rule: Rule): Rule =>
  (v) =>
    v === undefined ? null : rule(v);

/** Checks an object's keys: required rules, optional rules, and no unknown keys. */
function shape(obj: unknown, rules: Record<string, Rule>, where: string, errors: string[]): void {
  if (!isObj(obj)) {
    errors.push(`${where} must be an object`);
    return;
  }
  for (const [key, rule] of Object.entries(rules)) {
    const problem = rule(obj[key]);
    const path = where ? `${where}.${key}` : key;
    if (problem) errors.push(`${path} ${obj[key] === undefined ? 'is missing' : problem}`);
  }
  for (const key of Object.keys(obj)) if (!(key in rules)) errors.push(`${where} has unexpected key ${key}`);
}

const cardRules: Record<string, Rule> = {
  bin: pattern(/^\d{6}$/, '6 digits'),
  last4: pattern(/^\d{4}$/, '4 digits'),
  issuer: optional(text()),
  country: optional(pattern(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')),
};

const nested =
  (rules: Record<string, Rule>): Rule =>
  (v) => {
    const errs: string[] = [];
    shape(v, rules, '', errs);
    return errs.length ? errs.join('; ') : null;
  };

TYPES.login = {
  result: oneOf(['success', 'failure']),
  method: oneOf(LOGIN_METHODS),
  failure_reason: optional(text()),
};
TYPES.password_change = { via: oneOf(['settings', 'reset']) };
// The contract does not list mfa_change methods; we accept the second factors a login can use.
TYPES.mfa_change = { action: oneOf(['enabled', 'disabled', 'reset']), method: oneOf(LOGIN_METHODS) };
TYPES.contact_change = { field: oneOf(['email', 'phone', 'address']) };
TYPES.sim_reissue = { kind: oneOf(['esim', 'physical']), channel: oneOf(['shop', 'online', 'phone']) };
TYPES.card_view = {};
TYPES.card_change = { action: oneOf(['add', 'replace', 'remove']), card: nested(cardRules) };
TYPES.card_verification = { result: oneOf(['success', 'failure']), method: oneOf(['cvv', '3ds', 'pin']) };
TYPES.charge = {
  amount: positiveInt,
  merchant: nested({ id: text(1, 128), name: optional(text()), category: oneOf(CATEGORIES) }),
  funding: oneOf(['phone_bill', 'registered_card']),
};
TYPES.limit_change = { monthly_limit: positiveInt };
TYPES.subscriber_report = {
  kind: oneOf(['not_me', 'phishing_message', 'lost_phone']),
  ref: optional(text(1, 128)),
};

const ISO_JST = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\+09:00$/;
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

const deviceRules: Record<string, Rule> = {
  id: text(1, 128),
  platform: optional(oneOf(PLATFORMS)),
  ua: optional(text(1, 1000)),
};
const networkRules: Record<string, Rule> = {
  ip: pattern(IPV4, 'an IPv4 address'),
  country: optional(pattern(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code')),
  asn: optional(positiveInt),
  kind: optional(oneOf(NET_KINDS)),
};
const labelRules: Record<string, Rule> = {
  fraud: (v) => (typeof v === 'boolean' ? null : 'must be a boolean'),
  scenario: text(1, 64),
};

function parseTime(at: string): number | null {
  const m = ISO_JST.exec(at);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h - 9, mi, s);
  const back = new Date(t + 9 * 3600_000);
  // reject impossible dates such as 2026-02-30
  if (back.getUTCDate() !== d || back.getUTCMonth() !== mo - 1 || h > 23 || mi > 59 || s > 59) return null;
  return t;
}

class Counter<K> extends Map<K, number> {
  bump(key: K, by = 1): void {
    this.set(key, (this.get(key) ?? 0) + by);
  }
}

interface AccountState {
  firstFraudAt?: number;
  reportedAt?: number;
  fraudCharges: number;
  fraudYen: number;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const markdown = args.includes('--md');
  if (!file) {
    process.stderr.write('usage: check.ts FILE.ndjson [--md]\n');
    process.exit(2);
  }

  const errors: string[] = [];
  const ids = new Map<string, { account: string; t: number }>();
  const byType = new Counter<string>();
  const byScenario = new Counter<string>();
  const scenarioFraud = new Map<string, boolean>();
  const accountsByScenario = new Map<string, Set<string>>();
  const accounts = new Map<string, AccountState>();
  const fraudChargesByScenario = new Counter<string>();
  const fraudYenByScenario = new Counter<string>();
  const reports = new Counter<string>();
  let fraudAfterReport = 0;
  let legitCharges = 0;
  let legitLogins = 0;
  let legitChargeYen = 0;
  let lines = 0;
  let lastT = -Infinity;

  const input = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const raw of input) {
    lines++;
    if (raw.trim() === '') {
      errors.push(`line ${lines}: empty line`);
      continue;
    }
    const lineErrors: string[] = [];
    let ev: unknown;
    try {
      ev = JSON.parse(raw);
    } catch {
      errors.push(`line ${lines}: not JSON`);
      continue;
    }
    if (!isObj(ev)) {
      errors.push(`line ${lines}: not an object`);
      continue;
    }
    const type = typeof ev.type === 'string' ? ev.type : '';
    const own = TYPES[type];
    if (!own) {
      errors.push(`line ${lines}: unknown type ${JSON.stringify(ev.type)}`);
      continue;
    }
    shape(
      ev,
      {
        id: text(1, 128),
        type: () => null,
        at: pattern(ISO_JST, 'ISO 8601 with a +09:00 offset'),
        account: text(1, 128),
        device: optional(nested(deviceRules)),
        network: optional(nested(networkRules)),
        label: nested(labelRules),
        ...own,
      },
      'event',
      lineErrors,
    );
    const id = String(ev.id);
    const account = String(ev.account);
    const t = typeof ev.at === 'string' ? parseTime(ev.at) : null;
    if (t === null) lineErrors.push('at is not a valid time');
    else {
      if (t < lastT) lineErrors.push(`events out of order: ${ev.at} after a later event`);
      lastT = Math.max(lastT, t);
    }
    if (ids.has(id)) lineErrors.push(`duplicate id ${id}`);
    if (type === 'subscriber_report' && typeof ev.ref === 'string') {
      const target = ids.get(ev.ref);
      if (!target) lineErrors.push(`ref ${ev.ref} does not name an earlier event`);
      else if (target.account !== account) lineErrors.push(`ref ${ev.ref} belongs to another account`);
    }
    if (type === 'login' && ev.result === 'success' && ev.failure_reason !== undefined) {
      lineErrors.push('failure_reason on a successful login');
    }
    const label = isObj(ev.label) ? ev.label : {};
    const isFraud = label.fraud === true;
    const scenario = String(label.scenario);
    if (isObj(ev.label) && scenario.startsWith('legit_') === isFraud)
      lineErrors.push(`label fraud=${isFraud} with scenario ${scenario}`);
    if (scenarioFraud.has(scenario) && scenarioFraud.get(scenario) !== isFraud) {
      lineErrors.push(`scenario ${scenario} used with both fraud values`);
    }
    for (const e of lineErrors) errors.push(`line ${lines} (${id}): ${e}`);
    if (lineErrors.length > 0 || t === null) continue;

    // --- counts
    ids.set(id, { account, t });
    scenarioFraud.set(scenario, isFraud);
    byType.bump(type);
    byScenario.bump(scenario);
    const members = accountsByScenario.get(scenario) ?? new Set<string>();
    accountsByScenario.set(scenario, members.add(account));
    const state = accounts.get(account) ?? { fraudCharges: 0, fraudYen: 0 };
    accounts.set(account, state);
    if (isFraud && state.firstFraudAt === undefined) state.firstFraudAt = t;
    if (type === 'subscriber_report') {
      reports.bump(`${ev.kind} (${isFraud ? 'fraud' : 'legit'})`);
      if ((ev.kind === 'not_me' || ev.kind === 'lost_phone') && state.reportedAt === undefined)
        state.reportedAt = t;
    }
    if (type === 'charge') {
      const amount = Number(ev.amount);
      if (isFraud) {
        state.fraudCharges++;
        state.fraudYen += amount;
        fraudChargesByScenario.bump(scenario);
        fraudYenByScenario.bump(scenario, amount);
        if (state.reportedAt !== undefined) fraudAfterReport++;
      } else if (state.firstFraudAt === undefined) {
        legitCharges++;
        legitChargeYen += amount;
      }
    }
    if (type === 'login' && !isFraud && state.firstFraudAt === undefined) legitLogins++;
  }

  // --- report
  const all = [...accounts.values()];
  const withFraud = all.filter((s) => s.firstFraudAt !== undefined).length;
  const withFraudCharges = all.filter((s) => s.fraudCharges > 0);
  const fraudCharges = withFraudCharges.reduce((n, s) => n + s.fraudCharges, 0);
  const fraudYen = withFraudCharges.reduce((n, s) => n + s.fraudYen, 0);
  const yen = (n: number) => `¥${n.toLocaleString('en-US')}`;
  const table = (title: string, head: string[], rows: (string | number)[][]) => {
    if (markdown) {
      console.log(`\n**${title}**\n`);
      console.log(`| ${head.join(' | ')} |`);
      console.log(`|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
      for (const r of rows) console.log(`| ${r.join(' | ')} |`);
    } else {
      console.log(`\n${title}`);
      for (const r of rows)
        console.log(
          `  ${String(r[0]).padEnd(26)} ${r
            .slice(1)
            .map((c) => String(c).padStart(12))
            .join(' ')}`,
        );
    }
  };
  const sorted = <K>(m: Map<K, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);

  console.log(`${file}: ${lines} lines, ${ids.size} valid events, ${errors.length} errors`);
  console.log(
    `accounts ${accounts.size}; with any fraud event ${withFraud}; with fraud charges ${withFraudCharges.length}; ` +
      `fraud charges ${fraudCharges} (${yen(fraudYen)}); fraud charges after a not_me/lost_phone report ${fraudAfterReport}`,
  );
  console.log(
    `legit before an account's first fraud event: ${legitCharges} charges (${yen(legitChargeYen)}), ${legitLogins} logins`,
  );
  table(
    'Events by type',
    ['type', 'events'],
    sorted(byType).map(([k, v]) => [`\`${k}\``, v]),
  );
  table(
    'Events and accounts by scenario',
    ['scenario', 'fraud', 'events', 'accounts'],
    sorted(byScenario).map(([k, v]) => [
      `\`${k}\``,
      String(scenarioFraud.get(k)),
      v,
      accountsByScenario.get(k)?.size ?? 0,
    ]),
  );
  table(
    'Fraudulent charges by scenario',
    ['scenario', 'charges', 'yen'],
    sorted(fraudChargesByScenario).map(([k, v]) => [`\`${k}\``, v, yen(fraudYenByScenario.get(k) ?? 0)]),
  );
  table(
    'Subscriber reports',
    ['kind', 'events'],
    sorted(reports).map(([k, v]) => [k, v]),
  );

  if (errors.length > 0) {
    console.log(`\nFIRST ERRORS (${errors.length} in all):`);
    for (const e of errors.slice(0, 30)) console.log(`  ${e}`);
    process.exit(1);
  }
  console.log('\nOK: the file follows the contract.');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(2);
});
