/**
 * What a rule is: a small named unit with its own reason code (issue 4), one per file under
 * rules/, evaluated against a shared context (style.md "json-rules-engine": rules are plain units,
 * the Almanac caches facts, the rule results are the explanation).
 */
import type { AccountEvent } from './event-schema.ts';
import type { Features } from './features.ts';
import type { Policy, RuleId } from './policy.ts';
import type { Profile } from './profile.ts';

/** Everything a rule may look at. `profile` is the account as it was before the event. */
export interface RuleContext {
  readonly event: AccountEvent;
  readonly profile: Profile;
  readonly policy: Policy;
  readonly features: Features;
}

export type MessageParams = Readonly<Record<string, string | number>>;

/** A rule's contribution: its points and what to tell (a message key in messages.ts, default the rule id). */
export interface RuleHit {
  readonly points: number;
  readonly messageKey?: string;
  readonly params?: MessageParams;
}

export interface Rule {
  readonly id: RuleId;
  /** Returns the rule's contribution, or null when it does not apply. Pure. */
  evaluate(ctx: RuleContext): RuleHit | null;
}

/** Events that touch the account's money or its protections ("sensitive"): a new device matters more here. */
export const SENSITIVE_TYPES: ReadonlySet<AccountEvent['type']> = new Set([
  'password_change',
  'mfa_change',
  'contact_change',
  'sim_reissue',
  'card_view',
  'card_change',
  'card_verification',
  'charge',
  'limit_change',
]);
