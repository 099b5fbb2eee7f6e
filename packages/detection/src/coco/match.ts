import { descendingRanks, iota, sortByKey } from './order.js';
import type { AnnTable } from './tables.js';
import type { CocoEvalParams } from './types.js';

/** Per detection, area range and IoU threshold: a false positive, a true positive, or ignored. */
export const FP = 0;
export const TP = 1;
export const IGNORED = 2;

/**
 * Fills `out[d * G + g]` with the IoU of detection `dRows[d0 + d]` and ground truth `gRows[g0 + g]`
 * (rows of the tables), COCO's crowd rule included.
 */
export type GroupIou = (dRows: Int32Array, d0: number, D: number, gRows: Int32Array, g0: number, G: number, out: Float64Array) => void;

/** What `COCOeval.evaluate()` leaves for `accumulate()`, flattened. */
export interface Matches {
  /** Detection rows kept (the top `maxDets[-1]` per image and category), in (image, category, score) order. */
  rows: Int32Array;
  /** Position of each kept detection within its image-category group (0 = best score). */
  rank: Int32Array;
  /** `state[(i * A + a) * T + t]` for kept detection i: {@link FP}, {@link TP} or {@link IGNORED}. */
  state: Uint8Array;
  /** Non-ignored ground truths per (category, area range), `npig[k * A + a]`. */
  npig: Float64Array;
  /** Categories (K; 1 when `useCats` is false). */
  K: number;
}

/** Detection rows in (image, group category, score desc, tie order) order, as COCOeval's per-image sort. */
function detectionOrder(dt: AnnTable, p: CocoEvalParams, I: number, K: number): Int32Array {
  const img = dt.img.subarray(0, dt.n);
  const cat = dt.cat.subarray(0, dt.n);
  const { rank, levels } = descendingRanks(dt.score.subarray(0, dt.n));
  let seq = iota(dt.n);
  if (p.useCats) {
    // Ties keep file order within an (image, category) group.
    seq = sortByKey(seq, rank, levels);
    seq = sortByKey(seq, cat, K);
  } else {
    // One group per image, concatenated per category in catIds order, then sorted by score.
    seq = sortByKey(seq, cat, K);
    seq = sortByKey(seq, rank, levels);
  }
  return sortByKey(seq, img, I);
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
  const maxDet = p.maxDets[p.maxDets.length - 1];
  const gSeq = sortByKey(sortByKey(iota(gt.n), gt.cat.subarray(0, gt.n), Kc), gt.img.subarray(0, gt.n), I);
  const dSeq = detectionOrder(dt, p, I, Kc);
  const gKey = (row: number): number => gt.img[row] * K + (p.useCats ? gt.cat[row] : 0);
  const dKey = (row: number): number => dt.img[row] * K + (p.useCats ? dt.cat[row] : 0);

  // Keep the top maxDet detections of each group.
  const rows = new Int32Array(dSeq.length);
  const rank = new Int32Array(dSeq.length);
  let n = 0;
  for (let i = 0, prev = -1, r = 0; i < dSeq.length; i++) {
    const key = dKey(dSeq[i]);
    r = key === prev ? r + 1 : 0;
    prev = key;
    if (r < maxDet) {
      rows[n] = dSeq[i];
      rank[n++] = r;
    }
  }

  const state = new Uint8Array(n * A * T);
  const npig = new Float64Array(K * A);
  const thr = p.iouThrs.map((t) => Math.min(t, 1 - 1e-10));
  let ious = new Float64Array(256);
  let perm = new Int32Array(64);
  let igS = new Uint8Array(64);
  let blocked = new Uint8Array(64);
  let gi = 0;
  let di = 0;
  while (gi < gSeq.length || di < n) {
    const gk = gi < gSeq.length ? gKey(gSeq[gi]) : Infinity;
    const dk = di < n ? dKey(rows[di]) : Infinity;
    const key = Math.min(gk, dk);
    const g0 = gi;
    const d0 = di;
    while (gi < gSeq.length && gKey(gSeq[gi]) === key) gi++;
    while (di < n && dKey(rows[di]) === key) di++;
    const G = gi - g0;
    const D = di - d0;
    const k = key % K;
    if (G > 0 && D > 0) {
      if (ious.length < D * G) ious = new Float64Array(2 * D * G);
      iou(rows, d0, D, gSeq, g0, G, ious);
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
      for (let t = 0; t < T; t++) {
        blocked.fill(0, 0, G);
        const th = thr[t];
        for (let d = 0; d < D; d++) {
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
          const darea = dt.area[drow];
          const outside = darea < lo || darea > hi;
          let s: number;
          if (mi === -1) s = outside ? IGNORED : FP;
          else {
            // COCOeval stores the matched ids; a ground-truth id of 0 reads as "no match" afterwards,
            // and a detection id <= 0 does not mark its ground truth as taken.
            const matched = gt.id[gSeq[g0 + perm[mi]]] !== 0;
            s = igS[mi] === 1 || (!matched && outside) ? IGNORED : matched ? TP : FP;
            blocked[mi] = dt.id[drow] > 0 ? 1 : 0;
          }
          state[((d0 + d) * A + a) * T + t] = s;
        }
      }
    }
  }
  return { rows: rows.subarray(0, n), rank: rank.subarray(0, n), state, npig, K };
}
