import { check } from '../errors.js';
import { SHAPE_CLASSES, type ShapeClass } from './shapes-raster.js';

/** Options shared by {@link shapesDataset} and {@link shapesVideo}. */
export interface ShapesCommonOptions {
  /** Any safe integer; the same seed gives the same bytes. Default 0. */
  seed?: number;
  /** `[height, width]` in pixels, or one number for a square. Default `[128, 128]`. */
  imageSize?: number | readonly [h: number, w: number];
  /**
   * Shape names, drawn from {@link SHAPE_CLASSES}; `classId` is the index in this list (COCO
   * `category_id` and the semantic map use `classId + 1`). Default `['circle', 'square', 'triangle', 'star']`.
   */
  classes?: readonly ShapeClass[];
  /** Standard deviation of the Gaussian pixel noise, in 0-255 units. Default 8. */
  noise?: number;
  /**
   * `[min, max]` shape size (diameter of the circumscribed circle) in pixels. Default 15% to 45% of
   * the shorter side for images, 10% to 30% for video.
   */
  sizeRange?: readonly [min: number, max: number];
}

export interface ResolvedCommon {
  seed: number;
  h: number;
  w: number;
  classes: ShapeClass[];
  noise: number;
  sizeRange: [number, number];
}

export const DEFAULT_CLASSES: readonly ShapeClass[] = ['circle', 'square', 'triangle', 'star'];

/** A non-negative integer option (`min` at least), or its default. */
export function intOption(value: number | undefined, fallback: number, name: string, min = 0): number {
  const v = value ?? fallback;
  check(Number.isInteger(v) && v >= min, `${name} is ${value}; it must be an integer >= ${min}.`);
  return v;
}

/** Checks the options every synthetic dataset shares and fills in defaults. */
export function resolveCommon(o: ShapesCommonOptions, fn: string, defaultSize: [number, number] = [0.15, 0.45]): ResolvedCommon {
  check(o != null && typeof o === 'object', `${fn} options are ${o}; pass an object such as { seed: 0 }.`);
  const seed = o.seed ?? 0;
  check(Number.isSafeInteger(seed), `${fn}: seed is ${o.seed}; it must be a safe integer such as 0 or 42.`);
  const size = o.imageSize ?? [128, 128];
  const [h, w] = typeof size === 'number' ? [size, size] : Array.isArray(size) && size.length === 2 ? size : [NaN, NaN];
  check(
    Number.isInteger(h) && Number.isInteger(w) && h >= 8 && w >= 8 && h * w <= 4096 * 4096,
    `${fn}: imageSize is ${JSON.stringify(o.imageSize)}; expected [height, width] of integers from 8 to 4096.`,
  );
  const classes = [...(o.classes ?? DEFAULT_CLASSES)];
  check(classes.length > 0, `${fn}: classes is empty; name at least one of ${SHAPE_CLASSES.join(', ')}.`);
  classes.forEach((c, i) =>
    check((SHAPE_CLASSES as readonly string[]).includes(c), `${fn}: classes[${i}] is '${c}'; choose from ${SHAPE_CLASSES.join(', ')}.`),
  );
  check(new Set(classes).size === classes.length, `${fn}: classes ${JSON.stringify(classes)} repeats a name; list each shape once.`);
  const noise = o.noise ?? 8;
  check(Number.isFinite(noise) && noise >= 0, `${fn}: noise is ${o.noise}; it must be a standard deviation >= 0 (0-255 units).`);
  const side = Math.min(h, w);
  const range = o.sizeRange ?? [defaultSize[0] * side, defaultSize[1] * side];
  check(
    Array.isArray(range) && range.length === 2 && Number.isFinite(range[0]) && Number.isFinite(range[1]) && range[0] >= 2 && range[1] >= range[0],
    `${fn}: sizeRange is ${JSON.stringify(o.sizeRange)}; expected [min, max] diameters in pixels with 2 <= min <= max.`,
  );
  return { seed, h, w, classes, noise, sizeRange: [range[0], range[1]] };
}
