import * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';

export interface ResizeOptions {
  /** Interpolation. Default `'bilinear'`. */
  method?: 'bilinear' | 'nearest';
  /**
   * Map the corner pixel centres of input and output onto each other (PyTorch `align_corners=True`,
   * TF1 `align_corners`). Default false.
   */
  alignCorners?: boolean;
  /**
   * Sample at pixel centres, `src = (dst + 0.5) * in / out - 0.5`: OpenCV `INTER_LINEAR`, PIL and
   * PyTorch `align_corners=False` for bilinear; PIL `NEAREST` and PyTorch `nearest-exact` for nearest.
   * Default true unless `alignCorners` (the two exclude each other). tfjs defaults it to false.
   */
  halfPixelCenters?: boolean;
}

/**
 * Resizes an HWC image, or an NHWC batch, to `[height, width]` with `tf.image`, without
 * antialiasing. The result keeps the input's dtype: int32 input is interpolated in float32 and
 * rounded (half to even), so a 0-255 image stays a 0-255 image.
 *
 * @param size - `[height, width]` in pixels, positive integers (note: not OpenCV's `(w, h)`).
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad rank, size, or both alignment options.
 */
export function resize<T extends tf.Tensor3D | tf.Tensor4D>(
  image: T,
  size: readonly [number, number],
  options: ResizeOptions = {},
): T {
  const { method = 'bilinear', alignCorners = false } = options;
  const halfPixelCenters = options.halfPixelCenters ?? !alignCorners;
  if (!(image instanceof tf.Tensor) || (image.rank !== 3 && image.rank !== 4)) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'resize: expected an HWC image (rank 3) or NHWC batch (rank 4), got ' +
      (image instanceof tf.Tensor ? `shape [${image.shape}]` : typeof image));
  }
  if (!Array.isArray(size) || size.length !== 2 || !size.every((s) => Number.isInteger(s) && s > 0)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `resize: size must be [height, width] of positive integers, got ${JSON.stringify(size)}`);
  }
  if (alignCorners && halfPixelCenters) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'resize: alignCorners and halfPixelCenters exclude each other; set only one');
  }
  if (method !== 'bilinear' && method !== 'nearest') {
    throw new FoveaError('E_INVALID_ARGUMENT', `resize: method must be 'bilinear' or 'nearest', got '${String(method)}'`);
  }
  const [height, width] = size;
  return tf.tidy(() => {
    const resized = method === 'bilinear'
      ? tf.image.resizeBilinear(image, [height, width], alignCorners, halfPixelCenters)
      : tf.image.resizeNearestNeighbor(image, [height, width], alignCorners, halfPixelCenters);
    if (resized.dtype === image.dtype) return resized as T;
    return tf.cast(image.dtype === 'int32' ? tf.round(resized) : resized, image.dtype) as T;
  });
}
