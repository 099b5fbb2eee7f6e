import type { RleInput } from '@fovea/core';
import { accumulate } from './accumulate.js';
import { boxGroupIou, maskGroupIou } from './iou.js';
import { annToRle } from './masks.js';
import { matchAll } from './match.js';
import { resolveParams } from './params.js';
import { computeStats, summaryText } from './summarize.js';
import { type AnnTable, datasetDtTable, gtTable, lookups, resultsTable } from './tables.js';
import type { CocoAnnotation, CocoDataset, CocoEvalOptions, CocoEvaluation, CocoImage, CocoResultLike } from './types.js';
import { validateCocoDataset, validateCocoResults } from './validate.js';

function lazyRles(table: AnnTable, get: (src: number) => RleInput): (row: number) => RleInput {
  const cache = new Array<RleInput | undefined>(table.n);
  return (row) => (cache[row] ??= get(table.src[row]));
}

/**
 * COCO detection metrics with `pycocotools.cocoeval.COCOeval` semantics (evaluate, accumulate,
 * summarize): the 12 `stats` and the precision/recall arrays are bit-identical to pycocotools'
 * (checked against fixtures from pycocotools built from source).
 *
 * Semantics kept: numpy linspace thresholds; the area range from each annotation's `area` field,
 * bounds inclusive; `iscrowd` ground truths are ignored (overriding `ignore`), absorb any number of
 * detections and use intersection / detection area; greedy matching in score order, ties in score
 * keep file order (numpy's stable sort), among equal IoUs the last ground truth wins, non-ignored
 * ground truths are preferred; `maxDets` per image and category; precision `tp / (tp + fp + eps)`
 * made non-increasing and read at the recall thresholds; -1 where nothing is defined.
 *
 * Departures (all where pycocotools crashes or silently misbehaves): an empty results list gives
 * precision/recall 0 where there is ground truth (stats 0) and -1 elsewhere; results whose image or
 * category is not in `gt` throw rather than being asserted or dropped; masks must have their image's
 * size.
 *
 * @param gt A COCO dataset (see {@link loadCocoJson}); `area` is required on the evaluated annotations.
 * @param dt A results list (`COCO.loadRes` semantics: ids 1..N, area from the box or the mask) or a
 *   dataset whose annotations carry `score` (`COCO(file)` semantics: ids and areas as stored).
 * @param options `iouType` and COCOeval's `Params` (defaults: IoU .50:.05:.95, 101 recall points,
 *   maxDets [1, 10, 100], areas all/small/medium/large).
 * @returns stats (12 numbers), flat precision `[T, R, K, A, M]`, recall `[T, K, A, M]`, scores,
 *   per-category stats and `summary()`.
 * @throws FoveaError `E_COCO_FORMAT` naming the JSON path of a bad or missing value;
 *   `E_INVALID_ARGUMENT` for bad options.
 */
export function evaluateCoco(
  gt: CocoDataset,
  dt: readonly CocoResultLike[] | CocoDataset,
  options: CocoEvalOptions,
): CocoEvaluation {
  validateCocoDataset(gt, 'gt');
  const isResults = Array.isArray(dt);
  if (isResults) validateCocoResults(dt, 'dt');
  else validateCocoDataset(dt, 'dt');
  const p = resolveParams(gt, options);
  const ids = lookups(gt, p);
  const gtT = gtTable(gt, p, ids, 'gt');
  const dtT = isResults ? resultsTable(dt, p, ids, 'dt', 'gt') : datasetDtTable(dt as CocoDataset, p, ids, 'dt', 'gt');

  let iou = boxGroupIou(gtT, dtT);
  if (p.iouType === 'segm') {
    const images = new Map<number, CocoImage>(gt.images.map((im) => [im.id, im]));
    const gtRle = lazyRles(gtT, (i) => {
      const a = gt.annotations[i];
      return annToRle(a.segmentation, undefined, images.get(a.image_id), `gt.annotations[${i}].segmentation`);
    });
    const dtRle = lazyRles(dtT, (i) => {
      const a: CocoResultLike | CocoAnnotation = isResults ? (dt as readonly CocoResultLike[])[i] : (dt as CocoDataset).annotations[i];
      const path = isResults ? `dt[${i}].segmentation` : `dt.annotations[${i}].segmentation`;
      // A dataset's annotation needs its own mask; a box result becomes its box polygon (loadRes).
      return annToRle(a.segmentation, isResults ? a.bbox : undefined, images.get(a.image_id), path);
    });
    iou = maskGroupIou(gtT, gtRle, dtRle);
  }

  const matches = matchAll(gtT, dtT, p, iou);
  const acc = accumulate(matches, p);
  const K = matches.K;
  const stats = computeStats(acc, p, K);
  const perCategory = Array.from({ length: K }, (_, k) => ({
    categoryId: p.useCats ? p.catIds[k] : -1,
    stats: computeStats(acc, p, K, k),
  }));
  return {
    stats,
    counts: [p.iouThrs.length, p.recThrs.length, K, p.areaRng.length, p.maxDets.length],
    precision: acc.precision,
    recall: acc.recall,
    scores: acc.scores,
    perCategory,
    params: p,
    summary: () => summaryText(stats, p),
  };
}
