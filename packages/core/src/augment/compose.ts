import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { type RandomFn, checkRandom, deriveSeed, mulberry32 } from './random.js';
import { type AugmentSample, type Transform, checkSample } from './sample.js';

function checkTransforms(transforms: readonly Transform[], fn: string): void {
  check(Array.isArray(transforms), `${fn}: transforms is ${transforms}; give an array of (sample, random) => sample functions.`);
  transforms.forEach((t, i) => check(typeof t === 'function', `${fn}: transforms[${i}] is ${typeof t}; give a (sample, random) => sample function.`));
}

/**
 * Runs transforms one after another on one random stream (torchvision `Compose`). Each
 * intermediate image is disposed as soon as the next transform has made its successor; the input
 * is left intact and the result is a new tensor the caller owns (a clone for no transforms).
 */
export function compose(transforms: readonly Transform[]): Transform {
  checkTransforms(transforms, 'compose');
  const steps = transforms.slice();
  return (sample, random) => {
    checkSample(sample, 'compose');
    checkRandom(random, 'compose');
    let current: AugmentSample = { ...sample, image: tf.clone(sample.image) };
    try {
      for (const step of steps) {
        const next = step(current, random);
        if (next.image !== current.image) current.image.dispose();
        current = next;
      }
    } catch (e) {
      current.image.dispose(); // an intermediate, never the caller's input
      throw e;
    }
    return current;
  };
}

/**
 * Applies `transform` with probability `p` (torchvision `RandomApply`, `RandomHorizontalFlip(p)`):
 * one uniform draw `u`, applied when `u < p`. When skipped, the sample comes back with a cloned
 * image, so the result is always the caller's to dispose.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` unless `0 <= p <= 1` and `transform` is a function.
 */
export function randomApply(p: number, transform: Transform | readonly Transform[]): Transform {
  check(Number.isFinite(p) && p >= 0 && p <= 1, `randomApply: p is ${p}; give a probability in [0, 1].`);
  const t = Array.isArray(transform) ? compose(transform) : (transform as Transform);
  check(typeof t === 'function', `randomApply: transform is ${typeof t}; give a (sample, random) => sample function.`);
  return (sample, random) => {
    checkRandom(random, 'randomApply');
    if (random() < p) return t(sample, random);
    checkSample(sample, 'randomApply');
    return { ...sample, image: tf.clone(sample.image) };
  };
}

export interface AugmenterOptions {
  /** Seed of the random stream (any number, reduced to 32 bits). Default 0. */
  seed?: number;
  /** A uniform [0, 1) source to use instead of the seeded one (e.g. a shared PRNG); `seed` then only affects `apply(sample, index)`. */
  random?: RandomFn;
}

/**
 * A seeded augmentation pipeline over a dataset. `apply(sample)` draws from one stream, so a
 * run over the same samples in the same order is reproducible; `apply(sample, index)` draws from
 * a stream of its own derived from `(seed, index)`, so sample `index` is augmented the same way
 * whatever order or worker visits it (use `index = epoch * datasetSize + i` to vary by epoch).
 *
 * ```ts
 * const aug = new Augmenter([randomResizedCrop224, randomApply(0.5, horizontalFlip)], { seed: 42 });
 * const out = aug.apply({ image, detections });
 * ```
 */
export class Augmenter {
  readonly seed: number;
  private readonly pipeline: Transform;
  private readonly injected?: RandomFn;
  private stream: RandomFn;

  /** @throws FoveaError `E_INVALID_ARGUMENT` for a non-function transform, a non-finite seed or a bad `random`. */
  constructor(transforms: Transform | readonly Transform[], options: AugmenterOptions = {}) {
    const { seed = 0, random } = options ?? {};
    check(Number.isFinite(seed), `Augmenter: seed is ${seed}; give a finite number.`);
    if (random !== undefined) checkRandom(random, 'Augmenter');
    this.pipeline = compose(typeof transforms === 'function' ? [transforms] : transforms);
    this.seed = seed;
    this.injected = random;
    this.stream = random ?? mulberry32(seed);
  }

  /**
   * Augments one sample (see the class doc for how `index` picks the random stream).
   *
   * @returns A new sample; the caller disposes its image. The input is not changed.
   */
  apply<S extends AugmentSample>(sample: S, index?: number): S {
    if (index === undefined) return this.pipeline(sample, this.stream) as S;
    check(Number.isSafeInteger(index) && index >= 0, `Augmenter.apply: index is ${index}; give a non-negative integer.`);
    return this.pipeline(sample, mulberry32(deriveSeed(this.seed, index))) as S;
  }

  /** Restarts the sequential stream at `seed`, so the next `apply` calls repeat the first ones (not with an injected `random`). */
  reset(): void {
    this.stream = this.injected ?? mulberry32(this.seed);
  }
}
