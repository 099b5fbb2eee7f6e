import { numpySum } from '../numpy-sum.js';
import type { Accumulated } from './accumulate.js';
import type { CocoEvalParams } from './types.js';

/** `np.mean` of the first `n` values of `a` (a contiguous float64 array), to the last bit. */
export function numpyMean(a: Float64Array, n = a.length): number {
  return numpySum(a, n) / n;
}

/** Python's `'{:0.Nf}'.format(x)`: correctly rounded, exact ties to even (JS `toFixed` rounds them up). */
export function pyFixed(x: number, digits: number): string {
  const out = x.toFixed(digits);
  const exact = Math.abs(x).toFixed(digits + 40);
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + digits);
  if (!/^50*$/.test(tail)) return out;
  const last = exact.charCodeAt(dot + digits - (digits === 0 ? 1 : 0)) - 48;
  if (last % 2 === 1) return out;
  const truncated = exact.slice(0, digits === 0 ? dot : dot + 1 + digits);
  return x < 0 ? `-${truncated}` : truncated;
}

interface Query {
  ap: boolean;
  iouThr?: number;
  areaRng: string;
  maxDets: number | undefined;
}

const QUERIES = (maxDets: number[]): Query[] => [
  { ap: true, areaRng: 'all', maxDets: maxDets[2] },
  { ap: true, iouThr: 0.5, areaRng: 'all', maxDets: maxDets[2] },
  { ap: true, iouThr: 0.75, areaRng: 'all', maxDets: maxDets[2] },
  { ap: true, areaRng: 'small', maxDets: maxDets[2] },
  { ap: true, areaRng: 'medium', maxDets: maxDets[2] },
  { ap: true, areaRng: 'large', maxDets: maxDets[2] },
  { ap: false, areaRng: 'all', maxDets: maxDets[0] },
  { ap: false, areaRng: 'all', maxDets: maxDets[1] },
  { ap: false, areaRng: 'all', maxDets: maxDets[2] },
  { ap: false, areaRng: 'small', maxDets: maxDets[2] },
  { ap: false, areaRng: 'medium', maxDets: maxDets[2] },
  { ap: false, areaRng: 'large', maxDets: maxDets[2] },
];

/**
 * One line of `COCOeval.summarize()`: the mean of the entries > -1 of precision (AP) or recall (AR)
 * at the given IoU threshold (all when omitted), area label and max detections, over every category
 * or only category `k`; -1 when there are none.
 */
function summarizeOne(acc: Accumulated, p: CocoEvalParams, K: number, q: Query, buf: Float64Array, k?: number): number {
  const T = p.iouThrs.length;
  const R = p.recThrs.length;
  const A = p.areaRng.length;
  const M = p.maxDets.length;
  const a = p.areaRngLbl.indexOf(q.areaRng);
  const m = q.maxDets === undefined ? -1 : p.maxDets.indexOf(q.maxDets);
  if (a < 0 || m < 0) return -1;
  const k0 = k ?? 0;
  const k1 = k === undefined ? K : k + 1;
  let n = 0;
  for (let t = 0; t < T; t++) {
    if (q.iouThr !== undefined && p.iouThrs[t] !== q.iouThr) continue;
    if (q.ap) {
      for (let r = 0; r < R; r++) {
        for (let kk = k0; kk < k1; kk++) {
          const v = acc.precision[(((t * R + r) * K + kk) * A + a) * M + m];
          if (v > -1) buf[n++] = v;
        }
      }
    } else {
      for (let kk = k0; kk < k1; kk++) {
        const v = acc.recall[((t * K + kk) * A + a) * M + m];
        if (v > -1) buf[n++] = v;
      }
    }
  }
  return n === 0 ? -1 : numpyMean(buf, n);
}

/** The 12 numbers of `COCOeval.stats` (over all categories, or only category index `k`). */
export function computeStats(acc: Accumulated, p: CocoEvalParams, K: number, k?: number): number[] {
  const buf = new Float64Array(acc.precision.length);
  return QUERIES(p.maxDets).map((q) => summarizeOne(acc, p, K, q, buf, k));
}

/** The 12 lines `COCOeval.summarize()` prints, for `stats` computed with these parameters. */
export function summaryText(stats: readonly number[], p: CocoEvalParams): string {
  const queries = QUERIES(p.maxDets);
  const T = p.iouThrs.length;
  return queries
    .map((q, i) => {
      const title = (q.ap ? 'Average Precision' : 'Average Recall').padEnd(18);
      const iou = q.iouThr === undefined ? `${pyFixed(p.iouThrs[0], 2)}:${pyFixed(p.iouThrs[T - 1], 2)}` : pyFixed(q.iouThr, 2);
      const maxDets = String(q.maxDets ?? '').padStart(3);
      return ` ${title} ${q.ap ? '(AP)' : '(AR)'} @[ IoU=${iou.padEnd(9)} | area=${q.areaRng.padStart(6)} | maxDets=${maxDets} ] = ${pyFixed(stats[i], 3)}`;
    })
    .join('\n');
}
