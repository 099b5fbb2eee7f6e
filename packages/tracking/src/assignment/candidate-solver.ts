/**
 * Large square problems solved on a sparse candidate graph and then proved optimal on the full matrix.
 *
 * In a dense random problem the optimal pairs are among each row's cheapest few columns, yet the dense
 * searches read whole rows, many times over. Here the matrix is read once to pick each row's `k` cheapest
 * columns (and the column minima), the assignment is solved on those edges only, and a second read checks
 * the duals against every entry: `c[i, j] - u[i] - v[j] >= 0` everywhere, with equality on the assigned
 * pairs, is the linear-programming certificate that no assignment costs less. A row that fails the check
 * gets the duals that make it feasible, its cheapest reduced columns as edges, and is assigned again; the
 * check repeats on the rows whose duals rose until it passes (usually at once) or gives up, and the
 * caller then solves densely.
 * Internal to the assignment solver.
 */
import { buildCandidateGraph, reselectRow } from './candidate-graph.js';
import { CandidateSearch } from './candidate-augment.js';
import { reduceOnCandidates } from './candidate-reduction.js';
import type { AssignmentState } from './shortest-augmenting-path.js';

/** Edges kept per row. */
const CANDIDATES_PER_ROW = 10;
/** Full-matrix checks before falling back to the dense solver. */
const MAX_CHECKS = 4;
/**
 * Slack allowed in the check, relative to the largest dual: the duals carry rounding from many updates,
 * and an entry this close to feasible cannot give a cheaper assignment beyond rounding.
 */
const RELATIVE_TOLERANCE = 1e-13;

/**
 * Solves the square, finite `s` (all rows and columns free on entry). Returns false when it gave up; the
 * state is then arbitrary and the caller must reset it.
 */
export function solveOnCandidates(s: AssignmentState): boolean {
  const { c, nr: n, u, v, col4row, row4col } = s;
  const argmin = new Int32Array(n);
  const g = buildCandidateGraph(c, n, Math.min(CANDIDATES_PER_ROW, n), v, argmin);
  for (let j = 0; j < n; j++) {
    const i = argmin[j];
    if (col4row[i] === -1) {
      col4row[i] = j;
      row4col[j] = i;
    }
  }
  const free = new Int32Array(n);
  let numFree = reduceOnCandidates(s, g, free);
  const search = new CandidateSearch(s, g);

  // Only a row whose dual rose can undercut an entry (column duals only fall), so after the first full
  // check only the rows the searches raised are checked again.
  const toCheck = new Int32Array(n);
  for (let check = 0; check < MAX_CHECKS; check++) {
    for (let q = 0; q < numFree; q++) if (!search.augment(free[q])) return false;
    const numToCheck = check === 0 ? n : search.takeRaisedRows(toCheck);
    if (check === 0) search.takeRaisedRows(toCheck);
    let scale = 0;
    for (let k = 0; k < n; k++) scale = Math.max(scale, Math.abs(u[k]), Math.abs(v[k]));
    const tolerance = RELATIVE_TOLERANCE * scale;
    numFree = 0;
    for (let t = 0; t < numToCheck; t++) {
      const i = check === 0 ? t : toCheck[t];
      const base = i * n;
      const limit = u[i] - tolerance;
      let j = 0;
      while (j < n && c[base + j] - v[j] >= limit) j++;
      if (j === n) continue;
      // Row i undercuts an entry: lower its dual to the row's least reduced cost, free it, and give it its
      // cheapest reduced columns as edges.
      let min = Infinity;
      for (let jj = 0; jj < n; jj++) {
        const h = c[base + jj] - v[jj];
        if (h < min) min = h;
      }
      u[i] = min;
      row4col[col4row[i]] = -1;
      col4row[i] = -1;
      reselectRow(g, c, n, i, v);
      free[numFree++] = i;
    }
    if (numFree === 0) return true;
  }
  return false;
}
