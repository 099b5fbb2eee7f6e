/**
 * Shortest augmenting path step of the assignment solver: Dijkstra over reduced costs from one free row,
 * then flipping the alternating path it finds (Crouse 2016, the method of scipy's rectangular_lsap).
 * Internal: callers hold all state in typed arrays and reuse them across rows.
 */

/** Solver state for an `nr x nc` row-major minimisation, `nr <= nc`. */
export interface AssignmentState {
  readonly c: Float64Array;
  readonly nr: number;
  readonly nc: number;
  /** Row duals: `c[i, j] - u[i] - v[j] >= 0`, with equality on assigned pairs. */
  readonly u: Float64Array;
  /** Column duals. */
  readonly v: Float64Array;
  /** Column of each row, -1 while free. */
  readonly col4row: Int32Array;
  /** Row of each column, -1 while free. */
  readonly row4col: Int32Array;
}

/**
 * Assigns each row in `rows[0, count)` in turn, keeping the assignment optimal for the rows assigned so
 * far. Returns false when a row cannot reach a free column through finite costs (the problem is
 * infeasible).
 */
export function augmentRows(s: AssignmentState, rows: Int32Array, count: number): boolean {
  const { c, nr, nc, u, v, col4row, row4col } = s;
  const shortest = new Float64Array(nc); // reduced path length from the free row to each column
  // remaining[0, numRemaining) are the columns not yet settled; settled ones pile up at the tail.
  const remaining = new Int32Array(nc);
  const scanned = new Int32Array(nr); // rows in the order they were scanned
  const minValAt = new Float64Array(nr); // minVal when each of them was scanned
  const pathRows = new Int32Array(nr);
  const pathCols = new Int32Array(nr);
  const row = new Float64Array(nc); // the scanned row, copied so the shuffled reads below hit the cache

  for (let q = 0; q < count; q++) {
    const curRow = rows[q];
    for (let k = 0; k < nc; k++) remaining[k] = nc - 1 - k; // reverse order: scipy's tie-breaking
    shortest.fill(Infinity);
    let numRemaining = nc;
    let numScanned = 0;
    let minVal = 0;
    let sink = -1;
    let i = curRow;

    while (sink === -1) {
      minValAt[numScanned] = minVal;
      scanned[numScanned++] = i;
      row.set(c.subarray(i * nc, (i + 1) * nc));
      const ui = u[i];
      let lowest = Infinity;
      let index = -1;
      // The hot loop: no stores that depend on a comparison except the rare new minimum, so it does not
      // mispredict; which row set each column's shortest length is recovered afterwards.
      for (let k = 0; k < numRemaining; k++) {
        const j = remaining[k];
        const r = minVal + row[j] - ui - v[j];
        let d = shortest[j];
        d = r < d ? r : d;
        shortest[j] = d;
        // Among equal lengths prefer a free column: it ends the search (matters for small integer costs).
        if (d < lowest || (d === lowest && row4col[j] === -1)) {
          lowest = d;
          index = k;
        }
      }
      if (lowest === Infinity) return false;
      minVal = lowest;
      const j = remaining[index];
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
      numRemaining--;
      remaining[index] = remaining[numRemaining];
      remaining[numRemaining] = j;
    }

    // Walk back from the sink. A column's predecessor is the first scanned row whose relaxation gave its
    // shortest length: recomputing the same expression reproduces it bit for bit.
    let numPath = 0;
    let j = sink;
    for (;;) {
      const target = shortest[j];
      const vj = v[j];
      let r = curRow;
      for (let t = 0; t < numScanned; t++) {
        const i = scanned[t];
        if (minValAt[t] + c[i * nc + j] - u[i] - vj === target) {
          r = i;
          break;
        }
      }
      pathCols[numPath] = j;
      pathRows[numPath++] = r;
      if (r === curRow) break;
      j = col4row[r];
    }

    // Update duals so reduced costs stay non-negative and are zero on the new assignment.
    u[curRow] += minVal;
    for (let t = 1; t < numScanned; t++) {
      const i = scanned[t];
      u[i] += minVal - shortest[col4row[i]];
    }
    for (let k = numRemaining; k < nc; k++) {
      const col = remaining[k];
      v[col] -= minVal - shortest[col];
    }
    for (let t = 0; t < numPath; t++) {
      row4col[pathCols[t]] = pathRows[t];
      col4row[pathRows[t]] = pathCols[t];
    }
  }
  return true;
}
