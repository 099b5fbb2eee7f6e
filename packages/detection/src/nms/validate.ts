import { FoveaError, check, toValidBoxes, type BoxesInput } from '@fovea/core';

/** Options shared by {@link nms} and {@link batchedNms}. */
export interface NmsOptions {
  /**
   * Keep at most this many boxes: the first `maxOutputSize` of the full result (TensorFlow's
   * `max_output_size`). A non-negative integer; default `Infinity` (no limit).
   */
  maxOutputSize?: number;
  /**
   * Drop boxes whose score is not strictly greater than this before suppression (TensorFlow's
   * `score_threshold`, torchvision's detection heads' `scores > score_thresh`). Since a box can only
   * suppress lower-scored boxes, this equals filtering the full result. Default `-Infinity`: keep all,
   * including scores of -Infinity.
   */
  scoreThreshold?: number;
}

/** Validated inputs: boxes and scores rounded to float32, as torchvision sees float32 tensors. */
export interface NmsInput {
  boxes: Float32Array;
  scores: Float32Array;
  n: number;
  maxOutputSize: number;
  scoreThreshold: number;
}

/**
 * Checks boxes, scores, threshold and options; names the bad value. Scores may be infinite but not
 * NaN (torchvision sorts NaN first, which is never what a caller meant).
 */
export function validateNms(
  boxesIn: BoxesInput,
  scoresIn: ArrayLike<number>,
  iouThreshold: number,
  options: NmsOptions,
  fn: string,
): NmsInput {
  const boxes = isValidFloat32(boxesIn) ? boxesIn : toValidBoxes(boxesIn, 'xyxy', 'boxes');
  const n = boxes.length / 4;
  // Messages are built only on failure: interpolating an array would stringify all of it.
  if (scoresIn == null || typeof scoresIn.length !== 'number') {
    fail(`${fn}: scores is ${typeof scoresIn}; pass one number per box (a Float32Array or number[]).`);
  }
  if (scoresIn.length !== n) fail(`${fn}: scores has ${scoresIn.length} entries but there are ${n} boxes; give one score per box.`);
  const scores = scoresIn instanceof Float32Array ? scoresIn : Float32Array.from(scoresIn);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(scores[i])) fail( `${fn}: scores[${i}] is NaN; replace or drop NaN scores before NMS.`);
  }
  checkThreshold(iouThreshold, fn);
  const { maxOutputSize = Infinity, scoreThreshold = -Infinity } = options ?? {};
  check(
    maxOutputSize === Infinity || (Number.isInteger(maxOutputSize) && maxOutputSize >= 0),
    `${fn}: maxOutputSize is ${maxOutputSize}; use a non-negative integer (or omit it for no limit).`,
  );
  check(typeof scoreThreshold === 'number' && !Number.isNaN(scoreThreshold), `${fn}: scoreThreshold is ${scoreThreshold}; use a number.`);
  return { boxes, scores, n, maxOutputSize, scoreThreshold };
}

/** An IoU threshold is any number but NaN (negative: every pair suppresses; >= 1: none does). */
export function checkThreshold(iouThreshold: number, fn: string, name = 'iouThreshold'): void {
  check(
    typeof iouThreshold === 'number' && !Number.isNaN(iouThreshold),
    `${fn}: ${name} is ${iouThreshold}; use a number, typically in [0, 1].`,
  );
}

/** Class ids as an Int32Array of length n, integers in the int32 range. */
export function validateClassIds(classIds: ArrayLike<number>, n: number, fn: string): Int32Array {
  if (classIds == null || typeof classIds.length !== 'number') {
    fail(`${fn}: classIds is ${typeof classIds}; pass one integer class id per box.`);
  }
  if (classIds.length !== n) fail(`${fn}: classIds has ${classIds.length} entries but there are ${n} boxes; give one class id per box.`);
  if (classIds instanceof Int32Array) return classIds;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = classIds[i];
    if (!(Number.isInteger(c) && c >= -2147483648 && c <= 2147483647)) {
      fail(`${fn}: classIds[${i}] is ${c}; class ids must be integers in the int32 range.`);
    }
    out[i] = c;
  }
  return out;
}

/**
 * The common case, checked in one pass: a Float32Array of finite, non-inverted boxes. Anything else
 * goes through core's toValidBoxes, which names what is wrong. Differences of float32 values are
 * exact in float64, so `0 <= x2 - x1 < Infinity` holds exactly when both are finite and x1 <= x2.
 */
function isValidFloat32(boxes: BoxesInput): boxes is Float32Array {
  if (!(boxes instanceof Float32Array) || boxes.length % 4 !== 0) return false;
  for (let i = 0; i < boxes.length; i += 4) {
    const w = boxes[i + 2] - boxes[i];
    const h = boxes[i + 3] - boxes[i + 1];
    if (!(w >= 0 && h >= 0 && w < Infinity && h < Infinity)) return false;
  }
  return true;
}

function fail(message: string): never {
  throw new FoveaError('E_INVALID_ARGUMENT', message);
}
