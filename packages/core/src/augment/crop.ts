import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { resize } from '../image/resize.js';
import { transformDetections } from './detections.js';
import { remapSample } from './geometry.js';
import { cropMap } from './pixel-map.js';
import { type RandomFn, checkRandom, randomInt, roundHalfEven, uniform } from './random.js';
import { type AugmentSample, checkSample } from './sample.js';

/** A rectangle of whole pixels: rows `[top, top + height)`, columns `[left, left + width)` (torchvision's i, j, h, w). */
export interface CropRegion {
  top: number;
  left: number;
  height: number;
  width: number;
}

export interface ResizedCropOptions {
  /**
   * How the image is resized: `'bilinear'` (default; half-pixel centres, no antialiasing, as
   * torchvision on tensors with `antialias=False`) or `'nearest'`. Masks always use nearest.
   */
  interpolation?: 'bilinear' | 'nearest';
}

function checkRegion(r: CropRegion, [h, w]: readonly [number, number], fn: string): void {
  const ok =
    r != null &&
    [r.top, r.left, r.height, r.width].every(Number.isInteger) &&
    r.top >= 0 && r.left >= 0 && r.height > 0 && r.width > 0 &&
    r.top + r.height <= h && r.left + r.width <= w;
  check(ok, `${fn}: region ${JSON.stringify(r)} is not a non-empty rectangle of whole pixels inside the [${h}, ${w}] image.`);
}

function checkSize(size: unknown, fn: string): asserts size is [number, number] {
  check(
    Array.isArray(size) && size.length === 2 && size.every((s) => Number.isInteger(s) && s > 0),
    `${fn}: size is ${JSON.stringify(size)}; give [height, width] of positive integers.`,
  );
}

/**
 * Crops `region` out of a sample and resizes it to `size` (torchvision `resized_crop`). Boxes
 * shift by `(-left, -top)`, scale by `size / region`, are clipped to the output and detections
 * left with no area are dropped; masks are cropped and resized by nearest neighbour, onto the
 * pixels a `'nearest'` image resize would pick.
 *
 * @param region Inside the image, in whole pixels.
 * @param size Output `[height, width]`, positive integers.
 * @returns A new sample of `size`; the caller disposes its image. An int32 image stays int32 (rounded).
 * @throws FoveaError `E_INVALID_ARGUMENT` for a region outside the image, a bad size, a bad
 *   image or masks of another size.
 */
export function resizedCrop<S extends AugmentSample>(
  sample: S,
  region: CropRegion,
  size: readonly [number, number],
  options: ResizedCropOptions = {},
): S {
  const [h, w] = checkSample(sample, 'resizedCrop');
  checkRegion(region, [h, w], 'resizedCrop');
  checkSize(size, 'resizedCrop');
  const { interpolation = 'bilinear' } = options;
  check(
    interpolation === 'bilinear' || interpolation === 'nearest',
    `resizedCrop: interpolation is '${interpolation}'; use 'bilinear' or 'nearest'.`,
  );
  const { top, left, height, width } = region;
  const [outH, outW] = size;
  const [sx, sy] = [outW / width, outH / height];
  const boxes = (b: Float32Array) => Float64Array.from(b, (v, i) => ((i & 1) === 0 ? (v - left) * sx : (v - top) * sy));
  const map = { srcX: cropMap(w, left, width, outW), srcY: cropMap(h, top, height, outH) };
  if (interpolation === 'nearest' || (outH === height && outW === width)) {
    return remapSample(sample, { outSize: [outH, outW], map, boxes, clip: true, fill: [] });
  }
  // Bilinear: crop the pixels, resize them with tf; boxes and masks follow the nearest map.
  const cropMapOnly = { srcX: cropMap(w, left, width, width), srcY: cropMap(h, top, height, height) };
  const cropped = remapSample({ image: sample.image }, { outSize: [height, width], map: cropMapOnly, boxes, clip: true, fill: [] }).image;
  const image = tf.tidy(() => resize(cropped, [outH, outW], { method: 'bilinear' }));
  cropped.dispose();
  if (!sample.detections) return { ...sample, image };
  try {
    return { ...sample, image, detections: transformDetections(sample.detections, w, [outH, outW], boxes, () => map) };
  } catch (e) {
    image.dispose();
    throw e;
  }
}

/** Crops `region` out of a sample (torchvision `crop`): {@link resizedCrop} without the resize. */
export function crop<S extends AugmentSample>(sample: S, region: CropRegion): S {
  checkSample(sample, 'crop');
  return resizedCrop(sample, region, [region?.height, region?.width]);
}

/**
 * Samples a crop of exactly `size` at a uniformly random place (torchvision
 * `RandomCrop.get_params`): AlexNet's 224 x 224 patches of 256 x 256 images.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` if `size` is larger than the image.
 */
export function randomCropParams(imageSize: readonly [number, number], size: readonly [number, number], random: RandomFn): CropRegion {
  checkRandom(random, 'randomCrop');
  checkSize(size, 'randomCrop');
  const [h, w] = imageSize;
  const [th, tw] = size;
  check(th <= h && tw <= w, `randomCrop: size [${th}, ${tw}] is larger than the [${h}, ${w}] image; resize the image first.`);
  return { top: randomInt(random, 0, h - th + 1), left: randomInt(random, 0, w - tw + 1), height: th, width: tw };
}

/** A random crop of `options.size` (see {@link randomCropParams} and {@link crop}). */
export function randomCrop<S extends AugmentSample>(sample: S, options: { size: readonly [number, number] }, random: RandomFn): S {
  const [h, w] = checkSample(sample, 'randomCrop');
  return crop(sample, randomCropParams([h, w], options?.size, random));
}

export interface RandomResizedCropOptions extends ResizedCropOptions {
  /** Output `[height, width]` in pixels. */
  size: readonly [number, number];
  /** Range of the crop's area as a fraction of the image's, `0 <= min <= max`. Default `[0.08, 1]`. */
  scale?: readonly [number, number];
  /** Range of the crop's aspect ratio width / height, `0 < min <= max`. Default `[3/4, 4/3]`. */
  ratio?: readonly [number, number];
}

/**
 * Samples a crop as torchvision `RandomResizedCrop.get_params`: up to 10 times, draw an area
 * fraction uniformly from `scale` and an aspect ratio log-uniformly from `ratio`, take
 * `w = round(sqrt(area * ratio))`, `h = round(sqrt(area / ratio))` (half to even) and, if the crop
 * fits, a uniformly random place for it. If no attempt fits, fall back to the largest centred
 * crop whose ratio is clamped into `ratio`.
 *
 * @param imageSize `[H, W]` in pixels.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a negative or reversed `scale`, or a non-positive
 *   or reversed `ratio` (torchvision only warns on reversed ranges).
 */
export function randomResizedCropParams(
  imageSize: readonly [number, number],
  options: { scale?: readonly [number, number]; ratio?: readonly [number, number] },
  random: RandomFn,
): CropRegion {
  checkRandom(random, 'randomResizedCrop');
  const { scale = [0.08, 1], ratio = [3 / 4, 4 / 3] } = options ?? {};
  check(
    Array.isArray(scale) && scale.length === 2 && scale.every(Number.isFinite) && scale[0] >= 0 && scale[0] <= scale[1],
    `randomResizedCrop: scale is ${JSON.stringify(scale)}; give [min, max] area fractions with 0 <= min <= max.`,
  );
  check(
    Array.isArray(ratio) && ratio.length === 2 && ratio.every(Number.isFinite) && ratio[0] > 0 && ratio[0] <= ratio[1],
    `randomResizedCrop: ratio is ${JSON.stringify(ratio)}; give [min, max] aspect ratios (width / height) with 0 < min <= max.`,
  );
  const [height, width] = imageSize;
  const area = height * width;
  const [logLo, logHi] = [Math.log(ratio[0]), Math.log(ratio[1])];
  for (let attempt = 0; attempt < 10; attempt++) {
    const targetArea = area * uniform(random, scale[0], scale[1]);
    const aspect = Math.exp(uniform(random, logLo, logHi));
    const w = roundHalfEven(Math.sqrt(targetArea * aspect));
    const h = roundHalfEven(Math.sqrt(targetArea / aspect));
    if (w > 0 && w <= width && h > 0 && h <= height) {
      const top = randomInt(random, 0, height - h + 1);
      const left = randomInt(random, 0, width - w + 1);
      return { top, left, height: h, width: w };
    }
  }
  const inRatio = width / height;
  let [w, h] = [width, height];
  if (inRatio < ratio[0]) h = roundHalfEven(w / ratio[0]);
  else if (inRatio > ratio[1]) w = roundHalfEven(h * ratio[1]);
  // Guard the degenerate rounding of a very thin image (torchvision would return an empty crop).
  [w, h] = [Math.max(1, w), Math.max(1, h)];
  return { top: Math.floor((height - h) / 2), left: Math.floor((width - w) / 2), height: h, width: w };
}

/**
 * torchvision `RandomResizedCrop`: a random crop (see {@link randomResizedCropParams}) resized to
 * `options.size` (see {@link resizedCrop}); the Inception/ResNet training recipe.
 */
export function randomResizedCrop<S extends AugmentSample>(sample: S, options: RandomResizedCropOptions, random: RandomFn): S {
  const [h, w] = checkSample(sample, 'randomResizedCrop');
  checkSize(options?.size, 'randomResizedCrop');
  return resizedCrop(sample, randomResizedCropParams([h, w], options, random), options.size, options);
}
