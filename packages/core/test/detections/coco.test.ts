import { describe, expect, it } from 'vitest';
import { Detections } from '../../src/detections/index.js';
import type { CocoResultInput } from '../../src/detections/index.js';
import { rleEncode } from '../../src/masks/index.js';

const invalid = (text: string) => expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(text) });

const d = Detections.from({
  xyxy: [[10, 20, 50, 80], [0.5, 1.5, 2.25, 3]],
  confidence: [0.75, 0.5],
  classId: [0, 2],
});

describe('toCocoResults', () => {
  it('writes xywh boxes, scores and category ids (a hand case)', () => {
    expect(d.toCocoResults(42)).toEqual([
      { image_id: 42, category_id: 0, bbox: [10, 20, 40, 60], score: 0.75 },
      { image_id: 42, category_id: 2, bbox: [0.5, 1.5, 1.75, 1.5], score: 0.5 },
    ]);
  });

  it('maps classes through a table or a function', () => {
    expect(d.toCocoResults(1, { categoryIds: [1, 2, 3] }).map((r) => r.category_id)).toEqual([1, 3]);
    expect(d.toCocoResults(1, { categoryIds: (c) => c + 10 }).map((r) => r.category_id)).toEqual([10, 12]);
  });

  it.each([
    ['a class beyond the table', () => d.toCocoResults(1, { categoryIds: [1, 2] }), 'classId[1] = 2'],
    ['a fractional image id', () => d.toCocoResults(1.5), 'imageId'],
  ])('rejects %s', (_case, run, text) => {
    expect(run).toThrowError(invalid(text));
  });

  it('writes masks as segmentation', () => {
    const mask = rleEncode(new Uint8Array([0, 1, 1, 0, 1, 1]), 2, 3);
    const m = Detections.from({ xyxy: [[0, 0, 2, 2]], confidence: [1], classId: [0], masks: [mask] });
    expect(m.toCocoResults(3)[0].segmentation).toEqual(mask);
  });
});

describe('fromCocoResults', () => {
  it('round-trips Detections -> COCO -> Detections exactly', () => {
    const mask = (k: number) => rleEncode(Uint8Array.from({ length: 12 }, (_, i) => Number(i % (k + 2) === 0)), 3, 4);
    const src = Detections.from({
      xyxy: [[0.1, 0.2, 0.3, 0.4], [100.5, 7, 640, 480], [3, 3, 3, 3]],
      confidence: [0.123, 0.999, 0],
      classId: [5, 0, 79],
      masks: [mask(0), mask(1), mask(2)],
    });
    const table = Array.from({ length: 80 }, (_, i) => i + 1 + Math.floor(i / 10));
    const back = Detections.fromCocoResults(src.toCocoResults(9, { categoryIds: table }), 9, { categoryIds: table });
    expect(back.xyxy).toEqual(src.xyxy);
    expect(back.confidence).toEqual(src.confidence);
    expect(back.classId).toEqual(src.classId);
    expect(back.masks).toEqual(src.masks);
  });

  it('round-trips COCO -> Detections -> COCO for float32-representable values', () => {
    const results = [
      { image_id: 1, category_id: 3, bbox: [1, 2, 3, 4], score: 0.5 },
      { image_id: 1, category_id: 18, bbox: [0.25, 10.5, 0, 7.75], score: 0.25 },
    ] satisfies CocoResultInput[];
    expect(Detections.fromCocoResults(results).toCocoResults(1)).toEqual(results);
  });

  it('keeps only the requested image, in order', () => {
    const results: CocoResultInput[] = [
      { image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], score: 0.1 },
      { image_id: 2, category_id: 2, bbox: [0, 0, 2, 2], score: 0.2 },
      { image_id: 1, category_id: 3, bbox: [0, 0, 3, 3], score: 0.3 },
    ];
    expect(Array.from(Detections.fromCocoResults(results, 1).classId)).toEqual([1, 3]);
    expect(Detections.fromCocoResults(results, 7).length).toBe(0);
    expect(Detections.fromCocoResults(results).length).toBe(3);
  });

  const r = (over: Partial<CocoResultInput>): CocoResultInput => ({ image_id: 1, category_id: 1, bbox: [0, 0, 1, 1], score: 1, ...over });
  it.each<[string, CocoResultInput[], string]>([
    ['a NaN bbox', [r({ bbox: [0, Number.NaN, 1, 1] })], 'results[0].bbox'],
    ['a negative width', [r({}), r({ bbox: [0, 0, -1, 1] })], 'results[1].bbox'],
    ['a bbox of 3', [r({ bbox: [0, 0, 1] })], 'results[0].bbox'],
    ['a NaN score', [r({ score: Number.NaN })], 'results[0].score'],
    ['a polygon segmentation', [r({ segmentation: [[0, 0, 1, 0, 1, 1]] })], 'rleFromPolygon'],
    ['masks on some results only', [r({}), r({ segmentation: { size: [1, 1], counts: [0, 1] } })], 'results[1]'],
  ])('rejects %s', (_case, results, text) => {
    expect(() => Detections.fromCocoResults(results)).toThrowError(invalid(text));
  });

  it('rejects a category missing from categoryIds', () => {
    expect(() => Detections.fromCocoResults([r({ category_id: 9 })], undefined, { categoryIds: [1, 2] })).toThrowError(invalid('category_id 9'));
  });
});
