import type * as tf from '@tensorflow/tfjs-core';
import { FoveaError, check } from '../errors.js';
import { Detections } from '../detections/index.js';
import { checkImageTensor } from '../image/check.js';
import type { RandomFn } from './random.js';

/**
 * What augmentation transforms: an HWC image (int32 0-255, or float32) and, optionally, the
 * detections on it (`xyxy` boxes in pixels of this image; masks, if any, of size `[H, W]`).
 * Extra fields (a class label, an id, ...) pass through every transform untouched.
 */
export interface AugmentSample {
  image: tf.Tensor3D;
  detections?: Detections;
}

/**
 * One augmentation step as {@link compose}, {@link randomApply} and {@link Augmenter} run it: a
 * new sample from a sample and a random source. Deterministic transforms ignore `random`.
 * A transform leaves its input intact and returns fresh tensors the caller owns.
 */
export type Transform = (sample: AugmentSample, random: RandomFn) => AugmentSample;

/** Checks a sample (live HWC image; detections whose masks match the image size); returns [H, W]. */
export function checkSample(sample: AugmentSample, fn: string): [h: number, w: number] {
  check(sample != null && typeof sample === 'object', `${fn}: sample is ${sample}; expected { image, detections? }.`);
  checkImageTensor(sample.image, fn);
  const [h, w] = sample.image.shape;
  const d = sample.detections;
  if (d !== undefined) {
    check(d instanceof Detections, `${fn}: sample.detections is not a Detections; build it with Detections.from.`);
    const size = d.masks?.[0]?.size;
    if (size && (size[0] !== h || size[1] !== w)) {
      const msg = `${fn}: masks are [${size[0]}, ${size[1]}] but the image is [${h}, ${w}]; masks must cover the image they belong to.`;
      throw new FoveaError('E_INVALID_ARGUMENT', msg);
    }
  }
  return [h, w];
}
