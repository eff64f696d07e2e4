/**
 * Scores decisions against labelled events (issue 4 "mamori evaluate"). The metrics and their
 * targets come from issue 4 "Targets":
 *
 * - fraudulent yen stopped: a fraudulent charge is stopped when its own decision is hold or lock,
 *   or when an earlier decision locked the account;
 * - attacked accounts stopped by their 2nd fraudulent charge: a hold or lock on one of the
 *   account's fraudulent events, or a lock on any of its events, on or before its 2nd fraudulent
 *   charge (its 1st when it has only one); accounts with no fraudulent charge are not counted;
 * - stopped after a report: every fraudulent charge after a `not_me` or `lost_phone` report must
 *   be stopped (as above);
 * - legit charges held or locked, legit friction (challenge, hold or lock on a legit charge), and
 *   legit logins challenged (any decision other than allow): legit events count only until the
 *   account's first fraud-labelled event.
 *
 * Events are taken in the order given (the order they were replayed). A missing decision, or an
 * error object in place of one, counts as no decision: nothing stopped, no friction. Events with
 * no label are counted but not scored.
 */
import type { AccountEvent, Decision, DecisionAction, EventError } from '../engine/event-schema.ts';

/** A part of a whole: `count` of `of`; `share` is null when `of` is 0. */
export interface Share {
  count: number;
  of: number;
  share: number | null;
}

export interface ScenarioMetrics {
  scenario: string;
  /** True for attack scenarios (events labelled fraud). */
  fraud: boolean;
  events: number;
  /** Events of the scenario with a decision other than allow. */
  flaggedEvents: number;
  /** Attacked accounts whose first fraudulent event has this scenario (0 for legit scenarios). */
  accounts: number;
  /** Attacked accounts with at least one fraudulent charge / stopped by their 2nd. */
  accountsWithCharges: number;
  accountsStoppedBy2nd: number;
  charges: number;
  chargeYen: number;
  /** Charges (and their yen) held or locked, or refused because the account was locked. */
  stoppedCharges: number;
  stoppedYen: number;
  /** Charges with a challenge, hold or lock. */
  frictionCharges: number;
  logins: number;
  challengedLogins: number;
}

export type TargetId =
  | 'fraud_yen_stopped'
  | 'accounts_stopped_by_2nd_charge'
  | 'stopped_after_report'
  | 'legit_charges_held'
  | 'legit_charge_friction'
  | 'legit_logins_challenged';

export interface TargetResult {
  id: TargetId;
  value: number | null;
  op: '>=' | '<=';
  target: number;
  /** null when there was nothing to measure (e.g. no report followed by a charge). */
  pass: boolean | null;
}

export interface EvaluationMetrics {
  events: number;
  unlabelledEvents: number;
  decisions: number;
  errorDecisions: number;
  /** Events with no decision (missing or an error object). */
  undecidedEvents: number;
  /** Decisions on the events, by action; `none` for undecided events. */
  byAction: Record<DecisionAction | 'none', number>;
  attackedAccounts: number;
  fraudYenStopped: Share;
  accountsStoppedBy2ndCharge: Share;
  stoppedAfterReport: Share;
  legitChargesHeld: Share;
  legitChargeFriction: Share;
  legitLoginsChallenged: Share;
  scenarios: ScenarioMetrics[];
  targets: TargetResult[];
}

/** Issue 4 "Targets". */
export const TARGETS: readonly { id: TargetId; op: '>=' | '<='; target: number }[] = [
  { id: 'fraud_yen_stopped', op: '>=', target: 0.9 },
  { id: 'accounts_stopped_by_2nd_charge', op: '>=', target: 0.9 },
  { id: 'stopped_after_report', op: '>=', target: 1 },
  { id: 'legit_charges_held', op: '<=', target: 0.01 },
  { id: 'legit_charge_friction', op: '<=', target: 0.03 },
  { id: 'legit_logins_challenged', op: '<=', target: 0.03 },
];

/** What evaluation reads from a decision line: a contract Decision, or an error in its place. */
export type EvaluatedDecision =
  | Pick<Decision, 'event' | 'decision'>
  | (Pick<EventError, 'event'> & { error: unknown });

/** The fields evaluation reads from an event. */
export type EvaluatedEvent = Pick<AccountEvent, 'id' | 'type' | 'account' | 'label'> & {
  amount?: number;
  kind?: string;
};

interface AccountState {
  attacked: boolean;
  scenario: string | null;
  locked: boolean;
  reported: boolean;
  fraudCharges: number;
  /** Position of the first stopping decision: k for the k-th fraud charge, k + 0.5 between. */
  stopPos: number | null;
}

const STOPS = new Set<DecisionAction>(['hold', 'lock']);

function share(count: number, of: number): Share {
  return { count, of, share: of === 0 ? null : count / of };
}

/**
 * Incremental evaluation, for streams: add every decision first, then the events in order.
 */
export class Evaluator {
  readonly #decisions = new Map<string, DecisionAction | null>();
  readonly #accounts = new Map<string, AccountState>();
  readonly #scenarios = new Map<string, ScenarioMetrics>();
  #decisionCount = 0;
  #errorDecisions = 0;
  #events = 0;
  #unlabelled = 0;
  #undecided = 0;
  readonly #byAction: Record<DecisionAction | 'none', number> = {
    allow: 0,
    challenge: 0,
    hold: 0,
    lock: 0,
    none: 0,
  };
  #fraudYen = 0;
  #fraudYenStopped = 0;
  #afterReport = 0;
  #afterReportStopped = 0;
  #legitCharges = 0;
  #legitHeld = 0;
  #legitFriction = 0;
  #legitLogins = 0;
  #legitLoginsChallenged = 0;

  addDecision(d: EvaluatedDecision): void {
    if ('error' in d) {
      this.#errorDecisions++;
      if (typeof d.event === 'string') this.#decisions.set(d.event, null);
      return;
    }
    this.#decisionCount++;
    this.#decisions.set(d.event, d.decision);
  }

  addEvent(e: EvaluatedEvent): void {
    this.#events++;
    const action = this.#decisions.get(e.id) ?? null;
    if (action === null) this.#undecided++;
    this.#byAction[action ?? 'none']++;
    let acc = this.#accounts.get(e.account);
    if (!acc) {
      acc = {
        attacked: false,
        scenario: null,
        locked: false,
        reported: false,
        fraudCharges: 0,
        stopPos: null,
      };
      this.#accounts.set(e.account, acc);
    }
    const label = e.label;
    const isFraud = label?.fraud === true;
    const isCharge = e.type === 'charge';
    const amount = isCharge ? (e.amount ?? 0) : 0;
    const stopsItself = action !== null && STOPS.has(action);
    const friction = action !== null && action !== 'allow';

    if (label === undefined) this.#unlabelled++;

    if (isFraud) {
      if (!acc.attacked) {
        acc.attacked = true;
        acc.scenario = label.scenario ?? 'unknown';
      }
      const sc = this.#scenario(label.scenario ?? 'unknown', true);
      sc.events++;
      if (friction) sc.flaggedEvents++;
      if (isCharge) acc.fraudCharges++;
      const pos = isCharge ? acc.fraudCharges : acc.fraudCharges + 0.5;
      if (acc.stopPos === null && stopsItself) acc.stopPos = pos;
      if (isCharge) {
        const stopped = stopsItself || acc.locked;
        sc.charges++;
        sc.chargeYen += amount;
        if (friction) sc.frictionCharges++;
        this.#fraudYen += amount;
        if (stopped) {
          sc.stoppedCharges++;
          sc.stoppedYen += amount;
          this.#fraudYenStopped += amount;
        }
        if (acc.reported) {
          this.#afterReport++;
          if (stopped) this.#afterReportStopped++;
        }
      }
      if (e.type === 'login') {
        sc.logins++;
        if (friction) sc.challengedLogins++;
      }
    } else {
      // A lock on any event of the account also stops the attacker (issue 4).
      if (action === 'lock' && acc.stopPos === null) acc.stopPos = acc.fraudCharges + 0.5;
      if (label !== undefined && !acc.attacked) {
        const sc = this.#scenario(label.scenario ?? 'legit', false);
        sc.events++;
        if (friction) sc.flaggedEvents++;
        if (isCharge) {
          sc.charges++;
          sc.chargeYen += amount;
          this.#legitCharges++;
          if (stopsItself) {
            sc.stoppedCharges++;
            sc.stoppedYen += amount;
            this.#legitHeld++;
          }
          if (friction) {
            sc.frictionCharges++;
            this.#legitFriction++;
          }
        }
        if (e.type === 'login') {
          sc.logins++;
          this.#legitLogins++;
          if (friction) {
            sc.challengedLogins++;
            this.#legitLoginsChallenged++;
          }
        }
      }
    }
    if (action === 'lock') acc.locked = true;
    if (e.type === 'subscriber_report' && (e.kind === 'not_me' || e.kind === 'lost_phone'))
      acc.reported = true;
  }

  #scenario(name: string, fraud: boolean): ScenarioMetrics {
    const key = `${fraud ? 'F' : 'L'}:${name}`;
    let sc = this.#scenarios.get(key);
    if (!sc) {
      sc = {
        scenario: name,
        fraud,
        events: 0,
        flaggedEvents: 0,
        accounts: 0,
        accountsWithCharges: 0,
        accountsStoppedBy2nd: 0,
        charges: 0,
        chargeYen: 0,
        stoppedCharges: 0,
        stoppedYen: 0,
        frictionCharges: 0,
        logins: 0,
        challengedLogins: 0,
      };
      this.#scenarios.set(key, sc);
    }
    return sc;
  }

  result(): EvaluationMetrics {
    const scenarios = new Map<string, ScenarioMetrics>();
    for (const [key, sc] of this.#scenarios) scenarios.set(key, { ...sc });
    let attacked = 0;
    let withCharges = 0;
    let stoppedBy2nd = 0;
    for (const acc of this.#accounts.values()) {
      if (!acc.attacked) continue;
      attacked++;
      // Attacked accounts always have a fraud scenario entry: their first fraud event made it.
      const sc = scenarios.get(`F:${acc.scenario}`);
      if (sc) sc.accounts++;
      if (acc.fraudCharges === 0) continue;
      withCharges++;
      if (sc) sc.accountsWithCharges++;
      if (acc.stopPos !== null && acc.stopPos <= Math.min(2, acc.fraudCharges)) {
        stoppedBy2nd++;
        if (sc) sc.accountsStoppedBy2nd++;
      }
    }
    const metrics: Omit<EvaluationMetrics, 'targets'> = {
      events: this.#events,
      unlabelledEvents: this.#unlabelled,
      decisions: this.#decisionCount,
      errorDecisions: this.#errorDecisions,
      undecidedEvents: this.#undecided,
      byAction: { ...this.#byAction },
      attackedAccounts: attacked,
      fraudYenStopped: share(this.#fraudYenStopped, this.#fraudYen),
      accountsStoppedBy2ndCharge: share(stoppedBy2nd, withCharges),
      stoppedAfterReport: share(this.#afterReportStopped, this.#afterReport),
      legitChargesHeld: share(this.#legitHeld, this.#legitCharges),
      legitChargeFriction: share(this.#legitFriction, this.#legitCharges),
      legitLoginsChallenged: share(this.#legitLoginsChallenged, this.#legitLogins),
      scenarios: [...scenarios.values()].sort(
        (a, b) => Number(b.fraud) - Number(a.fraud) || a.scenario.localeCompare(b.scenario),
      ),
    };
    return { ...metrics, targets: checkTargets(metrics) };
  }
}

const VALUE_OF: Record<TargetId, (m: Omit<EvaluationMetrics, 'targets'>) => Share> = {
  fraud_yen_stopped: (m) => m.fraudYenStopped,
  accounts_stopped_by_2nd_charge: (m) => m.accountsStoppedBy2ndCharge,
  stopped_after_report: (m) => m.stoppedAfterReport,
  legit_charges_held: (m) => m.legitChargesHeld,
  legit_charge_friction: (m) => m.legitChargeFriction,
  legit_logins_challenged: (m) => m.legitLoginsChallenged,
};

/** Compares metrics with issue 4's targets. */
export function checkTargets(m: Omit<EvaluationMetrics, 'targets'>): TargetResult[] {
  return TARGETS.map(({ id, op, target }) => {
    const value = VALUE_OF[id](m).share;
    const pass = value === null ? null : op === '>=' ? value >= target - 1e-12 : value <= target + 1e-12;
    return { id, value, op, target, pass };
  });
}

/**
 * Evaluates decisions against labelled events.
 *
 * @example
 * const m = evaluate(events, decisions);
 * console.log(m.fraudYenStopped.share, m.targets.every((t) => t.pass !== false));
 */
export function evaluate(
  events: Iterable<EvaluatedEvent>,
  decisions: Iterable<EvaluatedDecision>,
): EvaluationMetrics {
  const ev = new Evaluator();
  for (const d of decisions) ev.addDecision(d);
  for (const e of events) ev.addEvent(e);
  return ev.result();
}
