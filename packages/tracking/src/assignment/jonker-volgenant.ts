/**
 * Jonker-Volgenant initialisation for square assignment problems (Jonker & Volgenant, "A shortest
 * augmenting path algorithm for dense and sparse linear assignment problems", Computing 38, 1987): column
 * reduction, reduction transfer and augmenting row reduction. It assigns most rows of a dense problem
 * cheaply and leaves duals under which the remaining shortest path searches are short.
 * Internal to the assignment solver.
 */
import type { AssignmentState } from './shortest-augmenting-path.js';

/** Augmenting row reduction steps allowed, per row: beyond this, shortest paths are cheaper. */
const ROW_REDUCTION_STEPS_PER_ROW = 2;

/**
 * Fills `s` (square, finite costs, all rows and columns free on entry) with a partial assignment and
 * feasible duals, and writes the rows left free to `free`. Returns how many there are.
 */
export function initializeSquare(s: AssignmentState, free: Int32Array): number {
  const { c, nr: n, u, v, col4row, row4col } = s;

  // Column reduction: v[j] is the column minimum; each column goes to its minimum row if that row has no
  // column yet (or had one with a larger minimum). Scanned by rows to read memory in order.
  const argmin = new Int32Array(n);
  const matches = new Int32Array(n);
  for (let j = 0; j < n; j++) v[j] = c[j];
  for (let i = 1; i < n; i++) {
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const x = c[base + j];
      if (x < v[j]) {
        v[j] = x;
        argmin[j] = i;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    const i = argmin[j];
    if (++matches[i] === 1) {
      col4row[i] = j;
      row4col[j] = i;
    } else if (v[j] < v[col4row[i]]) {
      row4col[col4row[i]] = -1;
      col4row[i] = j;
      row4col[j] = i;
    }
  }

  // Reduction transfer: a row matched once gives its column the slack to its second-best column.
  let numFree = 0;
  for (let i = 0; i < n; i++) {
    if (matches[i] === 0) {
      free[numFree++] = i;
    } else if (matches[i] === 1) {
      const j1 = col4row[i];
      const base = i * n;
      let min = Infinity;
      for (let j = 0; j < n; j++) {
        const h = c[base + j] - v[j];
        if (h < min && j !== j1) min = h;
      }
      v[j1] -= min;
    }
  }

  // Augmenting row reduction: a free row takes its cheapest column (lowering that column's dual to its
  // second-cheapest), displacing the previous owner, which is tried next.
  const budget = ROW_REDUCTION_STEPS_PER_ROW * n;
  let steps = 0;
  for (let pass = 0; pass < 2 && numFree > 0; pass++) {
    let k = 0;
    const pending = numFree;
    numFree = 0;
    while (k < pending) {
      if (steps++ >= budget) {
        while (k < pending) free[numFree++] = free[k++];
        break;
      }
      const i = free[k++];
      const base = i * n;
      let best = c[base] - v[0];
      let jBest = 0;
      let second = Infinity;
      let jSecond = -1;
      for (let j = 1; j < n; j++) {
        const h = c[base + j] - v[j];
        if (h < second) {
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
      let j = jBest;
      let displaced = row4col[j];
      if (best < second) v[j] -= second - best;
      else if (displaced >= 0) {
        j = jSecond;
        displaced = row4col[j];
      }
      col4row[i] = j;
      row4col[j] = i;
      if (displaced >= 0) {
        col4row[displaced] = -1;
        // Retry at once when the column's dual fell (the displaced row now prefers elsewhere).
        if (best < second) free[--k] = displaced;
        else free[numFree++] = displaced;
      }
    }
  }

  // Each assigned row holds its cheapest reduced column, so these row duals are feasible.
  for (let i = 0; i < n; i++) {
    const j = col4row[i];
    if (j >= 0) u[i] = c[i * n + j] - v[j];
  }
  return numFree;
}
