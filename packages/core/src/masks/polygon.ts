import { check } from '../errors.js';
import { encodeCounts } from './counts.js';
import { type Rle, checkSize } from './rle.js';

// pycocotools draws polygons on a grid 5x finer than the image, then keeps, for each pixel
// column, where the outline crosses the column's centre line; each crossing toggles the mask
// on or off from that pixel down (in column-major order).
const SCALE = 5;
const INT_MAX = 2 ** 31 - 1;

/** C's `(int)` conversion of a double: truncation toward zero. */
const toInt = Math.trunc;

/**
 * Run lengths of the polygon `xy` (x0, y0, x1, y1, ...) on an h x w image, following
 * pycocotools' C `rleFrPoly` step for step (shared with {@link rleFromBbox}).
 */
export function polygonRuns(xy: ArrayLike<number>, h: number, w: number): number[] {
  if (h === 0 || w === 0) return [0];
  const k = Math.floor(xy.length / 2);
  const px = new Array<number>(k + 1);
  const py = new Array<number>(k + 1);
  for (let j = 0; j < k; j++) {
    px[j] = toInt(SCALE * xy[2 * j] + 0.5);
    py[j] = toInt(SCALE * xy[2 * j + 1] + 0.5);
  }
  px[k] = px[0];
  py[k] = py[0];

  // Trace the closed outline on the fine grid one step at a time along each edge's longer axis.
  // Where consecutive points change fine column, the outline crosses a column; the crossings
  // at pixel-column centres are boundary pixels (x, y), kept by column-major index.
  const starts: number[] = [];
  let pu = 0;
  let pv = 0;
  let first = true;
  for (let j = 0; j < k; j++) {
    let xs = px[j];
    let xe = px[j + 1];
    let ys = py[j];
    let ye = py[j + 1];
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const alongX = dx >= dy;
    const len = alongX ? dx : dy;
    // Always interpolate from the lower end so an edge rasterises the same both ways round,
    // yet visit its points from (x[j], y[j]) to (x[j+1], y[j+1]).
    const flip = (alongX && xs > xe) || (!alongX && ys > ye);
    if (flip) [xs, xe, ys, ye] = [xe, xs, ye, ys];
    // A repeated vertex gives 0 / 0 = NaN here, as in C; its lone point shares its column
    // with both neighbours, so its y is never read.
    const s = alongX ? (ye - ys) / dx : (xe - xs) / dy;
    for (let d = 0; d <= len; d++) {
      const t = flip ? len - d : d;
      const u = alongX ? t + xs : toInt(xs + s * t + 0.5);
      const v = alongX ? toInt(ys + s * t + 0.5) : t + ys;
      if (!first && u !== pu) {
        let xd = u < pu ? u : u - 1;
        xd = (xd + 0.5) / SCALE - 0.5;
        if (Math.floor(xd) === xd && xd >= 0 && xd <= w - 1) {
          let yd = v < pv ? v : pv;
          yd = (yd + 0.5) / SCALE - 0.5;
          starts.push(xd * h + Math.ceil(yd < 0 ? 0 : yd > h ? h : yd));
        }
      }
      first = false;
      pu = u;
      pv = v;
    }
  }

  // Crossings sorted in column-major order become run lengths; two crossings at the same pixel
  // cancel, which is how pycocotools folds a zero-length run into its neighbour.
  const sorted = new Float64Array(starts.length + 1);
  sorted.set(starts);
  sorted[starts.length] = h * w;
  sorted.sort();
  const diffs: number[] = [];
  let prev = 0;
  for (const p of sorted) {
    diffs.push(p - prev);
    prev = p;
  }
  const runs = [diffs[0]];
  for (let j = 1; j < diffs.length; ) {
    if (diffs[j] > 0) runs.push(diffs[j++]);
    else if (++j < diffs.length) runs[runs.length - 1] += diffs[j++];
  }
  return runs;
}

/**
 * Rasterises a polygon into an RLE of an h x w image exactly as
 * `pycocotools.mask.frPyObjects([poly], h, w)` (C `rleFrPoly`): vertices are scaled by 5 and
 * rounded, the outline is traced on that finer grid and sampled at pixel-column centres, so
 * a pixel is inside when its column's crossing points bracket it. Parts outside the image are
 * clipped; self-intersections follow the even-odd rule.
 *
 * @param poly Flat vertex list `[x0, y0, x1, y1, ...]` in pixels (COCO `segmentation` layout,
 *   one polygon); the outline is closed automatically. An empty list gives an empty mask.
 * @param h Image height in pixels.
 * @param w Image width in pixels.
 * @throws FoveaError `E_INVALID_ARGUMENT` if `poly` has odd length or a non-finite or huge
 *   (|v| * 5 beyond 32-bit int) coordinate, or h, w are not non-negative integers.
 */
export function rleFromPolygon(poly: ArrayLike<number>, h: number, w: number): Rle {
  check(
    poly != null && poly.length % 2 === 0,
    `poly has ${poly?.length} values; expected an even-length list [x0, y0, x1, y1, ...].`,
  );
  for (let i = 0; i < poly.length; i++) {
    const v = poly[i];
    check(
      Number.isFinite(v) && Math.abs(SCALE * v + 0.5) < INT_MAX,
      `poly[${i}] is ${v}; polygon coordinates must be finite and within +-4e8 pixels.`,
    );
  }
  checkSize(h, w, 'image size');
  return { size: [h, w], counts: encodeCounts(polygonRuns(poly, h, w)) };
}
