import { check } from '../errors.js';
import { polygonRuns } from './polygon.js';
import { encodeCounts } from './counts.js';
import { type Rle, type RleInput, type Runs, checkSize, readRle } from './rle.js';

/** {@link rleToBbox} on checked runs (shared with {@link rleIou}). */
export function runsToBbox({ h, w, counts }: Runs): [x: number, y: number, w: number, h: number] {
  // Only whole background/foreground pairs count, as in pycocotools; an image with no pixels
  // has no box (pycocotools would divide by zero there).
  const m = counts.length - (counts.length % 2);
  if (m === 0 || h * w === 0) return [0, 0, 0, 0];
  let xs = w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let xStart = 0;
  let cc = 0;
  for (let j = 0; j < m; j++) {
    cc += counts[j];
    // First pixel of a foreground run (j even), last pixel of it (j odd); `>>> 0` keeps
    // pycocotools' unsigned wrap-around for an empty leading pair.
    const t = (cc - (j % 2)) >>> 0;
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xStart = x;
    else if (xStart < x) {
      // The run wraps into a later column, so it covers the full height somewhere.
      ys = 0;
      ye = h - 1;
    }
    xs = Math.min(xs, x);
    xe = Math.max(xe, x);
    ys = Math.min(ys, y);
    ye = Math.max(ye, y);
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

/**
 * Tight bounding box of an RLE's foreground, `[x, y, width, height]` in pixels (COCO `bbox`
 * layout, integer-valued), as `pycocotools.mask.toBbox`: `[0, 0, 0, 0]` for an empty mask.
 *
 * @throws FoveaError `E_INVALID_RLE` for a malformed RLE.
 */
export function rleToBbox(rle: RleInput): [x: number, y: number, w: number, h: number] {
  return runsToBbox(readRle(rle));
}

/**
 * Rasterises a box `[x, y, width, height]` (pixels, may be fractional or reach outside the image)
 * into an RLE of an h x w image, as `pycocotools.mask.frPyObjects([bbox], h, w)`: the box is
 * drawn as the polygon through its four corners with {@link rleFromPolygon}'s rules.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` if `bbox` is not four finite numbers or h, w are not
 *   non-negative integers.
 */
export function rleFromBbox(bbox: ArrayLike<number>, h: number, w: number): Rle {
  check(bbox != null && bbox.length === 4, `bbox has ${bbox?.length} values; expected [x, y, width, height].`);
  for (let i = 0; i < 4; i++) check(Number.isFinite(bbox[i]), `bbox[${i}] is ${bbox[i]}; box values must be finite.`);
  checkSize(h, w, 'image size');
  const [xs, ys] = [bbox[0], bbox[1]];
  const xe = xs + bbox[2];
  const ye = ys + bbox[3];
  return { size: [h, w], counts: encodeCounts(polygonRuns([xs, ys, xs, ye, xe, ye, xe, ys], h, w)) };
}
