import { check } from '../errors.js';

/** A uniform random number generator on [0, 1), like `Math.random`. */
export type RandomFn = () => number;

/**
 * mulberry32: a small, fast 32-bit PRNG, uniform on [0, 1) with 2^32 distinct values. The same
 * seed gives the same sequence on every platform, which is all augmentation needs (it is not
 * cryptographic, and its sequence is not torch's).
 *
 * @param seed Any number; it is reduced to an unsigned 32-bit integer.
 */
export function mulberry32(seed: number): RandomFn {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 32-bit seed derived from `seed` and `index` (a murmur3-style finaliser), so that sample
 * `index` of a dataset gets its own stream whatever order samples are visited in.
 */
export function deriveSeed(seed: number, index: number): number {
  let h = (seed >>> 0) ^ Math.imul(index >>> 0, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Checks `random` is a function; `fn` names the caller. */
export function checkRandom(random: unknown, fn: string): asserts random is RandomFn {
  check(typeof random === 'function', `${fn}: random is ${typeof random}; pass a () => number uniform on [0, 1), e.g. mulberry32(seed).`);
}

/** Uniform on [lo, hi), as `torch.empty(1).uniform_(lo, hi)`. */
export function uniform(random: RandomFn, lo: number, hi: number): number {
  return lo + (hi - lo) * random();
}

/** Uniform integer in [lo, hi) (hi exclusive), as `torch.randint(lo, hi, (1,))`. */
export function randomInt(random: RandomFn, lo: number, hi: number): number {
  return Math.min(hi - 1, lo + Math.floor((hi - lo) * random()));
}

/** A uniformly random permutation of 0..n-1 (Fisher-Yates), as `torch.randperm(n)`. */
export function randomPermutation(random: RandomFn, n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomInt(random, 0, i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Rounds half to even, as Python's `round` (which torchvision's samplers use). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // halves go up here; move odd results of a halfway case down
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
