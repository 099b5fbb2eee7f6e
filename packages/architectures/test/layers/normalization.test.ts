import * as tf from '@tensorflow/tfjs-core';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Normalization } from '../../src/layers/normalization.js';
import { maxAbsDiff, roundTrip, wrap } from '../helpers.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('Normalization', () => {
  it('holds Keras\'s 7 non-trainable statistics at 3 channels: mean [3], variance [3], count []', () => {
    const before = tf.memory().numTensors;
    const model = wrap(new Normalization(), [2, 2, 3]);
    const layer = model.layers[1];
    expect(layer.weights.map((w) => [w.originalName.split('/').at(-1), w.shape])).toEqual([['mean', [3]], ['variance', [3]], ['count', []]]);
    expect(layer.countParams()).toBe(7);
    expect(layer.trainableWeights).toHaveLength(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['identity by default', undefined, undefined, [1, -2, 3], [1, -2, 3]],
    ['(x - mean) / sqrt(variance)', [1, 2, 3], [4, 1, 0.25], [3, 2, 5], [1, 0, 4]],
    ['zero variance floors the std at 1e-7', [0, 0, 0], [0, 1, 1], [2e-7, 1, 1], [2, 1, 1]],
  ])('%s', (_, mean, variance, input, expected) => {
    const before = tf.memory().numTensors;
    const model = wrap(new Normalization({ mean, variance }), [3]);
    const x = tf.tensor2d([input]);
    const y = model.predict(x) as tf.Tensor;
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips through saveModel/loadModel with its statistics', async () => {
    const before = tf.memory().numTensors;
    const model = wrap(new Normalization({ mean: [0.5, 0.25, 0], variance: [4, 1, 9] }), [2, 2, 3]);
    const loaded = await roundTrip(model);
    const x = tf.randomUniform([2, 2, 2, 3], 0, 1, 'float32', 3);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(loaded.layers[1]).toBeInstanceOf(Normalization);
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a mean of the wrong length', () => wrap(new Normalization({ mean: [0, 0] }), [3])],
    ['a negative variance', () => new Normalization({ variance: [-1, 1, 1] })],
    ['a non-finite mean', () => new Normalization({ mean: [Number.NaN, 0, 0] })],
  ])('rejects %s', (_, make) => {
    expect(make).toThrow(FoveaError);
  });
});
