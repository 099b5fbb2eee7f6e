import { check, toValidBoxes, type BoxesInput } from '@fovea/core';
import { boxAreas, pairIou } from './iou.js';
import { checkThreshold } from './validate.js';

/** Options of {@link softNms}; defaults are those of Bodla et al. and their reference code. */
export interface SoftNmsOptions {
  /** `'linear'`: multiply by `1 - IoU` when IoU > `iouThreshold`; `'gaussian'`: by `exp(-IoU² / sigma)`. Default `'gaussian'`. */
  method?: 'linear' | 'gaussian';
  /** Gaussian width σ (> 0). Default 0.5. */
  sigma?: number;
  /** Linear decay applies only above this IoU (N_t). Default 0.3. Unused by `'gaussian'`. */
  iouThreshold?: number;
  /** Boxes whose (decayed) score falls below this are dropped. Default 0.001. */
  scoreThreshold?: number;
}

/** What {@link softNms} returns: kept indices and their decayed scores, in selection order. */
export interface SoftNmsResult {
  /** Indices into the input boxes, in the order they were selected (non-increasing decayed score). */
  indices: Int32Array;
  /** The decayed score of each kept box, computed in float64 and rounded to float32. */
  scores: Float32Array;
}

/**
 * Soft-NMS (Bodla et al., "Soft-NMS — Improving Object Detection With One Line of Code", ICCV 2017,
 * Algorithm 1). Instead of removing boxes that overlap a selected box, their scores are decayed:
 *
 * 1. Drop boxes with score < `scoreThreshold`.
 * 2. Select the box M with the highest current score (ties: lowest index); it is kept with that score.
 * 3. Multiply the score of every remaining box b by `1 - IoU(M, b)` if IoU(M, b) > `iouThreshold`
 *    (linear; else by 1), or by `exp(-IoU(M, b)² / sigma)` (gaussian, every box; the paper's form,
 *    σ not squared and no factor 2). Drop those now below `scoreThreshold`; repeat from 2.
 *
 * Variant details: IoU is {@link nms}'s float32 arithmetic on `xyxy` boxes (continuous coordinates,
 * no "+1" pixel convention of the original Cython); a NaN IoU (two zero-area boxes) counts as 0;
 * scores are decayed in float64. Unlike the original code, a box already below `scoreThreshold` at
 * the start is dropped even if it has the highest score. O(N²) time.
 *
 * @param boxes N boxes, `xyxy`, x1 <= x2 and y1 <= y2 (flat 4N or N rows of 4); rounded to float32.
 * @param scores N scores, finite.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a length mismatch, a non-finite or inverted box, a
 *   non-finite score, an unknown method, `sigma <= 0` or a NaN threshold.
 */
export function softNms(boxes: BoxesInput, scores: ArrayLike<number>, options: SoftNmsOptions = {}): SoftNmsResult {
  const { method = 'gaussian', sigma = 0.5, iouThreshold = 0.3, scoreThreshold = 0.001 } = options ?? {};
  const b = toValidBoxes(boxes, 'xyxy', 'boxes');
  const n = b.length / 4;
  check(scores != null && scores.length === n, `softNms: scores has ${scores?.length} entries but there are ${n} boxes; give one score per box.`);
  check(method === 'linear' || method === 'gaussian', `softNms: method is '${method}'; use 'linear' or 'gaussian'.`);
  check(typeof sigma === 'number' && sigma > 0 && sigma < Infinity, `softNms: sigma is ${sigma}; use a finite number > 0.`);
  checkThreshold(iouThreshold, 'softNms');
  checkThreshold(scoreThreshold, 'softNms', 'scoreThreshold');
  const live: number[] = [];
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = Math.fround(scores[i]);
    if (!Number.isFinite(v)) check(false, `softNms: scores[${i}] is ${scores[i]}; scores must be finite.`);
    s[i] = v;
    if (v >= scoreThreshold) live.push(i); // ascending index, so the first maximum found is the lowest index
  }
  const areas = boxAreas(b);
  const indices: number[] = [];
  const kept: number[] = [];
  let alive = live.length;
  while (alive > 0) {
    let best = 0;
    for (let k = 1; k < alive; k++) if (s[live[k]] > s[live[best]]) best = k;
    const m = live[best];
    indices.push(m);
    kept.push(s[m]);
    live.splice(best, 1); // keeps index order among the rest
    alive--;
    let w = 0;
    for (let k = 0; k < alive; k++) {
      const j = live[k];
      let iou = pairIou(b, areas, m, j);
      if (Number.isNaN(iou)) iou = 0;
      const weight = method === 'linear' ? (iou > iouThreshold ? 1 - iou : 1) : Math.exp(-(iou * iou) / sigma);
      s[j] *= weight;
      if (s[j] >= scoreThreshold) live[w++] = j;
    }
    alive = w;
    live.length = w;
  }
  return { indices: Int32Array.from(indices), scores: Float32Array.from(kept) };
}
