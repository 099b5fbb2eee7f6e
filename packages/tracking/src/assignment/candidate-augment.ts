/**
 * Shortest augmenting paths over a candidate graph: Dijkstra with a binary heap on the graph's edges
 * (reduced costs), stopping at the first free column. Matched pairs are followed through `row4col` and
 * need not be edges. Internal to the assignment solver.
 */
import type { CandidateGraph } from './candidate-graph.js';
import type { AssignmentState } from './shortest-augmenting-path.js';

const UNSEEN = 0;
const REACHED = 1;
const SETTLED = 2;

/** Reusable search buffers for one problem. */
export class CandidateSearch {
  private readonly d: Float64Array;
  private readonly mark: Uint8Array;
  private readonly pred: Int32Array;
  private readonly reached: Int32Array;
  private readonly scanned: Int32Array;
  private heapKey: Float64Array;
  private heapCol: Int32Array;
  /** Rows whose dual rose since {@link takeRaisedRows} (only those can undercut an entry of their row). */
  private readonly raised: Int32Array;
  private readonly isRaised: Uint8Array;
  private numRaised = 0;

  constructor(
    private readonly s: AssignmentState,
    private readonly g: CandidateGraph,
  ) {
    const n = s.nc;
    this.d = new Float64Array(n).fill(Infinity);
    this.mark = new Uint8Array(n);
    this.pred = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.scanned = new Int32Array(s.nr);
    this.heapKey = new Float64Array(4 * n);
    this.heapCol = new Int32Array(4 * n);
    this.raised = new Int32Array(s.nr);
    this.isRaised = new Uint8Array(s.nr);
  }

  /** Copies the rows whose dual rose since the last call to `out`, returns how many, and forgets them. */
  takeRaisedRows(out: Int32Array): number {
    const count = this.numRaised;
    for (let t = 0; t < count; t++) {
      out[t] = this.raised[t];
      this.isRaised[this.raised[t]] = 0;
    }
    this.numRaised = 0;
    return count;
  }

  /**
   * Assigns the free row `f` along a shortest path of graph edges and updates the duals. Returns false,
   * changing nothing, when no free column is reachable through the graph.
   */
  augment(f: number): boolean {
    const { d, mark, pred, reached, scanned } = this;
    const { start, col, cost } = this.g;
    const { u, v, col4row, row4col } = this.s;
    let numReached = 0;
    let numScanned = 0;
    let size = 0; // heap entries; stale ones (a column settled or since lowered) are skipped when popped
    let i = f;
    let dist = 0;
    let sink = -1;
    for (;;) {
      scanned[numScanned++] = i;
      const shift = dist - u[i];
      for (let e = start[i], end = start[i + 1]; e < end; e++) {
        const j = col[e];
        const m = mark[j];
        if (m === SETTLED) continue;
        const r = shift + cost[e] - v[j];
        if (r < d[j]) {
          if (m === UNSEEN) {
            mark[j] = REACHED;
            reached[numReached++] = j;
          }
          d[j] = r;
          pred[j] = i;
          if (size === this.heapKey.length) this.grow();
          size = push(this.heapKey, this.heapCol, size, r, j);
        }
      }
      const { heapKey, heapCol } = this;
      let j = -1;
      while (size > 0) {
        const key = heapKey[0];
        const top = heapCol[0];
        size = pop(heapKey, heapCol, size);
        if (mark[top] !== SETTLED && key === d[top]) {
          j = top;
          dist = key;
          break;
        }
      }
      if (j === -1) {
        this.clear(numReached);
        return false;
      }
      mark[j] = SETTLED;
      if (row4col[j] === -1) {
        sink = j;
        break;
      }
      i = row4col[j];
    }

    // Duals: the same update as the dense search, over the columns settled and rows scanned.
    u[f] += dist;
    for (let t = 1; t < numScanned; t++) {
      const r = scanned[t];
      u[r] += dist - d[col4row[r]];
    }
    for (let t = 0; t < numScanned; t++) {
      const r = scanned[t];
      if (this.isRaised[r] === 0) {
        this.isRaised[r] = 1;
        this.raised[this.numRaised++] = r;
      }
    }
    for (let t = 0; t < numReached; t++) {
      const j = reached[t];
      if (mark[j] === SETTLED) v[j] -= dist - d[j];
    }
    for (let j = sink; ; ) {
      const r = pred[j];
      const next = col4row[r];
      row4col[j] = r;
      col4row[r] = j;
      if (r === f) break;
      j = next;
    }
    this.clear(numReached);
    return true;
  }

  private clear(numReached: number): void {
    for (let t = 0; t < numReached; t++) {
      const j = this.reached[t];
      this.d[j] = Infinity;
      this.mark[j] = UNSEEN;
    }
  }

  private grow(): void {
    const key = new Float64Array(this.heapKey.length * 2);
    const colums = new Int32Array(this.heapCol.length * 2);
    key.set(this.heapKey);
    colums.set(this.heapCol);
    this.heapKey = key;
    this.heapCol = colums;
  }
}

/** Pushes onto the binary min-heap `key/col[0, size)`; returns the new size. */
function push(key: Float64Array, col: Int32Array, size: number, k: number, c: number): number {
  let p = size;
  while (p > 0) {
    const parent = (p - 1) >> 1;
    if (key[parent] <= k) break;
    key[p] = key[parent];
    col[p] = col[parent];
    p = parent;
  }
  key[p] = k;
  col[p] = c;
  return size + 1;
}

/** Removes the top of the binary min-heap `key/col[0, size)`; returns the new size. */
function pop(key: Float64Array, col: Int32Array, size: number): number {
  const last = size - 1;
  const k = key[last];
  const c = col[last];
  let p = 0;
  for (;;) {
    let child = 2 * p + 1;
    if (child >= last) break;
    if (child + 1 < last && key[child + 1] < key[child]) child++;
    if (key[child] >= k) break;
    key[p] = key[child];
    col[p] = col[child];
    p = child;
  }
  key[p] = k;
  col[p] = c;
  return last;
}
