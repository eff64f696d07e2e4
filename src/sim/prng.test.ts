import { describe, expect, it } from 'vitest';
import { hashSeed, Rng } from './prng.ts';

describe('Rng', () => {
  it('gives the same sequence for the same seed and path, and another for a different one', () => {
    const draw = (r: Rng) => Array.from({ length: 20 }, () => r.u32());
    expect(draw(new Rng(42, 1, 2))).toEqual(draw(new Rng(42, 1, 2)));
    expect(draw(new Rng(42, 1, 2))).not.toEqual(draw(new Rng(42, 1, 3)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng(43)));
    // Seeds above 32 bits are not truncated.
    expect(hashSeed(2 ** 40 + 5)).not.toBe(hashSeed(5));
  });

  it('stays in range and is roughly uniform', () => {
    const r = new Rng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    let outOfRange = 0;
    for (let i = 0; i < 60_000; i++) {
      const v = r.int(1, 6);
      if (v < 1 || v > 6) outOfRange++;
      counts[v - 1] = (counts[v - 1] ?? 0) + 1;
      const x = r.next();
      if (!(x >= 0 && x < 1)) outOfRange++;
    }
    expect(outOfRange).toBe(0);
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('draws Poisson counts with the requested mean and picks by weight', () => {
    const r = new Rng(9);
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += r.poisson(0.7);
    expect(sum / 20_000).toBeCloseTo(0.7, 1);
    let a = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 3],
          ['b', 1],
        ] as const) === 'a'
      )
        a++;
    expect(a / 10_000).toBeCloseTo(0.75, 1);
  });
});
