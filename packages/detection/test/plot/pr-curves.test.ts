import { describe, expect, it } from 'vitest';
import { evaluateCoco } from '../../src/coco/index.js';
import type { CocoDataset, CocoResultLike } from '../../src/coco/index.js';
import { prCurves } from '../../src/plot/index.js';
import { vocEval } from '../../src/voc/index.js';

// Category 1: two objects, found at ranks 1 and 3 (a false positive between them).
// Category 2: one object, found with IoU 0.64 (a match at 0.5, not at 0.75). Category 3: no objects.
const gt: CocoDataset = {
  images: [{ id: 1, width: 100, height: 100 }],
  categories: [{ id: 1 }, { id: 2 }, { id: 3 }],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], area: 100 },
    { id: 2, image_id: 1, category_id: 1, bbox: [50, 50, 10, 10], area: 100 },
    { id: 3, image_id: 1, category_id: 2, bbox: [20, 20, 10, 10], area: 100 },
  ],
};
const dt: CocoResultLike[] = [
  { image_id: 1, category_id: 1, bbox: [0, 0, 10, 10], score: 0.9 },
  { image_id: 1, category_id: 1, bbox: [80, 80, 10, 10], score: 0.8 },
  { image_id: 1, category_id: 1, bbox: [50, 50, 10, 10], score: 0.7 },
  { image_id: 1, category_id: 2, bbox: [20, 20, 8, 8], score: 0.6 },
  { image_id: 1, category_id: 3, bbox: [0, 0, 5, 5], score: 0.5 },
];

describe('prCurves', () => {
  const coco = evaluateCoco(gt, dt, { iouType: 'bbox' });

  it('reads COCO precision[t, :, k, all, 100] against the 101 recall thresholds', () => {
    const curves = prCurves(coco);
    expect(curves.map((c) => c.categoryId)).toEqual([1, 2]); // category 3 has no ground truth
    const [c1, c2] = curves;
    expect(c1.recall).toHaveLength(101);
    expect(c1.recall[50]).toBe(0.5);
    // Interpolated: precision 1 up to recall 0.5, then 2/3 up to recall 1 (pycocotools' tp / (tp + fp + eps)).
    const near = (a: number[], v: number) => a.every((p) => Math.abs(p - v) < 1e-15);
    expect(near(c1.precision.slice(0, 51), 1)).toBe(true);
    expect(near(c1.precision.slice(51), 2 / 3)).toBe(true);
    expect(near(c2.precision, 1)).toBe(true);
    expect(c1.ap).toBeCloseTo((51 + 50 * (2 / 3)) / 101, 14);
    expect(c1.ap).toBe(coco.perCategory[0].stats[1]); // AP50 of category 1
  });

  it('selects the IoU threshold, or averages them', () => {
    const at75 = prCurves(coco, { iouThreshold: 0.75 });
    expect(at75[1].precision.every((p) => p === 0)).toBe(true); // IoU 0.64 < 0.75
    const mean = prCurves(coco, { iouThreshold: 'mean' });
    // IoU 0.64 matches at thresholds 0.5, 0.55, 0.6: 3 of 10.
    expect(mean[1].precision[0]).toBeCloseTo(0.3, 12);
    expect(mean[1].ap).toBe(coco.perCategory[1].stats[0]); // AP@[.5:.95] of category 2
    expect(prCurves(coco, { iouThreshold: 0.75 })[0].ap).toBe(coco.perCategory[0].stats[2]);
  });

  it('gives VOC curves raw, one point per detection, leaving out classes without positives', () => {
    const voc = vocEval({
      groundTruth: [{ boxes: [[0, 0, 10, 10], [50, 50, 60, 60]], classIds: [1, 1] }],
      detections: [{ boxes: [[0, 0, 10, 10], [80, 80, 90, 90], [50, 50, 60, 60], [0, 0, 1, 1]], scores: [0.9, 0.8, 0.7, 0.1], classIds: [1, 1, 1, 4] }],
    });
    expect(prCurves(voc)).toEqual([{ categoryId: 1, recall: [0.5, 0.5, 1], precision: [1, 0.5, 2 / 3], ap: 0.5 + 0.5 * (2 / 3) }]);
    expect(prCurves(voc, { iouThreshold: 0.5 })).toHaveLength(1);
  });

  it.each([
    ['an IoU threshold COCO did not use', () => prCurves(coco, { iouThreshold: 0.42 })],
    ['an unknown area range', () => prCurves(coco, { areaRange: 'huge' })],
    ['an unknown maxDets', () => prCurves(coco, { maxDets: 7 })],
    ['another IoU than the VOC evaluation', () => prCurves(vocEval({ groundTruth: [], detections: [] }), { iouThreshold: 0.7 })],
  ])('throws E_INVALID_ARGUMENT for %s', (_name, fn) => {
    expect(fn).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
