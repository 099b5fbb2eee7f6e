import * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';

/** ImageNet channel means (RGB) on the 0-1 scale, as torchvision's pretrained models use. */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
/** ImageNet channel standard deviations (RGB) on the 0-1 scale. */
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

/**
 * `'zeroToOne'`: `x / 255`. `'minusOneToOne'`: `x / 127.5 - 1` (Inception, MobileNet in Keras).
 * `'imagenet'`: `(x / 255 - IMAGENET_MEAN) / IMAGENET_STD` (torchvision `Normalize`).
 * `{ mean, std }`: `(x / 255 - mean) / std`, per channel on the 0-1 scale; one value applies to all channels.
 */
export type NormalizePreset = 'zeroToOne' | 'minusOneToOne' | 'imagenet' | { mean: readonly number[]; std: readonly number[] };

/**
 * Scales an image with 0-255 values (int32 from `readImage`, or float32) for a network.
 * Channels are the last axis, so HWC images and NHWC batches both work.
 *
 * @returns a float32 tensor of the same shape; the caller disposes it.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown preset, a mean/std whose length is not
 *   1 or the channel count, or a std that is not positive.
 */
export function normalize<T extends tf.Tensor>(image: T, preset: NormalizePreset): T {
  if (!(image instanceof tf.Tensor) || image.rank < 1) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'normalize: expected an image tensor with channels last');
  }
  const channels = image.shape[image.rank - 1];
  if (preset === 'zeroToOne') return tf.tidy(() => tf.div(tf.cast(image, 'float32'), 255)) as T;
  if (preset === 'minusOneToOne') return tf.tidy(() => tf.sub(tf.div(tf.cast(image, 'float32'), 127.5), 1)) as T;
  const { mean, std } = preset === 'imagenet' ? { mean: IMAGENET_MEAN, std: IMAGENET_STD } : checkStats(preset);
  if (mean.length !== 1 && mean.length !== channels) {
    throw new FoveaError('E_INVALID_ARGUMENT', `normalize: the image has ${channels} channels but mean/std have ${mean.length} values; ` +
      'give 1 or one per channel (ImageNet statistics need RGB: readImage(path, { channels: 3 }))');
  }
  return tf.tidy(() => {
    const x = tf.div(tf.cast(image, 'float32'), 255);
    return tf.div(tf.sub(x, tf.tensor1d(mean as number[])), tf.tensor1d(std as number[]));
  }) as T;
}

function checkStats(preset: unknown): { mean: readonly number[]; std: readonly number[] } {
  const { mean, std } = (preset ?? {}) as { mean?: unknown; std?: unknown };
  const ok = (a: unknown): a is number[] => Array.isArray(a) && a.length > 0 && a.every(Number.isFinite);
  if (!ok(mean) || !ok(std)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `normalize: preset must be 'zeroToOne', 'minusOneToOne', 'imagenet' or ` +
      `{ mean: number[], std: number[] }, got ${JSON.stringify(preset)}`);
  }
  if (mean.length !== std.length) {
    throw new FoveaError('E_INVALID_ARGUMENT', `normalize: mean and std need one value per channel each, got ${mean.length} and ${std.length}`);
  }
  if (!std.every((s) => s > 0)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `normalize: every std must be positive, got [${std}]`);
  }
  return { mean, std };
}
