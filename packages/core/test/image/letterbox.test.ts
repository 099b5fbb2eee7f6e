import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { letterbox, letterboxTransform, type LetterboxOptions } from '../../src/image/letterbox.js';
import { resize } from '../../src/image/resize.js';
import { noise, rng, thrown } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('letterbox geometry matches ultralytics LetterBox', () => {
  // Expected values worked by hand from ultralytics' formulas: r = min(h/H, w/W), unpadded size
  // round(W r) x round(H r) (Python round, ties to even), padding round(d/2 - 0.1) before.
  it.each([
    ['landscape into a square', [720, 1280], 640, {}, { out: [640, 640], scale: 0.5, padX: 0, padY: 140 }],
    ['stride 32 (minimum rectangle)', [720, 1280], 640, { stride: 32 }, { out: [384, 640], scale: 0.5, padX: 0, padY: 12 }],
    ['not centred', [720, 1280], 640, { center: false }, { out: [640, 640], scale: 0.5, padX: 0, padY: 0 }],
    ['no resize, odd padding', [481, 640], 640, {}, { out: [640, 640], scale: 1, padX: 0, padY: 79 }],
    ['tie rounds to even', [10, 5], [5, 5], {}, { out: [5, 5], scale: 0.5, padX: 1, padY: 0 }],
    ['scaleUp false keeps small images', [100, 50], 640, { scaleUp: false }, { out: [640, 640], scale: 1, padX: 295, padY: 270 }],
    ['scaleUp enlarges', [100, 50], 640, {}, { out: [640, 640], scale: 6.4, padX: 160, padY: 0 }],
    ['a rectangular target', [300, 400], [320, 640], {}, { out: [320, 640], scale: 320 / 300, padX: 106, padY: 0 }],
  ] as const)('%s', (_, [H, W], size, options, want) => {
    const before = tf.memory().numTensors;
    const image = tf.tensor3d(Int32Array.from(noise(H, W, 3)), [H, W, 3], 'int32');
    const { image: out, transform } = letterbox(image, size, options as LetterboxOptions);
    expect(out.shape).toEqual([...want.out, 3]);
    expect(out.dtype).toBe('int32');
    expect(transform).toMatchObject({ scale: want.scale, padX: want.padX, padY: want.padY, srcWidth: W, srcHeight: H });
    tf.dispose([image, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('puts the resized image at the padding offset and fills the rest with padValue', () => {
    const [H, W] = [30, 50];
    const image = tf.tensor3d(Int32Array.from(noise(H, W, 3, 2)), [H, W, 3], 'int32');
    const { image: out, transform } = letterbox(image, [64, 64], { padValue: 7 });
    const [newH, newW] = [Math.round(H * transform.scale), Math.round(W * transform.scale)];
    const inner = tf.slice(out, [transform.padY, transform.padX, 0], [newH, newW, 3]);
    const direct = resize(image, [newH, newW]);
    expect(Array.from(inner.dataSync())).toEqual(Array.from(direct.dataSync()));
    const total = tf.sum(out).arraySync() as number;
    const innerSum = tf.sum(inner).arraySync() as number;
    expect(total - innerSum).toBe(7 * 3 * (64 * 64 - newH * newW));
    tf.dispose([image, out, inner, direct]);
  });

  it('keeps channels and float dtype', () => {
    const image = tf.ones([10, 20, 1]) as tf.Tensor3D;
    const { image: out } = letterbox(image, 32, { padValue: 0.5 });
    expect([out.shape, out.dtype]).toEqual([[32, 32, 1], 'float32']);
    tf.dispose([image, out]);
  });

  it.each([
    [[37, 91], 64, {}],
    [[91, 37], [48, 80], { stride: 16 }],
    [[20, 20], 100, { scaleUp: false, center: false }],
  ] as const)('letterboxTransform(%j, %j, %j) agrees with letterbox', (src, size, options) => {
    const image = tf.zeros([...src, 3], 'int32') as tf.Tensor3D;
    const { image: out, transform } = letterbox(image, size, options);
    const { toSource, toLetterbox, ...numbers } = letterboxTransform(src, size, options);
    expect(transform).toMatchObject(numbers);
    tf.dispose([image, out]);
  });

  it('returns a new tensor even when nothing changes', () => {
    const image = tf.zeros([32, 32, 3], 'int32') as tf.Tensor3D;
    const { image: out } = letterbox(image, 32);
    expect(out).not.toBe(image);
    out.dispose();
    expect(image.isDisposed).toBe(false);
    image.dispose();
  });
});

describe('letterbox transform', () => {
  it('round-trips boxes to within 0.5 px over many random sizes', () => {
    const r = rng(2024);
    const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    let worst = 0;
    for (let trial = 0; trial < 500; trial++) {
      const [H, W] = [int(1, 4000), int(1, 4000)];
      const size: [number, number] = [int(32, 1280), int(32, 1280)];
      const options = { stride: r() < 0.3 ? 32 : undefined, center: r() < 0.8, scaleUp: r() < 0.8 };
      const { transform } = geometry(H, W, size, options);
      const boxes = new Float32Array(40);
      for (let i = 0; i < 10; i++) {
        const [x1, x2] = [r() * W, r() * W].sort((a, b) => a - b);
        const [y1, y2] = [r() * H, r() * H].sort((a, b) => a - b);
        boxes.set([x1, y1, x2, y2], 4 * i);
      }
      const back = transform.toSource(transform.toLetterbox(boxes));
      for (let i = 0; i < boxes.length; i++) worst = Math.max(worst, Math.abs(back[i] - boxes[i]));
    }
    expect(worst).toBeLessThanOrEqual(0.5);
    expect(worst).toBeLessThan(0.01); // in fact only float32 rounding
  });

  it('maps a drawn rectangle onto where it lands in the letterboxed image', () => {
    const r = rng(99);
    const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
    for (let trial = 0; trial < 12; trial++) {
      const [H, W] = [int(40, 300), int(40, 300)];
      const [x1, y1] = [int(0, W - 20), int(0, H - 20)];
      const [x2, y2] = [int(x1 + 12, W), int(y1 + 12, H)];
      const pixels = new Int32Array(H * W);
      for (let y = y1; y < y2; y++) pixels.fill(255, y * W + x1, y * W + x2);
      const image = tf.tensor3d(pixels, [H, W, 1], 'int32');
      const { image: out, transform } = letterbox(image, [int(64, 320), int(64, 320)], { padValue: 0 });
      const [h, w] = out.shape;
      const values = out.dataSync();
      // Bounds of the bright region, by the half-intensity threshold, as pixel edges.
      let [bx1, by1, bx2, by2] = [w, h, 0, 0];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (values[y * w + x] >= 128) [bx1, by1, bx2, by2] = [Math.min(bx1, x), Math.min(by1, y), Math.max(bx2, x + 1), Math.max(by2, y + 1)];
        }
      }
      const mapped = transform.toLetterbox([x1, y1, x2, y2]);
      [bx1, by1, bx2, by2].forEach((v, i) => expect(Math.abs(v - mapped[i])).toBeLessThanOrEqual(1));
      tf.dispose([image, out]);
    }
  });

  it('clips to the source image in toSource only', () => {
    const { transform } = geometry(720, 1280, [640, 640], {}); // scale 0.5, padY 140
    expect(Array.from(transform.toSource([-10, 0, 700, 640]))).toEqual([0, 0, 1280, 720]);
    expect(Array.from(transform.toLetterbox([-20, -20, 1300, 740]))).toEqual([-10, 130, 650, 510]);
  });

  it.each([[[1, 2, 3]], [[1, 2, 3, 4, 5]]])('refuses boxes of length %j', (boxes) => {
    const { transform } = geometry(10, 10, [20, 20], {});
    expect(thrown(() => transform.toSource(boxes)).code).toBe('E_INVALID_ARGUMENT');
    expect(thrown(() => transform.toLetterbox(boxes)).code).toBe('E_INVALID_ARGUMENT');
  });

  it.each([[[0, 10]], [[10]], [[10.5, 10]]])('letterboxTransform refuses srcSize %j', (src) => {
    expect(thrown(() => letterboxTransform(src as unknown as [number, number], 640)).code).toBe('E_INVALID_ARGUMENT');
  });

  it('maps no boxes to no boxes', () => {
    const { transform } = geometry(10, 10, [20, 20], {});
    expect(transform.toSource(new Float32Array(0))).toEqual(new Float32Array(0));
  });
});

describe('letterbox refuses bad arguments', () => {
  it.each([
    ['a rank-2 tensor', () => tf.zeros([4, 4], 'int32'), 8, {}],
    ['a batch', () => tf.zeros([1, 4, 4, 3], 'int32'), 8, {}],
    ['a bool tensor', () => tf.zeros([4, 4, 3], 'bool'), 8, {}],
    ['2 channels', () => tf.zeros([4, 4, 2], 'int32'), 8, {}],
    ['size 0', () => tf.zeros([4, 4, 3], 'int32'), 0, {}],
    ['size [8]', () => tf.zeros([4, 4, 3], 'int32'), [8], {}],
    ['stride 0', () => tf.zeros([4, 4, 3], 'int32'), 8, { stride: 0 }],
    ['a fractional pad on int32', () => tf.zeros([4, 4, 3], 'int32'), 8, { padValue: 0.5 }],
    ['a NaN pad', () => tf.zeros([4, 4, 3]), 8, { padValue: NaN }],
  ])('%s', (_, make, size, options) => {
    const image = make() as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const err = thrown(() => letterbox(image, size as number, options));
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });
});

/** Letterbox geometry for an H x W source, without an image. */
function geometry(H: number, W: number, size: [number, number], options: LetterboxOptions) {
  return { transform: letterboxTransform([H, W], size, options) };
}
