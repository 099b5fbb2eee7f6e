import { FoveaError, check } from '@fovea/core';
import { numpySum } from '../numpy-sum.js';
import type { VocApMethod, VocVariant } from './types.js';

// MATLAB's `0:0.1:1` builds its first half as k * 0.1 and its second half as 1 - (10 - k) * 0.1
// (the colon operator is symmetric), so 0.6 and 0.7 are the decimal literals there; numpy's
// `np.arange(0, 1.1, 0.1)` computes k * 0.1 throughout, which gives 0.6000000000000001 and
// 0.7000000000000001. Only 0.3 (0.30000000000000004) is the same non-literal value in both.
const MATLAB_11 = Array.from({ length: 11 }, (_, k) => (k < 5 ? k * 0.1 : k === 5 ? 0.5 : 1 - (10 - k) * 0.1));
const NUMPY_11 = Array.from({ length: 11 }, (_, k) => k * 0.1);

/** The 11 recall thresholds of VOC2007's AP as `variant` computes them. */
export function elevenPointThresholds(variant: VocVariant = 'devkit'): readonly number[] {
  return variant === 'devkit' ? MATLAB_11 : NUMPY_11;
}

/**
 * Average precision from a precision/recall curve, as the PASCAL VOC devkit computes it.
 *
 * - `'area'` (VOC2010+, `VOCap.m`): pad recall with 0 and 1 and precision with 0 and 0, make
 *   precision monotone (each point the maximum of itself and everything after it), then sum
 *   `(r[i] - r[i-1]) * p[i]` over the points where recall changes. The sum is taken in numpy's
 *   pairwise order, so it equals `voc_ap(rec, prec, False)` of py-faster-rcnn to the last bit.
 * - `'11point'` (VOC2007): the mean over t in {0, 0.1, ..., 1} of the largest precision at a recall
 *   `>= t` (0 when there is none), accumulated as `ap += p / 11` in t order. See {@link VocVariant}
 *   for the two ways the thresholds are computed.
 *
 * @param recall Recall after each detection by decreasing score (non-decreasing, in [0, 1]).
 * @param precision Precision at the same points, same length.
 * @param method Default `'area'`.
 * @param variant Default `'devkit'`; only changes the 11-point thresholds.
 * @returns AP in [0, 1]; 0 for empty curves.
 * @throws FoveaError `E_INVALID_ARGUMENT` for arrays of different lengths, NaN values or an unknown method.
 */
export function vocAp(
  recall: ArrayLike<number>,
  precision: ArrayLike<number>,
  method: VocApMethod = 'area',
  variant: VocVariant = 'devkit',
): number {
  check(
    recall != null && precision != null && recall.length === precision.length,
    `vocAp: recall has ${recall?.length} values but precision has ${precision?.length}; pass one precision per recall.`,
  );
  for (let i = 0; i < recall.length; i++) {
    check(!Number.isNaN(recall[i]) && !Number.isNaN(precision[i]), `vocAp: recall[${i}] or precision[${i}] is NaN; pass finite values.`);
  }
  if (method === 'area') return areaAp(recall, precision);
  if (method === '11point') return elevenPointAp(recall, precision, elevenPointThresholds(variant));
  throw new FoveaError('E_INVALID_ARGUMENT', `vocAp: method must be '11point' or 'area', got '${String(method)}'.`);
}

function areaAp(recall: ArrayLike<number>, precision: ArrayLike<number>): number {
  const n = recall.length;
  const mrec = new Float64Array(n + 2);
  const mpre = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) {
    mrec[i + 1] = recall[i];
    mpre[i + 1] = precision[i];
  }
  mrec[n + 1] = 1;
  for (let i = n + 1; i > 0; i--) mpre[i - 1] = Math.max(mpre[i - 1], mpre[i]);
  const terms = new Float64Array(n + 1);
  let k = 0;
  for (let i = 0; i < n + 1; i++) {
    if (mrec[i + 1] !== mrec[i]) terms[k++] = (mrec[i + 1] - mrec[i]) * mpre[i + 1];
  }
  return numpySum(terms, k);
}

function elevenPointAp(recall: ArrayLike<number>, precision: ArrayLike<number>, thresholds: readonly number[]): number {
  let ap = 0;
  for (const t of thresholds) {
    let p = -Infinity;
    for (let i = 0; i < recall.length; i++) if (recall[i] >= t && precision[i] > p) p = precision[i];
    ap += (p === -Infinity ? 0 : p) / 11;
  }
  return ap;
}
