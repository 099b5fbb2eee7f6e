import { suppresses } from './iou.js';

/** Reusable per-call buffers (indexed by box index, so shared by the per-class runs of batchedNms). */
export interface Scratch {
  /** Last candidate a kept box was tested against, to test a box listed in several cells once. */
  stamp: Int32Array;
  tick: number;
}

export function createScratch(n: number): Scratch {
  return { stamp: new Int32Array(n), tick: 0 };
}

/** Below this many candidates the plain loop wins over building a grid. */
const GRID_MIN = 48;

/**
 * Greedy NMS over `order[start..end)` (box indices by decreasing score): a box is kept when no box
 * kept before it suppresses it, exactly torchvision's loop. Kept indices are written to
 * `out[outStart..)`, at most `maxKeep`; returns how many were kept.
 *
 * torchvision tests each kept box against every later box. Here each candidate is tested only
 * against kept boxes it could overlap, found through a uniform grid of the kept boxes, and the test
 * stops at the first suppressor. With `thr >= 0` that skips only pairs whose float32 intersection
 * width or height is <= 0, whose IoU is 0 or NaN, so the result is bit-identical. With `thr < 0`
 * even disjoint boxes suppress (IoU 0 > thr), so the plain loop runs.
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
  scratch: Scratch,
): number {
  if (maxKeep <= 0 || end <= start) return 0;
  if (thr < 0 || end - start < GRID_MIN) return plainNms(boxes, areas, order, start, end, thr, maxKeep, out, outStart);
  return gridNms(boxes, areas, order, start, end, thr, maxKeep, out, outStart, scratch);
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
  thr: number, maxKeep: number, out: Int32Array, outStart: number, scratch: Scratch,
): number {
  const g = new LevelGrids(b, order, start, end);
  const stamp = scratch.stamp;
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
    const x1 = b[j4], y1 = b[j4 + 1], x2 = b[j4 + 2], y2 = b[j4 + 3];
    const own = g.levelOf(x2 - x1, y2 - y1);
    let hit = false;
    // Suppressors have IoU > thr, hence similar sizes: look at the box's own level first, then outwards.
    for (let d = 0; !hit && (own - d >= 0 || own + d < g.levels); d++) {
      for (let side = 0; side < 2 && !hit; side++) {
        const l = side === 0 ? own + d : own - d;
        if ((side === 1 && d === 0) || l < 0 || l >= g.levels || g.count[l] === 0) continue;
        const cx1 = g.cellX(l, x1), cx2 = g.cellX(l, x2), cy1 = g.cellY(l, y1), cy2 = g.cellY(l, y2);
        const cells = (cx2 - cx1 + 1) * (cy2 - cy1 + 1);
        if (cells >= g.count[l]) {
          const members = g.members[l];
          for (let k = 0, c = g.count[l]; k < c && !hit; k++) hit = suppresses(b, areas, members[k], j, thr);
          continue;
        }
        const tick = ++scratch.tick;
        const gx = g.gx[l], base = g.offset[l];
        for (let cy = cy1; cy <= cy2 && !hit; cy++) {
          for (let cx = cx1; cx <= cx2 && !hit; cx++) {
            for (let e = g.head[base + cy * gx + cx]; e >= 0; e = g.next[e]) {
              const i = g.box[e];
              if (stamp[i] === tick) continue;
              stamp[i] = tick;
              if (suppresses(b, areas, i, j, thr)) {
                hit = true;
                break;
              }
            }
          }
        }
      }
    }
    if (hit) continue;
    out[outStart + kept++] = j;
    if (kept === maxKeep) break;
    g.insert(j, own, x1, y1, x2, y2);
  }
  return kept;
}

/**
 * Kept boxes in a hierarchy of uniform grids: level l has square cells of side `cell0 * 2^l` and
 * holds the boxes whose larger side fits one cell, each listed in every cell it touches (at most
 * about 2 x 2). A candidate looks in the cells it touches at every level; where that is more cells
 * than the level has boxes, it tests the level's boxes directly.
 *
 * Cells come from `floor((x - min) / side)`, monotone in x, so a kept box that overlaps the
 * candidate (x1 < x2' and x1' < x2, likewise in y) always shares a cell with it at its level.
 */
class LevelGrids {
  readonly levels: number;
  readonly gx: Int32Array;
  readonly gy: Int32Array;
  readonly inv: Float64Array;
  readonly offset: Int32Array;
  readonly count: Int32Array;
  readonly members: Int32Array[];
  readonly head: Int32Array;
  readonly tail: Int32Array;
  next: Int32Array;
  box: Int32Array;
  private entries = 0;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell0: number;

  constructor(b: Float32Array, order: Int32Array, start: number, end: number) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    for (let p = start; p < end; p++) {
      const i4 = 4 * order[p];
      if (b[i4] < minX) minX = b[i4];
      if (b[i4 + 1] < minY) minY = b[i4 + 1];
      if (b[i4 + 2] > maxX) maxX = b[i4 + 2];
      if (b[i4 + 3] > maxY) maxY = b[i4 + 3];
    }
    const m = end - start;
    const extent = Math.max(maxX - minX, maxY - minY);
    // The finest cell: the 10th percentile of sampled box sizes, but no more than ~4 cells per box.
    const samples = Math.min(m, 101);
    const sizes = new Float64Array(samples);
    for (let s = 0; s < samples; s++) {
      const i4 = 4 * order[start + Math.floor((s * m) / samples)];
      sizes[s] = Math.max(b[i4 + 2] - b[i4], b[i4 + 3] - b[i4 + 1]);
    }
    sizes.sort();
    let cell0 = sizes[Math.floor(samples / 10)];
    const floor = extent / Math.sqrt(4 * m);
    if (!(cell0 > floor)) cell0 = floor;
    if (!(cell0 > 0)) cell0 = 1; // every box is a point at one place
    let levels = 1;
    while (cell0 * 2 ** (levels - 1) < extent && levels < 30) levels++;
    this.levels = levels;
    this.minX = minX;
    this.minY = minY;
    this.cell0 = cell0;
    this.gx = new Int32Array(levels);
    this.gy = new Int32Array(levels);
    this.inv = new Float64Array(levels);
    this.offset = new Int32Array(levels + 1);
    this.count = new Int32Array(levels);
    this.members = [];
    for (let l = 0; l < levels; l++) {
      const side = cell0 * 2 ** l;
      this.inv[l] = 1 / side;
      this.gx[l] = Math.floor((maxX - minX) / side) + 1;
      this.gy[l] = Math.floor((maxY - minY) / side) + 1;
      this.offset[l + 1] = this.offset[l] + this.gx[l] * this.gy[l];
      this.members.push(new Int32Array(0));
    }
    this.head = new Int32Array(this.offset[levels]).fill(-1);
    this.tail = new Int32Array(this.offset[levels]);
    this.next = new Int32Array(4 * m + 16);
    this.box = new Int32Array(4 * m + 16);
  }

  /** The level whose cells fit a box of this width and height. */
  levelOf(w: number, h: number): number {
    const size = w > h ? w : h;
    let l = 0;
    for (let side = this.cell0; size > side && l < this.levels - 1; side *= 2) l++;
    return l;
  }

  cellX(l: number, x: number): number {
    const c = Math.floor((x - this.minX) * this.inv[l]);
    return c < 0 ? 0 : c >= this.gx[l] ? this.gx[l] - 1 : c;
  }

  cellY(l: number, y: number): number {
    const c = Math.floor((y - this.minY) * this.inv[l]);
    return c < 0 ? 0 : c >= this.gy[l] ? this.gy[l] - 1 : c;
  }

  insert(i: number, l: number, x1: number, y1: number, x2: number, y2: number): void {
    if (this.count[l] === this.members[l].length) this.members[l] = grow(this.members[l], 16);
    this.members[l][this.count[l]++] = i;
    const cx1 = this.cellX(l, x1), cx2 = this.cellX(l, x2), cy1 = this.cellY(l, y1), cy2 = this.cellY(l, y2);
    const need = this.entries + (cx2 - cx1 + 1) * (cy2 - cy1 + 1);
    if (need > this.box.length) {
      this.box = grow(this.box, need);
      this.next = grow(this.next, need);
    }
    const gx = this.gx[l], base = this.offset[l];
    for (let cy = cy1; cy <= cy2; cy++) {
      for (let cx = cx1; cx <= cx2; cx++) {
        const c = base + cy * gx + cx;
        const e = this.entries++;
        this.box[e] = i;
        this.next[e] = -1;
        // Appended, so older (higher-scored) boxes are tested first.
        if (this.head[c] < 0) this.head[c] = e;
        else this.next[this.tail[c]] = e;
        this.tail[c] = e;
      }
    }
  }
}

function grow(a: Int32Array, need: number): Int32Array {
  const bigger = new Int32Array(Math.max(need, 2 * a.length));
  bigger.set(a);
  return bigger;
}
