import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { fashionMnistTensors } from '../../src/datasets/index.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two 2 x 3 "images" with labels 3 and 0. */
const data = { images: Uint8Array.from([0, 51, 102, 153, 204, 255, 255, 0, 0, 0, 0, 255]), labels: Uint8Array.from([3, 0]), count: 2, height: 2, width: 3 };

describe('fashionMnistTensors', () => {
  it('gives NHWC float32 in [0, 1] and one-hot float32 labels, without leaks', () => {
    const before = tf.memory().numTensors;
    const { xs, ys } = fashionMnistTensors(data);
    expect(xs.shape).toEqual([2, 2, 3, 1]);
    expect(xs.dtype).toBe('float32');
    expect(Array.from(xs.dataSync())).toEqual(Array.from(data.images, (v) => Math.fround(v / 255)));
    expect(ys.shape).toEqual([2, 10]);
    expect(ys.dtype).toBe('float32');
    expect(ys.arraySync()).toEqual([
      [0, 0, 0, 1, 0, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ]);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('keeps 0-255 and int32 labels when asked', () => {
    const before = tf.memory().numTensors;
    const { xs, ys } = fashionMnistTensors(data, { normalize: false, oneHot: false });
    expect(Array.from(xs.dataSync())).toEqual(Array.from(data.images));
    expect(ys.dtype).toBe('int32');
    expect(Array.from(ys.dataSync())).toEqual([3, 0]);
    tf.dispose([xs, ys]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['too few pixels', { ...data, images: data.images.subarray(1) }, 'images has 11'],
    ['too few labels', { ...data, labels: data.labels.subarray(1) }, 'labels has 1'],
    ['a label beyond the classes', { ...data, labels: Uint8Array.from([3, 10]) }, 'labels[1] is 10'],
  ])('rejects %s and creates no tensor', (_case, bad, text) => {
    const before = tf.memory().numTensors;
    expect(() => fashionMnistTensors(bad)).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(text) }));
    expect(tf.memory().numTensors).toBe(before);
  });
});
