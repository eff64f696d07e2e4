import { describe, expect, it } from 'vitest';
import {
  isNoticeReference,
  NOTICE_ALPHABET,
  newNoticeReference,
  normalizeNoticeReference,
} from './notice-reference.ts';

/** A deterministic byte source (xorshift), standing in for crypto.randomBytes. */
function seeded(seed: number) {
  let x = seed >>> 0 || 1;
  return (n: number) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      out[i] = x & 0xff;
    }
    return out;
  };
}

describe('notice references', () => {
  it('look like N-4K7Q-9P2X and use no ambiguous characters', () => {
    const rnd = seeded(42);
    for (let i = 0; i < 500; i++) {
      const ref = newNoticeReference(rnd);
      expect(ref).toMatch(/^N-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(ref.slice(2)).not.toMatch(/[01OILU]/);
      expect(isNoticeReference(ref)).toBe(true);
    }
    expect(NOTICE_ALPHABET).toHaveLength(30);
  });

  it('are reproducible from the same bytes and differ between sources', () => {
    expect(newNoticeReference(seeded(7))).toBe(newNoticeReference(seeded(7)));
    expect(newNoticeReference(seeded(7))).not.toBe(newNoticeReference(seeded(8)));
  });

  it('skip bytes that would bias the alphabet, and refuse a broken source', () => {
    const biased = (n: number) => new Uint8Array(n).fill(255);
    expect(() => newNoticeReference(biased)).toThrow(/random source/);
    let calls = 0;
    const mostlyHigh = (n: number) => {
      calls++;
      return Uint8Array.from({ length: n }, (_, i) => (i % 2 ? 250 : 3));
    };
    expect(newNoticeReference(mostlyHigh)).toBe('N-5555-5555');
    expect(calls).toBe(1);
  });

  it('are validated exactly', () => {
    expect(isNoticeReference('N-4K7Q-9P2X')).toBe(true);
    for (const bad of [
      'N-4K7Q-9P2',
      'n-4k7q-9p2x',
      'N-4K7Q-9P2O',
      'N-0K7Q-9P2X',
      'X-4K7Q-9P2X',
      ' N-4K7Q-9P2X',
    ]) {
      expect(isNoticeReference(bad)).toBe(false);
    }
  });

  it('normalise what a subscriber types', () => {
    expect(normalizeNoticeReference('ｎ－４ｋ７ｑ－９ｐ２ｘ')).toBe('N-4K7Q-9P2X');
    expect(normalizeNoticeReference('4k7q 9p2x')).toBe('N-4K7Q-9P2X');
    expect(normalizeNoticeReference('N-4K7Q-9P2O')).toBeNull();
  });
});
