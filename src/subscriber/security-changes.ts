/**
 * Security changes on an account, gathered from two places: the engine's events (the operator
 * reports password, 2FA, contact, SIM and card changes, contract events.md "Types") and Mamori's
 * own audit trail (2FA and passkey changes made in this app, src/accounts/security-events.ts).
 * When the same change reaches both (the lead may forward security events to the engine), it is
 * listed once.
 */
import type { SecurityChange, SecurityChangeKind } from './checkup.ts';

/** The same change seen twice within this long is one change. */
const SAME_CHANGE_MS = 2 * 60_000;

const AUDIT_KINDS: Readonly<Record<string, SecurityChangeKind>> = Object.freeze({
  'mfa.enabled': 'mfa_enabled',
  'mfa.disabled': 'mfa_disabled',
  'mfa.recovery_codes_regenerated': 'recovery_codes_regenerated',
  'passkey.added': 'passkey_added',
  'passkey.removed': 'passkey_removed',
  'account.emergency_lock': 'emergency_lock',
  'account.unlock': 'unlocked',
});

/** Event types that carry security changes (for the repository query). */
export const SECURITY_EVENT_TYPES = [
  'password_change',
  'mfa_change',
  'contact_change',
  'sim_reissue',
  'card_change',
] as const;

function kindOfEvent(type: string, e: Record<string, unknown>): SecurityChangeKind | null {
  switch (type) {
    case 'password_change':
      return e.via === 'reset' ? 'password_reset' : 'password_changed';
    case 'mfa_change':
      return e.action === 'disabled' ? 'mfa_disabled' : e.action === 'reset' ? 'mfa_reset' : 'mfa_enabled';
    case 'contact_change':
      return 'contact_changed';
    case 'sim_reissue':
      return 'sim_reissued';
    case 'card_change':
      return e.action === 'remove' ? 'card_removed' : e.action === 'replace' ? 'card_replaced' : 'card_added';
    default:
      return null;
  }
}

/**
 * Security changes, newest first.
 *
 * @example
 * securityChangesFrom({ events: [{ type: 'sim_reissue', atMs, event }], audit: [{ action: 'mfa.enabled', atMs }] });
 */
export function securityChangesFrom(input: {
  events: ReadonlyArray<{ type: string; atMs: number; event: unknown }>;
  audit: ReadonlyArray<{ action: string; atMs: number }>;
}): SecurityChange[] {
  const all: SecurityChange[] = [];
  for (const e of input.events) {
    const payload =
      e.event !== null && typeof e.event === 'object' ? (e.event as Record<string, unknown>) : {};
    const kind = kindOfEvent(e.type, payload);
    if (kind !== null) all.push({ kind, atMs: e.atMs });
  }
  for (const a of input.audit) {
    const kind = AUDIT_KINDS[a.action];
    if (kind !== undefined) all.push({ kind, atMs: a.atMs });
  }
  all.sort((a, b) => b.atMs - a.atMs);
  const out: SecurityChange[] = [];
  for (const c of all) {
    if (out.some((o) => o.kind === c.kind && Math.abs(o.atMs - c.atMs) <= SAME_CHANGE_MS)) continue;
    out.push(c);
  }
  return out;
}
