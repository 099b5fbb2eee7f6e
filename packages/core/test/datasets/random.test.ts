import { describe, expect, it } from 'vitest';
import { Random, mixSeed } from '../../src/datasets/random.js';

const invalid = expect.objectContaining({ name: 'FoveaError', code: 'E_INVALID_ARGUMENT' });

/** sfc32 written again with BigInt arithmetic modulo 2^32: an independent reference for the step. */
function* sfc32Reference(a: bigint, b: bigint, c: bigint, d: bigint): Generator<number> {
  const M = 0xffffffffn;
  for (;;) {
    const t = (a + b + d) & M;
    d = (d + 1n) & M;
    a = b ^ (b >> 9n);
    b = (c + (c << 3n)) & M;
    c = ((c << 21n) | (c >> 11n)) & M;
    c = (c + t) & M;
    yield Number(t);
  }
}

describe('Random', () => {
  it('steps exactly as sfc32 from its state', () => {
    const rng = new Random(123);
    const s = rng as unknown as { a: number; b: number; c: number; d: number };
    const ref = sfc32Reference(...([s.a, s.b, s.c, s.d].map((v) => BigInt(v >>> 0)) as [bigint, bigint, bigint, bigint]));
    for (let i = 0; i < 1000; i++) expect(rng.nextUint32()).toBe(ref.next().value);
  });

  it('repeats a sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return [r.next(), r.uniform(-5, 5), r.int(0, 1000), r.normal(), r.normal(), r.pick(['a', 'b', 'c'])];
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(-7)).not.toEqual(draw(7));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
  });

  it('draws uniform floats in [0, 1) with mean 1/2 and variance 1/12', () => {
    const r = new Random(1);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sq += u * u;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it.each([
    [0, 0],
    [-3, 3],
    [1, 6],
    [10, 11],
  ])('int(%i, %i) covers both ends and nothing outside', (min, max) => {
    const r = new Random(2);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(min, max));
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: max - min + 1 }, (_, k) => min + k));
  });

  it('draws normals with the requested mean and standard deviation', () => {
    const r = new Random(3);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal(2, 3);
      sum += z;
      sq += z * z;
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(2, 1);
    expect(Math.sqrt(sq / n - mean * mean)).toBeCloseTo(3, 1);
  });

  it('bool, pick and shuffle', () => {
    const r = new Random(4);
    let yes = 0;
    for (let i = 0; i < 10_000; i++) yes += r.bool(0.3) ? 1 : 0;
    expect(yes / 10_000).toBeCloseTo(0.3, 1);
    const items = ['a', 'b', 'c', 'd'];
    expect(new Set(Array.from({ length: 200 }, () => r.pick(items)))).toEqual(new Set(items));
    const deck = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = r.shuffle([...deck]);
    expect(shuffled).not.toEqual(deck);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(deck);
  });

  it.each<[string, () => unknown]>([
    ['fractional seed', () => new Random(1.5)],
    ['NaN seed', () => new Random(Number.NaN)],
    ['unsafe seed', () => new Random(2 ** 60)],
    ['int with min > max', () => new Random(0).int(3, 2)],
    ['int with fractions', () => new Random(0).int(0.5, 2)],
    ['pick from nothing', () => new Random(0).pick([])],
  ])('rejects %s', (_, f) => {
    expect(f).toThrow(invalid);
  });
});

describe('mixSeed', () => {
  it('is deterministic, order-sensitive and 32-bit', () => {
    expect(mixSeed(1, 2)).toBe(mixSeed(1, 2));
    expect(mixSeed(1, 2)).not.toBe(mixSeed(2, 1));
    expect(mixSeed(0)).not.toBe(mixSeed(0, 0));
    expect(mixSeed(2 ** 32)).not.toBe(mixSeed(0));
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => mixSeed(42, i)));
    expect(seen.size).toBeGreaterThan(9_990);
    expect([...seen].every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 32)).toBe(true);
  });
});
