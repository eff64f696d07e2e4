/**
 * Draft events: what the generator builds before times are sorted and ids are handed out.
 */
import { type Device, isoJst, type Network } from './world.ts';

export type EventType =
  | 'login'
  | 'password_change'
  | 'mfa_change'
  | 'contact_change'
  | 'sim_reissue'
  | 'card_view'
  | 'card_change'
  | 'card_verification'
  | 'charge'
  | 'limit_change'
  | 'subscriber_report';

export type LoginMethod = 'password' | 'passkey' | 'totp' | 'sms_otp' | 'network_pin';
export type Funding = 'phone_bill' | 'registered_card';

export interface Label {
  fraud: boolean;
  scenario: string;
}

export const legit = (scenario: string): Label => ({ fraud: false, scenario });
export const fraud = (scenario: string): Label => ({ fraud: true, scenario });

export interface Draft {
  /** Epoch milliseconds, whole seconds. */
  t: number;
  /** Creation order; breaks ties between events with the same second. */
  order: number;
  account: string;
  type: EventType;
  device?: Device;
  network?: Network;
  /** The type's own fields, in the order they should be written. */
  fields: Record<string, unknown>;
  /** For subscriber reports: the event the subscriber points at. */
  ref?: Draft;
  label: Label;
  id?: string;
}

export class EventLog {
  readonly drafts: Draft[] = [];

  add(draft: Omit<Draft, 'order'>): Draft {
    const d: Draft = { ...draft, t: Math.floor(draft.t / 1000) * 1000, order: this.drafts.length };
    this.drafts.push(d);
    return d;
  }
}

/** Turns a draft into the wire object, with keys in contract order. */
export function toWire(d: Draft): Record<string, unknown> {
  if (!d.id) throw new Error('draft without id');
  const out: Record<string, unknown> = { id: d.id, type: d.type, at: isoJst(d.t), account: d.account };
  if (d.device) out.device = d.device;
  if (d.network) out.network = d.network;
  Object.assign(out, d.fields);
  if (d.ref) {
    if (!d.ref.id) throw new Error('reference to an event that was dropped');
    out.ref = d.ref.id;
  }
  out.label = d.label;
  return out;
}
