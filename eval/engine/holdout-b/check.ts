// Validates a holdout-b NDJSON file against the event contract (/work/shared/contracts/events.md),
// checks the labels and the ordering, and prints the counts.
//
//   npx tsx eval/engine/holdout-b/check.ts FILE.ndjson [MORE.ndjson ...]
//
// Exit status 0 when every file is valid, 1 otherwise.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { type EventLike, formatSummary, summarize } from './stats.ts';

const TYPES: Record<string, string[]> = {
  login: ['result', 'method', 'failure_reason'],
  password_change: ['via'],
  mfa_change: ['action', 'method'],
  contact_change: ['field'],
  sim_reissue: ['kind', 'channel'],
  card_view: [],
  card_change: ['action', 'card'],
  card_verification: ['result', 'method'],
  charge: ['amount', 'merchant', 'funding'],
  limit_change: ['monthly_limit'],
  subscriber_report: ['kind', 'ref'],
};
const COMMON = ['id', 'type', 'at', 'account', 'device', 'network', 'label'];
const LOGIN_METHODS = ['password', 'passkey', 'totp', 'sms_otp', 'network_pin'];
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
const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-](\d{2}):(\d{2}))$/;

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown, max = 128): x is string =>
  typeof x === 'string' && x.length >= 1 && x.length <= max;

class Problems {
  readonly list: string[] = [];
  count = 0;
  add(line: number, msg: string): void {
    this.count++;
    if (this.list.length < 30) this.list.push(`line ${line}: ${msg}`);
  }
}

function checkEnum(
  p: Problems,
  line: number,
  e: Obj,
  field: string,
  allowed: string[],
  required = true,
): void {
  const v = e[field];
  if (v === undefined) {
    if (required) p.add(line, `${e.type}: missing ${field}`);
    return;
  }
  if (typeof v !== 'string' || !allowed.includes(v))
    p.add(line, `${e.type}: ${field}=${JSON.stringify(v)} not in ${allowed.join('|')}`);
}

/** Parses `at`; returns epoch milliseconds or null when not ISO 8601 with an offset and a real date. */
function parseAt(at: unknown): number | null {
  if (typeof at !== 'string') return null;
  const m = ISO_WITH_OFFSET.exec(at);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? undefined : Number(x)));
  if (mo === undefined || d === undefined || y === undefined || h === undefined || mi === undefined)
    return null;
  if (mo < 1 || mo > 12 || h > 23 || mi > 59 || (s ?? 0) > 59) return null;
  if (d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return null;
  if (m[8] !== undefined && (Number(m[8]) > 14 || Number(m[9]) > 59)) return null;
  const t = Date.parse(at);
  return Number.isNaN(t) ? null : t;
}

function checkDevice(p: Problems, line: number, d: unknown): void {
  if (!isObj(d)) {
    p.add(line, 'device is not an object');
    return;
  }
  if (!isStr(d.id)) p.add(line, 'device.id missing or not a 1-128 char string');
  if (d.platform !== undefined && !PLATFORMS.includes(d.platform as string))
    p.add(line, `device.platform ${JSON.stringify(d.platform)}`);
  if (d.ua !== undefined && typeof d.ua !== 'string') p.add(line, 'device.ua not a string');
  for (const k of Object.keys(d))
    if (!['id', 'platform', 'ua'].includes(k)) p.add(line, `device has unknown field ${k}`);
}

function checkNetwork(p: Problems, line: number, n: unknown): void {
  if (!isObj(n)) {
    p.add(line, 'network is not an object');
    return;
  }
  if (typeof n.ip !== 'string' || isIP(n.ip) === 0)
    p.add(line, `network.ip ${JSON.stringify(n.ip)} is not an IP address`);
  if (n.country !== undefined && (typeof n.country !== 'string' || !/^[A-Z]{2}$/.test(n.country))) {
    p.add(line, `network.country ${JSON.stringify(n.country)} is not ISO 3166-1 alpha-2`);
  }
  if (
    n.asn !== undefined &&
    !(Number.isInteger(n.asn) && (n.asn as number) > 0 && (n.asn as number) < 2 ** 32)
  ) {
    p.add(line, `network.asn ${JSON.stringify(n.asn)}`);
  }
  if (n.kind !== undefined && !NET_KINDS.includes(n.kind as string))
    p.add(line, `network.kind ${JSON.stringify(n.kind)}`);
  for (const k of Object.keys(n))
    if (!['ip', 'country', 'asn', 'kind'].includes(k)) p.add(line, `network has unknown field ${k}`);
}

function checkTypeFields(p: Problems, line: number, e: Obj, seen: Set<string>): void {
  switch (e.type) {
    case 'login':
      checkEnum(p, line, e, 'result', ['success', 'failure']);
      checkEnum(p, line, e, 'method', LOGIN_METHODS);
      if (e.failure_reason !== undefined && typeof e.failure_reason !== 'string')
        p.add(line, 'failure_reason not a string');
      if (e.failure_reason !== undefined && e.result === 'success')
        p.add(line, 'failure_reason on a successful login');
      break;
    case 'password_change':
      checkEnum(p, line, e, 'via', ['settings', 'reset']);
      break;
    case 'mfa_change':
      checkEnum(p, line, e, 'action', ['enabled', 'disabled', 'reset']);
      // The contract names `method` without listing values; we hold it to the login methods.
      checkEnum(p, line, e, 'method', LOGIN_METHODS);
      break;
    case 'contact_change':
      checkEnum(p, line, e, 'field', ['email', 'phone', 'address']);
      break;
    case 'sim_reissue':
      checkEnum(p, line, e, 'kind', ['esim', 'physical']);
      checkEnum(p, line, e, 'channel', ['shop', 'online', 'phone']);
      break;
    case 'card_change': {
      checkEnum(p, line, e, 'action', ['add', 'replace', 'remove']);
      const c = e.card;
      if (!isObj(c)) {
        p.add(line, 'card_change without a card object');
        break;
      }
      if (typeof c.bin !== 'string' || !/^\d{6}$/.test(c.bin))
        p.add(line, `card.bin ${JSON.stringify(c.bin)}`);
      if (typeof c.last4 !== 'string' || !/^\d{4}$/.test(c.last4))
        p.add(line, `card.last4 ${JSON.stringify(c.last4)}`);
      if (c.issuer !== undefined && typeof c.issuer !== 'string') p.add(line, 'card.issuer not a string');
      if (c.country !== undefined && (typeof c.country !== 'string' || !/^[A-Z]{2}$/.test(c.country))) {
        p.add(line, `card.country ${JSON.stringify(c.country)}`);
      }
      for (const k of Object.keys(c))
        if (!['bin', 'last4', 'issuer', 'country'].includes(k)) p.add(line, `card has unknown field ${k}`);
      break;
    }
    case 'card_verification':
      checkEnum(p, line, e, 'result', ['success', 'failure']);
      checkEnum(p, line, e, 'method', ['cvv', '3ds', 'pin']);
      break;
    case 'charge': {
      if (!Number.isSafeInteger(e.amount) || (e.amount as number) <= 0)
        p.add(line, `charge.amount ${JSON.stringify(e.amount)} is not an integer > 0`);
      const m = e.merchant;
      if (!isObj(m)) p.add(line, 'charge without a merchant object');
      else {
        if (!isStr(m.id)) p.add(line, 'merchant.id missing');
        if (m.name !== undefined && typeof m.name !== 'string') p.add(line, 'merchant.name not a string');
        if (!CATEGORIES.includes(m.category as string))
          p.add(line, `merchant.category ${JSON.stringify(m.category)}`);
        for (const k of Object.keys(m))
          if (!['id', 'name', 'category'].includes(k)) p.add(line, `merchant has unknown field ${k}`);
      }
      checkEnum(p, line, e, 'funding', ['phone_bill', 'registered_card']);
      break;
    }
    case 'limit_change':
      if (!Number.isSafeInteger(e.monthly_limit) || (e.monthly_limit as number) < 0) {
        p.add(line, `monthly_limit ${JSON.stringify(e.monthly_limit)} is not a whole number of yen`);
      }
      break;
    case 'subscriber_report':
      checkEnum(p, line, e, 'kind', ['not_me', 'phishing_message', 'lost_phone']);
      if (e.ref !== undefined) {
        if (!isStr(e.ref)) p.add(line, 'ref not a 1-128 char string');
        // Our own rule: every ref in this set points at an earlier event of the file.
        else if (!seen.has(e.ref)) p.add(line, `ref ${e.ref} is not an earlier event id`);
      }
      break;
  }
}

function checkFile(path: string): boolean {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  const p = new Problems();
  const ids = new Set<string>();
  const events: EventLike[] = [];
  let lastT = Number.NEGATIVE_INFINITY;

  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    let e: unknown;
    try {
      e = JSON.parse(raw);
    } catch {
      p.add(line, 'not valid JSON');
      continue;
    }
    if (!isObj(e)) {
      p.add(line, 'not a JSON object');
      continue;
    }
    if (!isStr(e.id)) p.add(line, 'id missing or not a 1-128 char string');
    else if (ids.has(e.id)) p.add(line, `duplicate id ${e.id}`);
    if (typeof e.type !== 'string' || !(e.type in TYPES)) {
      p.add(line, `unknown type ${JSON.stringify(e.type)}`);
      continue;
    }
    const t = parseAt(e.at);
    if (t === null) p.add(line, `at ${JSON.stringify(e.at)} is not ISO 8601 with an offset`);
    else {
      if (t < lastT) p.add(line, `at ${e.at} is earlier than the line before`);
      lastT = t;
    }
    if (!isStr(e.account)) p.add(line, 'account missing or not a 1-128 char string');
    if (e.device !== undefined) checkDevice(p, line, e.device);
    if (e.network !== undefined) checkNetwork(p, line, e.network);
    const label = e.label;
    if (!isObj(label) || typeof label.fraud !== 'boolean' || !isStr(label.scenario)) {
      p.add(line, 'label must be {"fraud": boolean, "scenario": string}');
    } else if (Object.keys(label).some((k) => k !== 'fraud' && k !== 'scenario')) {
      p.add(line, 'label has fields other than fraud and scenario');
    }
    const allowed = new Set([...COMMON, ...(TYPES[e.type] ?? [])]);
    for (const k of Object.keys(e))
      if (!allowed.has(k)) p.add(line, `${e.type} has a field the contract does not define: ${k}`);
    checkTypeFields(p, line, e, ids);
    if (isStr(e.id)) ids.add(e.id);
    events.push(e as unknown as EventLike);
  }

  process.stdout.write(`== ${path}: ${lines.length} lines, ${p.count} problem(s)\n`);
  for (const msg of p.list) process.stdout.write(`  ${msg}\n`);
  if (p.count > p.list.length) process.stdout.write(`  ... and ${p.count - p.list.length} more\n`);
  process.stdout.write(`${formatSummary(summarize(events))}\n\n`);
  return p.count === 0 && lines.length > 0;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  process.stderr.write('usage: npx tsx eval/engine/holdout-b/check.ts FILE.ndjson [MORE.ndjson ...]\n');
  process.exit(2);
}
const ok = files.map(checkFile).every(Boolean);
process.exit(ok ? 0 : 1);
