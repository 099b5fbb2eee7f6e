import { remapSample } from './geometry.js';
import { identityMap, mirrorMap } from './pixel-map.js';
import { type AugmentSample, checkSample } from './sample.js';

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
  return remapSample(sample, {
    outSize: [h, w],
    map: { srcX: mirrorMap(w), srcY: identityMap(h) },
    boxes: (b) => Float64Array.from(b, (_, i) => ((i & 1) === 1 ? b[i] : w - b[i ^ 2])),
    clip: false,
    fill: [],
  });
}

/**
 * Mirrors a sample top to bottom (torchvision `vflip`): `y1' = H - y2`, `y2' = H - y1`; see
 * {@link horizontalFlip} for the contract.
 */
export function verticalFlip<S extends AugmentSample>(sample: S): S {
  const [h, w] = checkSample(sample, 'verticalFlip');
  return remapSample(sample, {
    outSize: [h, w],
    map: { srcX: identityMap(w), srcY: mirrorMap(h) },
    boxes: (b) => Float64Array.from(b, (_, i) => ((i & 1) === 0 ? b[i] : h - b[i ^ 2])),
    clip: false,
    fill: [],
  });
}
