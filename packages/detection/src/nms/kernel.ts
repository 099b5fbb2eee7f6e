import { CentreGrids } from './centre-grids.js';
import { suppresses } from './iou.js';

/** Below this many candidates the plain loop wins over building a grid. */
const GRID_MIN = 128;

/**
 * Greedy NMS over `order[start..end)` (box indices by decreasing score): a box is kept when no box
 * kept before it suppresses it, exactly torchvision's loop. Kept indices are written to
 * `out[outStart..)`, at most `maxKeep`; returns how many were kept.
 *
 * torchvision tests each kept box against every later box. Here each candidate is tested only
 * against the kept boxes that could suppress it, found through {@link CentreGrids}, and the test
 * stops at the first suppressor. Only pairs whose IoU provably cannot exceed `thr` are skipped, so
 * the result is bit-identical. With `thr < 0` even disjoint boxes suppress (IoU 0 > thr), so the
 * plain loop runs; so it does for short runs, where building the grids costs more than it saves.
 */
export function greedyNms(
  boxes: Float32Array,
  areas: Float32Array,
  order: Int32Array,
  start: number,
  end: number,
  thr: number,
  maxKeep: number,
  out: Int32Array,
  outStart: number,
): number {
  if (maxKeep <= 0 || end <= start) return 0;
  if (thr < 0 || end - start < GRID_MIN) return plainNms(boxes, areas, order, start, end, thr, maxKeep, out, outStart);
  return gridNms(boxes, areas, order, start, end, thr, maxKeep, out, outStart);
}

function plainNms(
  b: Float32Array, areas: Float32Array, order: Int32Array, start: number, end: number,
  thr: number, maxKeep: number, out: Int32Array, outStart: number,
): number {
  let kept = 0;
  for (let p = start; p < end; p++) {
    const j = order[p];
    let k = 0;
    while (k < kept && !suppresses(b, areas, out[outStart + k], j, thr)) k++;
    if (k < kept) continue;
    out[outStart + kept++] = j;
    if (kept === maxKeep) break;
  }
  return kept;
}

function gridNms(
  b: Float32Array, areas: Float32Array, order: Int32Array, start: number, end: number,
  thr: number, maxKeep: number, out: Int32Array, outStart: number,
): number {
  const g = new CentreGrids(b, order, start, end, thr);
  let kept = 0;
  for (let p = start; p < end; p++) {
    const j = order[p];
    if (areas[j] === 0) {
      // A zero-area box has a float32 intersection of 0 with anything (IoU 0 or NaN): it is never
      // suppressed and never suppresses, so it is kept without a test and not put in the grid.
      out[outStart + kept++] = j;
      if (kept === maxKeep) break;
      continue;
    }
    const j4 = 4 * j;
    const w = b[j4 + 2] - b[j4], h = b[j4 + 3] - b[j4 + 1];
    const cx = (b[j4] + b[j4 + 2]) / 2, cy = (b[j4 + 1] + b[j4 + 3]) / 2;
    const own = g.levelOf(w, h);
    // Levels that can hold a suppressor: larger side within a factor t of this box's (all if t = 0).
    const size = w > h ? w : h;
    const lo = g.t > 0 ? g.levelOf(size * g.t, 0) : 0;
    const hi = g.t > 0 ? g.levelOf(size / g.t, 0) : g.levels - 1;
    let hit = false;
    // Look at the box's own level first (the likeliest suppressors), then the others.
    for (let q = lo - 1; q <= hi && !hit; q++) {
      const l = q < lo ? own : q;
      if ((q >= lo && l === own) || g.count[l] === 0 || !g.sizesCanMatch(l, w, h)) continue;
      hit = g.anySuppressor(l, j, w, h, cx, cy, b, areas, thr);
    }
    if (hit) continue;
    out[outStart + kept++] = j;
    if (kept === maxKeep) break;
    g.insert(j, own, w, h, cx, cy);
  }
  return kept;
}
