import { FoveaError, check } from '@fovea/core';
import type { CocoEvaluation } from '../coco/types.js';
import { numpySum } from '../numpy-sum.js';
import type { VocEvaluation } from '../voc/types.js';

/** One class's precision/recall curve: points in order of increasing recall (COCO) or decreasing score (VOC). */
export interface PrCurve {
  /** COCO `category_id`, or the VOC class id. */
  categoryId: number;
  recall: number[];
  precision: number[];
  /** The class's AP at the chosen threshold (the legend shows it). */
  ap: number;
}

/** Options of {@link prCurves}. */
export interface PrCurvesOptions {
  /**
   * COCO: an IoU threshold of the evaluation (default 0.5; 0.75 and the others of `params.iouThrs`
   * work too), or `'mean'` for the average over all thresholds (the curve behind AP@[.5:.95]).
   * VOC: omit it, or give the evaluation's own threshold.
   */
  iouThreshold?: number | 'mean';
  /** COCO only: the area range label; default `'all'`. */
  areaRange?: string;
  /** COCO only: the max-detections setting; default 100. */
  maxDets?: number;
}

function isCoco(e: CocoEvaluation | VocEvaluation): e is CocoEvaluation {
  return 'counts' in e && 'params' in e;
}

/**
 * Precision/recall curve data per class, ready to plot or export.
 *
 * - From {@link evaluateCoco}: the interpolated precision `precision[t, :, k, a, m]` against the
 *   recall thresholds (`params.recThrs`, 101 points), at area `'all'` and maxDets 100 by default
 *   (what the AP line of `summary()` averages); `'mean'` averages the curves over the IoU thresholds.
 *   Categories without ground truth (precision -1) are left out; `ap` is the mean precision, as
 *   `perCategory` computes it (bit-identical).
 * - From {@link vocEval}: each class's raw (not interpolated) curve, one point per detection by
 *   decreasing score; classes without positives are left out; `ap` is the class's AP.
 *
 * @returns One curve per category, in the evaluation's category order.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an IoU threshold, area range or maxDets the evaluation
 *   does not have (the message lists those it has).
 */
export function prCurves(evaluation: CocoEvaluation | VocEvaluation, options: PrCurvesOptions = {}): PrCurve[] {
  check(evaluation != null && typeof evaluation === 'object', `prCurves got ${evaluation}; pass the result of evaluateCoco or vocEval.`);
  if (isCoco(evaluation)) return cocoCurves(evaluation, options);
  check(Array.isArray(evaluation.perClass), 'prCurves: the evaluation is neither an evaluateCoco nor a vocEval result.');
  const { iouThreshold } = options;
  check(
    iouThreshold === undefined || iouThreshold === evaluation.iouThreshold,
    `prCurves: the VOC evaluation ran at IoU ${evaluation.iouThreshold}, not ${iouThreshold}; run vocEval with that iouThreshold.`,
  );
  return evaluation.perClass
    .filter((c) => c.nPositives > 0)
    .map((c) => ({ categoryId: c.classId, recall: Array.from(c.recall), precision: Array.from(c.precision), ap: c.ap }));
}

function cocoCurves(e: CocoEvaluation, options: PrCurvesOptions): PrCurve[] {
  const { iouThreshold = 0.5, areaRange = 'all', maxDets = 100 } = options;
  const [T, R, K, A, M] = e.counts;
  const { params } = e;
  let ts: number[];
  if (iouThreshold === 'mean') ts = Array.from({ length: T }, (_, t) => t);
  else {
    const t = Array.from(params.iouThrs).findIndex((v) => Math.abs(v - iouThreshold) < 1e-9);
    if (t < 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `prCurves: the evaluation has no IoU threshold ${iouThreshold}; use one of ${Array.from(params.iouThrs).join(', ')} or 'mean'.`);
    }
    ts = [t];
  }
  const a = params.areaRngLbl.indexOf(areaRange);
  check(a >= 0, `prCurves: no area range '${areaRange}'; use one of ${params.areaRngLbl.join(', ')}.`);
  const m = params.maxDets.indexOf(maxDets);
  check(m >= 0, `prCurves: no maxDets ${maxDets}; use one of ${params.maxDets.join(', ')}.`);
  const categoryIds = params.useCats ? params.catIds : [-1];
  const curves: PrCurve[] = [];
  for (let k = 0; k < K; k++) {
    // Values in numpy's C order (t outer, r inner), so `ap` is the per-category stat to the last bit.
    const values = new Float64Array(ts.length * R);
    ts.forEach((t, i) => {
      for (let r = 0; r < R; r++) values[i * R + r] = e.precision[(((t * R + r) * K + k) * A + a) * M + m];
    });
    if (values.some((p) => p < 0)) continue;
    const precision = Array.from({ length: R }, (_, r) => {
      let sum = 0;
      for (let i = 0; i < ts.length; i++) sum += values[i * R + r];
      return sum / ts.length;
    });
    curves.push({ categoryId: categoryIds[k], recall: Array.from(params.recThrs), precision, ap: numpySum(values) / values.length });
  }
  return curves;
}
