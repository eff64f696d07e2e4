/**
 * Notice references like `N-4K7Q-9P2X` (contract "Decision": `notice`): 8 characters from an
 * alphabet without look-alikes (no 0/O, no 1/I/L, no U beside V), so a subscriber can read
 * one out on the phone or type it without mistakes. Randomness is injected (the core is pure);
 * production passes `crypto.randomBytes`, tests pass a seeded source.
 */

/** 30 symbols: digits 2–9 and letters without I, L, O, U. */
export const NOTICE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

const PATTERN = new RegExp(`^N-[${NOTICE_ALPHABET}]{4}-[${NOTICE_ALPHABET}]{4}$`);

/** Largest multiple of the alphabet size ≤ 256: bytes at or above it are discarded (no modulo bias). */
const LIMIT = 256 - (256 % NOTICE_ALPHABET.length);

/**
 * A new random reference, e.g. `N-4K7Q-9P2X`.
 *
 * @example
 * import { randomBytes } from 'node:crypto';
 * newNoticeReference((n) => randomBytes(n)); // 'N-7HQM-2XKD'
 */
export function newNoticeReference(randomBytes: (n: number) => Uint8Array): string {
  let out = '';
  for (let round = 0; out.length < 8; round++) {
    if (round >= 64) throw new Error('Unexpected random source: it kept returning unusable bytes');
    const bytes = randomBytes(16);
    for (let i = 0; i < bytes.length && out.length < 8; i++) {
      const b = bytes[i] as number;
      if (b < LIMIT) out += NOTICE_ALPHABET[b % NOTICE_ALPHABET.length];
    }
  }
  return `N-${out.slice(0, 4)}-${out.slice(4)}`;
}

/** True when `s` is a well-formed reference (exact form, upper case). */
export function isNoticeReference(s: string): boolean {
  return PATTERN.test(s);
}

/**
 * What a subscriber typed, in the reference's form, or null: full-width characters, lower case,
 * spaces and a missing `N-` or hyphens are forgiven.
 */
export function normalizeNoticeReference(input: string): string | null {
  const s = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑–—ー]/g, '');
  const body = s.startsWith('N') && s.length === 9 ? s.slice(1) : s;
  if (body.length !== 8) return null;
  const ref = `N-${body.slice(0, 4)}-${body.slice(4)}`;
  return isNoticeReference(ref) ? ref : null;
}
