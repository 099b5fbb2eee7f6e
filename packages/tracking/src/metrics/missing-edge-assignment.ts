import { assignLikeScipy } from '../trackers/scipy-assignment.js';

/**
 * Minimum-cost assignment where non-finite costs (NaN, ±Infinity) are missing edges, as py-motmetrics'
 * `lap.linear_sum_assignment` does it with its scipy solver: missing edges get a cost so large that the
 * solver only takes one when nothing else completes the assignment (`2 * min(rows, cols) * c + 1`, with `c`
 * one more than the largest finite |cost|; all zeros when no edge is finite), scipy's solver runs, and pairs
 * on missing edges are dropped. So the result is a maximum-cardinality matching over the finite edges with the
 * least total cost, with scipy's tie-breaking.
 *
 * @param costs - Row-major `rows x cols` costs; not modified.
 * @returns Pairs `(rowIndices[k], colIndices[k])` on finite edges, by increasing row.
 */
export function assignWithMissingEdges(
  costs: Float64Array,
  rows: number,
  cols: number,
): { rowIndices: Int32Array; colIndices: Int32Array } {
  if (rows === 0 || cols === 0) return { rowIndices: new Int32Array(0), colIndices: new Int32Array(0) };
  let maxAbs = -1;
  for (let k = 0; k < costs.length; k++) {
    if (Number.isFinite(costs[k])) maxAbs = Math.max(maxAbs, Math.abs(costs[k]));
  }
  const finite = new Float64Array(costs.length);
  if (maxAbs >= 0) {
    const large = 2 * Math.min(rows, cols) * (maxAbs + 1) + 1;
    for (let k = 0; k < costs.length; k++) finite[k] = Number.isFinite(costs[k]) ? costs[k] : large;
  }
  // scipy's exact tie-breaking (not linearSumAssignment's faster square path): ties decide switches.
  const { rows: rowIndices, cols: colIndices } = assignLikeScipy(finite, rows, cols);
  let kept = 0;
  for (let k = 0; k < rowIndices.length; k++) {
    if (Number.isFinite(costs[rowIndices[k] * cols + colIndices[k]])) {
      rowIndices[kept] = rowIndices[k];
      colIndices[kept] = colIndices[k];
      kept++;
    }
  }
  return { rowIndices: rowIndices.slice(0, kept), colIndices: colIndices.slice(0, kept) };
}
