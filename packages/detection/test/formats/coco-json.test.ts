import { describe, expect, it } from 'vitest';
import { loadCocoJson } from '../../src/coco/index.js';
import type { CocoDataset } from '../../src/coco/index.js';
import { toCocoJson } from '../../src/formats/index.js';

const dataset = (): CocoDataset => ({
  categories: [{ supercategory: 'animal', name: 'cat', id: 1 }],
  annotations: [
    { segmentation: [[0, 0, 4, 0, 4, 4]], iscrowd: 0, bbox: [0, 0, 4, 4], area: 8, category_id: 1, image_id: 7, id: 3, extra: 'x' },
    { id: 4, image_id: 7, category_id: 1, bbox: [1, 1, 2, 2], area: 4, iscrowd: 1, segmentation: { counts: 'abc', size: [10, 10] } },
  ],
  images: [{ width: 10, height: 10, file_name: 'a.png', id: 7 }],
  info: { version: '1' },
});

describe('toCocoJson', () => {
  it('writes keys in a stable order whatever order they were built in', () => {
    expect(toCocoJson(dataset())).toBe(
      '{"info":{"version":"1"},"images":[{"id":7,"file_name":"a.png","width":10,"height":10}],' +
        '"annotations":[{"id":3,"image_id":7,"category_id":1,"bbox":[0,0,4,4],"area":8,"iscrowd":0,"segmentation":[[0,0,4,0,4,4]],"extra":"x"},' +
        '{"id":4,"image_id":7,"category_id":1,"bbox":[1,1,2,2],"area":4,"iscrowd":1,"segmentation":{"size":[10,10],"counts":"abc"}}],' +
        '"categories":[{"id":1,"name":"cat","supercategory":"animal"}]}',
    );
  });

  it('round-trips through JSON.parse and loadCocoJson, indented or not', async () => {
    for (const indent of [0, 2]) {
      const text = toCocoJson(dataset(), { indent });
      expect(await loadCocoJson(JSON.parse(text), 'dataset')).toEqual(dataset());
    }
    expect(toCocoJson(dataset(), { indent: 2 })).toContain('\n  "images": [\n    {\n      "id": 7,');
    expect(toCocoJson(dataset(), { indent: 2 })).toContain('"bbox": [0,0,4,4]');
  });

  it('writes results lists, typed arrays as arrays', () => {
    const results = [{ score: 0.5, bbox: new Float32Array([1, 2, 3, 4]), category_id: 1, image_id: 7 }];
    expect(toCocoJson(results)).toBe('[{"image_id":7,"category_id":1,"bbox":[1,2,3,4],"score":0.5}]');
    expect(toCocoJson([])).toBe('[]');
  });

  it.each([
    ['a NaN score', [{ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], score: Number.NaN }], 'results[0].score'],
    ['a negative box', { ...dataset(), annotations: [{ ...dataset().annotations[0], bbox: [0, 0, -1, 4] }] }, 'dataset.annotations[0].bbox'],
    ['an unknown image id', { ...dataset(), annotations: [{ ...dataset().annotations[0], image_id: 99 }] }, 'dataset.annotations[0].image_id'],
    ['a NaN in an extra field', { ...dataset(), info: { year: Number.NaN } }, 'dataset.info.year'],
  ])('throws E_COCO_FORMAT for %s, naming the JSON path', (_name, data, path) => {
    expect(() => toCocoJson(data as CocoDataset)).toThrowError(expect.objectContaining({ code: 'E_COCO_FORMAT', message: expect.stringContaining(path) }));
  });
});
