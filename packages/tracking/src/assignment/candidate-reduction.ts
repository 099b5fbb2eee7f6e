/**
 * Jonker-Volgenant's reduction transfer and augmenting row reduction (Computing 38, 1987) run over a
 * candidate graph instead of full rows: each step costs one row's few edges instead of `n` entries, so the
 * step budget can be generous and few rows are left for the shortest path searches.
 * Internal to the assignment solver.
 */
import type { CandidateGraph } from './candidate-graph.js';
import type { AssignmentState } from './shortest-augmenting-path.js';

/** Augmenting row reduction steps allowed, per row. */
const ROW_REDUCTION_STEPS_PER_ROW = 8;

/**
 * Starts from the column reduction's matching (`col4row`/`row4col`, `v` the column minima) and improves it
 * on the graph's edges (each row has at least two). On return every assigned row has
 * `u[i] = c[i, col4row[i]] - v[col4row[i]]` and the reduced costs of all graph edges are non-negative. Writes the rows left free to `free`; returns how many.
 */
export function reduceOnCandidates(s: AssignmentState, g: CandidateGraph, free: Int32Array): number {
  const { nr: n, u, v, col4row, row4col } = s;
  const { start, col, cost } = g;

  // Reduction transfer: an assigned row gives its column the slack to its second-best edge.
  let numFree = 0;
  for (let i = 0; i < n; i++) {
    const j1 = col4row[i];
    if (j1 === -1) {
      free[numFree++] = i;
      continue;
    }
    // The row's reduced cost on its column is 0 (it holds the column minimum).
    let min = Infinity;
    for (let e = start[i], end = start[i + 1]; e < end; e++) {
      const j = col[e];
      const h = cost[e] - v[j];
      if (h < min && j !== j1) min = h;
    }
    if (min !== Infinity) v[j1] -= min;
  }

  // Augmenting row reduction: a free row takes its cheapest edge (lowering that column's dual to its
  // second-cheapest), displacing the previous owner, which is tried next.
  const budget = ROW_REDUCTION_STEPS_PER_ROW * n;
  let steps = 0;
  for (let pass = 0; pass < 2 && numFree > 0; pass++) {
    let q = 0;
    const pending = numFree;
    numFree = 0;
    while (q < pending) {
      if (steps++ >= budget) {
        while (q < pending) free[numFree++] = free[q++];
        break;
      }
      const i = free[q++];
      let best = Infinity;
      let jBest = -1;
      let second = Infinity;
      let jSecond = -1;
      for (let e = start[i], end = start[i + 1]; e < end; e++) {
        const j = col[e];
        const h = cost[e] - v[j];
        if (h < second && j !== jBest) {
          if (h >= best) {
            second = h;
            jSecond = j;
          } else {
            second = best;
            jSecond = jBest;
            best = h;
            jBest = j;
          }
        }
      }
      if (jBest === -1) {
        free[numFree++] = i;
        continue;
      }
      let j = jBest;
      let displaced = row4col[j];
      if (best < second) v[j] -= second - best;
      else if (displaced >= 0 && jSecond >= 0) {
        j = jSecond;
        displaced = row4col[j];
      }
      col4row[i] = j;
      row4col[j] = i;
      if (displaced >= 0) {
        col4row[displaced] = -1;
        // Retry at once when the column's dual fell (the displaced row now prefers elsewhere).
        if (best < second) free[--q] = displaced;
        else free[numFree++] = displaced;
      }
    }
  }

  // The column reduction's pairs need not be graph edges, so read their costs from the matrix.
  for (let i = 0; i < n; i++) {
    const j = col4row[i];
    if (j !== -1) u[i] = s.c[i * n + j] - v[j];
  }
  return numFree;
}
