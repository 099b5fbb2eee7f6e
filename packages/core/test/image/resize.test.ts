import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { resize, type ResizeOptions } from '../../src/image/resize.js';
import { noise, thrown } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Where output index `o` samples the input axis, in input pixel coordinates. */
function sourceCoord(o: number, inSize: number, outSize: number, alignCorners: boolean): number {
  if (alignCorners) return outSize > 1 ? (o * (inSize - 1)) / (outSize - 1) : 0;
  return ((o + 0.5) * inSize) / outSize - 0.5;
}

/** Obviously-correct float64 resize of HWC `src`, written from the definitions. */
function reference(src: Float64Array, [H, W, C]: number[], [h, w]: number[], method: string, alignCorners: boolean) {
  const out = new Float64Array(h * w * C);
  const at = (y: number, x: number, c: number) => src[(y * W + x) * C + c];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sy = sourceCoord(y, H, h, alignCorners);
      const sx = sourceCoord(x, W, w, alignCorners);
      for (let c = 0; c < C; c++) {
        let v: number;
        if (method === 'nearest') {
          // Half-pixel nearest picks the input pixel containing the output centre (PIL NEAREST).
          const pick = (s: number, n: number) => Math.min(n - 1, Math.max(0, alignCorners ? Math.round(s) : Math.floor(s + 0.5)));
          v = at(pick(sy, H), pick(sx, W), c);
        } else {
          const fy = Math.min(Math.max(sy, 0), H - 1);
          const fx = Math.min(Math.max(sx, 0), W - 1);
          const [y0, x0] = [Math.floor(fy), Math.floor(fx)];
          const [y1, x1] = [Math.min(y0 + 1, H - 1), Math.min(x0 + 1, W - 1)];
          const [ty, tx] = [fy - y0, fx - x0];
          const top = at(y0, x0, c) * (1 - tx) + at(y0, x1, c) * tx;
          const bottom = at(y1, x0, c) * (1 - tx) + at(y1, x1, c) * tx;
          v = top * (1 - ty) + bottom * ty;
        }
        out[(y * w + x) * C + c] = v;
      }
    }
  }
  return out;
}

describe('resize', () => {
  it.each([
    ['bilinear', false, [7, 9], [13, 4]],
    ['bilinear', false, [16, 12], [5, 23]],
    ['bilinear', true, [7, 9], [13, 4]],
    ['bilinear', true, [5, 6], [1, 1]],
    ['nearest', false, [7, 9], [13, 4]],
    ['nearest', false, [16, 12], [5, 23]],
    ['nearest', true, [7, 9], [13, 4]],
  ] as const)('%s (alignCorners %s) %j -> %j matches the definition', (method, alignCorners, [H, W], size) => {
    const pixels = Float64Array.from(noise(H, W, 3, H * W));
    const expected = reference(pixels, [H, W, 3], [...size], method, alignCorners);
    const before = tf.memory().numTensors;
    const image = tf.tensor3d(Float32Array.from(pixels), [H, W, 3]);
    const out = resize(image, size, { method, alignCorners });
    expect(out.shape).toEqual([size[0], size[1], 3]);
    expect(out.dtype).toBe('float32');
    const got = out.dataSync();
    const worst = Math.max(...Array.from(got, (v, i) => Math.abs(v - expected[i])));
    expect(worst).toBeLessThan(1e-3);
    tf.dispose([image, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('halves by averaging 2x2 blocks (half-pixel bilinear closed form)', () => {
    const image = tf.tensor3d([0, 10, 20, 30, 100, 110, 120, 130], [2, 4, 1]);
    const out = resize(image, [1, 2]);
    expect(Array.from(out.dataSync())).toEqual([(0 + 10 + 100 + 110) / 4, (20 + 30 + 120 + 130) / 4]);
    tf.dispose([image, out]);
  });

  it('keeps int32 as int32, rounding half to even', () => {
    const image = tf.tensor3d([0, 1, 2, 5], [1, 4, 1], 'int32');
    const out = resize(image, [1, 2]); // averages 0.5 and 3.5
    expect(out.dtype).toBe('int32');
    expect(Array.from(out.dataSync())).toEqual([0, 4]);
    tf.dispose([image, out]);
  });

  it('resizes an NHWC batch', () => {
    const batch = tf.zeros([2, 8, 8, 3]) as tf.Tensor4D;
    const out = resize(batch, [4, 6]);
    expect(out.shape).toEqual([2, 4, 6, 3]);
    tf.dispose([batch, out]);
  });

  it.each([
    ['size [0, 4]', [0, 4], {}],
    ['size [2.5, 4]', [2.5, 4], {}],
    ['size [4]', [4], {}],
    ['both alignments', [4, 4], { alignCorners: true, halfPixelCenters: true }],
    ['an unknown method', [4, 4], { method: 'bicubic' }],
  ])('refuses %s', (_, size, options) => {
    const image = tf.zeros([4, 4, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const err = thrown(() => resize(image, size as [number, number], options as ResizeOptions));
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });

  it('refuses a rank-2 tensor', () => {
    const image = tf.zeros([4, 4]);
    expect(thrown(() => resize(image as tf.Tensor3D, [2, 2])).code).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});
