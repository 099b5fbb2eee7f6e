import { check } from '@fovea/core';
import { MAX_IOU_THRESHOLDS } from './match.js';
import type { CocoDataset, CocoEvalOptions, CocoEvalParams } from './types.js';

/**
 * `np.linspace(start, stop, num)` to the last bit: `i * step + start` with `step = (stop - start) /
 * (num - 1)`, and the last value set to `stop`. (COCO's thresholds are these doubles, not the decimal
 * literals: 0.95 - 0.5 is not 0.45 in binary.)
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const step = (stop - start) / (num - 1);
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (num > 1) out[num - 1] = stop;
  return out;
}

/** COCOeval's default IoU thresholds, `.5:.05:.95` as numpy's linspace. */
export const COCO_IOU_THRS: Float64Array = linspace(0.5, 0.95, 10);
/** COCOeval's default recall thresholds, `0:.01:1` as numpy's linspace. */
export const COCO_REC_THRS: Float64Array = linspace(0, 1, 101);
const AREA_RNG: [number, number][] = [
  [0, 1e10],
  [0, 32 ** 2],
  [32 ** 2, 96 ** 2],
  [96 ** 2, 1e10],
];
const AREA_LBL = ['all', 'small', 'medium', 'large'];

function sortedUnique(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

function thresholds(v: ArrayLike<number>, name: string): Float64Array {
  const out = Float64Array.from(v);
  check(out.length > 0 && out.every(Number.isFinite), `${name} must be a non-empty list of finite numbers.`);
  check(new Set(out).size === out.length, `${name} has a repeated value; give each threshold once.`);
  return out;
}

/** Fills in COCOeval's defaults and normalises ids the way `COCOeval.evaluate()` does. */
export function resolveParams(gt: CocoDataset, o: CocoEvalOptions): CocoEvalParams {
  check(o != null && (o.iouType === 'bbox' || o.iouType === 'segm'), `iouType is ${o?.iouType}; expected 'bbox' or 'segm'.`);
  const iouThrs = o.iouThrs === undefined ? COCO_IOU_THRS.slice() : thresholds(o.iouThrs, 'iouThrs');
  check(iouThrs.length <= MAX_IOU_THRESHOLDS, `iouThrs has ${iouThrs.length} values; at most ${MAX_IOU_THRESHOLDS} are supported.`);
  const recThrs = o.recThrs === undefined ? COCO_REC_THRS.slice() : thresholds(o.recThrs, 'recThrs');
  const maxDets = [...(o.maxDets ?? [1, 10, 100])].sort((a, b) => a - b);
  check(
    maxDets.length > 0 && maxDets.every((m) => Number.isInteger(m) && m >= 0) && new Set(maxDets).size === maxDets.length,
    `maxDets is ${JSON.stringify(o.maxDets)}; expected distinct non-negative integers such as [1, 10, 100].`,
  );
  const areaRng = (o.areaRng ?? AREA_RNG).map((r) => [r[0], r[1]] as [number, number]);
  check(areaRng.length > 0 && areaRng.every((r) => !Number.isNaN(r[0]) && !Number.isNaN(r[1])), 'areaRng must be a non-empty list of [min, max] pairs.');
  const areaRngLbl = [...(o.areaRngLbl ?? (o.areaRng === undefined ? AREA_LBL : areaRng.map((_, i) => `range${i}`)))];
  check(areaRngLbl.length === areaRng.length, `areaRngLbl has ${areaRngLbl.length} labels for ${areaRng.length} areaRng entries; give one label per range.`);
  check(new Set(areaRngLbl).size === areaRngLbl.length, 'areaRngLbl has a repeated label; give each range its own label.');
  const useCats = o.useCats ?? true;
  const imgIds = sortedUnique(o.imgIds ?? gt.images.map((im) => im.id));
  const catsGiven = o.catIds ?? sortedUnique(gt.categories.map((c) => c.id));
  check(catsGiven.every(Number.isSafeInteger), 'catIds must be integer category ids.');
  check(imgIds.every(Number.isSafeInteger), 'imgIds must be integer image ids.');
  // Without categories COCOeval keeps the caller's catIds order (it concatenates per category in it).
  check(useCats || new Set(catsGiven).size === catsGiven.length, 'catIds has a repeated id; give each category once.');
  const catIds = useCats ? sortedUnique(catsGiven) : [...catsGiven];
  return { iouType: o.iouType, iouThrs, recThrs, maxDets, areaRng, areaRngLbl, useCats, imgIds, catIds };
}
