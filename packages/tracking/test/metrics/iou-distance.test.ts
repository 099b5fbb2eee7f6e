import { boxIou, convertBoxes } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { iouDistanceMatrix } from '../../src/index.js';

describe('iouDistanceMatrix (py-motmetrics distances.iou_matrix)', () => {
  it.each([
    ['identical', [0, 0, 10, 10], [0, 0, 10, 10], 0],
    ['half overlap (IoU 1/3)', [0, 0, 10, 10], [5, 0, 10, 10], 1 - 50 / 150],
    ['contained (IoU 1/4)', [0, 0, 20, 20], [5, 5, 10, 10], 0.75],
    ['touching edges', [0, 0, 10, 10], [10, 0, 10, 10], 1],
    ['disjoint', [0, 0, 10, 10], [50, 50, 10, 10], 1],
    ['zero width, identical', [3, 3, 0, 10], [3, 3, 0, 10], 1],
    ['negative height counts as empty', [0, 0, 10, -5], [0, 0, 10, 10], 1],
  ])('%s', (_, a, b, d) => {
    expect(iouDistanceMatrix(a, b)[0]).toBeCloseTo(d, 15);
  });

  it('keeps a distance equal to maxDistance and drops larger ones', () => {
    // IoU exactly 0.5 (distance 0.5) and 100 / 200.2 (distance just above 0.5).
    const d = iouDistanceMatrix([0, 0, 10, 10], [0, 0, 10, 20, 0, 0, 10, 20.02], 0.5);
    expect(d[0]).toBe(0.5);
    expect(d[1]).toBeNaN();
  });

  it('is N x M row-major and agrees with core boxIou on ordinary boxes', () => {
    const objs = [0, 0, 10, 10, 5, 5, 20, 10, 100, 100, 3, 4];
    const hyps = [1, 1, 10, 10, 6, 4, 18, 12];
    const d = iouDistanceMatrix(objs, hyps);
    expect(d.length).toBe(6);
    const iou = boxIou(convertBoxes(objs, 'xywh', 'xyxy'), convertBoxes(hyps, 'xywh', 'xyxy'));
    for (let k = 0; k < 6; k++) expect(d[k]).toBeCloseTo(1 - iou[k], 6);
  });

  it('handles empty inputs and rejects ragged ones', () => {
    expect(iouDistanceMatrix([], [0, 0, 1, 1]).length).toBe(0);
    expect(() => iouDistanceMatrix([0, 0, 1], [])).toThrow(/4 numbers/);
  });
});
