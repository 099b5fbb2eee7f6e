import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { preciseBatchNorm } from '../../src/index.js';

const EPS = 1e-3; // tfjs BatchNormalization's default epsilon

/** [N, 2, 1, 1] -> BN1 -> 1x1 conv, kernel 2, no bias -> BN2: BN2 sees twice BN1's output. */
function twoBn(): tfl.LayersModel {
  const input = tfl.input({ shape: [2, 1, 1] });
  let x = tfl.layers.batchNormalization({ axis: -1, name: 'bn1' }).apply(input) as tfl.SymbolicTensor;
  x = tfl.layers.conv2d({ filters: 1, kernelSize: 1, useBias: false, kernelInitializer: tfl.initializers.constant({ value: 2 }), name: 'double' })
    .apply(x) as tfl.SymbolicTensor;
  x = tfl.layers.batchNormalization({ axis: -1, name: 'bn2' }).apply(x) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: x });
}

const stats = (model: tfl.LayersModel, name: string) =>
  model.getLayer(name).getWeights().map((w) => w.dataSync()[0]); // gamma, beta, moving mean, moving variance

// Images of two values each: [1, 3], [5, 7], [0, 0], [2, 6], then [100, 100].
const IMAGES = [1, 3, 5, 7, 0, 0, 2, 6, 100, 100];

describe('preciseBatchNorm', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it.each([
    // Batches {1, 3, 5, 7} (mean 4, biased variance 5) and {0, 0, 2, 6} (mean 2, variance 6); the fifth image
    // is a short last batch, dropped.
    ['two batches of 2, a short one dropped', 5, 2, [4, 2], [5, 6]],
    // Fewer images than a batch: one batch of all 8 values, mean 3, variance 52 / 8.
    ['one batch smaller than batchSize', 4, 8, [3], [6.5]],
  ])('%s', (_, n, batchSize, means, variances) => {
    const model = twoBn();
    const x = tf.tensor4d(IMAGES.slice(0, 2 * n), [n, 2, 1, 1]);
    const before = tf.memory().numTensors;
    expect(preciseBatchNorm(model, x, { batchSize })).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    const avg = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    const [g1, b1, m1, v1] = stats(model, 'bn1');
    expect([g1, b1]).toEqual([1, 0]);
    expect(m1).toBeCloseTo(avg(means), 5);
    expect(v1).toBeCloseTo(avg(variances), 5);
    // BN2's input in training mode is 2 (x - mean_b) / sqrt(var_b + eps) per batch: mean 0, variance 4 var_b / (var_b + eps).
    // (From BN1's stale moving statistics, inference mode, it would be 2x / sqrt(1 + eps): mean 2 avg(means).)
    const [, , m2, v2] = stats(model, 'bn2');
    expect(m2).toBeCloseTo(0, 5);
    expect(v2).toBeCloseTo(avg(variances.map((v) => (4 * v) / (v + EPS))), 4);
    tf.dispose(x);
    model.dispose();
  });

  it('leaves a model without BatchNorm as it was', () => {
    const input = tfl.input({ shape: [2, 1, 1] });
    const model = tfl.model({ inputs: input, outputs: tfl.layers.conv2d({ filters: 1, kernelSize: 1 }).apply(input) as tfl.SymbolicTensor });
    const x = tf.ones([4, 2, 1, 1]);
    const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
    const before = tf.memory().numTensors;
    expect(preciseBatchNorm(model, x)).toBe(0);
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weights);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    model.dispose();
  });

  it('the model still predicts and disposes completely afterwards', () => {
    const start = tf.memory().numTensors;
    const model = twoBn();
    const x = tf.tensor4d(IMAGES.slice(0, 8), [4, 2, 1, 1]);
    preciseBatchNorm(model, x, { batchSize: 2 });
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([4, 2, 1, 1]);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it.each([
    ['a zero batch size', { batchSize: 0 }, 4, /batchSize is 0; give a positive integer/],
    ['no images', {}, 0, /x has no images/],
  ])('rejects %s', (_, options, n, message) => {
    const model = twoBn();
    const x = tf.zeros([n, 2, 1, 1]);
    expect(() => preciseBatchNorm(model, x, options)).toThrow(message);
    tf.dispose(x);
    model.dispose();
  });
});
