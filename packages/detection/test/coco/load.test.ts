import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCoco, loadCocoJson, type CocoDataset } from '../../src/coco/index.js';

function dataset(): CocoDataset {
  return {
    images: [
      { id: 1, height: 100, width: 100 },
      { id: 2, height: 100, width: 100 },
    ],
    categories: [{ id: 1 }, { id: 5 }],
    annotations: [
      { id: 1, image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], area: 400, iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 5, bbox: [0, 0, 50, 50], area: 2500, iscrowd: 0 },
    ],
  };
}

const dt = () => [{ image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], score: 0.9 }];

/** Runs `f` and returns the FoveaError's code and message. */
function failure(f: () => unknown): { code: string; message: string } {
  try {
    f();
  } catch (e) {
    return { code: (e as { code: string }).code, message: (e as Error).message };
  }
  throw new Error('expected a FoveaError');
}

describe('COCO input validation names the JSON path', () => {
  it.each([
    ['missing image id', (g: CocoDataset) => (g.annotations[1].image_id = 9), 'gt.annotations[1].image_id 9 is not the id of any image'],
    ['unknown category', (g: CocoDataset) => (g.annotations[0].category_id = 3), 'gt.annotations[0].category_id 3 is not the id of any category'],
    ['duplicate annotation id', (g: CocoDataset) => (g.annotations[1].id = 1), 'gt.annotations[1].id 1 duplicates gt.annotations[0].id'],
    ['duplicate image id', (g: CocoDataset) => (g.images[1].id = 1), 'gt.images[1].id 1 duplicates gt.images[0].id'],
    ['negative box size', (g: CocoDataset) => (g.annotations[0].bbox = [0, 0, -1, 5]), 'gt.annotations[0].bbox is [0,0,-1,5]'],
    ['box of 3 values', (g: CocoDataset) => (g.annotations[0].bbox = [0, 0, 1]), 'gt.annotations[0].bbox is [0,0,1]'],
    ['non-integer id', (g: CocoDataset) => (g.categories[0].id = 1.5), 'gt.categories[0].id is 1.5'],
    ['iscrowd 2', (g: CocoDataset) => (g.annotations[0].iscrowd = 2), 'gt.annotations[0].iscrowd is 2'],
    ['missing area', (g: CocoDataset) => delete g.annotations[0].area, 'gt.annotations[0].area is missing'],
    ['2-point polygon', (g: CocoDataset) => (g.annotations[0].segmentation = [[1, 2, 3, 4]]), 'gt.annotations[0].segmentation[0] has 4 values'],
    ['no images array', (g: CocoDataset) => delete (g as Partial<CocoDataset>).images, 'gt.images is undefined'],
  ])('ground truth: %s', (_, mutate, message) => {
    const g = dataset();
    mutate(g);
    const err = failure(() => evaluateCoco(g, dt(), { iouType: 'bbox' }));
    expect(err.code).toBe('E_COCO_FORMAT');
    expect(err.message).toContain(message);
  });

  it.each([
    ['NaN score', { score: NaN }, 'dt[1].score is null'],
    ['negative box height', { bbox: [0, 0, 5, -2] }, 'dt[1].bbox is [0,0,5,-2]'],
    ['image not in gt', { image_id: 7 }, 'dt[1].image_id 7 is not the id of any image in gt'],
    ['category not in gt', { category_id: 0 }, 'dt[1].category_id 0 is not the id of any category in gt'],
    ['missing bbox after a box result', { bbox: undefined, segmentation: { size: [100, 100], counts: '0' } }, 'dt[1].bbox is missing'],
  ])('results: %s', (_, patch, message) => {
    const results = [...dt(), { ...dt()[0], ...patch }];
    const err = failure(() => evaluateCoco(dataset(), results, { iouType: 'bbox' }));
    expect(err.code).toBe('E_COCO_FORMAT');
    expect(err.message).toContain(message);
  });

  it('reads files: bad JSON and a missing file give typed errors with the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fovea-coco-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"images": [');
    await expect(loadCocoJson(bad)).rejects.toMatchObject({ code: 'E_COCO_FORMAT', message: expect.stringContaining(bad) });
    await expect(loadCocoJson(join(dir, 'nope.json'))).rejects.toMatchObject({ code: 'E_FILE_NOT_FOUND' });
    const good = join(dir, 'dt.json');
    writeFileSync(good, JSON.stringify([{ image_id: 1, category_id: 1, bbox: [1, 1, 2, 2], score: Infinity }]));
    await expect(loadCocoJson(good)).rejects.toMatchObject({ message: expect.stringContaining(`${good}[0].score`) });
  });
});

describe('evaluateCoco hand cases', () => {
  it('an empty results list is valid: 0 where there is ground truth, -1 where there is none', async () => {
    const ev = evaluateCoco(await loadCocoJson(dataset(), 'dataset'), await loadCocoJson([], 'results'), { iouType: 'bbox' });
    // Areas 400 (small) and 2500 (medium); no large objects.
    expect(ev.stats).toEqual([0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, -1]);
    expect(ev.perCategory.map((c) => c.categoryId)).toEqual([1, 5]);
  });

  it('a perfect detector scores 1, a crowd absorbs extra detections, ignore is overridden by iscrowd', () => {
    const g = dataset();
    g.annotations.push({ id: 3, image_id: 1, category_id: 1, bbox: [50, 50, 40, 40], area: 1600, iscrowd: 1 });
    g.annotations[1].ignore = 1; // not a crowd, so COCOeval still counts it
    const results = [
      { image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], score: 0.9 },
      { image_id: 2, category_id: 5, bbox: [0, 0, 50, 50], score: 0.8 },
      { image_id: 1, category_id: 1, bbox: [55, 55, 10, 10], score: 0.95 },
      { image_id: 1, category_id: 1, bbox: [60, 60, 10, 10], score: 0.95 },
    ];
    const ev = evaluateCoco(g, results, { iouType: 'bbox' });
    // pycocotools 8c9bcc3 on this exact case. One true positive per category gives precision
    // 1 / (1 + eps), not 1; AR@1 is 0.5 because image 1's top detection (0.95) lies in the crowd.
    const e = 0.9999999999999998;
    const f = 0.9999999999999999;
    expect(ev.stats).toEqual([e, f, f, e, e, -1, 0.5, 1, 1, 1, 1, -1]);
    expect(ev.summary().split('\n')[0]).toBe(' Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000');
  });

  it('maxDets counts per image and category; a lower-scored duplicate is a false positive', () => {
    const results = [
      { image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], score: 0.5 },
      { image_id: 1, category_id: 1, bbox: [10, 10, 20, 20], score: 0.9 },
    ];
    const ev = evaluateCoco(dataset(), results, { iouType: 'bbox', catIds: [1] });
    const [T, R, K, A, M] = ev.counts;
    expect([T, R, K, A, M]).toEqual([10, 101, 1, 4, 3]);
    // Category 1, area all, maxDets 100: recall 1 at every threshold, precision 1 up to recall 1.
    for (let t = 0; t < T; t++) expect(ev.recall[((t * K + 0) * A + 0) * M + 2]).toBe(1);
    expect(ev.precision[(((0 * R + 100) * K + 0) * A + 0) * M + 2]).toBe(1 / (1 + 2 ** -52));
    // maxDets 1 keeps only the 0.9 detection, which matches.
    expect(ev.recall[((0 * K + 0) * A + 0) * M + 0]).toBe(1);
  });
});
