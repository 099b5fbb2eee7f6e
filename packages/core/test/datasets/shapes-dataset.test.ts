import { describe, expect, it } from 'vitest';
import { shapesDataset, type ShapesDatasetOptions, type ShapesSample } from '../../src/datasets/shapes-dataset.js';
import { rleArea, rleDecode, rleToBbox } from '../../src/masks/index.js';

const invalid = (fragment: string) =>
  expect.objectContaining({ name: 'FoveaError', code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(fragment) });

/** Everything a sample holds, as plain values, for byte-exact comparison. */
function bytes(s: ShapesSample) {
  const d = s.detections;
  return {
    image: Buffer.from(s.image).toString('base64'),
    semantic: Buffer.from(s.semantic).toString('base64'),
    xyxy: Array.from(d.xyxy),
    classId: Array.from(d.classId),
    masks: d.masks,
    visibility: Array.from(d.data.visibility as Float32Array),
  };
}

/** Checks one sample against its own decoded masks: boxes, disjointness, semantic map. */
function checkSample(s: ShapesSample, minVisibleArea: number): void {
  const { height: h, width: w, detections: d } = s;
  expect(s.image.length).toBe(h * w * 3);
  expect(s.semantic.length).toBe(h * w);
  const covered = new Uint8Array(h * w);
  d.masks!.forEach((m, j) => {
    expect(m.size).toEqual([h, w]);
    const [x, y, bw, bh] = rleToBbox(m);
    expect(Array.from(d.xyxy.subarray(4 * j, 4 * j + 4))).toEqual([x, y, x + bw, y + bh]);
    expect(rleArea(m)).toBeGreaterThanOrEqual(minVisibleArea);
    const mask = rleDecode(m);
    let twice = 0;
    let wrongClass = 0;
    for (let i = 0; i < mask.length; i++) {
      if (!mask[i]) continue;
      twice += covered[i];
      covered[i] = 1;
      if (s.semantic[i] !== d.classId[j] + 1) wrongClass++;
    }
    expect(twice, `mask ${j} overlaps an earlier mask`).toBe(0);
    expect(wrongClass, `mask ${j} disagrees with the semantic map`).toBe(0);
    const v = (d.data.visibility as Float32Array)[j];
    expect(v).toBeGreaterThan(0);
    expect(v).toBeLessThanOrEqual(1);
  });
  let labelledBackground = 0;
  for (let i = 0; i < covered.length; i++) if (!covered[i] && s.semantic[i] !== 0) labelledBackground++;
  expect(labelledBackground, 'pixels outside every mask with a class in the semantic map').toBe(0);
  expect(Array.from(d.confidence).every((c) => c === 1)).toBe(true);
}

/** Whether some pixel of one mask is 4-adjacent to a pixel of another. */
function masksTouch(s: ShapesSample): boolean {
  const { height: h, width: w } = s;
  const owner = new Int32Array(h * w);
  s.detections.masks!.forEach((m, j) => rleDecode(m).forEach((v, i) => v && (owner[i] = j + 1)));
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = owner[y * w + x];
      if (!o) continue;
      const right = x + 1 < w ? owner[y * w + x + 1] : 0;
      const down = y + 1 < h ? owner[(y + 1) * w + x] : 0;
      if ((right && right !== o) || (down && down !== o)) return true;
    }
  }
  return false;
}

describe('shapesDataset', () => {
  it('has the documented defaults', () => {
    const ds = shapesDataset({ seed: 0 });
    expect([ds.length, ds.height, ds.width]).toEqual([100, 128, 128]);
    expect(ds.classes).toEqual(['circle', 'square', 'triangle', 'star']);
  });

  it('gives the same bytes for a seed whatever order samples are asked in', () => {
    const a = shapesDataset({ seed: 5, size: 10 });
    const b = shapesDataset({ seed: 5, size: 10 });
    const forward = [2, 7, 3].map((i) => bytes(a.get(i)));
    const backward = [3, 7, 2].map((i) => bytes(b.get(i))).reverse();
    expect(forward).toEqual(backward);
    expect(bytes(a.get(2))).toEqual(forward[0]); // asking again
    expect(bytes(shapesDataset({ seed: 6, size: 10 }).get(2)).image).not.toEqual(forward[0].image);
    expect(bytes(a.get(4)).image).not.toEqual(forward[0].image);
  });

  it.each<[string, ShapesDatasetOptions]>([
    ['defaults', { seed: 1 }],
    ['crowded', { seed: 2, minObjects: 8, maxObjects: 12 }],
    ['wide, two classes', { seed: 3, imageSize: [48, 80], classes: ['cross', 'hexagon'] }],
    ['every class, no noise', { seed: 4, classes: ['circle', 'square', 'triangle', 'star', 'hexagon', 'ellipse', 'diamond', 'cross'], noise: 0 }],
    ['no occlusion', { seed: 5, occlusion: false, maxObjects: 8 }],
    ['large threshold', { seed: 6, minVisibleArea: 400 }],
  ])('%s: boxes bound the visible masks, masks are disjoint and match the semantic map', (_, options) => {
    const ds = shapesDataset({ ...options, size: 12 });
    let objects = 0;
    for (let i = 0; i < ds.length; i++) {
      const s = ds.get(i);
      checkSample(s, options.minVisibleArea ?? 30);
      expect(Math.max(...s.detections.classId, 0)).toBeLessThan(ds.classes.length);
      expect(s.detections.length).toBeLessThanOrEqual(options.maxObjects ?? 6);
      objects += s.detections.length;
    }
    expect(objects).toBeGreaterThan(0);
  });

  it('occludes with occlusion on (masks touch) and keeps shapes apart with it off', () => {
    const on = shapesDataset({ seed: 9, size: 20, minObjects: 4 });
    const off = shapesDataset({ seed: 9, size: 20, minObjects: 4, occlusion: false });
    const touching = (ds: typeof on) => Array.from({ length: ds.length }, (_, i) => masksTouch(ds.get(i)));
    expect(touching(on).some(Boolean)).toBe(true);
    expect(touching(off).some(Boolean)).toBe(false);
    const hidden = (ds: typeof on) => Array.from({ length: ds.length }, (_, i) => [...(ds.get(i).detections.data.visibility as Float32Array)]).flat();
    expect(Math.min(...hidden(on))).toBeLessThan(0.5);
  });

  it('draws nothing when asked for no objects', () => {
    const s = shapesDataset({ seed: 1, size: 1, minObjects: 0, maxObjects: 0 }).get(0);
    expect(s.detections.length).toBe(0);
    expect(s.semantic.every((v) => v === 0)).toBe(true);
  });

  it('exports valid COCO: unique ids, areas and boxes from the RLE, categories from the classes', () => {
    const ds = shapesDataset({ seed: 3, size: 8, classes: ['star', 'circle'] });
    const coco = JSON.parse(JSON.stringify(ds.toCoco())) as ReturnType<typeof ds.toCoco>;
    expect(coco.categories).toEqual([
      { id: 1, name: 'star', supercategory: 'shape' },
      { id: 2, name: 'circle', supercategory: 'shape' },
    ]);
    expect(coco.images.map((im) => im.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(coco.images[7]).toEqual({ id: 8, file_name: 'shapes_7.png', height: 128, width: 128 });
    const ids = coco.annotations.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    let total = 0;
    for (const im of coco.images) {
      const anns = coco.annotations.filter((a) => a.image_id === im.id);
      const d = ds.get(im.id - 1).detections;
      expect(anns.length).toBe(d.length);
      total += anns.length;
      anns.forEach((a, j) => {
        expect(a.iscrowd).toBe(0);
        expect(a.area).toBe(rleArea(a.segmentation));
        expect(a.bbox).toEqual(rleToBbox(a.segmentation));
        expect(a.category_id).toBe(d.classId[j] + 1);
        const [x1, y1, x2, y2] = d.xyxy.subarray(4 * j, 4 * j + 4);
        expect(a.bbox).toEqual([x1, y1, x2 - x1, y2 - y1]);
      });
    }
    expect(total).toBe(coco.annotations.length);
    expect(total).toBeGreaterThan(0);
  });

  it.each<[string, () => unknown, string]>([
    ['fractional seed', () => shapesDataset({ seed: 0.5 }), 'seed'],
    ['negative size', () => shapesDataset({ size: -1 }), 'size'],
    ['tiny image', () => shapesDataset({ imageSize: [4, 4] }), 'imageSize'],
    ['imageSize of three', () => shapesDataset({ imageSize: [8, 8, 3] as unknown as [number, number] }), 'imageSize'],
    ['unknown class', () => shapesDataset({ classes: ['circle', 'blob' as 'circle'] }), "'blob'"],
    ['no classes', () => shapesDataset({ classes: [] }), 'classes'],
    ['repeated class', () => shapesDataset({ classes: ['star', 'star'] }), 'repeats'],
    ['min > max objects', () => shapesDataset({ minObjects: 3, maxObjects: 2 }), 'minObjects'],
    ['negative noise', () => shapesDataset({ noise: -1 }), 'noise'],
    ['inverted sizeRange', () => shapesDataset({ sizeRange: [30, 10] }), 'sizeRange'],
    ['zero minVisibleArea', () => shapesDataset({ minVisibleArea: 0 }), 'minVisibleArea'],
    ['non-boolean occlusion', () => shapesDataset({ occlusion: 1 as unknown as boolean }), 'occlusion'],
    ['index past the end', () => shapesDataset({ size: 3 }).get(3), 'get(3)'],
    ['negative index', () => shapesDataset({ size: 3 }).get(-1), 'get(-1)'],
    ['fractional index', () => shapesDataset({ size: 3 }).get(1.5), 'get(1.5)'],
  ])('rejects %s with E_INVALID_ARGUMENT', (_, f, fragment) => {
    expect(f).toThrow(invalid(fragment));
  });
});
