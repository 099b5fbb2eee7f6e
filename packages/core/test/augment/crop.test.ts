import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  type AugmentSample,
  crop,
  mulberry32,
  randomCrop,
  randomCropParams,
  randomResizedCrop,
  randomResizedCropParams,
  resizedCrop,
} from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { rleDecode } from '../../src/masks/index.js';
import { box, errorCode, expectBoxesInside, maskBox, randomSample, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

/** A sequence of fixed draws, to follow the sampler step by step. */
function draws(...values: number[]): () => number {
  let i = 0;
  return () => values[i++ % values.length];
}

describe('randomResizedCropParams', () => {
  const sizes = [[100, 100], [240, 320], [37, 500], [500, 37], [1, 1], [3, 7]] as const;
  const cases = sizes.flatMap((size) => [[0.08, 1], [0.5, 0.5], [0.2, 0.9]].map((scale) => [size, scale] as const));

  it.each(cases)('image %j, scale %j: 200 seeded crops lie inside with area and ratio within bounds', (size, scale) => {
    const [H, W] = size;
    const ratio = [3 / 4, 4 / 3] as const;
    for (let seed = 0; seed < 200; seed++) {
      const { top, left, height: h, width: w } = randomResizedCropParams(size, { scale: [scale[0], scale[1]], ratio }, mulberry32(seed));
      expect(Number.isInteger(top) && Number.isInteger(left) && Number.isInteger(h) && Number.isInteger(w)).toBe(true);
      expect(top >= 0 && left >= 0 && h >= 1 && w >= 1 && top + h <= H && left + w <= W).toBe(true);
      const fallback = top === Math.floor((H - h) / 2) && left === Math.floor((W - w) / 2) && (h === H || w === W);
      if (fallback) continue;
      // Before rounding to whole pixels the crop had area in scale * H * W and ratio in `ratio`.
      expect((w - 0.5) * (h - 0.5)).toBeLessThanOrEqual(scale[1] * H * W + 1e-9);
      expect((w + 0.5) * (h + 0.5)).toBeGreaterThanOrEqual(scale[0] * H * W - 1e-9);
      expect((w - 0.5) / (h + 0.5)).toBeLessThanOrEqual(ratio[1] + 1e-9);
      expect((w + 0.5) / (h - 0.5)).toBeGreaterThanOrEqual(ratio[0] - 1e-9);
    }
  });

  it('follows torchvision get_params on a hand-computed draw', () => {
    // area 10000 * (0.08 + 0.92 * 0.5) = 5400, ratio exp(0) = 1, side round(73.48) = 73,
    // then randint(0, 28) with u = 0.5 -> 14 and u = 0.99 -> 27.
    expect(randomResizedCropParams([100, 100], {}, draws(0.5, 0.5, 0.5, 0.99))).toEqual({ top: 14, left: 27, height: 73, width: 73 });
  });

  it.each([
    // torchvision's central fallback: clamp the image's ratio into `ratio`.
    [[100, 50], { top: 16, left: 0, height: 67, width: 50 }], // W/H 0.5 < 3/4: h = round(50 / 0.75) = 67
    [[50, 100], { top: 0, left: 16, height: 50, width: 67 }], // W/H 2 > 4/3: w = round(50 * 4/3) = 67
    [[64, 64], { top: 0, left: 0, height: 64, width: 64 }], // within: the whole image
  ] as const)('falls back to the central crop of %j when no attempt fits', (size, expected) => {
    // An area of 2-3 times the image never fits, so all 10 attempts fail.
    expect(randomResizedCropParams(size, { scale: [2, 3] }, mulberry32(1))).toEqual(expected);
  });

  it.each([
    ['negative scale', { scale: [-0.1, 1] }],
    ['scale min > max', { scale: [0.9, 0.5] }],
    ['NaN scale', { scale: [NaN, 1] }],
    ['ratio min > max', { ratio: [2, 1] }],
    ['zero ratio', { ratio: [0, 1] }],
    ['ratio of one value', { ratio: [1] }],
  ])('rejects %s', (_, options) => {
    expect(errorCode(() => randomResizedCropParams([10, 10], options as never, mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
  });

  it('rejects a random source that is not a function', () => {
    expect(errorCode(() => randomResizedCropParams([10, 10], {}, 42 as never))).toBe('E_INVALID_ARGUMENT');
  });
});

describe('resizedCrop', () => {
  it.each(Array.from({ length: 30 }, (_, i) => i + 1))('puts masks on the pixels a nearest resize of the image picks (seed %i)', (seed) => {
    const r = rng(seed);
    const [H, W] = [4 + Math.floor(r() * 20), 4 + Math.floor(r() * 20)];
    const sample = randomSample(r, H, W, 1 + Math.floor(r() * 4));
    const region = randomResizedCropParams([H, W], { scale: [0.2, 1] }, r);
    const size = [1 + Math.floor(r() * 30), 1 + Math.floor(r() * 30)] as [number, number];
    const d = sample.detections!;
    // Stack every mask as an image channel; resized by the image path they must equal the masks.
    const maskImage = tf.tensor3d(
      Int32Array.from({ length: H * W * d.length }, (_, k) => rleDecode(d.masks![k % d.length])[Math.floor(k / d.length)]),
      [H, W, d.length],
      'int32',
    );
    const stacked = d.length === 1 || d.length === 3 || d.length === 4;
    const viaImage = stacked ? resizedCrop({ image: maskImage }, region, size, { interpolation: 'nearest' }) : undefined;
    const out = resizedCrop(sample, region, size, { interpolation: 'nearest' });
    const [oh, ow] = size;
    expect(out.image.shape).toEqual([oh, ow, 3]);
    expectBoxesInside(out.detections!, oh, ow);
    const src = sample.image.arraySync();
    const dst = out.image.arraySync();
    for (let y = 0; y < oh; y++) {
      for (let x = 0; x < ow; x++) {
        const sy = region.top + Math.min(region.height - 1, Math.floor(((y + 0.5) * region.height) / oh));
        const sx = region.left + Math.min(region.width - 1, Math.floor(((x + 0.5) * region.width) / ow));
        expect(dst[y][x]).toEqual(src[sy][sx]);
      }
    }
    const o = out.detections!;
    const keptIds = Array.from(o.trackerId!);
    const [sx, sy] = [ow / region.width, oh / region.height];
    for (let k = 0; k < o.length; k++) {
      const i = keptIds[k] - 100;
      const [x1, y1, x2, y2] = box(d, i);
      const expected = [
        Math.max(0, (x1 - region.left) * sx),
        Math.max(0, (y1 - region.top) * sy),
        Math.min(ow, (x2 - region.left) * sx),
        Math.min(oh, (y2 - region.top) * sy),
      ];
      box(o, k).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 4));
      const mask = rleDecode(o.masks![k]);
      if (viaImage) {
        const channel = Array.from({ length: oh * ow }, (_, p) => viaImage.image.dataSync()[p * d.length + i]);
        expect(Array.from(mask)).toEqual(channel);
      }
      // Nearest sampling puts the mask's edges within half an output pixel of the box's.
      const mb = maskBox(mask, oh, ow);
      if (mb) mb.forEach((v, j) => expect(Math.abs(v - expected[j])).toBeLessThanOrEqual(0.5 + 1e-6));
    }
    // Dropped detections are exactly those whose box leaves the region.
    for (let i = 0; i < d.length; i++) {
      const [x1, y1, x2, y2] = box(d, i);
      const overlaps =
        Math.min(x2, region.left + region.width) > Math.max(x1, region.left) &&
        Math.min(y2, region.top + region.height) > Math.max(y1, region.top);
      expect(keptIds.includes(100 + i)).toBe(overlaps);
    }
    [sample.image, maskImage, out.image, viaImage?.image].forEach((t) => t?.dispose());
  });

  it('resizes bilinearly by default, as resize does on the cropped image, keeping int32', () => {
    const r = rng(2);
    const sample = randomSample(r, 12, 10, 2);
    const region = { top: 2, left: 1, height: 7, width: 8 };
    const out = resizedCrop(sample, region, [5, 11]);
    expect(out.image.dtype).toBe('int32');
    // A constant image stays constant under bilinear resampling.
    const flat = tf.fill([12, 10, 3], 77, 'int32') as tf.Tensor3D;
    const flatOut = resizedCrop({ image: flat }, region, [5, 11]);
    expect(Array.from(flatOut.image.dataSync()).every((v) => v === 77)).toBe(true);
    [sample.image, out.image, flat, flatOut.image].forEach((t) => t.dispose());
  });

  it('crop keeps pixels, boxes and masks exactly (box of the mask is the box)', () => {
    const r = rng(11);
    for (let n = 0; n < 20; n++) {
      const sample = randomSample(r, 15, 17, 4);
      const region = { top: Math.floor(r() * 7), left: Math.floor(r() * 7), height: 1 + Math.floor(r() * 8), width: 1 + Math.floor(r() * 10) };
      const out = crop(sample, region);
      const expected = tf.slice(sample.image, [region.top, region.left, 0], [region.height, region.width, 3]);
      expect(Array.from(out.image.dataSync())).toEqual(Array.from(expected.dataSync()));
      const o = out.detections!;
      for (let k = 0; k < o.length; k++) {
        expect(maskBox(rleDecode(o.masks![k]), region.height, region.width)).toEqual(box(o, k));
      }
      [sample.image, out.image, expected].forEach((t) => t.dispose());
    }
  });

  it.each([
    ['outside the image', { top: 5, left: 0, height: 6, width: 2 }, [4, 4]],
    ['empty', { top: 0, left: 0, height: 0, width: 2 }, [4, 4]],
    ['fractional', { top: 0.5, left: 0, height: 2, width: 2 }, [4, 4]],
    ['a zero output size', { top: 0, left: 0, height: 2, width: 2 }, [0, 4]],
  ])('rejects a region or size that is %s', (_, region, size) => {
    const image = tf.zeros([10, 10, 3], 'int32') as tf.Tensor3D;
    expect(errorCode(() => resizedCrop({ image }, region, size as [number, number]))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});

describe('randomResizedCrop', () => {
  it.each(Array.from({ length: 20 }, (_, i) => i))('gives the requested size, boxes inside, same result for the same seed (seed %i)', (seed) => {
    const sample = randomSample(rng(seed + 50), 30, 40, 5);
    const options = { size: [16, 12] as [number, number] };
    const a = randomResizedCrop(sample, options, mulberry32(seed));
    const b = randomResizedCrop(sample, options, mulberry32(seed));
    expect(a.image.shape).toEqual([16, 12, 3]);
    expect(Array.from(a.image.dataSync())).toEqual(Array.from(b.image.dataSync()));
    expect(a.detections).toEqual(b.detections);
    expectBoxesInside(a.detections!, 16, 12);
    [sample.image, a.image, b.image].forEach((t) => t.dispose());
  });

  it('works without detections and with empty ones', () => {
    const image = tf.zeros([8, 8, 1], 'float32') as tf.Tensor3D;
    const a = randomResizedCrop({ image }, { size: [4, 4] }, mulberry32(1));
    const b = randomResizedCrop({ image, detections: Detections.empty() }, { size: [4, 4] }, mulberry32(1));
    expect((a as AugmentSample).detections).toBeUndefined();
    expect(b.detections!.length).toBe(0);
    [image, a.image, b.image].forEach((t) => t.dispose());
  });
});

describe('randomCrop', () => {
  it('takes AlexNet-style fixed-size patches at uniform places', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 300; seed++) {
      const r = randomCropParams([256, 256], [224, 224], mulberry32(seed));
      expect(r.height).toBe(224);
      expect(r.top >= 0 && r.top <= 32 && r.left >= 0 && r.left <= 32).toBe(true);
      seen.add(`${r.top}`);
    }
    expect(seen.size).toBeGreaterThan(25); // 33 possible rows, 300 draws
    const sample = randomSample(rng(4), 10, 12, 3);
    const out = randomCrop(sample, { size: [6, 6] }, mulberry32(2));
    expect(out.image.shape).toEqual([6, 6, 3]);
    expectBoxesInside(out.detections!, 6, 6);
    [sample.image, out.image].forEach((t) => t.dispose());
  });

  it('rejects a crop larger than the image', () => {
    expect(errorCode(() => randomCropParams([10, 10], [11, 4], mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
  });
});
