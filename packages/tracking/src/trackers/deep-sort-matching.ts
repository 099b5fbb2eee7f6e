import { assignLikeScipy } from './scipy-assignment.js';

/** deep_sort's cost for pairs ruled out by gating (`linear_assignment.INFTY_COST`). */
export const GATED_COST = 1e5;

/** Fills the `tracks.length x detections.length` row-major cost matrix of the given index lists. */
export type CostFunction = (tracks: readonly number[], detections: readonly number[], out: Float64Array) => void;

/** Matched pairs and what was left, in deep_sort's orders (the order of unmatched detections sets new ids). */
export interface MatchResult {
  /** `[trackIndex, detectionIndex]` pairs. */
  matches: [number, number][];
  unmatchedTracks: number[];
  unmatchedDetections: number[];
}

/**
 * One assignment round, with deep_sort's `min_cost_matching` semantics: costs above `maxDistance` are
 * lowered to `maxDistance + 1e-5`, the matrix is solved with scipy's tie-breaking, and assigned pairs still
 * above `maxDistance` are rejected. Unmatched detections list the unassigned columns in column order, then
 * the rejected pairs' detections in row order (unmatched tracks likewise).
 */
export function minCostMatching(
  cost: CostFunction,
  maxDistance: number,
  trackIndices: readonly number[],
  detectionIndices: readonly number[],
): MatchResult {
  const rows = trackIndices.length;
  const cols = detectionIndices.length;
  if (rows === 0 || cols === 0) {
    return { matches: [], unmatchedTracks: trackIndices.slice(), unmatchedDetections: detectionIndices.slice() };
  }
  const c = new Float64Array(rows * cols);
  cost(trackIndices, detectionIndices, c);
  const clipped = maxDistance + 1e-5;
  for (let k = 0; k < c.length; k++) if (c[k] > maxDistance) c[k] = clipped;
  const assigned = assignLikeScipy(c, rows, cols);

  const rowUsed = new Uint8Array(rows);
  const colUsed = new Uint8Array(cols);
  for (let k = 0; k < assigned.rows.length; k++) {
    rowUsed[assigned.rows[k]] = 1;
    colUsed[assigned.cols[k]] = 1;
  }
  const matches: [number, number][] = [];
  const unmatchedTracks: number[] = [];
  const unmatchedDetections: number[] = [];
  for (let j = 0; j < cols; j++) if (!colUsed[j]) unmatchedDetections.push(detectionIndices[j]);
  for (let i = 0; i < rows; i++) if (!rowUsed[i]) unmatchedTracks.push(trackIndices[i]);
  for (let k = 0; k < assigned.rows.length; k++) {
    const i = assigned.rows[k];
    const j = assigned.cols[k];
    if (c[i * cols + j] > maxDistance) {
      unmatchedTracks.push(trackIndices[i]);
      unmatchedDetections.push(detectionIndices[j]);
    } else {
      matches.push([trackIndices[i], detectionIndices[j]]);
    }
  }
  return { matches, unmatchedTracks, unmatchedDetections };
}

/**
 * IoU of one box against several, all `tlwh` (top-left x, y, width, height), in deep_sort's arithmetic
 * (`iou_matching.iou`): no +1 pixel convention.
 */
export function iouTlwh(box: ArrayLike<number>, boxes: Float64Array, index: number): number {
  const x1 = box[0], y1 = box[1], w = box[2], h = box[3];
  const o = 4 * index;
  const bx = boxes[o], by = boxes[o + 1], bw = boxes[o + 2], bh = boxes[o + 3];
  const iw = Math.max(0, Math.min(x1 + w, bx + bw) - Math.max(x1, bx));
  const ih = Math.max(0, Math.min(y1 + h, by + bh) - Math.max(y1, by));
  const inter = iw * ih;
  return inter / (w * h + bw * bh - inter);
}
