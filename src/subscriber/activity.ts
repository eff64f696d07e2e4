/**
 * The subscriber's activity view (issue 5 "Activity"): sign-ins with device, network and place;
 * charges and card changes, each with the engine's decision; spending per day for a chart; and
 * the monthly limit in force. Pure: stored rows in, view out. Only the fields a subscriber needs
 * are copied from the stored event (never its `label`, which is evaluation ground truth).
 */
import type { Decision, DecisionAction } from '../engine/index.ts';
import { DAY_MS, isoJapan, japanDate } from './japan-time.ts';

/** One stored event with its decision, as the repository returns it. */
export interface ActivityInputRow {
  event: { id: string; type: string; at: string; atMs: number; event: unknown };
  decision: Decision | null;
}

/** The engine's decision as the subscriber sees it (reasons in the engine session's language). */
export interface ActivityDecision {
  decision: DecisionAction;
  score: number;
  reasons: Array<{ rule: string; message: string }>;
  notice: string | null;
}

export interface DeviceView {
  platform: string | null;
  userAgent: string | null;
}

export interface NetworkView {
  ip: string | null;
  country: string | null;
  kind: string | null;
  asn: number | null;
}

export interface SignInItem {
  eventId: string;
  at: string;
  result: 'success' | 'failure';
  method: string;
  device: DeviceView | null;
  network: NetworkView | null;
  country: string | null;
  decision: ActivityDecision | null;
}

/** What became of a charge: let through, let through after step-up, held, or refused. */
export type ChargeStatus = 'allowed' | 'step_up' | 'held' | 'refused';

export interface ChargeItem {
  eventId: string;
  at: string;
  amount: number;
  merchant: { name: string | null; category: string };
  funding: string;
  status: ChargeStatus;
  device: DeviceView | null;
  network: NetworkView | null;
  decision: ActivityDecision | null;
}

export interface CardChangeItem {
  eventId: string;
  at: string;
  action: string;
  /** Only the last four digits and the issuer: enough to recognise a card. */
  card: { last4: string | null; issuer: string | null };
  device: DeviceView | null;
  network: NetworkView | null;
  decision: ActivityDecision | null;
}

export interface SpendingDay {
  /** Japan-time date, `YYYY-MM-DD`. */
  date: string;
  /** Yen of charges let through (allowed, or allowed after step-up). */
  spent: number;
  /** Yen of charges held or refused. */
  blocked: number;
  charges: number;
}

export interface ActivityView {
  from: string;
  to: string;
  signIns: SignInItem[];
  charges: ChargeItem[];
  cardChanges: CardChangeItem[];
  spendingPerDay: SpendingDay[];
  totals: { spent: number; blocked: number };
}

/** Event types the activity view shows. */
export const ACTIVITY_TYPES = ['login', 'charge', 'card_change'] as const;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v !== null && typeof v === 'object' ? (v as Obj) : {});
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function deviceOf(e: Obj): DeviceView | null {
  if (e.device === undefined) return null;
  const d = obj(e.device);
  return { platform: str(d.platform), userAgent: str(d.ua) };
}

function networkOf(e: Obj): NetworkView | null {
  if (e.network === undefined) return null;
  const n = obj(e.network);
  return { ip: str(n.ip), country: str(n.country), kind: str(n.kind), asn: num(n.asn) };
}

function decisionOf(d: Decision | null): ActivityDecision | null {
  if (d === null) return null;
  return {
    decision: d.decision,
    score: d.score,
    reasons: d.reasons.map((r) => ({ rule: r.rule, message: r.message })),
    notice: d.notice,
  };
}

/** Allow and challenge went ahead (the engine's profile counts them as accepted too); hold and lock did not. */
export function chargeStatus(d: Decision | null): ChargeStatus {
  switch (d?.decision) {
    case 'challenge':
      return 'step_up';
    case 'hold':
      return 'held';
    case 'lock':
      return 'refused';
    default:
      return 'allowed';
  }
}

/**
 * The activity view of `rows` (newest first) for the window [sinceMs, nowMs]. The chart has one
 * entry per Japan-time day in the window, zero days included, oldest first.
 *
 * @example
 * const view = buildActivity({ rows, sinceMs: now - 30 * DAY_MS, nowMs: now });
 */
export function buildActivity(input: {
  rows: readonly ActivityInputRow[];
  sinceMs: number;
  nowMs: number;
}): ActivityView {
  const signIns: SignInItem[] = [];
  const charges: ChargeItem[] = [];
  const cardChanges: CardChangeItem[] = [];
  const days = new Map<string, SpendingDay>();
  let lastMs = input.nowMs;
  for (const { event: stored, decision } of input.rows) {
    const e = obj(stored.event);
    const at = stored.at;
    const common = { eventId: stored.id, at, decision: decisionOf(decision) };
    if (stored.type === 'login') {
      const network = networkOf(e);
      signIns.push({
        ...common,
        result: e.result === 'failure' ? 'failure' : 'success',
        method: str(e.method) ?? 'unknown',
        device: deviceOf(e),
        network,
        country: network?.country ?? null,
      });
    } else if (stored.type === 'charge') {
      const m = obj(e.merchant);
      const amount = num(e.amount) ?? 0;
      const status = chargeStatus(decision);
      charges.push({
        ...common,
        amount,
        merchant: { name: str(m.name), category: str(m.category) ?? 'other' },
        funding: str(e.funding) ?? 'phone_bill',
        status,
        device: deviceOf(e),
        network: networkOf(e),
      });
      const date = japanDate(stored.atMs);
      const day = days.get(date) ?? { date, spent: 0, blocked: 0, charges: 0 };
      if (status === 'allowed' || status === 'step_up') day.spent += amount;
      else day.blocked += amount;
      day.charges += 1;
      days.set(date, day);
      lastMs = Math.max(lastMs, stored.atMs);
    } else if (stored.type === 'card_change') {
      const c = obj(e.card);
      cardChanges.push({
        ...common,
        action: str(e.action) ?? 'add',
        card: { last4: str(c.last4), issuer: str(c.issuer) },
        device: deviceOf(e),
        network: networkOf(e),
      });
    }
  }
  const spendingPerDay: SpendingDay[] = [];
  const lastDate = japanDate(lastMs);
  // Walk Japan-time dates from the window's first to the last (noon avoids any edge rounding).
  for (let ms = Date.parse(`${japanDate(input.sinceMs)}T12:00:00+09:00`); ; ms += DAY_MS) {
    const date = japanDate(ms);
    spendingPerDay.push(days.get(date) ?? { date, spent: 0, blocked: 0, charges: 0 });
    if (date >= lastDate || spendingPerDay.length > 400) break;
  }
  return {
    from: isoJapan(input.sinceMs),
    to: isoJapan(input.nowMs),
    signIns,
    charges,
    cardChanges,
    spendingPerDay,
    totals: {
      spent: spendingPerDay.reduce((s, d) => s + d.spent, 0),
      blocked: spendingPerDay.reduce((s, d) => s + d.blocked, 0),
    },
  };
}

export interface MonthlyLimitView {
  /** The limit in force (yen), or null when none was ever set and let through. */
  monthlyLimit: number | null;
  setAt: string | null;
  /** A newer change the engine held or refused, waiting for confirmation. */
  pending: { monthlyLimit: number; at: string; decision: DecisionAction } | null;
}

/**
 * The monthly limit from the account's `limit_change` events (newest first): the newest one the
 * engine let through is in force; a newer held or refused one is pending (contract "Decision":
 * a hold is not carried out until the subscriber confirms).
 */
export function currentMonthlyLimit(rows: readonly ActivityInputRow[]): MonthlyLimitView {
  let pending: MonthlyLimitView['pending'] = null;
  for (const { event, decision } of rows) {
    if (event.type !== 'limit_change') continue;
    const limit = num(obj(event.event).monthly_limit);
    if (limit === null) continue;
    const action = decision?.decision ?? 'allow';
    if (action === 'allow' || action === 'challenge') {
      return { monthlyLimit: limit, setAt: event.at, pending };
    }
    pending ??= { monthlyLimit: limit, at: event.at, decision: action };
  }
  return { monthlyLimit: null, setAt: null, pending };
}

/** Yen of charges let through among `rows` (e.g. this month's, for "spent of the limit"). */
export function spentIn(rows: readonly ActivityInputRow[]): number {
  let total = 0;
  for (const { event, decision } of rows) {
    if (event.type !== 'charge') continue;
    const status = chargeStatus(decision);
    if (status === 'allowed' || status === 'step_up') total += num(obj(event.event).amount) ?? 0;
  }
  return total;
}
