import { FoveaError, mulberry32 } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { linearSumAssignment } from '../../src/assignment/linear-sum-assignment.js';
import { decode, loadFixture } from '../fixtures/load.js';

interface LsaCase {
  name: string;
  rows: number;
  cols: number;
  maximize: boolean;
  cost: (number | string)[];
  error?: string;
  rowIndices?: number[];
  colIndices?: number[];
  total?: number;
  unique?: boolean;
}

const fixture = loadFixture<{ scipy: string; cases: LsaCase[] }>('lsa.json');

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

function totalOf(cost: Float64Array, cols: number, rowIndices: Int32Array, colIndices: Int32Array): number {
  let sum = 0;
  for (let k = 0; k < rowIndices.length; k++) sum += cost[rowIndices[k] * cols + colIndices[k]];
  return sum;
}

function toRows(cost: Float64Array, rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, i) => Array.from(cost.subarray(i * cols, (i + 1) * cols)));
}

/** Checks the shape rules every answer must satisfy: one pair per row or column, rows increasing. */
function expectValidAssignment(rows: number, cols: number, rowIndices: Int32Array, colIndices: Int32Array): void {
  expect(rowIndices.length).toBe(Math.min(rows, cols));
  expect(colIndices.length).toBe(rowIndices.length);
  for (let k = 1; k < rowIndices.length; k++) expect(rowIndices[k]).toBeGreaterThan(rowIndices[k - 1]);
  expect(new Set(colIndices).size).toBe(colIndices.length);
  for (const r of rowIndices) expect(r >= 0 && r < rows).toBe(true);
  for (const c of colIndices) expect(c >= 0 && c < cols).toBe(true);
}

describe(`linearSumAssignment against scipy ${fixture.scipy} (lsa.json)`, () => {
  it('has the fixture cases the issue asks for', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const cost = decode(c.cost);
    const copy = cost.slice();
    for (const input of [cost, toRows(cost, c.rows, c.cols)]) {
      const run = () => linearSumAssignment(input, { rows: c.rows, cols: c.cols, maximize: c.maximize });
      if (c.error !== undefined) {
        const error = thrown(run);
        expect(error).toBeInstanceOf(FoveaError);
        expect((error as FoveaError).code).toBe('E_INVALID_ARGUMENT');
        expect((error as FoveaError).message).toContain(c.error);
        continue;
      }
      const { rowIndices, colIndices } = run();
      expectValidAssignment(c.rows, c.cols, rowIndices, colIndices);
      const total = totalOf(cost, c.cols, rowIndices, colIndices);
      expect(Math.abs(total - c.total!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.total!)));
      if (c.unique) {
        expect(Array.from(rowIndices)).toEqual(c.rowIndices);
        expect(Array.from(colIndices)).toEqual(c.colIndices);
      }
    }
    expect(cost).toEqual(copy); // input untouched
  });
});

/** Exhaustive reference: the best total over every way to give each row of the shorter side a distinct partner. */
function bruteForce(cost: Float64Array, rows: number, cols: number, maximize: boolean): number | null {
  const transpose = rows > cols;
  const nr = transpose ? cols : rows;
  const nc = transpose ? rows : cols;
  const at = (i: number, j: number) => (transpose ? cost[j * cols + i] : cost[i * cols + j]);
  const used = new Uint8Array(nc);
  let best: number | null = null;
  const visit = (i: number, sum: number): void => {
    if (i === nr) {
      if (Number.isFinite(sum) && (best === null || (maximize ? sum > best : sum < best))) best = sum;
      return;
    }
    for (let j = 0; j < nc; j++) {
      if (used[j]) continue;
      used[j] = 1;
      visit(i + 1, sum + at(i, j));
      used[j] = 0;
    }
  };
  visit(0, 0);
  return best;
}

describe('linearSumAssignment against brute force on small random matrices', () => {
  const rand = mulberry32(12345);
  const cases: [string, Float64Array, number, number, boolean][] = [];
  for (let t = 0; t < 300; t++) {
    const rows = 1 + Math.floor(rand() * 6);
    const cols = 1 + Math.floor(rand() * 6);
    const kind = t % 5; // uniform, small integers (ties), some +inf, negative, maximize
    const cost = new Float64Array(rows * cols);
    for (let k = 0; k < cost.length; k++) {
      if (kind === 1) cost[k] = Math.floor(rand() * 3);
      else if (kind === 2) cost[k] = rand() < 0.3 ? Infinity : rand();
      else if (kind === 3) cost[k] = (rand() - 0.5) * 1e3;
      else cost[k] = rand();
    }
    cases.push([`#${t} ${rows}x${cols} kind ${kind}`, cost, rows, cols, kind === 4]);
  }

  it.each(cases)('%s', (_, cost, rows, cols, maximize) => {
    const expected = bruteForce(cost, rows, cols, maximize);
    if (expected === null) {
      expect(() => linearSumAssignment(cost, { rows, cols, maximize })).toThrow('cost matrix is infeasible');
      return;
    }
    const { rowIndices, colIndices } = linearSumAssignment(cost, { rows, cols, maximize });
    expectValidAssignment(rows, cols, rowIndices, colIndices);
    const total = totalOf(cost, cols, rowIndices, colIndices);
    expect(Math.abs(total - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  });
});

describe('linearSumAssignment larger square matrices (Jonker-Volgenant start) against the plain shortest paths', () => {
  // The same matrix with one +Infinity entry far from the optimum takes the plain path; totals must agree.
  it.each([
    ['uniform 150', 150, 0],
    ['small integers 120 (ties)', 120, 1],
    ['gating 1e5 100', 100, 2],
  ])('%s', (_, n, kind) => {
    const rand = mulberry32(n * 7 + (kind as number));
    const cost = new Float64Array((n as number) * (n as number));
    for (let k = 0; k < cost.length; k++) {
      cost[k] = kind === 1 ? Math.floor(rand() * 4) : kind === 2 ? (rand() < 0.7 ? 1e5 : rand() * 0.2) : rand();
    }
    const size = n as number;
    const a = linearSumAssignment(cost, { rows: size, cols: size });
    // Pad with an extra column of +Infinity: a rectangular problem with the same optimum, solved without
    // the Jonker-Volgenant initialisation.
    const padded = new Float64Array(size * (size + 1));
    for (let i = 0; i < size; i++) {
      padded.set(cost.subarray(i * size, (i + 1) * size), i * (size + 1));
      padded[i * (size + 1) + size] = Infinity;
    }
    const b = linearSumAssignment(padded, { rows: size, cols: size + 1 });
    const ta = totalOf(cost, size, a.rowIndices, a.colIndices);
    const tb = totalOf(padded, size + 1, b.rowIndices, b.colIndices);
    expectValidAssignment(size, size, a.rowIndices, a.colIndices);
    expect(Math.abs(ta - tb)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(tb)));
  });
});

describe('linearSumAssignment input handling', () => {
  it.each([
    ['empty number[][]', [] as number[][], [], []],
    ['3x0 number[][]', [[], [], []], [], []],
    ['1x1', [[7]], [0], [0]],
    ['textbook 3x3', [[4, 1, 3], [2, 0, 5], [3, 2, 2]], [0, 1, 2], [1, 0, 2]],
    ['tall 3x2 ordered by row', [[1, 9], [9, 9], [9, 1]], [0, 2], [0, 1]],
    ['wide 2x3', [[9, 1, 9], [1, 9, 9]], [0, 1], [1, 0]],
  ])('%s', (_, cost, rowIndices, colIndices) => {
    const res = linearSumAssignment(cost);
    expect(res.rowIndices).toBeInstanceOf(Int32Array);
    expect(Array.from(res.rowIndices)).toEqual(rowIndices);
    expect(Array.from(res.colIndices)).toEqual(colIndices);
  });

  it('reads a flat Float64Array with only one of rows/cols given', () => {
    const cost = Float64Array.from([4, 1, 3, 2, 0, 5]);
    const wide = linearSumAssignment(cost, { rows: 2 }); // [[4, 1, 3], [2, 0, 5]]
    expect([Array.from(wide.rowIndices), Array.from(wide.colIndices)]).toEqual([[0, 1], [1, 0]]);
    const tall = linearSumAssignment(cost, { cols: 2 }); // [[4, 1], [3, 2], [0, 5]]
    expect([Array.from(tall.rowIndices), Array.from(tall.colIndices)]).toEqual([[0, 2], [1, 0]]);
  });

  it('maximize picks the largest total', () => {
    const res = linearSumAssignment([[1, 2], [3, 5]], { maximize: true });
    expect(Array.from(res.colIndices)).toEqual([0, 1]);
  });

  it.each([
    ['Float64Array without shape', () => linearSumAssignment(new Float64Array(4)), 'pass { rows, cols }'],
    ['shape mismatch', () => linearSumAssignment(new Float64Array(5), { rows: 2, cols: 2 }), 'does not match'],
    ['ragged rows', () => linearSumAssignment([[1, 2], [3]]), 'same length'],
    ['NaN', () => linearSumAssignment([[1, NaN]]), 'NaN at [0, 1]'],
    ['-Infinity', () => linearSumAssignment([[1], [-Infinity]]), '-Infinity at [1, 0]'],
    ['+Infinity with maximize', () => linearSumAssignment([[Infinity, 1]], { maximize: true }), '+Infinity'],
    ['infeasible', () => linearSumAssignment([[Infinity, Infinity], [1, 2]]), 'cost matrix is infeasible'],
  ])('%s throws FoveaError E_INVALID_ARGUMENT', (_, run, message) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(FoveaError);
    expect((error as FoveaError).code).toBe('E_INVALID_ARGUMENT');
    expect((error as FoveaError).message).toContain(message);
  });
});
