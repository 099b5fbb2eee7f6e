import * as tf from '@tensorflow/tfjs-core';
import type { PixelMap } from './pixel-map.js';

/** What pixel data is held in: int32 and float32 images, uint8 masks. */
export type PixelArray = Int32Array | Float32Array | Uint8Array;

/** An HWC image read into memory (the values are the backend's; never written to). */
export interface Pixels {
  data: Int32Array | Float32Array;
  h: number;
  w: number;
  c: number;
  dtype: 'int32' | 'float32';
}

/**
 * Reads an HWC image's values. Pixel work is done on these typed arrays rather than with tf ops:
 * the cpu backend's strided slice and reverse run element by element and cost about a thousand
 * times a plain loop, and on wasm a loop is still at least as fast.
 */
export function readPixels(image: tf.Tensor3D): Pixels {
  const [h, w, c] = image.shape;
  return { data: image.dataSync() as Int32Array | Float32Array, h, w, c, dtype: image.dtype as 'int32' | 'float32' };
}

/** A new tensor the caller owns, from pixel values of an image's dtype. */
export function toImage(data: Int32Array | Float32Array, h: number, w: number, c: number, dtype: 'int32' | 'float32'): tf.Tensor3D {
  return tf.tensor3d(data, [h, w, c], dtype);
}

/**
 * Applies a {@link PixelMap} to row-major, channels-last pixels `w` wide with `c` channels:
 * output `(i, j)` copies input `(srcY[i], srcX[j])`, or takes `fill` (one value per channel)
 * where either index is -1. Returns a new array of the input's type.
 */
export function remapPixels<T extends PixelArray>(data: T, w: number, c: number, { srcX, srcY }: PixelMap, fill: readonly number[]): T {
  const outW = srcX.length;
  const out = new (data.constructor as new (n: number) => T)(srcY.length * outW * c);
  const filled = fill.some((v) => v !== 0);
  for (let i = 0; i < srcY.length; i++) {
    const y = srcY[i];
    const rowOut = i * outW * c;
    for (let j = 0; j < outW; j++) {
      const x = srcX[j];
      const o = rowOut + j * c;
      if (y < 0 || x < 0) {
        if (filled) for (let k = 0; k < c; k++) out[o + k] = fill[k];
        continue;
      }
      const s = (y * w + x) * c;
      for (let k = 0; k < c; k++) out[o + k] = data[s + k];
    }
  }
  return out;
}

/** A new handle on the same values (no copy), for a transform that changes nothing; the caller owns it. */
export function clone(image: tf.Tensor3D): tf.Tensor3D {
  return tf.clone(image);
}
