// Shared parts of the simulated world: the generated period, places many subscribers share
// (office egress addresses, hotspots, hotels) and the attacker crews with their infrastructure.

import { DAY, HOUR } from './calendar.ts';
import {
  androidPhoneUa,
  botUa,
  CARRIERS,
  CORP_VPNS,
  DESTINATIONS,
  type Destination,
  type Device,
  emulatorUa,
  FOREIGN,
  HOSTING_JP,
  iosPhoneUa,
  ipv4,
  type Network,
  netOf,
  OFFICE_ISPS,
  type Platform,
  type Provider,
  PUBLIC_WIFI,
  pcUa,
  RESIDENTIAL_PROXY_JP,
  TOR_EXITS,
  VPN_EXITS,
} from './catalog.ts';
import { Rng } from './rng.ts';

export type Infra = 'res_jp' | 'mobile_jp' | 'hosting_jp' | 'foreign' | 'vpn' | 'tor';

export interface Crew {
  name: string;
  /** Greedy crews cash out fast and big; careful ones blend in. */
  greedy: boolean;
  infra: Partial<Record<Infra, number>>;
  devices: Device[];
  /** Chance of reusing one of the crew's devices / addresses on the next victim. */
  reuseDevice: number;
  reuseNet: number;
  nets: Network[];
  deviceStyle: Partial<Record<'ios' | 'android' | 'emulator' | 'pc', number>>;
}

export interface Campaign {
  start: number;
  end: number;
  nets: Network[];
  devices: Device[];
}

export interface World {
  seed: number;
  start: number;
  end: number;
  days: number;
  companies: Network[];
  corpVpns: Network[];
  hotspots: Network[];
  hotels: Record<Destination, Network[]>;
  crews: Crew[];
  campaigns: Campaign[];
}

const shared = (r: Rng, providers: Provider[], n: number): Network[] =>
  Array.from({ length: n }, () => {
    const p = r.pick(providers);
    return netOf(p, ipv4(r, p));
  });

export function infraNet(r: Rng, infra: Infra): Network {
  switch (infra) {
    case 'res_jp': {
      const p = r.pick(RESIDENTIAL_PROXY_JP);
      return netOf(p, ipv4(r, p));
    }
    case 'mobile_jp': {
      const p = r.pick(CARRIERS).mobile;
      return netOf(p, ipv4(r, p));
    }
    case 'hosting_jp': {
      const p = r.pick(HOSTING_JP);
      return netOf(p, ipv4(r, p));
    }
    case 'foreign': {
      const p = r.pick(FOREIGN);
      return netOf(p, ipv4(r, p));
    }
    case 'vpn': {
      const p = r.pick(VPN_EXITS);
      return netOf(p, ipv4(r, p));
    }
    case 'tor': {
      const p = r.pick(TOR_EXITS);
      return netOf(p, ipv4(r, p));
    }
  }
}

export function attackerDevice(r: Rng, style: 'ios' | 'android' | 'emulator' | 'pc'): Device {
  const platform: Platform = style === 'emulator' ? 'android' : style;
  const ua =
    style === 'ios'
      ? iosPhoneUa(r)
      : style === 'android'
        ? androidPhoneUa(r, r.pick(CARRIERS).id)
        : style === 'emulator'
          ? emulatorUa(r)
          : pcUa(r);
  // Some tooling strips the platform hint or the user agent.
  const quiet: ('platform' | 'ua')[] = [];
  if (r.chance(0.12)) quiet.push('platform');
  if (r.chance(0.08)) quiet.push('ua');
  return quiet.length > 0 ? { id: r.uuid(), platform, ua, quiet } : { id: r.uuid(), platform, ua };
}

function makeCrew(r: Rng, i: number): Crew {
  const greedy = r.chance(0.5);
  const infra: Partial<Record<Infra, number>> = greedy
    ? { res_jp: 25, mobile_jp: 5, hosting_jp: 20, foreign: 30, vpn: 12, tor: 8 }
    : { res_jp: 60, mobile_jp: 20, hosting_jp: 8, foreign: 4, vpn: 8 };
  const deviceStyle = greedy
    ? { ios: 20, android: 20, emulator: 35, pc: 25 }
    : { ios: 50, android: 30, emulator: 5, pc: 15 };
  const crew: Crew = {
    name: `crew_${i}`,
    greedy,
    infra,
    devices: [],
    reuseDevice: greedy ? r.float(0.3, 0.7) : r.float(0.05, 0.3),
    reuseNet: greedy ? r.float(0.3, 0.6) : r.float(0.05, 0.25),
    nets: [],
    deviceStyle,
  };
  for (let k = 0; k < r.int(2, 5); k++) crew.devices.push(attackerDevice(r, r.weighted(deviceStyle)));
  for (let k = 0; k < r.int(2, 6); k++) crew.nets.push(infraNet(r, r.weighted(infra)));
  return crew;
}

function makeCampaign(r: Rng, start: number, days: number): Campaign {
  const day = r.int(1, Math.max(1, days - 4));
  const begin = start + day * DAY + r.int(0, 23) * HOUR + r.int(0, 59) * 60_000;
  const nets: Network[] = [];
  for (let k = 0; k < r.int(4, 10); k++) {
    nets.push(infraNet(r, r.weighted<Infra>({ hosting_jp: 25, foreign: 30, vpn: 20, res_jp: 20, tor: 5 })));
  }
  const devices: Device[] = [];
  for (let k = 0; k < r.int(2, 4); k++) {
    devices.push(
      r.chance(0.8)
        ? { id: r.uuid(), platform: 'pc', ua: botUa(r) }
        : { id: r.uuid(), platform: 'pc', ua: botUa(r), quiet: ['platform'] },
    );
  }
  return { start: begin, end: begin + r.float(1, 6) * HOUR, nets, devices };
}

export function createWorld(seed: number, start: number, days: number, accounts: number): World {
  const r = new Rng(seed, 'world');
  const hotels = {} as Record<Destination, Network[]>;
  for (const [dest, d] of Object.entries(DESTINATIONS) as [
    Destination,
    (typeof DESTINATIONS)[Destination],
  ][]) {
    hotels[dest] = shared(r, d.wifi, 25);
  }
  const crews = Array.from({ length: 6 + Math.ceil(accounts / 400) }, (_, i) => makeCrew(r, i));
  const campaignCount = Math.max(1, Math.round(days / 10));
  const campaigns = Array.from({ length: campaignCount }, () => makeCampaign(r, start, days));
  return {
    seed,
    start,
    end: start + days * DAY,
    days,
    companies: shared(r, OFFICE_ISPS, Math.max(20, Math.round(accounts / 25))),
    corpVpns: shared(r, CORP_VPNS, 12),
    hotspots: shared(r, PUBLIC_WIFI, Math.max(40, Math.round(accounts / 15))),
    hotels,
    crews,
    campaigns,
  };
}
