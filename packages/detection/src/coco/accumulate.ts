import { type Matches, FP, TP } from './match.js';
import { descendingRanks, iota, sortByKey } from './order.js';
import type { AnnTable } from './tables.js';
import type { CocoEvalParams } from './types.js';

/** numpy's float64 eps, `np.spacing(1)`. */
const EPS = 2 ** -52;

/** `COCOeval.accumulate()` output: flat C-order arrays. */
export interface Accumulated {
  precision: Float64Array;
  recall: Float64Array;
  scores: Float64Array;
}

/**
 * Precision/recall curves per (IoU threshold, category, area range, max detections), as
 * `COCOeval.accumulate()`: detections of all images are ranked by score (stable: image order, then
 * rank within the image), precision is `tp / (tp + fp + eps)` made non-increasing from the right and
 * read at `np.searchsorted(recall, recThrs, side='left')` (0 past the last recall reached).
 *
 * Only true-positive positions are evaluated: between them precision only falls and recall stays put,
 * so the running maximum from the right and the search give the same doubles as the full curve.
 */
export function accumulate(mt: Matches, dt: AnnTable, p: CocoEvalParams): Accumulated {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const K = mt.K;
  const A = p.areaRng.length;
  const M = p.maxDets.length;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const scores = new Float64Array(T * R * K * A * M).fill(-1);
  const n = mt.rows.length;
  const score = new Float64Array(n);
  const cat = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    score[i] = dt.score[mt.rows[i]];
    cat[i] = p.useCats ? dt.cat[mt.rows[i]] : 0;
  }
  // Kept detections are in (image, category, rank) order, so one stable sort by score and one by
  // category give every category's score order, ties broken by (image, rank) as numpy's mergesort.
  const { rank, levels } = descendingRanks(score);
  const seq = sortByKey(sortByKey(iota(n), rank, levels), cat, K);
  const catStart = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) catStart[cat[i] + 1]++;
  for (let k = 0; k < K; k++) catStart[k + 1] += catStart[k];

  const filtered = new Int32Array(n);
  const tp = new Int32Array(T);
  const fp = new Int32Array(T);
  let tpPos = new Int32Array(0);
  let tpFp = new Int32Array(0);
  let env = new Float64Array(0);
  for (let k = 0; k < K; k++) {
    for (let m = 0; m < M; m++) {
      const maxDet = p.maxDets[m];
      let nd = 0;
      for (let i = catStart[k]; i < catStart[k + 1]; i++) if (mt.rank[seq[i]] < maxDet) filtered[nd++] = seq[i];
      if (tpPos.length < T * nd) {
        tpPos = new Int32Array(T * nd);
        tpFp = new Int32Array(T * nd);
      }
      if (env.length < nd) env = new Float64Array(nd);
      for (let a = 0; a < A; a++) {
        const npig = mt.npig[k * A + a];
        if (npig === 0) continue;
        tp.fill(0);
        fp.fill(0);
        for (let j = 0; j < nd; j++) {
          const base = (filtered[j] * A + a) * T;
          for (let t = 0; t < T; t++) {
            const s = mt.state[base + t];
            if (s === TP) {
              const e = t * nd + tp[t]++;
              tpPos[e] = j;
              tpFp[e] = fp[t];
            } else if (s === FP) fp[t]++;
          }
        }
        for (let t = 0; t < T; t++) {
          const ntp = tp[t];
          const off = t * nd;
          recall[((t * K + k) * A + a) * M + m] = nd > 0 ? ntp / npig : 0;
          let run = 0;
          for (let e = ntp - 1; e >= 0; e--) {
            const c = e + 1;
            const pr = c / (tpFp[off + e] + c + EPS);
            if (pr > run) run = pr;
            env[e] = run;
          }
          const rc0 = ntp > 0 && tpPos[off] === 0 ? 1 / npig : 0;
          let ri = 0;
          for (; ri < R && nd > 0; ri++) {
            const r = p.recThrs[ri];
            let q: number;
            let pos: number;
            if (r <= rc0) {
              pos = 0;
              q = ntp > 0 ? env[0] : 0;
            } else {
              let lo = 0;
              let hi = ntp;
              while (lo < hi) {
                const mid = (lo + hi) >> 1;
                if ((mid + 1) / npig < r) lo = mid + 1;
                else hi = mid;
              }
              if (lo === ntp) break;
              pos = tpPos[off + lo];
              q = env[lo];
            }
            const idx = (((t * R + ri) * K + k) * A + a) * M + m;
            precision[idx] = q;
            scores[idx] = score[filtered[pos]];
          }
          // numpy's IndexError ends the loop at the first threshold past the curve; the rest stay 0.
          for (; ri < R; ri++) {
            const idx = (((t * R + ri) * K + k) * A + a) * M + m;
            precision[idx] = 0;
            scores[idx] = 0;
          }
        }
      }
    }
  }
  return { precision, recall, scores };
}
