import { check } from '../errors.js';

/** One step of splitmix32 (a 32-bit finaliser): spreads every input bit over the output. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * Hashes integers into one 32-bit seed, so that a stream can be derived from a dataset seed and an
 * index (`new Random(mixSeed(seed, i))`): item `i` then gets the same numbers whatever order items
 * are asked for. Order matters (`mixSeed(1, 2) !== mixSeed(2, 1)`).
 *
 * @param values Safe integers (negative ones too; values beyond 32 bits use their high bits as well).
 * @returns An unsigned 32-bit integer.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a value that is not a safe integer.
 */
export function mixSeed(...values: number[]): number {
  let h = 0x5eed;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    check(Number.isSafeInteger(v), `seed value ${v} is not an integer; seeds are safe integers such as 0, 42 or Date.now().`);
    const hi = Math.floor(v / 0x100000000);
    h = mix32(h ^ mix32(v >>> 0));
    h = mix32(h ^ mix32(hi >>> 0) ^ 0x68e31da4);
  }
  return h;
}

/**
 * A seeded pseudo-random number generator: sfc32 (Chris Doty-Humphrey's Small Fast Chaotic
 * generator, 128 bits of state, passes PractRand), seeded through {@link mixSeed}. The same seed
 * gives the same sequence on every platform; `Math.random` is never used.
 *
 * Not cryptographic. Use it for datasets, augmentation and tests that must be reproducible.
 *
 * ```ts
 * const rng = new Random(42);
 * rng.uniform(-1, 1); rng.int(1, 6); rng.normal(); rng.pick(['a', 'b']);
 * ```
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = Number.NaN;

  /**
   * @param seed A safe integer (hashed, so nearby seeds give unrelated streams).
   * @throws FoveaError `E_INVALID_ARGUMENT` if `seed` is not a safe integer.
   */
  constructor(seed: number) {
    const s = mixSeed(seed);
    this.a = mix32(s ^ 0x1);
    this.b = mix32(s ^ 0x2);
    this.c = mix32(s ^ 0x3);
    this.d = 1;
    // Discard the first outputs, as sfc32's author recommends, so the state is well mixed.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** A uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1), with 32 random bits. */
  next(): number {
    return this.nextUint32() / 0x100000000;
  }

  /** A uniform float in [a, b) (in [b, a) if b < a). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }

  /**
   * A uniform integer in [min, max], both ends included (Python's `random.randint`).
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` unless min and max are safe integers with min <= max.
   */
  int(min: number, max: number): number {
    check(
      Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max,
      `int(${min}, ${max}): expected integers with min <= max.`,
    );
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** `true` with probability `p`. */
  bool(p = 0.5): boolean {
    return this.next() < p;
  }

  /** A normal (Gaussian) sample with the given mean and standard deviation (Box-Muller, pairs cached). */
  normal(mean = 0, std = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return mean + std * z;
    }
    const u = 1 - this.next(); // in (0, 1], so log(u) is finite
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * this.next();
    this.spare = r * Math.sin(theta);
    return mean + std * r * Math.cos(theta);
  }

  /**
   * A uniformly chosen element.
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` for an empty array.
   */
  pick<T>(items: ArrayLike<T>): T {
    check(items != null && items.length > 0, `pick needs a non-empty array; got ${items?.length ?? items} items.`);
    return items[Math.floor(this.next() * items.length)];
  }

  /** Shuffles `items` in place (Fisher-Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i];
      items[i] = items[j];
      items[j] = t;
    }
    return items;
  }
}
