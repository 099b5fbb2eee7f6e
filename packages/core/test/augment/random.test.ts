import { describe, expect, it } from 'vitest';
import { deriveSeed, mulberry32, randomInt, randomPermutation, roundHalfEven } from '../../src/augment/random.js';
import { rng } from './helpers.js';

describe('mulberry32', () => {
  it.each([0, 1, 42, 2 ** 32 - 1, -7])('matches the test suite’s own mulberry32 and stays in [0, 1) (seed %i)', (seed) => {
    const a = mulberry32(seed);
    const b = rng(seed);
    for (let i = 0; i < 1000; i++) {
      const v = a();
      expect(v).toBe(b());
      expect(v >= 0 && v < 1).toBe(true);
    }
  });

  it('is roughly uniform', () => {
    const r = mulberry32(123);
    const bins = new Array(10).fill(0);
    for (let i = 0; i < 10000; i++) bins[Math.floor(r() * 10)]++;
    bins.forEach((n) => expect(Math.abs(n - 1000)).toBeLessThan(150));
  });
});

describe('deriveSeed', () => {
  it('gives distinct, reproducible seeds per index', () => {
    const seeds = Array.from({ length: 1000 }, (_, i) => deriveSeed(7, i));
    expect(new Set(seeds).size).toBe(1000);
    expect(deriveSeed(7, 3)).toBe(seeds[3]);
    expect(deriveSeed(8, 3)).not.toBe(seeds[3]);
  });
});

describe('roundHalfEven', () => {
  it.each([
    [0.5, 0], [1.5, 2], [2.5, 2], [3.5, 4], [-0.5, 0], [-1.5, -2], [-2.5, -2], [2.4, 2], [2.6, 3], [-2.6, -3], [73.48, 73], [7, 7],
  ])('Python round(%f) = %i', (x, expected) => {
    expect(roundHalfEven(x) + 0).toBe(expected);
  });
});

describe('randomInt and randomPermutation', () => {
  it('stay within bounds and permute', () => {
    const r = mulberry32(5);
    for (let i = 0; i < 500; i++) {
      const v = randomInt(r, 3, 9);
      expect(Number.isInteger(v) && v >= 3 && v < 9).toBe(true);
    }
    expect(randomInt(() => 0.999999999999, 0, 4)).toBe(3);
    for (let n = 0; n < 6; n++) expect([...randomPermutation(r, n)].sort()).toEqual(Array.from({ length: n }, (_, i) => i));
  });
});
