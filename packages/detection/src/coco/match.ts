import { descendingRanks, iota, sortByKey } from './order.js';
import type { AnnTable } from './tables.js';
import type { CocoEvalParams } from './types.js';


/**
 * Fills `out[d * G + g]` with the IoU of detection `dRows[d0 + d]` and ground truth `gRows[g0 + g]`
 * (rows of the tables), COCO's crowd rule included.
 */
export type GroupIou = (dRows: Int32Array, d0: number, D: number, gRows: Int32Array, g0: number, G: number, out: Float64Array) => void;

/** At most this many IoU thresholds: per detection and area range, thresholds are bits of a 32-bit mask. */
export const MAX_IOU_THRESHOLDS = 32;

/**
 * What `COCOeval.evaluate()` leaves for `accumulate()`, flattened. Kept detections (the top
 * `maxDets[-1]` of each image and category) are stored in accumulation order: by category, then by
 * score (ties: image order, then rank within the image, as numpy's stable sort of the concatenation).
 */
export interface Matches {
  /** Categories (K; 1 when `useCats` is false). */
  K: number;
  /** Kept detections of category k are positions `catStart[k]` to `catStart[k + 1] - 1`. */
  catStart: Int32Array;
  /** Rank of each kept detection within its image-category group (0 = best score). */
  rank: Int32Array;
  score: Float64Array;
  /** Bit t of `tp[pos * A + a]`: a true positive at IoU threshold t in area range a. */
  tp: Uint32Array;
  /** Bit t of `ignored[pos * A + a]`: ignored (neither true nor false positive). Otherwise a false positive. */
  ignored: Uint32Array;
  /** Non-ignored ground truths per (category, area range), `npig[k * A + a]`. */
  npig: Float64Array;
}

/** Detection rows in (image, group category, score desc, tie order) order, as COCOeval's per-image sort. */
function detectionOrder(dt: AnnTable, p: CocoEvalParams, I: number, K: number, byScore: Int32Array, rank: Int32Array, levels: number): Int32Array {
  let seq: Int32Array;
  if (p.useCats) {
    // Ties keep file order within an (image, category) group.
    seq = sortByKey(byScore, dt.cat, K);
  } else {
    // One group per image, concatenated per category in catIds order, then sorted by score.
    seq = sortByKey(iota(dt.n), dt.cat, K);
    seq = sortByKey(seq, rank, levels);
  }
  return sortByKey(seq, dt.img, I);
}

/**
 * Greedy matching of `COCOeval.evaluateImg` for every image, category and area range at once.
 *
 * Per IoU threshold t, detections in score order take the unmatched ground truth of highest IoU >= t
 * (`min(t, 1 - 1e-10)`); among equal IoUs the later ground truth wins; ground truths are visited
 * non-ignored first and a detection matched to a non-ignored one stops at the first ignored one;
 * crowd ground truths take any number of detections. A detection matched to an ignored ground truth,
 * or unmatched and outside the area range, is ignored.
 */
export function matchAll(gt: AnnTable, dt: AnnTable, p: CocoEvalParams, iou: GroupIou): Matches {
  const I = p.imgIds.length;
  const Kc = p.catIds.length;
  const K = p.useCats ? Kc : 1;
  const T = p.iouThrs.length;
  const A = p.areaRng.length;
  const ALL = 2 ** T - 1;
  const maxDet = p.maxDets[p.maxDets.length - 1];
  const gSeq = sortByKey(sortByKey(iota(gt.n), gt.cat, Kc), gt.img, I);
  const { order: byScore, rank: scoreRank, levels } = descendingRanks(dt.score.subarray(0, dt.n));
  const dSeq = detectionOrder(dt, p, I, Kc, byScore, scoreRank, levels);
  const groupCat = p.useCats ? 1 : 0;
  const gKey = new Float64Array(gt.n);
  for (let i = 0; i < gt.n; i++) gKey[i] = gt.img[i] * K + groupCat * gt.cat[i];
  const dKey = new Float64Array(dt.n);
  for (let i = 0; i < dt.n; i++) dKey[i] = dt.img[i] * K + groupCat * dt.cat[i];

  // Keep the top maxDet detections of each group.
  const rows = new Int32Array(dSeq.length);
  const groupRank = new Int32Array(dSeq.length);
  let n = 0;
  for (let i = 0, prev = -1, r = 0; i < dSeq.length; i++) {
    const key = dKey[dSeq[i]];
    r = key === prev ? r + 1 : 0;
    prev = key;
    if (r < maxDet) {
      rows[n] = dSeq[i];
      groupRank[n++] = r;
    }
  }

  // Accumulation order: one stable sort by score of the (image, rank)-ordered kept detections, then
  // one by category.
  const keptRank = new Int32Array(n);
  const keptCat = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    keptRank[i] = scoreRank[rows[i]];
    keptCat[i] = groupCat * dt.cat[rows[i]];
  }
  const order = sortByKey(sortByKey(iota(n), keptRank, levels), keptCat, K);
  const pos = new Int32Array(n);
  const rank = new Int32Array(n);
  const score = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    const i = order[s];
    pos[i] = s;
    rank[s] = groupRank[i];
    score[s] = dt.score[rows[i]];
  }
  const catStart = new Int32Array(K + 1);
  for (let i = 0; i < n; i++) catStart[keptCat[i] + 1]++;
  for (let k = 0; k < K; k++) catStart[k + 1] += catStart[k];

  const tpMask = new Uint32Array(n * A);
  const ignMask = new Uint32Array(n * A);
  const npig = new Float64Array(K * A);
  const thr = p.iouThrs.map((t) => Math.min(t, 1 - 1e-10));
  let ious = new Float64Array(256);
  let perm = new Int32Array(64);
  let igS = new Uint8Array(64);
  let blocked = new Uint8Array(64);
  let dMax = new Float64Array(64);
  let gi = 0;
  let di = 0;
  while (gi < gSeq.length || di < n) {
    const gk = gi < gSeq.length ? gKey[gSeq[gi]] : Infinity;
    const dk = di < n ? dKey[rows[di]] : Infinity;
    const key = Math.min(gk, dk);
    const g0 = gi;
    const d0 = di;
    while (gi < gSeq.length && gKey[gSeq[gi]] === key) gi++;
    while (di < n && dKey[rows[di]] === key) di++;
    const G = gi - g0;
    const D = di - d0;
    const k = key % K;
    if (G > 0 && D > 0) {
      if (ious.length < D * G) ious = new Float64Array(2 * D * G);
      if (dMax.length < D) dMax = new Float64Array(2 * D);
      iou(rows, d0, D, gSeq, g0, G, ious);
      // A detection whose best IoU is below a threshold matches nothing there and blocks nothing.
      for (let d = 0; d < D; d++) {
        let best = 0;
        for (let g = 0; g < G; g++) if (ious[d * G + g] > best) best = ious[d * G + g];
        dMax[d] = best;
      }
    }
    if (perm.length < G) {
      perm = new Int32Array(2 * G);
      igS = new Uint8Array(2 * G);
      blocked = new Uint8Array(2 * G);
    }
    for (let a = 0; a < A; a++) {
      const lo = p.areaRng[a][0];
      const hi = p.areaRng[a][1];
      // Ground truths ignore-last, stably.
      let m = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let g = 0; g < G; g++) {
          const row = gSeq[g0 + g];
          const area = gt.area[row];
          const ig = gt.crowd[row] === 1 || area < lo || area > hi ? 1 : 0;
          if (ig === pass) {
            perm[m] = g;
            igS[m++] = ig;
          }
        }
        if (pass === 0) npig[k * A + a] += m;
      }
      if (G === 0) {
        // Nothing to match: every detection is a false positive, or ignored outside the range.
        for (let d = 0; d < D; d++) {
          const darea = dt.area[rows[d0 + d]];
          ignMask[pos[d0 + d] * A + a] = darea < lo || darea > hi ? ALL : 0;
        }
        continue;
      }
      for (let d = 0; d < D; d++) {
        const darea = dt.area[rows[d0 + d]];
        const slot = pos[d0 + d] * A + a;
        if (darea < lo || darea > hi) ignMask[slot] = ALL; // unmatched ones; matched ones fixed below
      }
      for (let t = 0; t < T; t++) {
        for (let j = 0; j < G; j++) blocked[j] = 0;
        const th = thr[t];
        const bit = 2 ** t;
        for (let d = 0; d < D; d++) {
          if (dMax[d] < th) continue;
          const drow = rows[d0 + d];
          let best = th;
          let mi = -1;
          for (let j = 0; j < G; j++) {
            if (blocked[j] === 1 && gt.crowd[gSeq[g0 + perm[j]]] === 0) continue;
            if (mi > -1 && igS[mi] === 0 && igS[j] === 1) break;
            const v = ious[d * G + perm[j]];
            if (v < best) continue;
            best = v;
            mi = j;
          }
          if (mi === -1) continue;
          // COCOeval stores the matched ids; a ground-truth id of 0 reads as "no match" afterwards,
          // and a detection id <= 0 does not mark its ground truth as taken.
          const matched = gt.id[gSeq[g0 + perm[mi]]] !== 0;
          blocked[mi] = dt.id[drow] > 0 ? 1 : 0;
          const slot = pos[d0 + d] * A + a;
          if (igS[mi] === 1) ignMask[slot] = (ignMask[slot] | bit) >>> 0;
          else if (matched) {
            tpMask[slot] = (tpMask[slot] | bit) >>> 0;
            ignMask[slot] = (ignMask[slot] & ~bit) >>> 0;
          }
        }
      }
    }
  }
  return { K, catStart, rank, score, tp: tpMask, ignored: ignMask, npig };
}
