import { FoveaError, tf } from '@fovea/core';
import type { EmbedderImage } from './embedder.js';

/**
 * An {@link EmbedderImage} as a float32 `[1, height, width, 3]` tensor of 0-255 RGB: grey (1 channel)
 * is repeated to RGB, alpha dropped. The caller disposes it.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a tensor that is not HWC, a channel count other than 1,
 *   3 or 4, or pixel data whose length disagrees with the shape.
 */
export function imageBatch(image: EmbedderImage): tf.Tensor4D {
  if (image instanceof tf.Tensor) {
    if (image.rank !== 3) {
      throw new FoveaError('E_INVALID_ARGUMENT', `image has shape [${image.shape}]; give an HWC tensor [height, width, channels].`);
    }
    return tf.tidy(() => toRgb(tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D, image.shape[2]));
  }
  const { data, height, width, channels } = image ?? ({} as never);
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1 || data == null || data.length !== height * width * channels) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `image data has length ${data?.length} but height ${height} x width ${width} x channels ${channels} = ${height * width * channels}; give interleaved HWC pixels.`,
    );
  }
  const values = data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
  return tf.tidy(() => toRgb(tf.tensor4d(values, [1, height, width, channels]), channels));
}

function toRgb(x: tf.Tensor4D, channels: number): tf.Tensor4D {
  if (channels === 3) return x;
  if (channels === 1) return tf.tile(x, [1, 1, 1, 3]);
  if (channels === 4) return tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, 3]);
  throw new FoveaError('E_INVALID_ARGUMENT', `image has ${channels} channels; use 1 (grey), 3 (RGB) or 4 (RGBA).`);
}

/**
 * Crops `boxes` out of `image` and resizes each to `size` with bilinear sampling
 * (`tf.image.cropAndResize`), sampling the centres of a `size` grid laid over each box, as
 * torchvision's `roi_align(aligned=True)` places its samples: a box `[x1, y1, x2, y2]` in pixel-edge
 * coordinates (a pixel spans `[c, c + 1)`) is sampled at `x1 + (j + 0.5) (x2 - x1) / width`. Samples
 * outside the image read 0. A box with `x1 > x2` comes out mirrored left-right (used as augmentation).
 *
 * @param image `[1, H, W, C]` float32, as {@link imageBatch} makes.
 * @param boxes Flat `xyxy` boxes in pixels, length 4N.
 * @param size `[height, width]` of each crop.
 * @returns `[N, height, width, C]` float32, in box order; the caller disposes it.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a length that is not a multiple of 4 or a non-finite box.
 */
export function cropBoxes(image: tf.Tensor4D, boxes: ArrayLike<number>, size: readonly [number, number]): tf.Tensor4D {
  if (boxes == null || boxes.length % 4 !== 0) {
    throw new FoveaError('E_INVALID_ARGUMENT', `boxes has length ${boxes?.length}; give flat xyxy boxes, 4 numbers each.`);
  }
  const n = boxes.length / 4;
  const [, height, width] = image.shape;
  const [ch, cw] = size;
  if (n === 0) return tf.zeros([0, ch, cw, image.shape[3]]);
  const normalized = new Float32Array(4 * n);
  // cropAndResize samples index coordinates a * (W - 1) ... b * (W - 1), both ends included.
  const toIndex = (lo: number, hi: number, cells: number, extent: number): [number, number] => {
    const step = (hi - lo) / cells;
    const first = lo + 0.5 * step - 0.5;
    const last = hi - 0.5 * step - 0.5;
    return extent > 1 ? [first / (extent - 1), last / (extent - 1)] : [0, 0];
  };
  for (let b = 0; b < n; b++) {
    const [x1, y1, x2, y2] = [boxes[4 * b], boxes[4 * b + 1], boxes[4 * b + 2], boxes[4 * b + 3]];
    if (![x1, y1, x2, y2].every(Number.isFinite)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `box ${b} is [${x1}, ${y1}, ${x2}, ${y2}]; boxes must be finite.`);
    }
    const [ya, yb] = toIndex(y1, y2, ch, height);
    const [xa, xb] = toIndex(x1, x2, cw, width);
    normalized.set([ya, xa, yb, xb], 4 * b);
  }
  return tf.tidy(() => {
    const boxTensor = tf.tensor2d(normalized, [n, 4]);
    const indices = tf.zeros([n], 'int32') as tf.Tensor1D;
    return tf.image.cropAndResize(image, boxTensor, indices, [ch, cw], 'bilinear', 0);
  });
}
