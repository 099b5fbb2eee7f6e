import { check } from '@fovea/core';

/**
 * IoU distances between boxes, `1 - IoU`, with py-motmetrics' `distances.iou_matrix` semantics: pairs whose
 * distance exceeds `maxDistance` become NaN ("do not pair"); a distance equal to `maxDistance` is kept.
 *
 * Boxes are `x, y, width, height` (top-left corner, any units), flat, 4 numbers per box. The arithmetic
 * follows the reference step by step in float64 (corners `x + width`, sizes `max(x2 - x1, 0)`, so negative
 * sizes count as empty, IoU 0 when the intersection is empty, including two identical zero-area boxes), so
 * distances agree with it to the last bit.
 *
 * @param objs - Ground-truth boxes, length 4N.
 * @param hyps - Hypothesis boxes, length 4M.
 * @param maxDistance - Largest kept distance (py-motmetrics' `max_iou`; `1 - iouThreshold`). Default 1.
 * @returns Row-major N x M distances in [0, 1], NaN where `> maxDistance`.
 */
export function iouDistanceMatrix(
  objs: ArrayLike<number>,
  hyps: ArrayLike<number>,
  maxDistance = 1,
): Float64Array {
  check(objs.length % 4 === 0 && hyps.length % 4 === 0, `iouDistanceMatrix: box arrays have lengths ${objs.length} and ${hyps.length}; each must hold 4 numbers (x, y, width, height) per box.`);
  const n = objs.length / 4;
  const m = hyps.length / 4;
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const ax0 = objs[4 * i];
    const ay0 = objs[4 * i + 1];
    const ax1 = ax0 + objs[4 * i + 2];
    const ay1 = ay0 + objs[4 * i + 3];
    const aVol = Math.max(ax1 - ax0, 0) * Math.max(ay1 - ay0, 0);
    for (let j = 0; j < m; j++) {
      const bx0 = hyps[4 * j];
      const by0 = hyps[4 * j + 1];
      const bx1 = bx0 + hyps[4 * j + 2];
      const by1 = by0 + hyps[4 * j + 3];
      const bVol = Math.max(bx1 - bx0, 0) * Math.max(by1 - by0, 0);
      const iw = Math.max(Math.min(ax1, bx1) - Math.max(ax0, bx0), 0);
      const ih = Math.max(Math.min(ay1, by1) - Math.max(ay0, by0), 0);
      const iVol = iw * ih;
      const iou = iVol === 0 ? 0 : iVol / (aVol + bVol - iVol);
      const d = 1 - iou;
      out[i * m + j] = d > maxDistance ? Number.NaN : d;
    }
  }
  return out;
}
