/**
 * The sparse candidate graph of a large square assignment problem: for each row, the `k` cheapest
 * columns, plus for every column that no row picked the edge to its cheapest row, so that each column can
 * be reached. Built in one pass over the matrix, together with the column reduction (column minima).
 * Internal to the assignment solver.
 */

/** Edges of row `i` are `col[start[i] .. start[i + 1])` with costs `cost[...]`; the first `k` are reselectable. */
export interface CandidateGraph {
  readonly k: number;
  readonly start: Int32Array;
  readonly col: Int32Array;
  readonly cost: Float64Array;
}

/**
 * Reads the `n x n` row-major `c` once: writes each column's minimum to `v` and the row holding it (first
 * one on ties) to `argmin`, and returns the candidate graph.
 */
export function buildCandidateGraph(c: Float64Array, n: number, k: number, v: Float64Array, argmin: Int32Array): CandidateGraph {
  const col = new Int32Array(n * k);
  const cost = new Float64Array(n * k);
  v.fill(Infinity);
  let bar = Infinity;
  for (let i = 0; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const x = c[base + j];
      if (x < v[j]) {
        v[j] = x;
        argmin[j] = i;
      }
    }
    // Raw costs rather than reduced ones: the duals are not known yet, and the final check on the full
    // matrix repairs any row this choice misses.
    bar = selectCheapest(c, base, n, null, col, cost, i * k, k, (i * k) % n, bar);
  }

  // Columns in no row's list get the edge to their cheapest row.
  const picked = new Uint8Array(n);
  for (let e = 0; e < col.length; e++) picked[col[e]] = 1;
  const extra = new Int32Array(n);
  let numExtra = 0;
  for (let j = 0; j < n; j++) if (picked[j] === 0) extra[argmin[j]]++, numExtra++;
  if (numExtra === 0) {
    const start = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) start[i] = i * k;
    return { k, start, col, cost };
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + k + extra[i];
  const allCol = new Int32Array(start[n]);
  const allCost = new Float64Array(start[n]);
  const fill = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    allCol.set(col.subarray(i * k, (i + 1) * k), start[i]);
    allCost.set(cost.subarray(i * k, (i + 1) * k), start[i]);
    fill[i] = start[i] + k;
  }
  for (let j = 0; j < n; j++) {
    if (picked[j] === 1) continue;
    const i = argmin[j];
    allCol[fill[i]] = j;
    allCost[fill[i]++] = c[i * n + j];
  }
  return { k, start, col: allCol, cost: allCost };
}

/**
 * Replaces the first `k` edges of row `i` with its `k` columns of least reduced cost `c[i, j] - v[j]`
 * (used to repair a row whose duals the full-matrix check rejected).
 */
export function reselectRow(g: CandidateGraph, c: Float64Array, n: number, i: number, v: Float64Array): void {
  selectCheapest(c, i * n, n, v, g.col as Int32Array, g.cost as Float64Array, g.start[i], g.k, (i * g.k) % n, Infinity);
}

/** Room for candidates below the bar before the bar is tightened. */
const BUFFER_PER_EDGE = 4;
let bufferKey = new Float64Array(BUFFER_PER_EDGE * 16);
let bufferCol = new Int32Array(BUFFER_PER_EDGE * 16);

/**
 * Writes to `col/cost[off .. off + k)` the `k` columns with the smallest `c[base + j] - (v ? v[j] : 0)`, in
 * increasing order, with their raw costs; `n >= k`. Returns the bar to try for the next row.
 *
 * Columns below a bar are appended to a buffer, and only the buffer is sorted: with a bar near the k-th
 * smallest value (the previous row's, plus its spread, works for rows of similar costs) a row costs one
 * compare per entry. A bar too low finds fewer than `k` and the row is scanned again without one; a bar
 * too high fills the buffer, which is then cut to its `k` best and the bar lowered to the k-th.
 * The scan starts at column `first` and wraps, so that rows with many equal costs keep different columns.
 */
function selectCheapest(
  c: Float64Array,
  base: number,
  n: number,
  v: Float64Array | null,
  col: Int32Array,
  cost: Float64Array,
  off: number,
  k: number,
  first: number,
  bar: number,
): number {
  const capacity = BUFFER_PER_EDGE * k;
  if (bufferKey.length < capacity) {
    bufferKey = new Float64Array(capacity);
    bufferCol = new Int32Array(capacity);
  }
  const key = bufferKey;
  const cols = bufferCol;
  let count = 0;
  for (let attempt = 0; attempt < 2; attempt++) {
    count = 0;
    for (let t = 0; t < n; t++) {
      const j = first + t < n ? first + t : first + t - n;
      const x = v === null ? c[base + j] : c[base + j] - v[j];
      if (x < bar) {
        key[count] = x;
        cols[count++] = j;
        if (count === capacity) {
          count = keepSmallest(key, cols, count, k);
          bar = key[k - 1];
        }
      }
    }
    if (count >= k) break;
    bar = Infinity;
  }
  keepSmallest(key, cols, count, k);
  for (let t = 0; t < k; t++) {
    const j = cols[t];
    col[off + t] = j;
    cost[off + t] = c[base + j];
  }
  // Next bar: this row's k-th value plus its distance from the smallest, a margin that scales with the costs.
  return key[k - 1] + (key[k - 1] - key[0]);
}

/** Sorts `key/col[0, count)` by key (insertion sort: count is a few dozen) and returns `min(count, k)`. */
function keepSmallest(key: Float64Array, col: Int32Array, count: number, k: number): number {
  for (let a = 1; a < count; a++) {
    const x = key[a];
    const j = col[a];
    let b = a - 1;
    while (b >= 0 && key[b] > x) {
      key[b + 1] = key[b];
      col[b + 1] = col[b];
      b--;
    }
    key[b + 1] = x;
    col[b + 1] = j;
  }
  return Math.min(count, k);
}
