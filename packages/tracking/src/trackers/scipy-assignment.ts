import { augmentRows, type AssignmentState } from '../assignment/shortest-augmenting-path.js';

/**
 * Minimum-cost assignment of a finite `rows x cols` row-major cost matrix that breaks ties exactly as
 * `scipy.optimize.linear_sum_assignment` does.
 *
 * Trackers need scipy's tie-breaking, not just an optimal total: their gated matrices are full of equal
 * entries (every rejected pair costs `maxDistance + 1e-5`), and which of those pairs scipy picks decides the
 * order of unmatched detections and so the ids of new tracks. `linearSumAssignment` reduces square finite
 * matrices first (faster, same total, possibly other ties); this runs the plain shortest augmenting path,
 * row by row, as scipy does.
 *
 * @returns For each row in increasing order that is assigned, its column: `cols[k]` is the column of row
 *   `rows[k]`; `min(rows, cols)` pairs.
 */
export function assignLikeScipy(cost: Float64Array, rows: number, cols: number): { rows: Int32Array; cols: Int32Array } {
  if (rows === 0 || cols === 0) return { rows: new Int32Array(0), cols: new Int32Array(0) };
  const transpose = rows > cols;
  const nr = transpose ? cols : rows;
  const nc = transpose ? rows : cols;
  let c = cost;
  if (transpose) {
    c = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) c[j * nc + i] = cost[i * cols + j];
  }
  const state: AssignmentState = {
    c,
    nr,
    nc,
    u: new Float64Array(nr),
    v: new Float64Array(nc),
    col4row: new Int32Array(nr).fill(-1),
    row4col: new Int32Array(nc).fill(-1),
  };
  const order = new Int32Array(nr);
  for (let i = 0; i < nr; i++) order[i] = i;
  augmentRows(state, order, nr); // finite costs: always feasible
  const outRows = new Int32Array(nr);
  const outCols = new Int32Array(nr);
  if (!transpose) {
    for (let i = 0; i < nr; i++) {
      outRows[i] = i;
      outCols[i] = state.col4row[i];
    }
  } else {
    let k = 0;
    for (let i = 0; i < nc; i++) {
      const j = state.row4col[i];
      if (j >= 0) {
        outRows[k] = i;
        outCols[k++] = j;
      }
    }
  }
  return { rows: outRows, cols: outCols };
}
