import type { BoxesInput } from '@fovea/core';
import { boxAreas } from './iou.js';
import { greedyNms } from './kernel.js';
import { scoreOrder } from './order.js';
import { validateClassIds, validateNms, type NmsOptions } from './validate.js';

/**
 * Non-maximum suppression, with the same kept indices in the same order as torchvision.ops.nms
 * (CPU, float32 boxes): boxes are visited by decreasing score and a box is dropped when its IoU with
 * an already kept box is strictly greater than `iouThreshold`.
 *
 * - IoU is torchvision's float32 arithmetic, `inter / (area_i + area_j - inter)`, bit for bit; the
 *   float32 IoU is compared with the threshold as a float64 (torchvision's `double`), so an IoU of
 *   exactly 3/10 (float32 0.30000001) is suppressed at 0.3 but one of 7/10 (0.69999999) is not at 0.7.
 * - Score ties go to the lower index (torchvision's stable sort); scores are rounded to float32 first,
 *   so scores equal in float32 tie. -0 ties with +0.
 * - A zero-area box never suppresses and is never suppressed (its IoU is 0, or NaN with another
 *   zero-area box). With `iouThreshold < 0` every pair suppresses (IoU 0 > threshold) except two
 *   zero-area boxes (NaN), as in torchvision; with `iouThreshold >= 1` nothing is suppressed.
 *
 * Unlike torchvision's O(N^2) loop, each box is tested only against kept boxes it overlaps (a grid
 * of kept boxes) until the first suppressor; pairs skipped this way have IoU 0, so the result is the
 * same.
 *
 * @param boxes N boxes, `xyxy` (flat length 4N or N rows of 4), x1 <= x2 and y1 <= y2; rounded to float32.
 * @param scores N scores, any numbers but NaN (±Infinity allowed); rounded to float32.
 * @param iouThreshold Suppress when IoU > this; any number but NaN.
 * @returns Indices of the kept boxes into `boxes`, by decreasing score (ties: lower index first).
 * @throws FoveaError `E_INVALID_ARGUMENT` for a length mismatch, a non-finite or inverted box, a NaN
 *   score or threshold, or a bad option.
 */
export function nms(
  boxes: BoxesInput,
  scores: ArrayLike<number>,
  iouThreshold: number,
  options: NmsOptions = {},
): Int32Array {
  const v = validateNms(boxes, scores, iouThreshold, options, 'nms');
  const order = scoreOrder(v.scores, v.scoreThreshold);
  const out = new Int32Array(order.length);
  const areas = boxAreas(v.boxes);
  const maxKeep = Math.min(v.maxOutputSize, order.length);
  const kept = greedyNms(v.boxes, areas, order, 0, order.length, iouThreshold, maxKeep, out, 0);
  return out.slice(0, kept);
}

/**
 * NMS within each class: boxes of different classes never suppress each other. Keeps the same set as
 * torchvision.ops.batched_nms run per class (its `_batched_nms_vanilla`, which it uses on CPU above
 * 1,000 boxes), each class with {@link nms}'s exact semantics.
 *
 * Below 1,000 boxes torchvision instead shifts each class's boxes by `classId * (max + 1)` in float32
 * (the "coordinate trick"); that rounds fractional coordinates of far-shifted classes and, with
 * negative coordinates or class ids, lets classes overlap. Fovea always uses the exact per-class
 * result; the two agree whenever the shift is exact (e.g. integer or 1/2^k coordinates of moderate
 * size, non-negative coordinates and ids).
 *
 * @param classIds N class ids, integers in the int32 range (any values, including negative).
 * @returns Kept indices by decreasing score, ties by lower index (torchvision's final sort there is
 *   not stable; the set is the same). `maxOutputSize` keeps the first of these over all classes.
 * @throws FoveaError as {@link nms}, and for class ids that are not int32 integers.
 */
export function batchedNms(
  boxes: BoxesInput,
  scores: ArrayLike<number>,
  classIds: ArrayLike<number>,
  iouThreshold: number,
  options: NmsOptions = {},
): Int32Array {
  const v = validateNms(boxes, scores, iouThreshold, options, 'batchedNms');
  const ids = validateClassIds(classIds, v.n, 'batchedNms');
  const order = scoreOrder(v.scores, v.scoreThreshold);
  const m = order.length;
  // Stable partition of the score order by class: each class's run stays in score order.
  const { groupOf, counts } = groupByClass(ids, order);
  const offsets = new Int32Array(counts.length + 1);
  for (let g = 0; g < counts.length; g++) offsets[g + 1] = offsets[g] + counts[g];
  const fill = offsets.slice(0, counts.length);
  const grouped = new Int32Array(m);
  for (let p = 0; p < m; p++) grouped[fill[groupOf[p]]++] = order[p];

  const areas = boxAreas(v.boxes);
  const keptOut = new Int32Array(m);
  const limitPerClass = Math.min(v.maxOutputSize, m);
  const isKept = new Uint8Array(v.n);
  for (let g = 0; g < counts.length; g++) {
    const k = greedyNms(v.boxes, areas, grouped, offsets[g], offsets[g + 1], iouThreshold, limitPerClass, keptOut, 0);
    for (let t = 0; t < k; t++) isKept[keptOut[t]] = 1;
  }
  const limit = Math.min(v.maxOutputSize, m);
  const out = new Int32Array(limit);
  let n = 0;
  for (let p = 0; p < m && n < limit; p++) if (isKept[order[p]]) out[n++] = order[p];
  return out.slice(0, n);
}

/** A dense group number per position of `order` (groups numbered by first appearance) and group sizes. */
function groupByClass(ids: Int32Array, order: Int32Array): { groupOf: Int32Array; counts: number[] } {
  const m = order.length;
  const groupOf = new Int32Array(m);
  const counts: number[] = [];
  let lo = 0, hi = -1;
  for (let p = 0; p < m; p++) {
    const c = ids[order[p]];
    if (p === 0 || c < lo) lo = c;
    if (p === 0 || c > hi) hi = c;
  }
  if (m > 0 && hi - lo < 4 * m + 1024) {
    // Ids in a small range (the usual 0..C-1): a table instead of a Map.
    const table = new Int32Array(hi - lo + 1).fill(-1);
    for (let p = 0; p < m; p++) {
      const slot = ids[order[p]] - lo;
      if (table[slot] < 0) {
        table[slot] = counts.length;
        counts.push(0);
      }
      groupOf[p] = table[slot];
      counts[groupOf[p]]++;
    }
    return { groupOf, counts };
  }
  const group = new Map<number, number>();
  for (let p = 0; p < m; p++) {
    const c = ids[order[p]];
    let g = group.get(c);
    if (g === undefined) {
      g = counts.length;
      group.set(c, g);
      counts.push(0);
    }
    groupOf[p] = g;
    counts[g]++;
  }
  return { groupOf, counts };
}
