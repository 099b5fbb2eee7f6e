/**
 * Shortest augmenting paths for the Jonker-Volgenant square path, where any optimal assignment will do
 * (scipy's tie order is reproduced by `augmentRows` instead). Same Dijkstra over reduced costs, but each
 * scanned row is read front to back over all columns: settled columns are masked by a dual of -Infinity
 * (their reduced cost becomes +Infinity) rather than removed from an index list, so the hot loop reads
 * the cost row, the duals and the path lengths in order with no indirection.
 * Internal to the assignment solver.
 */
import type { AssignmentState } from './shortest-augmenting-path.js';

/**
 * Assigns each row in `rows[0, count)` in turn, keeping the assignment optimal for the rows assigned so
 * far. Returns false when a row cannot reach a free column through finite costs.
 */
export function augmentRowsDense(s: AssignmentState, rows: Int32Array, count: number): boolean {
  const { c, nr, nc, u, v, col4row, row4col } = s;
  const d = new Float64Array(nc); // path length to each unsettled column; +Infinity once settled
  const length = new Float64Array(nc); // final path length of each settled column
  const savedV = new Float64Array(nc); // dual of each settled column while v holds -Infinity
  const settled = new Int32Array(nc);
  const scanned = new Int32Array(nr); // rows in the order they were scanned
  const minValAt = new Float64Array(nr); // path length to each of them
  const pathRows = new Int32Array(nr);
  const pathCols = new Int32Array(nr);

  for (let q = 0; q < count; q++) {
    const curRow = rows[q];
    d.fill(Infinity);
    let numSettled = 0;
    let numScanned = 0;
    let minVal = 0;
    let sink = -1;
    let i = curRow;
    while (sink === -1) {
      minValAt[numScanned] = minVal;
      scanned[numScanned++] = i;
      const base = i * nc;
      const shift = minVal - u[i];
      let lowest = Infinity;
      let index = -1;
      for (let j = 0; j < nc; j++) {
        const r = shift + c[base + j] - v[j];
        let dj = d[j];
        if (r < dj) {
          dj = r;
          d[j] = r;
        }
        // Among equal lengths prefer a free column: it ends the search (matters for small integer costs).
        if (dj <= lowest && (dj < lowest || row4col[j] === -1)) {
          lowest = dj;
          index = j;
        }
      }
      if (lowest === Infinity) {
        for (let k = 0; k < numSettled; k++) v[settled[k]] = savedV[settled[k]];
        return false;
      }
      minVal = lowest;
      const j = index;
      settled[numSettled++] = j;
      length[j] = lowest;
      savedV[j] = v[j];
      v[j] = -Infinity;
      d[j] = Infinity;
      if (row4col[j] === -1) sink = j;
      else i = row4col[j];
    }

    // Walk back from the sink. A column's predecessor is the first scanned row whose relaxation gave its
    // final length: recomputing the same expression reproduces it bit for bit.
    let numPath = 0;
    let j = sink;
    for (;;) {
      const target = length[j];
      const vj = savedV[j];
      let r = curRow;
      for (let t = 0; t < numScanned; t++) {
        const i = scanned[t];
        if (minValAt[t] - u[i] + c[i * nc + j] - vj === target) {
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
      u[i] += minVal - length[col4row[i]];
    }
    for (let k = 0; k < numSettled; k++) {
      const col = settled[k];
      v[col] = savedV[col] - (minVal - length[col]);
    }
    for (let t = 0; t < numPath; t++) {
      row4col[pathCols[t]] = pathRows[t];
      col4row[pathRows[t]] = pathCols[t];
    }
  }
  return true;
}
