/**
 * The decision step: one pure function from (profile, event, policy, global state) to (decision,
 * new profile, new global state, effects). No clock, no I/O, no randomness — time is the event's
 * `at` — so a replay gives the same decisions and a queue/worker/DB can sit around it (issue 4
 * "Design so the decision step is a pure function"). The caller stores the new profile and global
 * state and carries out the effects (notice, case, lock), filling the Decision's `notice` and `case`.
 *
 * Score: the sum of the contributing rules' points, capped at 100. Sum (not max) because takeover
 * stories are several individually-weak signals in sequence; each weight is sized so a single
 * legitimate surprise (travel, a new phone, one large purchase) stays below the hold band.
 */
import { MamoriError } from '../errors.ts';
import type { AccountEvent, Decision, DecisionAction, DecisionReason } from './event-schema.ts';
import { computeFeatures, type Features } from './features.ts';
import { deviceKey, type GlobalState, ipKey, recordHit } from './global-state.ts';
import { type Lang, reasonMessage } from './messages.ts';
import type { Policy, RuleId } from './policy.ts';
import { type Profile, unlockProfile, updateProfile } from './profile.ts';
import type { Rule, RuleContext } from './rule.ts';
import { RULES } from './rules/index.ts';

export interface DecideInput {
  profile: Profile;
  event: AccountEvent;
  policy: Policy;
  global: GlobalState;
  /** Language of the reason messages (default ja, the contract's). */
  lang?: Lang;
  /** The rules to run, in order (default: the registry, rules/index.ts). A test seam. */
  rules?: readonly Rule[];
}

/** A reason with its machine-readable parts kept alongside the contract's `message`. */
export interface EngineReason extends DecisionReason {
  rule: RuleId;
}

export interface EngineDecision extends Decision {
  reasons: EngineReason[];
}

/** What the caller should do besides answering (contract "Decision": `notice` and `case` are its job). */
export interface DecideEffects {
  /**
   * Put a notice in the subscriber's in-app message box: every challenge and hold, and the lock
   * that locks the account (not the later events refused on an already-locked account).
   */
  notice?: { kind: Exclude<DecisionAction, 'allow'>; rules: RuleId[] };
  /** Open an operator case: every hold, and the lock that locks the account (not later events on it). */
  openCase?: boolean;
  /** The account has just become locked: suspend carrier billing and revoke sessions. */
  lockAccount?: boolean;
  /** The account has just been unlocked (only from `unlock`, never from an event). */
  unlock?: boolean;
  /** For a challenge: whether an SMS code may serve as the step-up (not while a SIM re-issue is recent). */
  stepUp?: { smsAllowed: boolean };
}

export interface DecideResult {
  decision: EngineDecision;
  profile: Profile;
  global: GlobalState;
  effects: DecideEffects;
}

/** Maps a score to an action through the policy's bands. */
export function actionFor(score: number, policy: Policy): DecisionAction {
  const b = policy.bands;
  if (score >= b.lock) return 'lock';
  if (score >= b.hold) return 'hold';
  if (score >= b.challenge) return 'challenge';
  return 'allow';
}

/** Runs the rules over precomputed features; exposed for explanations and tests. */
export function evaluateRules(
  ctx: RuleContext,
  lang: Lang,
  rules: readonly Rule[] = RULES,
): { score: number; reasons: EngineReason[] } {
  const reasons: EngineReason[] = [];
  let sum = 0;
  for (const rule of rules) {
    const hit = rule.evaluate(ctx);
    if (hit === null || !(hit.points > 0)) continue;
    sum += hit.points;
    reasons.push({
      rule: rule.id,
      points: hit.points,
      message: reasonMessage(hit.messageKey ?? rule.id, hit.params, lang),
    });
  }
  return { score: Math.min(100, Math.round(sum)), reasons };
}

function updateGlobal(g: GlobalState, event: AccountEvent, at: number, policy: Policy): GlobalState {
  if (event.type !== 'login') return g;
  const ok = event.result === 'success';
  let next = g;
  if (event.network) next = recordHit(next, ipKey(event.network.ip), event.account, ok, at, policy);
  if (event.device) next = recordHit(next, deviceKey(event.device.id), event.account, ok, at, policy);
  return next;
}

/**
 * Decides one event.
 *
 * @example
 * let profile = emptyProfile('acc_7');
 * let global = emptyGlobalState(DEFAULT_POLICY);
 * const r = decide({ profile, event, policy: DEFAULT_POLICY, global });
 * ({ profile, global } = r); // store them; r.decision is the answer; r.effects says what else to do
 */
export function decide(input: DecideInput): DecideResult {
  const { profile, event, policy, global } = input;
  const lang = input.lang ?? 'ja';
  if (profile.account !== event.account) {
    throw new MamoriError(
      'profile_account_mismatch',
      `Unexpected profile for account ${JSON.stringify(profile.account)}, expected ${JSON.stringify(event.account)}`,
    );
  }
  const features: Features = computeFeatures(profile, event, policy, global);
  const evaluated = evaluateRules({ event, profile, policy, features }, lang, input.rules);
  let score = evaluated.score;
  const reasons = evaluated.reasons;
  let action = actionFor(score, policy);
  // Signs that something is unusual (a new device, a new shop, more spending than usual) are
  // what legitimate surprises look like too: on their own they hold the charge, and only a step of
  // an attack (a security change before a card action, a SIM re-issue, card testing, a report…)
  // locks the whole account.
  if (action === 'lock' && reasons.every((r) => policy.holdOnlyRules.includes(r.rule))) action = 'hold';
  // A locked account refuses everything until unlocked, whatever rules were passed in.
  if (features.locked && action !== 'lock') {
    action = 'lock';
    if (!reasons.some((r) => r.rule === 'account_locked')) {
      const points = policy.rules.account_locked.points;
      reasons.unshift({ rule: 'account_locked', points, message: reasonMessage('account_locked', {}, lang) });
      score = Math.max(score, Math.min(100, points));
    }
  }

  const decision: EngineDecision = {
    event: event.id,
    account: event.account,
    decision: action,
    score,
    reasons,
    notice: null,
    case: null,
  };
  const effects: DecideEffects = {};
  // On an account that is already locked, every event is refused (decision `lock`), but the
  // subscriber has already been told and the operator already has the case: only the event that
  // locks the account puts a notice in the message box and opens a case. Later events carry no
  // notice/case effects, and the storage layer answers them with the lock's own references.
  const alreadyLocked = profile.lock !== null;
  if (action !== 'allow' && !(action === 'lock' && alreadyLocked)) {
    effects.notice = { kind: action, rules: reasons.map((r) => r.rule) };
  }
  if (action === 'hold' || (action === 'lock' && !alreadyLocked)) effects.openCase = true;
  if (action === 'lock' && !alreadyLocked) effects.lockAccount = true;
  if (action === 'challenge') {
    const simMin = features.minutesSince.sim_reissue;
    effects.stepUp = {
      smsAllowed: simMin === null || simMin > policy.rules.sim_reissue_then_otp_login.windowHours * 60,
    };
  }
  return {
    decision,
    profile: updateProfile(profile, event, policy, { action, at: features.at }),
    global: updateGlobal(global, event, features.at, policy),
    effects,
  };
}

/** An operator lifts a lock (after the case is resolved). Not an account event; pure. */
export function unlock(profile: Profile): { profile: Profile; effects: DecideEffects } {
  return { profile: unlockProfile(profile), effects: profile.lock === null ? {} : { unlock: true } };
}
