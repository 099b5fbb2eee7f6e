import { FoveaError } from '@fovea/core';
import { solveOnCandidates } from './candidate-solver.js';
import { augmentRowsDense } from './dense-augment.js';
import { initializeSquare } from './jonker-volgenant.js';
import { augmentRows, type AssignmentState } from './shortest-augmenting-path.js';

/** Square finite problems from this size up are solved on a candidate graph first (see candidate-solver.ts). */
const CANDIDATE_GRAPH_MIN_SIZE = 250;

/** Options for {@link linearSumAssignment}. */
export interface LinearSumAssignmentOptions {
  /** Number of rows when `cost` is a flat row-major `Float64Array`. Ignored for `number[][]`. */
  rows?: number;
  /** Number of columns when `cost` is a flat row-major `Float64Array`. Ignored for `number[][]`. */
  cols?: number;
  /** Find the assignment with the largest total instead of the smallest. Default `false`. */
  maximize?: boolean;
}

/** An optimal assignment: row `rowIndices[k]` is assigned to column `colIndices[k]`. */
export interface Assignment {
  /** Assigned rows, strictly increasing; length `min(rows, cols)`. */
  rowIndices: Int32Array;
  /** The column assigned to each entry of `rowIndices`. */
  colIndices: Int32Array;
}

/**
 * Solves the linear sum assignment problem (minimum-weight bipartite matching), with the semantics of
 * `scipy.optimize.linear_sum_assignment`.
 *
 * Each row is assigned to at most one column and each column to at most one row, `min(rows, cols)` pairs in
 * all, so that the total cost of the pairs is the smallest possible (the largest with `maximize`). The
 * matrix may be rectangular either way. `+Infinity` marks a forbidden pair (`-Infinity` with `maximize`).
 *
 * Algorithm: shortest augmenting paths with dual variables (the Jonker-Volgenant variant described by
 * Crouse, "On implementing 2D rectangular assignment algorithms", IEEE TAES 2016), the method scipy uses;
 * O(rows² · cols) worst case. Rectangular matrices and matrices with forbidden pairs are solved exactly as
 * scipy does, row by row, and break ties the same way. Square finite matrices start with Jonker and
 * Volgenant's reductions (1987); from 250x250 up they are first solved on each row's cheapest columns and
 * the result proved optimal against every entry (falling back to the dense solve when that fails). These
 * give the same optimal total, but where several assignments share it they may pick another one than scipy.
 *
 * @param cost - `rows x cols` costs: `number[][]`, or a flat row-major `Float64Array` with `options.rows`
 *   and/or `options.cols`. Not modified.
 * @returns `{ rowIndices, colIndices }`, ordered by row; empty when `rows` or `cols` is 0.
 * @throws FoveaError `E_INVALID_ARGUMENT` when the shape is inconsistent, when an entry is NaN or
 *   `-Infinity` (`+Infinity` with `maximize`), or when forbidden entries leave no complete assignment
 *   (scipy: "cost matrix is infeasible").
 */
export function linearSumAssignment(
  cost: Float64Array | readonly (readonly number[])[],
  options: LinearSumAssignmentOptions = {},
): Assignment {
  const maximize = options.maximize ?? false;
  const [rows, cols] = shapeOf(cost, options);
  if (rows === 0 || cols === 0) return { rowIndices: new Int32Array(0), colIndices: new Int32Array(0) };

  // The solver wants rows <= cols and a minimisation; copy only when the input must change.
  const transpose = rows > cols;
  const nr = transpose ? cols : rows;
  const nc = transpose ? rows : cols;
  let c: Float64Array;
  if (cost instanceof Float64Array && !transpose && !maximize) {
    c = cost;
  } else {
    c = new Float64Array(rows * cols);
    const sign = maximize ? -1 : 1;
    for (let i = 0; i < rows; i++) {
      const row = cost instanceof Float64Array ? null : cost[i];
      for (let j = 0; j < cols; j++) {
        const x = row === null ? (cost as Float64Array)[i * cols + j] : row[j];
        c[transpose ? j * nc + i : i * nc + j] = sign * x;
      }
    }
  }
  const finite = checkEntries(c, nr, nc, transpose, maximize);

  const col4row = solve(c, nr, nc, finite);
  if (col4row === null) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `cost matrix is infeasible: its ${maximize ? '-' : '+'}Infinity entries leave no assignment of all ` +
        `${nr} ${transpose ? 'columns' : 'rows'}; use a large finite cost (for example 1e5) for pairs that ` +
        'should only be matched as a last resort',
    );
  }

  const rowIndices = new Int32Array(nr);
  const colIndices = new Int32Array(nr);
  if (!transpose) {
    for (let i = 0; i < nr; i++) {
      rowIndices[i] = i;
      colIndices[i] = col4row[i];
    }
  } else {
    // Solver rows are input columns: list the input rows that were used, in increasing order.
    const colOfRow = new Int32Array(nc).fill(-1);
    for (let j = 0; j < nr; j++) colOfRow[col4row[j]] = j;
    let k = 0;
    for (let i = 0; i < nc; i++) {
      if (colOfRow[i] >= 0) {
        rowIndices[k] = i;
        colIndices[k] = colOfRow[i];
        k++;
      }
    }
  }
  return { rowIndices, colIndices };
}

function shapeOf(
  cost: Float64Array | readonly (readonly number[])[],
  options: LinearSumAssignmentOptions,
): [number, number] {
  if (cost instanceof Float64Array) {
    let { rows, cols } = options;
    if (rows === undefined && cols === undefined) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `a flat Float64Array cost matrix (length ${cost.length}) needs its shape: pass { rows, cols }`,
      );
    }
    if (rows === undefined) rows = cols! === 0 ? 0 : cost.length / cols!;
    if (cols === undefined) cols = rows === 0 ? 0 : cost.length / rows;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0 || rows * cols !== cost.length) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `cost matrix shape rows=${options.rows} cols=${options.cols} does not match its length ${cost.length}; ` +
          'pass non-negative integers with rows * cols === cost.length',
      );
    }
    return [rows, cols];
  }
  if (!Array.isArray(cost)) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'cost must be a number[][] or a flat Float64Array with { rows, cols }');
  }
  const rows = cost.length;
  const cols = rows === 0 ? 0 : cost[0].length;
  for (let i = 0; i < rows; i++) {
    if (!Array.isArray(cost[i]) || cost[i].length !== cols) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `cost matrix rows must all have the same length: row 0 has ${cols}, row ${i} has ` +
          `${Array.isArray(cost[i]) ? cost[i].length : typeof cost[i]}`,
      );
    }
  }
  return [rows, cols];
}

/**
 * Rejects NaN and -Infinity in the (possibly negated and transposed) minimisation matrix, like scipy.
 * Returns whether every entry is finite.
 */
function checkEntries(c: Float64Array, nr: number, nc: number, transpose: boolean, maximize: boolean): boolean {
  // Fast path: x * 0 is 0 for every finite x and NaN otherwise, so four running sums of it stay 0 exactly
  // when all entries are finite (independent sums keep the additions pipelined).
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (const end = c.length - 3; k < end; k += 4) {
    s0 += c[k] * 0;
    s1 += c[k + 1] * 0;
    s2 += c[k + 2] * 0;
    s3 += c[k + 3] * 0;
  }
  for (; k < c.length; k++) s0 += c[k] * 0;
  if (s0 + s1 + s2 + s3 === 0) return true;
  let finite = true;
  for (let k = 0; k < c.length; k++) {
    const x = c[k];
    if (x === Infinity) finite = false;
    else if (x !== x || x === -Infinity) {
      const r = Math.floor(k / nc);
      const col = k - r * nc;
      const [i, j] = transpose ? [col, r] : [r, col];
      const value = x !== x ? 'NaN' : maximize ? '+Infinity' : '-Infinity';
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `cost matrix contains invalid numeric entries: ${value} at [${i}, ${j}]` +
          ` (${nr === nc ? 'square' : 'rectangular'} ${transpose ? nc : nr}x${transpose ? nr : nc}); ` +
          `use finite costs, with ${maximize ? '-' : '+'}Infinity only for forbidden pairs`,
      );
    }
  }
  return finite;
}

/** Solves an `nr x nc` row-major minimisation, `nr <= nc`; the column of each row, or null if infeasible. */
function solve(c: Float64Array, nr: number, nc: number, finite: boolean): Int32Array | null {
  const state: AssignmentState = {
    c,
    nr,
    nc,
    u: new Float64Array(nr),
    v: new Float64Array(nc),
    col4row: new Int32Array(nr).fill(-1),
    row4col: new Int32Array(nc).fill(-1),
  };
  if (nr === nc && nr >= 2 && finite) {
    if (nr >= CANDIDATE_GRAPH_MIN_SIZE) {
      if (solveOnCandidates(state)) return state.col4row;
      state.u.fill(0);
      state.v.fill(0);
      state.col4row.fill(-1);
      state.row4col.fill(-1);
    }
    const free = new Int32Array(nr);
    const count = initializeSquare(state, free);
    return augmentRowsDense(state, free, count) ? state.col4row : null;
  }
  // Rectangular or with forbidden pairs: scipy's method as is, row by row.
  const rows = new Int32Array(nr);
  for (let i = 0; i < nr; i++) rows[i] = i;
  return augmentRows(state, rows, nr) ? state.col4row : null;
}
