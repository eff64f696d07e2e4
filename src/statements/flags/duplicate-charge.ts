/**
 * duplicate_charge: the same merchant, amount and date as an earlier line — a double charge, or
 * a purchase repeated by someone else. Remembers only the most recent days (rows come in date
 * order), so memory stays flat on a long history.
 */
import type { FlagRuleFactory } from './flag-rule.ts';

const DAYS_KEPT = 7;
const MAX_PER_DAY = 200_000;

export const duplicateCharge: FlagRuleFactory = () => {
  const byDay = new Map<number, Map<string, number>>();
  return {
    check({ line, key, minute }) {
      if (line.amount <= 0) return null;
      const day = Math.floor(minute / 1440);
      let seen = byDay.get(day);
      if (seen === undefined) {
        seen = new Map();
        byDay.set(day, seen);
        if (byDay.size > DAYS_KEPT) byDay.delete(Math.min(...byDay.keys()));
      }
      const id = `${key}\u0000${line.amount}`;
      const first = seen.get(id);
      if (first !== undefined) return { code: 'duplicate_charge', firstLine: first };
      if (seen.size < MAX_PER_DAY) seen.set(id, line.line);
      return null;
    },
  };
};
