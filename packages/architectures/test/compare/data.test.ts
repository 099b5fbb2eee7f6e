import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { atLeast, frame } from '../../src/compare/data.js';

describe('frame and atLeast', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it.each([
    [[32, 32, 1], 2, 2],
    [[28, 28, 1], 0, 0],
    [[31, 33, 1], 1, 2],
  ] as const)('frames 28x28 images into %j, offset (%i, %i), zeros around', (shape, top, left) => {
    const before = tf.memory().numTensors;
    const values = Float32Array.from({ length: 2 * 28 * 28 }, (_, i) => 1 + (i % 97));
    const images = tf.tensor4d(values, [2, 28, 28, 1]);
    const framed = frame(images, [...shape]);
    expect(framed.shape).toEqual([2, shape[0], shape[1], 1]);
    const out = framed.arraySync();
    const inside = (r: number, c: number) => r >= top && r < top + 28 && c >= left && c < left + 28;
    for (const n of [0, 1]) {
      for (let r = 0; r < shape[0]; r++) {
        for (let c = 0; c < shape[1]; c++) {
          const expected = inside(r, c) ? values[n * 784 + (r - top) * 28 + (c - left)] : 0;
          if (out[n][r][c][0] !== expected) throw new Error(`(${n}, ${r}, ${c}) is ${out[n][r][c][0]}, not ${expected}`);
        }
      }
    }
    tf.dispose([images, framed]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('repeats the grey over 3 channels', () => {
    const images = tf.randomUniform([1, 28, 28, 1]) as tf.Tensor4D;
    const framed = frame(images, [32, 32, 3]);
    const [r, g, b] = tf.split(framed, 3, 3);
    expect(Array.from(r.dataSync())).toEqual(Array.from(g.dataSync()));
    expect(Array.from(r.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([images, framed, r, g, b]);
  });

  it.each([
    [[27, 32, 1], /smaller than the 28x28 images/],
    [[32, 32, 2], /2 channels; use 1/],
  ] as const)('rejects %j', (shape, message) => {
    const images = tf.zeros([1, 28, 28, 1]) as tf.Tensor4D;
    expect(() => frame(images, [...shape])).toThrow(message);
    images.dispose();
  });

  it('upsamples only when the images are smaller than the side', () => {
    const images = tf.ones([2, 32, 32, 1]) as tf.Tensor4D;
    expect(atLeast(images, 32)).toBe(images);
    const big = atLeast(images, 67);
    expect(big.shape).toEqual([2, 67, 67, 1]);
    // Bilinear interpolation keeps a constant image constant.
    expect(Array.from(big.dataSync()).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    tf.dispose([images, big]);
  });
});
