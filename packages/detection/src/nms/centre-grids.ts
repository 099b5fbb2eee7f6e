import { suppresses } from './iou.js';

/**
 * Kept boxes, bucketed by size and then by the position of their centre, to find quickly the few
 * that could suppress a candidate j. What may be skipped follows from exact bounds on the float32
 * box coordinates (real arithmetic), relaxed for float32 rounding of the IoU (< 1e-6 relative):
 *
 * - IoU(i, j) <= IoU of the x-intervals <= min(wi, wj) / max(wi, wj), likewise in y. So with
 *   t = thr (1 - 1e-5) > 0, a suppressor's width and height are within a factor t of j's.
 * - The x-interval IoU exceeds t only if |cx_i - cx_j| < (wi + wj) (1 - t) / (2 (1 + t)); with
 *   t = 0 this is plain overlap, which is exact (a float32 intersection width is > 0 iff the
 *   intervals overlap).
 *
 * Level l holds boxes whose larger side is at most `cell0 * 2^l`, each once, in the cell of its
 * centre (cells of that side). A candidate looks only at levels whose sizes can match and, there,
 * at the cells its centre bound reaches; when that is more cells than the level has boxes, it tests
 * the level's boxes directly. Cells come from `floor((c - min) / side)`, monotone in c.
 */
export class CentreGrids {
  readonly levels: number;
  readonly gx: Int32Array;
  readonly gy: Int32Array;
  readonly inv: Float64Array;
  readonly offset: Int32Array;
  readonly count: Int32Array;
  readonly members: Int32Array[];
  readonly head: Int32Array;
  readonly tail: Int32Array;
  readonly next: Int32Array;
  readonly box: Int32Array;
  private readonly minW: Float64Array;
  private readonly maxW: Float64Array;
  private readonly minH: Float64Array;
  private readonly maxH: Float64Array;
  private entries = 0;
  private readonly minX: number;
  private readonly minY: number;
  private readonly cell0: number;
  /** The relaxed threshold t above, in [0, 1). */
  readonly t: number;
  /** (1 - t) / (2 (1 + t)), slightly enlarged. */
  private readonly k: number;

  constructor(b: Float32Array, order: Int32Array, start: number, end: number, thr: number) {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, minSide = Infinity;
    for (let p = start; p < end; p++) {
      const i4 = 4 * order[p];
      if (b[i4] < minX) minX = b[i4];
      if (b[i4 + 1] < minY) minY = b[i4 + 1];
      if (b[i4 + 2] > maxX) maxX = b[i4 + 2];
      if (b[i4 + 3] > maxY) maxY = b[i4 + 3];
      const side = Math.min(b[i4 + 2] - b[i4], b[i4 + 3] - b[i4 + 1]);
      if (side > 0 && side < minSide) minSide = side;
    }
    // Tiny sides make float32 areas subnormal, where the relative rounding bound fails: fall back
    // to the exact overlap test (t = 0) there.
    this.t = minSide >= 2 ** -40 ? Math.max(0, Math.min(thr, 1) * (1 - 1e-5) - 1e-9) : 0;
    this.k = ((1 - this.t) / (2 * (1 + this.t))) * (1 + 1e-6);
    const m = end - start;
    const extent = Math.max(maxX - minX, maxY - minY);
    // The finest cell: the 10th percentile of sampled box sizes, but at most ~4m cells at that level.
    const samples = Math.min(m, 101);
    const sizes: number[] = [];
    for (let s = 0; s < samples; s++) {
      const i4 = 4 * order[start + Math.floor((s * m) / samples)];
      sizes.push(Math.max(b[i4 + 2] - b[i4], b[i4 + 3] - b[i4 + 1]));
    }
    sizes.sort((x, y) => x - y);
    let cell0 = sizes[Math.floor(samples / 10)];
    const floor = extent / Math.sqrt(4 * m);
    if (!(cell0 > floor)) cell0 = floor;
    if (!(cell0 > 0)) cell0 = 1; // every box is a point at one place
    let levels = 1;
    while (cell0 * 2 ** (levels - 1) < extent && levels < 40) levels++;
    this.levels = levels;
    this.minX = minX;
    this.minY = minY;
    this.cell0 = cell0;
    this.gx = new Int32Array(levels);
    this.gy = new Int32Array(levels);
    this.inv = new Float64Array(levels);
    this.offset = new Int32Array(levels + 1);
    this.count = new Int32Array(levels);
    this.minW = new Float64Array(levels).fill(Infinity);
    this.maxW = new Float64Array(levels);
    this.minH = new Float64Array(levels).fill(Infinity);
    this.maxH = new Float64Array(levels);
    this.members = [];
    // Cells about as wide as the reach of a query at that level, so a query covers ~3 x 3 cells,
    // but no more cells per level than about 2m.
    const coarsest = extent / Math.sqrt(2 * m);
    for (let l = 0; l < levels; l++) {
      const side = Math.max(cell0 * 2 ** l * this.k, coarsest) || 1;
      this.inv[l] = 1 / side;
      this.gx[l] = Math.floor((maxX - minX) / side) + 1;
      this.gy[l] = Math.floor((maxY - minY) / side) + 1;
      this.offset[l + 1] = this.offset[l] + this.gx[l] * this.gy[l];
      this.members.push(new Int32Array(0));
    }
    this.head = new Int32Array(this.offset[levels]).fill(-1);
    this.tail = new Int32Array(this.offset[levels]);
    this.next = new Int32Array(m);
    this.box = new Int32Array(m);
  }

  /** The level whose cells fit a box of this width and height. */
  levelOf(w: number, h: number): number {
    const size = w > h ? w : h;
    let l = 0;
    for (let side = this.cell0; size > side && l < this.levels - 1; side *= 2) l++;
    return l;
  }

  /** Whether some box of level l may have width and height within a factor t of (w, h). */
  sizesCanMatch(l: number, w: number, h: number): boolean {
    const t = this.t;
    if (t === 0) return true;
    return this.maxW[l] > t * w && this.minW[l] * t < w && this.maxH[l] > t * h && this.minH[l] * t < h;
  }

  cellX(l: number, x: number): number {
    const c = Math.floor((x - this.minX) * this.inv[l]);
    return c < 0 ? 0 : c >= this.gx[l] ? this.gx[l] - 1 : c;
  }

  cellY(l: number, y: number): number {
    const c = Math.floor((y - this.minY) * this.inv[l]);
    return c < 0 ? 0 : c >= this.gy[l] ? this.gy[l] - 1 : c;
  }

  /** Whether a kept box of level l suppresses box j (of width w, height h, centre cx, cy). */
  anySuppressor(l: number, j: number, w: number, h: number, cx: number, cy: number, b: Float32Array, areas: Float32Array, thr: number): boolean {
    const rx = (this.maxW[l] + w) * this.k + Math.abs(cx) * 1e-12; // enlarged past double rounding
    const ry = (this.maxH[l] + h) * this.k + Math.abs(cy) * 1e-12;
    const x1 = this.cellX(l, cx - rx), x2 = this.cellX(l, cx + rx);
    const y1 = this.cellY(l, cy - ry), y2 = this.cellY(l, cy + ry);
    const count = this.count[l];
    if ((x2 - x1 + 1) * (y2 - y1 + 1) >= count) {
      const members = this.members[l];
      for (let k = 0; k < count; k++) if (suppresses(b, areas, members[k], j, thr)) return true;
      return false;
    }
    const { head, next, box } = this;
    const gx = this.gx[l], base = this.offset[l];
    for (let y = y1; y <= y2; y++) {
      for (let x = x1; x <= x2; x++) {
        for (let e = head[base + y * gx + x]; e >= 0; e = next[e]) if (suppresses(b, areas, box[e], j, thr)) return true;
      }
    }
    return false;
  }

  insert(i: number, l: number, w: number, h: number, cx: number, cy: number): void {
    if (this.count[l] === this.members[l].length) this.members[l] = grow(this.members[l], 16);
    this.members[l][this.count[l]++] = i;
    if (w < this.minW[l]) this.minW[l] = w;
    if (w > this.maxW[l]) this.maxW[l] = w;
    if (h < this.minH[l]) this.minH[l] = h;
    if (h > this.maxH[l]) this.maxH[l] = h;
    const c = this.offset[l] + this.cellY(l, cy) * this.gx[l] + this.cellX(l, cx);
    const e = this.entries++;
    this.box[e] = i;
    this.next[e] = -1;
    // Appended, so older (higher-scored) boxes are tested first.
    if (this.head[c] < 0) this.head[c] = e;
    else this.next[this.tail[c]] = e;
    this.tail[c] = e;
  }
}

function grow(a: Int32Array, need: number): Int32Array {
  const bigger = new Int32Array(Math.max(need, 2 * a.length));
  bigger.set(a);
  return bigger;
}
