import type { tf } from '@fovea/core';

/**
 * An image as embedders take it: a `tf.Tensor3D` `[height, width, channels]`, or raw interleaved pixels
 * (HWC, row-major, 0-255) with their shape.
 */
export type EmbedderImage =
  | tf.Tensor3D
  | { data: Uint8Array | Uint8ClampedArray | ArrayLike<number>; height: number; width: number; channels: number };

/**
 * Turns detection boxes into appearance features for {@link DeepSort}: one row of `featureDim` numbers per
 * box, similar for the same object seen twice and dissimilar for different objects.
 * {@link ColorHistogramEmbedder} needs no model; {@link CnnEmbedder} is a small CNN built from
 * @fovea/architectures blocks, trained on shapesVideo crops with `trainReidEmbedder`.
 */
export interface Embedder {
  /** D, the length of one feature. */
  readonly featureDim: number;
  /**
   * @param image - The frame the boxes come from.
   * @param boxes - Flat `xyxy` boxes in pixels, length 4N (for example `detections.xyxy`).
   * @returns Features, `Float32Array` N x `featureDim`, row-major, in box order.
   */
  embed(image: EmbedderImage, boxes: ArrayLike<number>): Float32Array;
}
