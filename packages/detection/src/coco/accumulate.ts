import type { Matches } from './match.js';
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
 * Detections arrive in accumulation order ({@link Matches}), so every curve is one sequential pass.
 */
export function accumulate(mt: Matches, p: CocoEvalParams): Accumulated {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const K = mt.K;
  const A = p.areaRng.length;
  const M = p.maxDets.length;
  const ALL = 2 ** T - 1;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const scores = new Float64Array(T * R * K * A * M).fill(-1);
  let largest = 0;
  for (let k = 0; k < K; k++) largest = Math.max(largest, mt.catStart[k + 1] - mt.catStart[k]);
  // Per threshold: position of each true positive in the curve and the false positives before it.
  const tpPos = new Int32Array(T * largest);
  const tpFp = new Int32Array(T * largest);
  const atPos = new Int32Array(T * largest);
  const env = new Float64Array(largest);
  const tp = new Int32Array(T);
  const ign = new Int32Array(T);
  for (let k = 0; k < K; k++) {
    const s0 = mt.catStart[k];
    const s1 = mt.catStart[k + 1];
    for (let a = 0; a < A; a++) {
      const npig = mt.npig[k * A + a];
      if (npig === 0) continue;
      for (let m = 0; m < M; m++) {
        const maxDet = p.maxDets[m];
        tp.fill(0);
        ign.fill(0);
        let ignAll = 0;
        let nd = 0;
        for (let s = s0; s < s1; s++) {
          if (mt.rank[s] >= maxDet) continue;
          const tm = mt.tp[s * A + a];
          const im = mt.ignored[s * A + a];
          if (tm === 0) {
            // The common cases first: a false positive, or ignored, at every threshold.
            if (im === ALL) ignAll++;
            else if (im !== 0) for (let t = 0; t < T; t++) ign[t] += (im >>> t) & 1;
          } else {
            for (let t = 0; t < T; t++) {
              if ((tm >>> t) & 1) {
                const e = t * largest + tp[t];
                tpPos[e] = nd;
                atPos[e] = s;
                tpFp[e] = nd - tp[t] - ign[t] - ignAll;
                tp[t]++;
              } else ign[t] += (im >>> t) & 1;
            }
          }
          nd++;
        }
        let first = -1;
        for (let s = s0; s < s1 && first < 0; s++) if (mt.rank[s] < maxDet) first = s;
        for (let t = 0; t < T; t++) {
          const ntp = tp[t];
          const off = t * largest;
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
            let at: number;
            if (r <= rc0) {
              at = first;
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
              at = atPos[off + lo];
              q = env[lo];
            }
            const idx = (((t * R + ri) * K + k) * A + a) * M + m;
            precision[idx] = q;
            scores[idx] = mt.score[at];
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
