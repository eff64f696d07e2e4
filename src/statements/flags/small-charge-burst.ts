/**
 * small_charge_burst: several small charges close together — at one merchant within a day
 * (repeated app or gift purchases), or at any merchants within an hour when the file gives times
 * (a stolen card being spent fast). The line that completes the burst and those after it are
 * flagged; the message names the burst's first line.
 */
import { BoundedMap } from '../bounded-map.ts';
import type { FlagRuleFactory } from './flag-rule.ts';

interface Hit {
  minute: number;
  line: number;
}

/** Kept per merchant (and for the any-merchant window): enough for any sensible burst count. */
const MAX_HITS = 64;

function record(hits: Hit[], hit: Hit, windowMinutes: number): Hit[] {
  hits.push(hit);
  // Rows are mostly in date order; those outside the window around the latest are dropped.
  const latest = Math.max(...hits.map((h) => h.minute));
  const kept = hits.filter((h) => latest - h.minute < windowMinutes);
  return kept.length > MAX_HITS ? kept.slice(kept.length - MAX_HITS) : kept;
}

function within(hits: readonly Hit[], minute: number, windowMinutes: number): Hit[] {
  return hits.filter((h) => Math.abs(minute - h.minute) < windowMinutes);
}

export const smallChargeBurst: FlagRuleFactory = (options) => {
  const perMerchant = new BoundedMap<string, Hit[]>(options.maxMerchants);
  const merchantWindow = options.burstWindowHours * 60;
  let recent: Hit[] = [];
  return {
    check({ line, key, minute, hasTime }) {
      if (line.amount <= 0 || line.amount > options.burstChargeMax) return null;
      const hit = { minute, line: line.line };
      const hits = record(perMerchant.get(key) ?? [], hit, merchantWindow);
      perMerchant.set(key, hits);
      const same = within(hits, minute, merchantWindow);
      if (hasTime) recent = record(recent, hit, options.rapidWindowMinutes);
      if (same.length >= options.burstCount)
        return {
          code: 'small_charge_burst',
          count: same.length,
          firstLine: Math.min(...same.map((h) => h.line)),
          sameMerchant: true,
          hours: options.burstWindowHours,
        };
      if (!hasTime) return null;
      const any = within(recent, minute, options.rapidWindowMinutes);
      if (any.length >= options.rapidCount)
        return {
          code: 'small_charge_burst',
          count: any.length,
          firstLine: Math.min(...any.map((h) => h.line)),
          sameMerchant: false,
          hours: Math.round((options.rapidWindowMinutes / 60) * 10) / 10,
        };
      return null;
    },
  };
};
