// core's synthetic COCO export is a valid evaluation input: ground truth scored against itself gives the
// perfect-detector stats. pycocotools' precision is tp / (tp + fp + eps): 1 / (1 + eps) after the first match but
// k / (k + eps) = 1 in float64 from the second on, and the right-to-left max makes every point 1 when each
// category has at least two objects.
import { shapesDataset } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { evaluateCoco, loadCocoJson } from '../../src/index.js';

describe('shapesDataset().toCoco() through evaluateCoco', () => {
  it.each(['bbox', 'segm'] as const)('%s: ground truth as results scores a perfect AP', async (iouType) => {
    const coco = shapesDataset({ seed: 3, size: 12 }).toCoco();
    const gt = await loadCocoJson(coco as unknown as Record<string, unknown>, 'dataset');
    const results = coco.annotations.map((a, i) => ({
      image_id: a.image_id,
      category_id: a.category_id,
      score: 1 - i / 1000,
      ...(iouType === 'bbox' ? { bbox: a.bbox } : { segmentation: a.segmentation }),
    }));
    const ev = evaluateCoco(gt, await loadCocoJson(results, 'results'), { iouType });
    const perCategory = new Map<number, number>();
    for (const a of coco.annotations) perCategory.set(a.category_id, (perCategory.get(a.category_id) ?? 0) + 1);
    expect(Math.min(...perCategory.values())).toBeGreaterThanOrEqual(2);
    expect(ev.stats[0]).toBe(1);
    expect(ev.stats[1]).toBe(1);
    expect(ev.stats[8]).toBe(1);
  });

  it('a shifted copy of the boxes scores below 1', async () => {
    const coco = shapesDataset({ seed: 3, size: 12 }).toCoco();
    const gt = await loadCocoJson(coco as unknown as Record<string, unknown>, 'dataset');
    const results = coco.annotations.map((a) => ({
      image_id: a.image_id,
      category_id: a.category_id,
      score: 0.9,
      bbox: [a.bbox[0] + a.bbox[2] / 3, a.bbox[1], a.bbox[2], a.bbox[3]],
    }));
    const ev = evaluateCoco(gt, await loadCocoJson(results, 'results'), { iouType: 'bbox' });
    expect(ev.stats[0]).toBeGreaterThan(0);
    expect(ev.stats[0]).toBeLessThan(0.5);
  });
});
