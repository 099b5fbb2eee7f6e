import { check } from '../errors.js';
import { remapSample } from './geometry.js';
import { shiftMap } from './pixel-map.js';
import { type RandomFn, checkRandom, roundHalfEven, uniform } from './random.js';
import { type AugmentSample, checkSample } from './sample.js';

export interface TranslateOptions {
  /**
   * Value of the pixels the shift uncovers: one number for every channel, or one per channel.
   * Default 0 (black), as torchvision's `affine`.
   */
  fill?: number | readonly number[];
}

/** `fill` as one finite value per channel. */
function fillValues(fill: number | readonly number[], channels: number, fn: string): number[] {
  const values = typeof fill === 'number' ? new Array<number>(channels).fill(fill) : Array.from(fill ?? []);
  check(
    values.length === channels && values.every(Number.isFinite),
    `${fn}: fill is ${JSON.stringify(fill)}; give one finite number or ${channels} (one per channel).`,
  );
  return values;
}

/**
 * Shifts a sample by `dx` pixels right and `dy` pixels down (negative: left, up), keeping its
 * size, as torchvision `affine(img, angle=0, translate=[dx, dy], scale=1, shear=0)`: pixel
 * `(x, y)` moves to `(x + dx, y + dy)`, pixels shifted out are lost, uncovered ones take `fill`.
 * Boxes shift by the same amounts, are clipped to the image, and detections left with no area
 * are dropped; masks shift and lose what leaves the image.
 *
 * @param dx Horizontal shift in pixels, an integer (any size; |dx| >= W leaves only fill).
 * @param dy Vertical shift in pixels, an integer.
 * @returns A new sample of the same size; the caller disposes its image. The input is not changed.
 * @throws FoveaError `E_INVALID_ARGUMENT` for non-integer shifts, a bad fill, a bad image or
 *   masks of another size.
 */
export function translate<S extends AugmentSample>(sample: S, dx: number, dy: number, options: TranslateOptions = {}): S {
  const [h, w] = checkSample(sample, 'translate');
  check(Number.isSafeInteger(dx) && Number.isSafeInteger(dy), `translate: dx, dy are ${dx}, ${dy}; shifts must be integers (pixels).`);
  const c = sample.image.shape[2];
  const fill = fillValues(options.fill ?? 0, c, 'translate');
  check(
    sample.image.dtype !== 'int32' || fill.every(Number.isInteger),
    `translate: fill is ${JSON.stringify(options.fill)} but the image is int32; give integer fill values.`,
  );
  return remapSample(sample, {
    outSize: [h, w],
    map: { srcX: shiftMap(w, dx), srcY: shiftMap(h, dy) },
    boxes: (b) => Float64Array.from(b, (v, i) => v + ((i & 1) === 0 ? dx : dy)),
    clip: true,
    fill,
  });
}

export interface RandomTranslateOptions extends TranslateOptions {
  /**
   * `[a, b]`: the largest shift as a fraction of the width and of the height, each in [0, 1]
   * (torchvision `RandomAffine(translate=(a, b))`).
   */
  translate: readonly [number, number];
}

/**
 * Samples a shift as torchvision `RandomAffine.get_params` does: `dx = round(u(-a W, a W))`,
 * `dy = round(u(-b H, b H))` (Python rounding, half to even), `u` uniform.
 *
 * @param imageSize `[H, W]` in pixels.
 * @throws FoveaError `E_INVALID_ARGUMENT` unless both fractions are in [0, 1].
 */
export function randomTranslateParams(
  imageSize: readonly [number, number],
  options: { translate: readonly [number, number] },
  random: RandomFn,
): { dx: number; dy: number } {
  checkRandom(random, 'randomTranslate');
  const t = options?.translate;
  check(
    Array.isArray(t) && t.length === 2 && t.every((v) => Number.isFinite(v) && v >= 0 && v <= 1),
    `randomTranslate: translate is ${JSON.stringify(t)}; give [a, b], fractions of width and height in [0, 1].`,
  );
  const [h, w] = imageSize;
  const maxDx = t[0] * w;
  const maxDy = t[1] * h;
  const dx = roundHalfEven(uniform(random, -maxDx, maxDx));
  const dy = roundHalfEven(uniform(random, -maxDy, maxDy));
  // `+ 0` turns a -0 from rounding into 0.
  return { dx: dx + 0, dy: dy + 0 };
}

/**
 * Shifts a sample by a random whole number of pixels (see {@link randomTranslateParams} and
 * {@link translate}).
 */
export function randomTranslate<S extends AugmentSample>(sample: S, options: RandomTranslateOptions, random: RandomFn): S {
  const [h, w] = checkSample(sample, 'randomTranslate');
  const { dx, dy } = randomTranslateParams([h, w], options, random);
  return translate(sample, dx, dy, options);
}
