/**
 * A short, stable, non-cryptographic hash (32-bit FNV-1a, base 36, ≤ 7 characters). Profiles keep
 * device, merchant and card identifiers only as these hashes, so a 256-character device id costs
 * the same few bytes as a short one and the ≤ 2 KB profile bound holds whatever the operator sends.
 * Within one account (a handful of devices or merchants) a collision is ~1 in 10⁹.
 */
export function shortHash(s: string): string {
  const cached = CACHE.get(s);
  if (cached !== undefined) return cached;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const out = (h >>> 0).toString(36);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(s, out);
  return out;
}

/**
 * The same ids (devices, accounts, merchants) recur event after event, so results are memoised.
 * A cache of a pure function's results changes no output; it is bounded and simply cleared when
 * full.
 */
const CACHE = new Map<string, string>();
const CACHE_MAX = 8192;
