import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomTranslate, randomTranslateParams, translate } from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { rleDecode, rleEncode } from '../../src/masks/index.js';
import { box, errorCode, expectBoxesInside, maskArea, maskBox, randomSample, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

/** Area of mask pixels that stay inside after a shift, counted on the decoded input. */
function keptArea(mask: Uint8Array, h: number, w: number, dx: number, dy: number): number {
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) if (mask[y * w + x] && x + dx >= 0 && x + dx < w && y + dy >= 0 && y + dy < h) n++;
  }
  return n;
}

describe('translate', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('moves pixels, boxes and masks together (seed %i)', (seed) => {
    const r = rng(seed);
    const [h, w] = [3 + Math.floor(r() * 15), 3 + Math.floor(r() * 15)];
    const sample = randomSample(r, h, w, 1 + Math.floor(r() * 5));
    const dx = Math.floor(r() * (2 * w + 1)) - w;
    const dy = Math.floor(r() * (2 * h + 1)) - h;
    const fill = 1 + Math.floor(r() * 254);
    const out = translate(sample, dx, dy, { fill });
    expect(out.image.shape).toEqual([h, w, 3]);
    const src = sample.image.arraySync();
    const dst = out.image.arraySync();
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const [sy, sx] = [y - dy, x - dx];
        const inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
        expect(dst[y][x]).toEqual(inside ? src[sy][sx] : [fill, fill, fill]);
      }
    }
    const d = sample.detections!;
    const o = out.detections!;
    expectBoxesInside(o, h, w);
    // Survivors: boxes whose shifted, clipped box keeps some area; in order, with their columns.
    const expected: number[][] = [];
    const kept: number[] = [];
    for (let i = 0; i < d.length; i++) {
      const [x1, y1, x2, y2] = box(d, i);
      const c = [Math.max(0, x1 + dx), Math.max(0, y1 + dy), Math.min(w, x2 + dx), Math.min(h, y2 + dy)];
      if (c[2] > c[0] && c[3] > c[1]) {
        expected.push(c);
        kept.push(i);
      }
    }
    expect(o.length).toBe(kept.length);
    expect(Array.from(o.trackerId!)).toEqual(kept.map((i) => d.trackerId![i]));
    expect(o.data.name).toEqual(kept.map((i) => d.data.name[i]));
    kept.forEach((i, k) => {
      expect(box(o, k)).toEqual(expected[k]);
      const input = rleDecode(d.masks![i]);
      expect(maskArea(o.masks![k])).toBe(keptArea(input, h, w, dx, dy));
      expect(maskBox(rleDecode(o.masks![k]), h, w)).toEqual(expected[k]);
    });
    sample.image.dispose();
    out.image.dispose();
  });

  it.each(Array.from({ length: 20 }, (_, i) => i + 1))('keeps mask areas under shifts that do not clip (seed %i)', (seed) => {
    const r = rng(1000 + seed);
    const [h, w] = [20, 24];
    // One box well inside, shifted by less than its margin.
    const [x1, y1] = [5 + Math.floor(r() * 5), 5 + Math.floor(r() * 5)];
    const [x2, y2] = [x1 + 1 + Math.floor(r() * 8), y1 + 1 + Math.floor(r() * 8)];
    const mask = new Uint8Array(h * w);
    for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) if (r() < 0.6) mask[y * w + x] = 1;
    const detections = Detections.from({ xyxy: [[x1, y1, x2, y2]], confidence: [1], classId: [0], masks: [rleEncode(mask, h, w)] });
    const image = tf.zeros([h, w, 3], 'int32') as tf.Tensor3D;
    const [dx, dy] = [Math.floor(r() * 11) - 5, Math.floor(r() * 11) - 5];
    const out = translate({ image, detections }, dx, dy);
    expect(maskArea(out.detections!.masks![0])).toBe(mask.reduce((s, v) => s + v, 0));
    expect(box(out.detections!, 0)).toEqual([x1 + dx, y1 + dy, x2 + dx, y2 + dy]);
    image.dispose();
    out.image.dispose();
  });

  it('fills per channel and keeps float images float', () => {
    const image = tf.ones([2, 3, 3], 'float32') as tf.Tensor3D;
    const out = translate({ image }, 1, -1, { fill: [0.25, 0.5, 0.75] });
    expect(out.image.dtype).toBe('float32');
    expect(out.image.arraySync()).toEqual([
      [[0.25, 0.5, 0.75], [1, 1, 1], [1, 1, 1]],
      [[0.25, 0.5, 0.75], [0.25, 0.5, 0.75], [0.25, 0.5, 0.75]],
    ]);
    image.dispose();
    out.image.dispose();
  });

  it('drops every detection when the shift moves them all out, and works on empty Detections', () => {
    const r = rng(3);
    const sample = randomSample(r, 6, 6, 4);
    const out = translate(sample, 6, 0);
    expect(out.detections!.length).toBe(0);
    expect(out.detections!.masks).toEqual([]);
    expect(Array.from(out.image.dataSync()).every((v) => v === 0)).toBe(true);
    const empty = translate({ image: sample.image, detections: Detections.empty() }, -2, 3);
    expect(empty.detections!.length).toBe(0);
    [sample.image, out.image, empty.image].forEach((t) => t.dispose());
  });

  it.each([
    ['fractional dx', 0.5, 0, {}],
    ['NaN dy', 0, NaN, {}],
    ['fill of the wrong length', 1, 1, { fill: [1, 2] }],
    ['fractional fill on an int32 image', 1, 1, { fill: 0.5 }],
    ['non-finite fill', 1, 1, { fill: Infinity }],
  ])('rejects %s', (_, dx, dy, options) => {
    const image = tf.zeros([4, 4, 3], 'int32') as tf.Tensor3D;
    expect(errorCode(() => translate({ image }, dx, dy, options))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});

describe('randomTranslate', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i))('samples whole shifts within the bounds (seed %i)', (seed) => {
    const { dx, dy } = randomTranslateParams([50, 80], { translate: [0.1, 0.3] }, mulberry32(seed));
    expect(Number.isInteger(dx) && Number.isInteger(dy)).toBe(true);
    expect(Math.abs(dx)).toBeLessThanOrEqual(8);
    expect(Math.abs(dy)).toBeLessThanOrEqual(15);
  });

  it('is reproducible for a seed and gives boxes inside the image', () => {
    const r = rng(9);
    const sample = randomSample(r, 16, 16, 5);
    const a = randomTranslate(sample, { translate: [0.5, 0.5] }, mulberry32(4));
    const b = randomTranslate(sample, { translate: [0.5, 0.5] }, mulberry32(4));
    expect(Array.from(a.image.dataSync())).toEqual(Array.from(b.image.dataSync()));
    expect(a.detections).toEqual(b.detections);
    expectBoxesInside(a.detections!, 16, 16);
    [sample.image, a.image, b.image].forEach((t) => t.dispose());
  });

  it.each([[[-0.1, 0]], [[0, 1.5]], [[0.1]], [undefined]])('rejects translate = %j', (t) => {
    expect(errorCode(() => randomTranslateParams([4, 4], { translate: t as never }, mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
  });
});
