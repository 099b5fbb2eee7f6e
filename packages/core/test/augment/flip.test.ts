import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { horizontalFlip, verticalFlip } from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { rleDecode, rleEncode } from '../../src/masks/index.js';
import { box, errorCode, expectBoxesInside, maskArea, maskBox, randomSample, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

const flips = [
  ['horizontalFlip', horizontalFlip],
  ['verticalFlip', verticalFlip],
] as const;

const seeds = Array.from({ length: 25 }, (_, i) => i + 1);

describe.each(flips)('%s', (name, flip) => {
  it.each(seeds)('twice is the identity on image bytes, boxes and masks (seed %i)', (seed) => {
    const r = rng(seed);
    const [h, w] = [2 + Math.floor(r() * 20), 2 + Math.floor(r() * 20)];
    const sample = randomSample(r, h, w, Math.floor(r() * 5));
    const once = flip(sample);
    const twice = flip(once);
    expect(twice.image.dtype).toBe('int32');
    expect(Array.from(twice.image.dataSync())).toEqual(Array.from(sample.image.dataSync()));
    expect(Array.from(twice.detections!.xyxy)).toEqual(Array.from(sample.detections!.xyxy));
    expect(twice.detections!.masks).toEqual(sample.detections!.masks);
    expect(Array.from(twice.detections!.trackerId!)).toEqual(Array.from(sample.detections!.trackerId!));
    [sample, once, twice].forEach((s) => s.image.dispose());
  });

  it.each(seeds)('moves pixels, boxes and masks to the mirrored place (seed %i)', (seed) => {
    const r = rng(seed);
    const [h, w] = [2 + Math.floor(r() * 20), 2 + Math.floor(r() * 20)];
    const sample = randomSample(r, h, w, 1 + Math.floor(r() * 4));
    const out = flip(sample);
    const src = sample.image.arraySync();
    const dst = out.image.arraySync();
    const horizontal = name === 'horizontalFlip';
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        expect(dst[y][x]).toEqual(horizontal ? src[y][w - 1 - x] : src[h - 1 - y][x]);
      }
    }
    const d = sample.detections!;
    const o = out.detections!;
    expect(o.length).toBe(d.length);
    expectBoxesInside(o, h, w);
    for (let i = 0; i < d.length; i++) {
      const [x1, y1, x2, y2] = box(d, i);
      const expected = horizontal ? [w - x2, y1, w - x1, y2] : [x1, h - y2, x2, h - y1];
      expect(box(o, i)).toEqual(expected);
      // Rectangle masks: the box of the moved mask is the moved box, and the area is kept.
      expect(maskBox(rleDecode(o.masks![i]), h, w)).toEqual(expected);
      expect(maskArea(o.masks![i])).toBe(maskArea(d.masks![i]));
    }
    sample.image.dispose();
    out.image.dispose();
  });

  it('keeps the area of an irregular mask and leaves the input intact', () => {
    const [h, w] = [7, 9];
    const r = rng(5);
    const pixels = Uint8Array.from({ length: h * w }, () => (r() < 0.4 ? 1 : 0));
    const mask = rleEncode(pixels, h, w);
    const before = { ...mask };
    const image = tf.zeros([h, w, 1], 'int32') as tf.Tensor3D;
    const detections = Detections.from({ xyxy: [[0, 0, w, h]], confidence: [1], classId: [0], masks: [mask] });
    const out = flip({ image, detections });
    expect(maskArea(out.detections!.masks![0])).toBe(pixels.reduce((s, v) => s + v, 0));
    expect(detections.masks![0]).toEqual(before);
    expect(image.isDisposed).toBe(false);
    image.dispose();
    out.image.dispose();
  });

  it.each([
    ['no detections', undefined],
    ['empty Detections', Detections.empty()],
  ])('works with %s', (_, detections) => {
    const image = tf.ones([3, 4, 3], 'float32') as tf.Tensor3D;
    const out = flip({ image, detections, label: 7 });
    expect(out.image.shape).toEqual([3, 4, 3]);
    expect(out.image.dtype).toBe('float32');
    expect(out.label).toBe(7);
    expect(out.detections?.length).toBe(detections?.length);
    image.dispose();
    out.image.dispose();
  });

  it.each([
    ['a CHW-like tensor', () => tf.zeros([3, 4, 5])],
    ['a rank-2 tensor', () => tf.zeros([3, 4])],
    ['a number', () => 3],
  ])('rejects %s', (_, make) => {
    const image = make();
    expect(errorCode(() => flip({ image } as never))).toBe('E_INVALID_ARGUMENT');
    if (image instanceof tf.Tensor) image.dispose();
  });

  it('rejects masks of another size than the image', () => {
    const image = tf.zeros([4, 4, 3], 'int32') as tf.Tensor3D;
    const detections = Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0], masks: [rleEncode(new Uint8Array(15), 5, 3)] });
    expect(errorCode(() => flip({ image, detections }))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});
