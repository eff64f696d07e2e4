// Collects generated events, gives each a random unique id, and returns them ordered by time.

import { isoJst } from './calendar.ts';
import type { Device, Network } from './catalog.ts';
import type { Rng } from './rng.ts';

export interface Label {
  fraud: boolean;
  scenario: string;
}

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

export interface EventRecord {
  id: string;
  type: EventType;
  at: string;
  account: string;
  device?: Device;
  network?: Network;
  label: Label;
  [field: string]: unknown;
}

/** Where an event happened; both parts are optional in the contract. */
export interface Ctx {
  device?: Device | undefined;
  network?: Network | undefined;
}

/** The device as its software reports it. */
function reported(d: Device): Device {
  const out: Device = { id: d.id };
  if (d.platform && !d.quiet?.includes('platform')) out.platform = d.platform;
  if (d.ua && !d.quiet?.includes('ua')) out.ua = d.ua;
  return out;
}

interface Draft {
  t: number;
  seq: number;
  event: EventRecord;
}

export class Sink {
  private readonly drafts: Draft[] = [];
  private readonly times = new Map<string, number>();
  private seq = 0;

  constructor(
    private readonly r: Rng,
    private readonly from: number,
    private readonly to: number,
  ) {}

  /** Records an event and returns its id (for `ref` in later reports). */
  add(
    t: number,
    account: string,
    type: EventType,
    fields: Record<string, unknown>,
    ctx: Ctx | null,
    label: Label,
  ): string {
    const id = this.newId();
    // Keep a stable, readable key order: common fields, type fields, label last.
    const ordered = { id, type, at: isoJst(t), account } as EventRecord;
    if (ctx?.device) ordered.device = reported(ctx.device);
    if (ctx?.network) ordered.network = { ...ctx.network };
    Object.assign(ordered, fields);
    ordered.label = label;
    this.drafts.push({ t: Math.floor(t / 1000) * 1000, seq: this.seq++, event: ordered });
    this.times.set(id, t);
    return id;
  }

  /** When an event recorded earlier happens. */
  timeOf(id: string): number {
    return this.times.get(id) ?? Number.POSITIVE_INFINITY;
  }

  /** The ids among `ids` of events that happen before t. */
  before(ids: string[], t: number): string[] {
    return ids.filter((id) => this.timeOf(id) < t);
  }

  /** Events inside the generated period, ordered by time (ties keep creation order). */
  events(): EventRecord[] {
    return this.drafts
      .filter((d) => d.t >= this.from && d.t < this.to)
      .sort((a, b) => a.t - b.t || a.seq - b.seq)
      .map((d) => d.event);
  }

  private newId(): string {
    for (;;) {
      const id = `evt_${this.r.hex(16)}`;
      if (!this.times.has(id)) {
        this.times.set(id, Number.POSITIVE_INFINITY);
        return id;
      }
    }
  }
}
