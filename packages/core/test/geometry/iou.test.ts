import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { type BoxFormat, convertBoxes } from '../../src/geometry/boxes.js';
import { boxIou, completeBoxIou, distanceBoxIou, generalizedBoxIou } from '../../src/geometry/iou.js';

interface IouCase {
  name: string;
  boxes1: number[];
  boxes2: number[];
  iou: (number | null)[];
  giou: (number | null)[];
  diou: (number | null)[];
  ciou: (number | null)[];
}
interface ConvertCase {
  from: BoxFormat;
  to: BoxFormat;
  boxes: number[];
  expected: number[];
}
const fixture = JSON.parse(
  readFileSync(new URL('../fixtures/boxes/box_ops.json', import.meta.url), 'utf8'),
) as { iouCases: IouCase[]; convertCases: ConvertCase[] };

/** Max |a - b| over finite entries; -1 when NaN positions (null in the fixture) differ. */
function maxAbsDiff(actual: Float32Array, expected: (number | null)[]): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i];
    if ((e === null) !== Number.isNaN(actual[i])) return -1;
    if (e !== null) worst = Math.max(worst, Math.abs(actual[i] - e));
  }
  return worst;
}

const ops = [
  ['iou', boxIou],
  ['giou', generalizedBoxIou],
  ['diou', distanceBoxIou],
  ['ciou', completeBoxIou],
] as const;

describe('IoUs against torchvision.ops (box_ops.json)', () => {
  it('has at least 200 cases', () => {
    expect(fixture.iouCases.length).toBeGreaterThanOrEqual(200);
  });

  it.each(ops)('%s matches within 1e-6 with equal NaN positions on every case', (key, op) => {
    for (const c of fixture.iouCases) {
      const diff = maxAbsDiff(op(c.boxes1, c.boxes2), c[key]);
      expect(diff, `${key} ${c.name}`).toBeGreaterThanOrEqual(0);
      expect(diff, `${key} ${c.name}`).toBeLessThanOrEqual(1e-6);
    }
  });
});

describe('convertBoxes against torchvision.ops.box_convert', () => {
  it('matches every format pair within 1e-6', () => {
    for (const c of fixture.convertCases) {
      const diff = maxAbsDiff(convertBoxes(c.boxes, c.from, c.to), c.expected);
      expect(diff, `${c.from} -> ${c.to}`).toBeGreaterThanOrEqual(0);
      expect(diff, `${c.from} -> ${c.to}`).toBeLessThanOrEqual(1e-6);
    }
  });
});

const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });

describe('IoU hand cases and input handling', () => {
  it.each([
    ['identical', [0, 0, 2, 2], [0, 0, 2, 2], 1],
    ['half overlap', [0, 0, 2, 2], [1, 0, 3, 2], 1 / 3],
    ['touching edge', [0, 0, 2, 2], [2, 0, 4, 2], 0],
    ['nested', [0, 0, 4, 4], [1, 1, 3, 3], 0.25],
    ['zero area vs box', [1, 1, 1, 1], [0, 0, 2, 2], 0],
  ])('boxIou %s', (_name, a, b, expected) => {
    expect(boxIou(a, b)[0]).toBeCloseTo(expected, 6);
  });

  it('two zero-area boxes give NaN like torchvision (0/0)', () => {
    expect(Number.isNaN(boxIou([[3, 3, 3, 3]], [[3, 3, 3, 3]])[0])).toBe(true);
  });

  it('returns N x M row-major, and empty for Nx0 / 0xM', () => {
    const out = boxIou([[0, 0, 1, 1], [0, 0, 2, 2]], [[0, 0, 1, 1], [0, 0, 2, 2], [5, 5, 6, 6]]);
    expect(Array.from(out)).toEqual([1, 0.25, 0, 0.25, 1, 0]);
    expect(boxIou([[0, 0, 1, 1]], []).length).toBe(0);
    expect(generalizedBoxIou(new Float32Array(0), [0, 0, 1, 1]).length).toBe(0);
  });

  it('giou is -1 in the limit of far-apart tiny boxes and equals iou for nested boxes', () => {
    expect(generalizedBoxIou([0, 0, 1, 1], [1e4, 1e4, 1e4 + 1, 1e4 + 1])[0]).toBeCloseTo(-1, 6);
    expect(generalizedBoxIou([0, 0, 4, 4], [1, 1, 3, 3])[0]).toBeCloseTo(0.25, 6);
  });

  it.each([
    ['length not a multiple of 4', [0, 0, 1]],
    ['NaN coordinate', [0, 0, Number.NaN, 1]],
    ['infinite coordinate', [0, 0, Infinity, 1]],
    ['inverted x', [2, 0, 1, 1]],
    ['inverted y', [0, 2, 1, 1]],
    ['row of 3', [[0, 0, 1]]],
  ])('rejects %s with E_INVALID_ARGUMENT', (_name, bad) => {
    for (const [, op] of ops) {
      expect(() => op(bad as number[], [0, 0, 1, 1])).toThrow(FoveaError);
      expect(() => op([0, 0, 1, 1], bad as number[])).toThrowError(invalid);
    }
  });
});
