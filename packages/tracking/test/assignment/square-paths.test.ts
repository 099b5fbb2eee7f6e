import { describe, expect, it } from 'vitest';
import { linearSumAssignment } from '../../src/assignment/linear-sum-assignment.js';
import { mulberry32 } from '@fovea/core';

// Square finite matrices take the Jonker-Volgenant path (below 250) or the candidate-graph path (250 and
// up, with its full-matrix check, repairs and dense fallback). Each is checked against the plain shortest
// augmenting path (scipy's method, unchanged), reached by padding the matrix with a column of +Infinity:
// the same optimum, solved without either square path.

type Entry = (i: number, j: number, n: number, rand: () => number) => number;

// Kinds chosen to reach every branch of the candidate path: no repair (uniform), repairs (distance-like,
// row scales), an unmatched candidate graph and its dense fallback (ties everywhere, rank-one products,
// column scales), gating costs as trackers build them.
const KINDS: Record<string, Entry> = {
  'uniform': (_i, _j, _n, r) => r(),
  'small integers (ties)': (_i, _j, _n, r) => Math.floor(r() * 4),
  'constant (all ties)': () => 3,
  'gating 1e5, 30% small': (_i, _j, _n, r) => (r() < 0.7 ? 1e5 : r() * 0.2),
  'gating 1e5, 3% small': (_i, _j, _n, r) => (r() < 0.97 ? 1e5 : r() * 0.2),
  'rank one i*j': (i, j) => i * j,
  'rows scaled': (i, _j, _n, r) => r() * (i + 1) * 100,
  'columns scaled': (_i, j, _n, r) => r() * (j + 1) * 100,
  'few cheap columns': (_i, j, _n, r) => (j < 5 ? r() * 0.01 : 1 + r()),
  'shuffled distance': (i, j, n, r) => Math.abs(((i * 7919) % n) - j) + r() * 1e-3,
  'negative and large': (_i, _j, _n, r) => (r() - 0.5) * 1e9,
};

function matrix(kind: Entry, n: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = kind(i, j, n, rand);
  return c;
}

function plainTotal(c: Float64Array, n: number): number {
  const padded = new Float64Array(n * (n + 1));
  for (let i = 0; i < n; i++) {
    padded.set(c.subarray(i * n, (i + 1) * n), i * (n + 1));
    padded[i * (n + 1) + n] = Infinity;
  }
  const { rowIndices, colIndices } = linearSumAssignment(padded, { rows: n, cols: n + 1 });
  let total = 0;
  for (let k = 0; k < n; k++) total += padded[rowIndices[k] * (n + 1) + colIndices[k]];
  return total;
}

const cases = Object.entries(KINDS).flatMap(([name, kind], s) =>
  [60, 260].map((n) => [`${name} ${n}x${n}`, kind, n, 1000 * s + n] as const),
);

describe('linearSumAssignment square paths against the plain shortest augmenting path', () => {
  it.each(cases)('%s', (_, kind, n, seed) => {
    const c = matrix(kind, n, seed);
    const copy = c.slice();
    const { rowIndices, colIndices } = linearSumAssignment(c, { rows: n, cols: n });
    expect(Array.from(rowIndices)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(new Set(colIndices).size).toBe(n);
    let total = 0;
    for (let i = 0; i < n; i++) total += c[i * n + colIndices[i]];
    const expected = plainTotal(c, n);
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    expect(c).toEqual(copy); // input untouched
  });

  it('maximize on the candidate path equals minimising the negated matrix', () => {
    const n = 300;
    const c = matrix(KINDS.uniform, n, 99);
    const max = linearSumAssignment(c, { rows: n, cols: n, maximize: true });
    let total = 0;
    for (let i = 0; i < n; i++) total += c[i * n + max.colIndices[i]];
    const negated = c.map((x) => -x);
    expect(Math.abs(-total - plainTotal(negated, n))).toBeLessThanOrEqual(1e-9 * Math.abs(total));
  });
});
