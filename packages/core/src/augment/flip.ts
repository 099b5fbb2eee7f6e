import * as tf from '@tensorflow/tfjs-core';
import { transformDetections } from './detections.js';
import { identityMap } from './pixel-map.js';
import { type AugmentSample, checkSample } from './sample.js';

/** `[n-1, ..., 1, 0]`: the source index of each output index of a mirror of length n. */
function mirror(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, j) => n - 1 - j);
}


/**
 * Mirrors a sample left to right (torchvision `hflip`; AlexNet's "horizontal reflections").
 * Boxes map as `x1' = W - x2`, `x2' = W - x1` and are neither clipped nor dropped, so flipping
 * twice gives the sample back; masks are mirrored pixel for pixel.
 *
 * @param sample HWC image of `[H, W, C]` and optional detections (masks `[H, W]`).
 * @returns A new sample; its image is a new tensor the caller disposes. The input is not changed.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad image or masks of another size.
 */
export function horizontalFlip<S extends AugmentSample>(sample: S): S {
  const [h, w] = checkSample(sample, 'horizontalFlip');
  const image = tf.tidy(() => tf.reverse(sample.image, 1));
  if (!sample.detections) return { ...sample, image };
  const detections = transformDetections(
    sample.detections,
    w,
    [h, w],
    (b) => {
      const out = new Float64Array(b.length);
      for (let i = 0; i < b.length; i += 4) {
        out[i] = w - b[i + 2];
        out[i + 1] = b[i + 1];
        out[i + 2] = w - b[i];
        out[i + 3] = b[i + 3];
      }
      return out;
    },
    () => ({ srcX: mirror(w), srcY: identityMap(h) }),
    false,
  );
  return { ...sample, image, detections };
}

/**
 * Mirrors a sample top to bottom (torchvision `vflip`): `y1' = H - y2`, `y2' = H - y1`; see
 * {@link horizontalFlip} for the contract.
 */
export function verticalFlip<S extends AugmentSample>(sample: S): S {
  const [h, w] = checkSample(sample, 'verticalFlip');
  const image = tf.tidy(() => tf.reverse(sample.image, 0));
  if (!sample.detections) return { ...sample, image };
  const detections = transformDetections(
    sample.detections,
    w,
    [h, w],
    (b) => {
      const out = new Float64Array(b.length);
      for (let i = 0; i < b.length; i += 4) {
        out[i] = b[i];
        out[i + 1] = h - b[i + 3];
        out[i + 2] = b[i + 2];
        out[i + 3] = h - b[i + 1];
      }
      return out;
    },
    () => ({ srcX: identityMap(w), srcY: mirror(h) }),
    false,
  );
  return { ...sample, image, detections };
}
