import { FoveaError, check } from '../errors.js';

/** A size per spatial axis, `[height, width]`, or one number for both. */
export type Size2D = number | readonly [number, number];

/**
 * Padding as tfjs takes it: `'valid'` (none), `'same'` (output = ceil(input / stride), extra
 * padding at the bottom/right), one number for all four sides, or explicit
 * `[[top, bottom], [left, right]]` in pixels.
 */
export type Padding = 'same' | 'valid' | number | readonly [readonly [number, number], readonly [number, number]];

/** Arguments shared by the shape functions below. */
export interface ConvShapeArgs {
  /** Input `[height, width]` in pixels (no batch or channel axis). */
  inputShape: readonly [number, number];
  /** Kernel (window) size. */
  kernelSize: Size2D;
  /** Stride; default 1 for convolutions, `kernelSize` for pooling (as in Keras/tfjs). */
  strides?: Size2D;
  /** Default `'valid'`, as in Keras/tfjs layers. */
  padding?: Padding;
  /** Dilation rate; the effective kernel is `k + (k - 1) * (dilation - 1)`. Default 1. */
  dilation?: Size2D;
  /**
   * How to round `(in + pads - kEff) / stride + 1` for numeric or explicit padding (tfjs's
   * `dimRoundingMode`); default `'floor'`. Not allowed with `'same'`/`'valid'`, as in tfjs.
   */
  roundingMode?: 'floor' | 'ceil' | 'round';
}

interface Axis {
  size: number;
  k: number; // effective kernel size
  s: number;
  d: number;
  pads: [number, number] | 'same' | 'valid';
}

function pair(v: Size2D, name: string): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  check(
    (typeof v === 'number' || v.length === 2) && p.every((x) => Number.isInteger(x) && x >= 1),
    `${name} must be a positive integer or [height, width] of positive integers; got ${JSON.stringify(v)}.`,
  );
  return p;
}

function axes(args: ConvShapeArgs, defaultStrides: Size2D): [Axis, Axis] {
  const { inputShape, padding = 'valid', roundingMode } = args;
  const size = pair(inputShape as unknown as Size2D, 'inputShape');
  const k = pair(args.kernelSize, 'kernelSize');
  const s = pair(args.strides ?? defaultStrides, 'strides');
  const d = pair(args.dilation ?? 1, 'dilation');
  let pads: [[number, number], [number, number]] | 'same' | 'valid';
  if (padding === 'same' || padding === 'valid') {
    check(roundingMode === undefined, `roundingMode applies only to numeric or explicit padding, not '${padding}'.`);
    pads = padding;
  } else {
    pads = typeof padding === 'number' ? [[padding, padding], [padding, padding]] : [[...padding[0]], [...padding[1]]];
    check(
      pads.flat().every((p) => Number.isInteger(p) && p >= 0),
      `padding must be 'same', 'valid', an integer >= 0 or [[top, bottom], [left, right]] of integers >= 0; ` +
        `got ${JSON.stringify(padding)}.`,
    );
  }
  return [0, 1].map((i) => ({
    size: size[i],
    k: k[i] + (k[i] - 1) * (d[i] - 1),
    s: s[i],
    d: d[i],
    pads: typeof pads === 'string' ? pads : pads[i],
  })) as [Axis, Axis];
}

function forwardLength(a: Axis, rounding: ConvShapeArgs['roundingMode']): number {
  if (a.pads === 'same') return Math.ceil(a.size / a.s);
  if (a.pads === 'valid') return Math.ceil((a.size - a.k + 1) / a.s);
  const round = Math[rounding ?? 'floor'];
  return round((a.size + a.pads[0] + a.pads[1] - a.k) / a.s + 1);
}

function positive(shape: [number, number], what: string, args: object): [number, number] {
  if (shape[0] < 1 || shape[1] < 1) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `${what} output would be [${shape}] for ${JSON.stringify(args)}: the (dilated) kernel does not fit the ` +
        'padded input; use a smaller kernel or dilation, more padding, or a larger input.',
    );
  }
  return shape;
}

/**
 * Output `[height, width]` of a 2-D convolution, equal to the spatial part of tfjs's
 * `tf.conv2d(...).shape` (tf.backend_util.computeConv2DInfo). `'same'`: ceil(in / s);
 * `'valid'`: ceil((in - kEff + 1) / s); numeric/explicit: floor((in + top + bottom - kEff) / s + 1).
 *
 * Porting note: for a single numeric padding with a non-square kernel or stride, tfjs 4.22 sizes
 * the width with the height's kernel and stride; this function uses each axis's own values (as
 * explicit padding does in tfjs, and as PyTorch does).
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for non-integer or non-positive sizes, negative padding,
 *   or an output smaller than 1x1.
 */
export function convOutputShape(args: ConvShapeArgs): [number, number] {
  const [h, w] = axes(args, 1);
  return positive([forwardLength(h, args.roundingMode), forwardLength(w, args.roundingMode)], 'Convolution', args);
}

/**
 * Output `[height, width]` of 2-D max or average pooling, equal to tfjs's `tf.maxPool`/`tf.avgPool`
 * shapes. Same rules as {@link convOutputShape}, but `strides` defaults to `kernelSize`
 * (Keras/tfjs `MaxPooling2D`).
 */
export function poolOutputShape(args: ConvShapeArgs): [number, number] {
  const [h, w] = axes(args, args.kernelSize);
  return positive([forwardLength(h, args.roundingMode), forwardLength(w, args.roundingMode)], 'Pooling', args);
}

/**
 * Output `[height, width]` of a transposed 2-D convolution: a size that a convolution with the
 * same arguments maps back to `inputShape`. Several sizes do when stride > 1; the smallest is
 * `(in - 1) * s + kEff - top - bottom` (explicit), `(in - 1) * s + kEff` (`'valid'`) or
 * `(in - 1) * s + 1` (`'same'`), and `outputPadding` (0 <= op < stride) adds to it.
 *
 * Without `outputPadding` the result equals tfjs-layers `Conv2DTranspose`/Keras
 * (`'valid'`: in * s + max(kEff - s, 0); `'same'`: in * s) and PyTorch's `ConvTranspose2d` for
 * explicit padding. Porting note: with `'same'`, an even kernel and an explicit `outputPadding`,
 * Keras gives one pixel less, a size that its own forward convolution does not map back.
 */
export function convTransposeOutputShape(args: ConvShapeArgs & { outputPadding?: Size2D }): [number, number] {
  check(args.roundingMode === undefined, 'roundingMode does not apply to transposed convolutions; remove it.');
  const shape = axes(args, 1).map((a, i) => {
    let base: number;
    let defaultOp = 0;
    if (a.pads === 'same') {
      base = (a.size - 1) * a.s + 1;
      defaultOp = a.s - 1;
    } else if (a.pads === 'valid') {
      base = (a.size - 1) * a.s + a.k;
      defaultOp = Math.max(a.s - a.k, 0);
    } else {
      base = (a.size - 1) * a.s + a.k - a.pads[0] - a.pads[1];
    }
    const op = args.outputPadding === undefined ? defaultOp : outputPadding(args.outputPadding, i, a.s);
    return base + op;
  }) as [number, number];
  return positive(shape, 'Transposed convolution', args);
}

function outputPadding(v: Size2D, axis: number, stride: number): number {
  const op = typeof v === 'number' ? v : v[axis];
  check(
    Number.isInteger(op) && op >= 0 && op < stride,
    `outputPadding ${JSON.stringify(v)} must hold integers in [0, stride - 1] = [0, ${stride - 1}].`,
  );
  return op;
}
