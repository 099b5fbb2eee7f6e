import { check } from '../errors.js';
import { runsArea } from './area.js';
import { runsToBbox } from './bbox.js';
import { type RleInput, type Runs, readRle } from './rle.js';
import { walkRuns } from './walk.js';

/** Whether two `[x, y, w, h]` boxes share area: when pycocotools' `bbIou` is above 0, crowd or not. */
function boxesOverlap(d: readonly number[], g: readonly number[]): boolean {
  const iw = Math.min(d[0] + d[2], g[0] + g[2]) - Math.max(d[0], g[0]);
  const ih = Math.min(d[1] + d[3], g[1] + g[3]) - Math.max(d[1], g[1]);
  return iw > 0 && ih > 0;
}

/**
 * Pairwise mask IoU between detections and ground truths, as `pycocotools.mask.iou(dt, gt,
 * iscrowd)` (the matrix COCOeval's `segm` evaluation matches on):
 * - normally intersection / union of the foreground pixels;
 * - when `isCrowd[g]` is true, intersection / area of the detection (a detection inside a
 *   crowd region scores 1);
 * - 0 whenever the two masks do not overlap, including when either is empty.
 *
 * Porting note: pycocotools returns the matrix D x G in Fortran order and -1 for a pair of
 * different image sizes whose boxes overlap; this returns it row-major and throws on any size
 * mismatch.
 *
 * @param dt D detection RLEs (either form).
 * @param gt G ground-truth RLEs, all of the detections' size.
 * @param isCrowd G flags (`iscrowd` of each ground truth); all false when omitted.
 * @returns `Float64Array` of length D * G, row-major: `iou[d * G + g]`. Empty when D or G is 0.
 * @throws FoveaError `E_INVALID_ARGUMENT` if `isCrowd.length !== G` or sizes differ;
 *   `E_INVALID_RLE` for a malformed RLE.
 */
export function rleIou(
  dt: readonly RleInput[],
  gt: readonly RleInput[],
  isCrowd: ArrayLike<boolean | number> = new Array<boolean>(gt.length).fill(false),
): Float64Array {
  check(Array.isArray(dt) && Array.isArray(gt), 'dt and gt must be arrays of RLEs.');
  check(
    isCrowd != null && isCrowd.length === gt.length,
    `isCrowd has ${isCrowd?.length} flags but gt has ${gt.length} masks; pass one flag per ground truth.`,
  );
  const dRuns = dt.map((r, i) => readRle(r, `dt[${i}]`));
  const gRuns = gt.map((r, i) => readRle(r, `gt[${i}]`));
  const ref = dRuns[0] ?? gRuns[0];
  const refName = dt.length > 0 ? 'dt[0]' : 'gt[0]';
  const sameSize = (r: Runs, name: string): void =>
    check(
      r.h === ref.h && r.w === ref.w,
      `${name}.size is [${r.h}, ${r.w}] but ${refName}.size is [${ref.h}, ${ref.w}]; compare masks of one image size.`,
    );
  dRuns.forEach((r, i) => sameSize(r, `dt[${i}]`));
  gRuns.forEach((r, i) => sameSize(r, `gt[${i}]`));
  const dBoxes = dRuns.map(runsToBbox);
  const gBoxes = gRuns.map(runsToBbox);
  const G = gt.length;
  const out = new Float64Array(dt.length * G);
  for (let d = 0; d < dt.length; d++) {
    let dArea = -1;
    for (let g = 0; g < G; g++) {
      // Masks whose boxes do not overlap cannot overlap; pycocotools skips them the same way.
      if (!boxesOverlap(dBoxes[d], gBoxes[g])) continue;
      let inter = 0;
      let union = 0;
      walkRuns(dRuns[d].counts, gRuns[g].counts, (n, a, b) => {
        if (a | b) union += n;
        if (a & b) inter += n;
      });
      if (inter === 0) continue;
      if (isCrowd[g]) {
        if (dArea < 0) dArea = runsArea(dRuns[d]);
        union = dArea;
      }
      out[d * G + g] = inter / union;
    }
  }
  return out;
}
