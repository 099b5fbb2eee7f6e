import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { IMAGENET_EIGVAL, IMAGENET_EIGVEC, lighting, mulberry32, randomLighting } from '../../src/augment/index.js';
import { errorCode, randomImage, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

describe('lighting', () => {
  it('adds the same eigenvector offset to every pixel (AlexNet PCA lighting)', () => {
    const image = tf.fill([3, 4, 3], 0.5, 'float32') as tf.Tensor3D;
    const alpha = [0.1, -0.2, 0.05];
    const out = lighting({ image }, alpha, { maxValue: 1 });
    const offset = [0, 1, 2].map((c) => [0, 1, 2].reduce((s, k) => s + IMAGENET_EIGVEC[c][k] * alpha[k] * IMAGENET_EIGVAL[k], 0));
    Array.from(out.image.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(0.5 + offset[i % 3], 6));
    image.dispose();
    out.image.dispose();
  });

  it('with zero weights is the identity; keeps alpha; int32 stays int32', () => {
    const image = randomImage(rng(1), 4, 4, 4);
    const out = lighting({ image }, [0, 0, 0]);
    expect(out.image.dtype).toBe('int32');
    expect(Array.from(out.image.dataSync())).toEqual(Array.from(image.dataSync()));
    image.dispose();
    out.image.dispose();
  });

  it('randomLighting is reproducible for a seed and changes the image', () => {
    const image = randomImage(rng(2), 5, 5);
    const a = randomLighting({ image }, {}, mulberry32(3));
    const b = randomLighting({ image }, {}, mulberry32(3));
    expect(Array.from(a.image.dataSync())).toEqual(Array.from(b.image.dataSync()));
    expect(Array.from(a.image.dataSync())).not.toEqual(Array.from(image.dataSync()));
    [image, a.image, b.image].forEach((t) => t.dispose());
  });

  it.each([
    ['a grey image', [3, 3, 1], [0, 0, 0], {}],
    ['two weights', [3, 3, 3], [0, 0], {}],
    ['NaN weights', [3, 3, 3], [NaN, 0, 0], {}],
    ['a bad maxValue', [3, 3, 3], [0, 0, 0], { maxValue: -1 }],
  ])('rejects %s', (_, shape, alpha, options) => {
    const image = tf.zeros(shape as [number, number, number], 'int32') as tf.Tensor3D;
    expect(errorCode(() => lighting({ image }, alpha, options))).toBe('E_INVALID_ARGUMENT');
    expect(errorCode(() => randomLighting({ image }, { alphaStd: -1 }, mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});
