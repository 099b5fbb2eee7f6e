import { check } from '../errors.js';
import { rotateHue } from './hsv.js';
import { clone, readPixels, toImage } from './pixels.js';
import { type RandomFn, checkRandom, randomPermutation, roundHalfEven, uniform } from './random.js';
import { type AugmentSample, checkSample } from './sample.js';

/** Luma weights for R, G, B (ITU-R BT.601, PIL's `convert('L')`); they add up to exactly 1. */
export const GRAYSCALE_WEIGHTS = [0.299, 0.587, 0.114] as const;

export interface ColorOptions {
  /**
   * The value of full intensity, which results are clamped to: 255 (default) for 0-255 images,
   * int32 or float32; 1 for float32 images scaled to [0, 1] (torchvision's float convention).
   */
  maxValue?: number;
}

/**
 * Runs `op` on the colour channels (the first 3, or the 1 of a grey image; an alpha channel
 * passes through), given as float64 values of n pixels x `colours`, which it changes in place;
 * then clamps to [0, maxValue] and, for int32 images, rounds half to even (as `tf.round`).
 */
function onColour<S extends AugmentSample>(
  sample: S,
  fn: string,
  options: ColorOptions,
  op: (x: Float64Array, colours: number, maxValue: number) => void,
): S {
  checkSample(sample, fn);
  const { maxValue = 255 } = options ?? {};
  check(Number.isFinite(maxValue) && maxValue > 0, `${fn}: maxValue is ${maxValue}; give the full-intensity value (255, or 1 for [0, 1] images).`);
  const { data, h, w, c, dtype } = readPixels(sample.image);
  const colours = c === 4 ? 3 : c;
  const n = h * w;
  const x = new Float64Array(n * colours);
  for (let p = 0; p < n; p++) for (let k = 0; k < colours; k++) x[p * colours + k] = data[p * c + k];
  op(x, colours, maxValue);
  const out = dtype === 'int32' ? new Int32Array(n * c) : new Float32Array(n * c);
  for (let p = 0; p < n; p++) {
    for (let k = 0; k < colours; k++) {
      const v = Math.min(maxValue, Math.max(0, x[p * colours + k]));
      out[p * c + k] = dtype === 'int32' ? roundHalfEven(v) : v;
    }
    if (colours < c) out[p * c + 3] = data[p * c + 3];
  }
  return { ...sample, image: toImage(out, h, w, c, dtype) };
}

/** `0.299 r + 0.587 g + 0.114 b` of pixel `p` of RGB values. */
function luma(x: Float64Array, p: number): number {
  return GRAYSCALE_WEIGHTS[0] * x[3 * p] + GRAYSCALE_WEIGHTS[1] * x[3 * p + 1] + GRAYSCALE_WEIGHTS[2] * x[3 * p + 2];
}

function checkFactor(factor: number, fn: string): void {
  check(Number.isFinite(factor) && factor >= 0, `${fn}: factor is ${factor}; give a finite factor >= 0 (1 keeps the image).`);
}

/**
 * Scales brightness: blends the image with black, `x' = clamp(f x)` (torchvision
 * `adjust_brightness`). Detections pass through unchanged.
 *
 * Porting note (here and in the other `adjust*`): int32 results are rounded half to even, where
 * torchvision's uint8 tensor path truncates; arithmetic is float64, stored as the image's dtype.
 *
 * @param factor `f >= 0`: 0 gives black, 1 the image unchanged.
 * @returns A new sample; the caller disposes its image.
 */
export function adjustBrightness<S extends AugmentSample>(sample: S, factor: number, options: ColorOptions = {}): S {
  checkFactor(factor, 'adjustBrightness');
  return onColour(sample, 'adjustBrightness', options, (x) => {
    for (let i = 0; i < x.length; i++) x[i] *= factor;
  });
}

/**
 * Scales contrast: blends the image with the mean of its greyscale (one number per image),
 * `x' = clamp(f x + (1 - f) mean)` (torchvision `adjust_contrast`, which takes the mean of the
 * greyscale image too). A constant image is unchanged by any factor.
 *
 * @param factor `f >= 0`: 0 gives a flat grey image, 1 the image unchanged.
 */
export function adjustContrast<S extends AugmentSample>(sample: S, factor: number, options: ColorOptions = {}): S {
  checkFactor(factor, 'adjustContrast');
  return onColour(sample, 'adjustContrast', options, (x, colours) => {
    const n = x.length / colours;
    let sum = 0;
    for (let p = 0; p < n; p++) sum += colours === 3 ? luma(x, p) : x[p];
    const mean = sum / n;
    for (let i = 0; i < x.length; i++) x[i] = factor * x[i] + (1 - factor) * mean;
  });
}

/**
 * Scales saturation: blends the image with its greyscale `0.299 R + 0.587 G + 0.114 B`,
 * `x' = clamp(f x + (1 - f) grey)` (torchvision `adjust_saturation`). Grey images are unchanged.
 *
 * Porting note: torchvision's tensor `rgb_to_grayscale` uses 0.2989 for red, so its weights add
 * up to 0.9999; the BT.601 weights here add up to 1, as Pillow's do, so grey stays grey.
 *
 * @param factor `f >= 0`: 0 gives the greyscale image (in every channel), 1 the image unchanged.
 */
export function adjustSaturation<S extends AugmentSample>(sample: S, factor: number, options: ColorOptions = {}): S {
  checkFactor(factor, 'adjustSaturation');
  return onColour(sample, 'adjustSaturation', options, (x, colours) => {
    if (colours !== 3) return;
    for (let p = 0; p < x.length / 3; p++) {
      const grey = (1 - factor) * luma(x, p);
      for (let k = 3 * p; k < 3 * p + 3; k++) x[k] = factor * x[k] + grey;
    }
  });
}

/**
 * Shifts hue: converts to HSV, adds `factor` to the hue (a fraction of a full turn, modulo 1)
 * and converts back (torchvision `adjust_hue`). Grey images are unchanged.
 *
 * @param factor In `[-0.5, 0.5]`; 0 keeps the image, ±0.5 gives complementary colours.
 */
export function adjustHue<S extends AugmentSample>(sample: S, factor: number, options: ColorOptions = {}): S {
  check(Number.isFinite(factor) && Math.abs(factor) <= 0.5, `adjustHue: factor is ${factor}; give a hue shift in [-0.5, 0.5].`);
  return onColour(sample, 'adjustHue', options, (x, colours, maxValue) => {
    if (colours !== 3) return;
    for (let i = 0; i < x.length; i++) x[i] /= maxValue;
    rotateHue(x, factor);
    for (let i = 0; i < x.length; i++) x[i] *= maxValue;
  });
}

/** A jitter strength: `v` for factors in `[max(0, 1 - v), 1 + v]` (hue: `[-v, v]`), or an explicit `[min, max]`. */
export type JitterRange = number | readonly [number, number];

export interface ColorJitterOptions extends ColorOptions {
  brightness?: JitterRange;
  contrast?: JitterRange;
  saturation?: JitterRange;
  /** `v` in [0, 0.5], or `[min, max]` within [-0.5, 0.5]. */
  hue?: JitterRange;
}

/** The colour adjustments {@link colorJitter} can make, in the order torchvision numbers them. */
export type ColorAdjustment = 'brightness' | 'contrast' | 'saturation' | 'hue';

/** What {@link colorJitterParams} draws: the order of the adjustments and a factor for each one enabled. */
export interface ColorJitterParams {
  order: ColorAdjustment[];
  brightness?: number;
  contrast?: number;
  saturation?: number;
  hue?: number;
}

const ADJUSTMENTS: readonly ColorAdjustment[] = ['brightness', 'contrast', 'saturation', 'hue'];

/** torchvision `ColorJitter._check_input`: the factor range, or undefined when it cannot change the image. */
function jitterRange(value: JitterRange | undefined, name: ColorAdjustment): [number, number] | undefined {
  if (value === undefined) return undefined;
  const [center, lo, hi] = name === 'hue' ? [0, -0.5, 0.5] : [1, 0, Infinity];
  let range: [number, number];
  if (typeof value === 'number') {
    check(
      Number.isFinite(value) && value >= 0 && (name !== 'hue' || value <= 0.5),
      `colorJitter: ${name} is ${value}; give a strength >= 0${name === 'hue' ? ' and <= 0.5' : ''}, or [min, max].`,
    );
    range = [center - value, center + value];
    if (name !== 'hue') range[0] = Math.max(range[0], 0);
  } else {
    check(
      Array.isArray(value) && value.length === 2 && value.every(Number.isFinite) && lo <= value[0] && value[0] <= value[1] && value[1] <= hi,
      `colorJitter: ${name} is ${JSON.stringify(value)}; give [min, max] with ${lo} <= min <= max <= ${hi}.`,
    );
    range = [value[0], value[1]];
  }
  return range[0] === center && range[1] === center ? undefined : range;
}

/**
 * Draws what torchvision `ColorJitter.get_params` draws, in its order: a random order of the four
 * adjustments, then a factor uniform in each enabled range (brightness, contrast, saturation, hue).
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a negative strength, a hue strength above 0.5, or a
 *   reversed or out-of-bounds `[min, max]`.
 */
export function colorJitterParams(options: ColorJitterOptions, random: RandomFn): ColorJitterParams {
  checkRandom(random, 'colorJitter');
  const ranges = ADJUSTMENTS.map((name) => jitterRange(options?.[name], name));
  const params: ColorJitterParams = { order: randomPermutation(random, 4).map((i) => ADJUSTMENTS[i]) };
  ADJUSTMENTS.forEach((name, k) => {
    const r = ranges[k];
    if (r) params[name] = uniform(random, r[0], r[1]);
  });
  return params;
}

/**
 * Applies drawn colour adjustments in their order, each clamping (and for int32 rounding) as it
 * goes, as torchvision does; adjustments without a factor are skipped.
 */
export function applyColorJitter<S extends AugmentSample>(sample: S, params: ColorJitterParams, options: ColorOptions = {}): S {
  checkSample(sample, 'colorJitter');
  const adjust = { brightness: adjustBrightness, contrast: adjustContrast, saturation: adjustSaturation, hue: adjustHue };
  let current: S = { ...sample, image: clone(sample.image) };
  try {
    for (const name of params.order) {
      const factor = params[name];
      if (factor === undefined) continue;
      const next = adjust[name](current, factor, options);
      current.image.dispose();
      current = next;
    }
  } catch (e) {
    current.image.dispose();
    throw e;
  }
  return current;
}

/**
 * torchvision `ColorJitter`: random brightness, contrast, saturation and hue changes in a random
 * order (see {@link colorJitterParams} and the `adjust*` functions). Detections pass through.
 *
 * @returns A new sample; the caller disposes its image. The input is not changed.
 */
export function colorJitter<S extends AugmentSample>(sample: S, options: ColorJitterOptions, random: RandomFn): S {
  checkSample(sample, 'colorJitter');
  return applyColorJitter(sample, colorJitterParams(options, random), options);
}
