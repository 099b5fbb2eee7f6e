import * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';
import { checkImageTensor } from './check.js';
import { resize } from './resize.js';

export interface LetterboxOptions {
  /** Value of the padding, in the image's own units. Default 114 (grey on a 0-255 image). */
  padValue?: number;
  /**
   * Pad only up to the next multiple of `stride` instead of to the full `size` (ultralytics
   * `auto=True`, a "minimum rectangle"), so the output may be smaller than `size`.
   */
  stride?: number;
  /** Split the padding between both sides; false puts it all right and bottom. Default true. */
  center?: boolean;
  /** Allow enlarging images smaller than `size`. Default true (ultralytics `scaleup`). */
  scaleUp?: boolean;
}

/**
 * How a letterboxed image relates to its source: `letterbox = source * scale + pad`.
 * Box functions take and return flat `xyxy` boxes in pixels (length 4N) and do not mutate.
 */
export interface LetterboxTransform {
  /** Resize factor, source to letterbox, the same on both axes. */
  scale: number;
  /** Padding left of and above the resized image, in letterbox pixels. */
  padX: number;
  padY: number;
  /** Source image size in pixels. */
  srcWidth: number;
  srcHeight: number;
  /** Letterbox boxes to source pixels, clipped to the source image (ultralytics `scale_boxes`). */
  toSource(boxes: ArrayLike<number>): Float32Array;
  /** Source boxes to letterbox pixels, not clipped. */
  toLetterbox(boxes: ArrayLike<number>): Float32Array;
}

/**
 * Resizes an HWC image to fit `size` keeping its aspect ratio, then pads it, as ultralytics'
 * `LetterBox` does: `scale = min(h / H, w / W)`, the resized size is `round(W * scale)` x
 * `round(H * scale)` (round half to even, as Python), bilinear with half-pixel centres (OpenCV
 * `INTER_LINEAR`; int32 results are rounded, so values may differ from OpenCV's fixed point by 1),
 * and padding `round(d / 2 - 0.1)` before and the rest after.
 *
 * @param size - output `[height, width]`, or one number for a square.
 * @returns the letterboxed image (same dtype and channels; the caller disposes it) and its transform.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a non-HWC tensor or bad size/options.
 */
export function letterbox(
  image: tf.Tensor3D,
  size: number | readonly [number, number],
  options: LetterboxOptions = {},
): { image: tf.Tensor3D; transform: LetterboxTransform } {
  checkImageTensor(image, 'letterbox');
  const { padValue = 114 } = options;
  if (!Number.isFinite(padValue) || (image.dtype === 'int32' && !Number.isInteger(padValue))) {
    throw new FoveaError('E_INVALID_ARGUMENT', `letterbox: padValue must be finite (an integer for int32 images), got ${padValue}`);
  }
  const [srcHeight, srcWidth] = image.shape;
  const p = plan(srcHeight, srcWidth, size, options);
  const out = tf.tidy(() => {
    const resized = p.newW === srcWidth && p.newH === srcHeight ? image : resize(image, [p.newH, p.newW]);
    return tf.pad(resized, [[p.padY, p.dh - p.padY], [p.padX, p.dw - p.padX], [0, 0]], padValue);
  });
  return { image: out, transform: makeTransform(p.scale, p.padX, p.padY, srcWidth, srcHeight) };
}

/**
 * The transform {@link letterbox} would return for a `[height, width]` source, computed without
 * an image: for mapping boxes when the letterboxing happened elsewhere (a worker, the browser).
 */
export function letterboxTransform(
  srcSize: readonly [number, number],
  size: number | readonly [number, number],
  options: Omit<LetterboxOptions, 'padValue'> = {},
): LetterboxTransform {
  const [srcHeight, srcWidth] = srcSize ?? [];
  if (!positiveInt(srcHeight) || !positiveInt(srcWidth)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `letterboxTransform: srcSize must be [height, width] of positive integers, got ${JSON.stringify(srcSize)}`);
  }
  const p = plan(srcHeight, srcWidth, size, options);
  return makeTransform(p.scale, p.padX, p.padY, srcWidth, srcHeight);
}

const positiveInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) > 0;

function plan(srcHeight: number, srcWidth: number, size: number | readonly [number, number], options: LetterboxOptions) {
  const { stride, center = true, scaleUp = true } = options;
  const [outH, outW] = typeof size === 'number' ? [size, size] : size ?? [];
  if (!positiveInt(outH) || !positiveInt(outW) || (typeof size !== 'number' && size.length !== 2)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `letterbox: size must be a positive integer or [height, width], got ${JSON.stringify(size)}`);
  }
  if (stride !== undefined && !positiveInt(stride)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `letterbox: stride must be a positive integer, got ${stride}`);
  }
  const fit = Math.min(outH / srcHeight, outW / srcWidth);
  const scale = scaleUp ? fit : Math.min(fit, 1);
  const newW = Math.max(1, roundHalfEven(srcWidth * scale));
  const newH = Math.max(1, roundHalfEven(srcHeight * scale));
  let dw = Math.max(0, outW - newW);
  let dh = Math.max(0, outH - newH);
  if (stride !== undefined) [dw, dh] = [dw % stride, dh % stride];
  const padX = center ? Math.max(0, Math.round(dw / 2 - 0.1)) : 0;
  const padY = center ? Math.max(0, Math.round(dh / 2 - 0.1)) : 0;
  return { scale, newW, newH, dw, dh, padX, padY };
}

function makeTransform(scale: number, padX: number, padY: number, srcWidth: number, srcHeight: number): LetterboxTransform {
  const map = (boxes: ArrayLike<number>, f: (v: number, isX: boolean) => number) => {
    if (boxes.length % 4 !== 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `letterbox transform: boxes must be flat xyxy (length 4N), got length ${boxes.length}`);
    }
    const out = new Float32Array(boxes.length);
    for (let i = 0; i < boxes.length; i++) out[i] = f(boxes[i], i % 2 === 0);
    return out;
  };
  return {
    scale, padX, padY, srcWidth, srcHeight,
    toLetterbox: (boxes) => map(boxes, (v, isX) => v * scale + (isX ? padX : padY)),
    toSource: (boxes) => map(boxes, (v, isX) => {
      const s = (v - (isX ? padX : padY)) / scale;
      return Math.min(Math.max(s, 0), isX ? srcWidth : srcHeight);
    }),
  };
}

// Python's round(): ties go to the even neighbour.
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
