// features(x, { training: true }) is what a detection or segmentation head trains through: gradients reach every
// level's layers, BatchNorm uses batch statistics, and nothing leaks. On wasm (the cpu backend's convolution
// gradients take ~15x longer).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackbone } from '../../src/index.js';
import { maxAbsDiff } from '../helpers.js';

beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
});

describe('features() in training mode', () => {
  it('gives gradients to the stem and to the deepest level, and uses batch statistics', () => {
    const before = tf.memory().numTensors;
    const backbone = createBackbone('resnet18', { inputShape: [32, 32, 3] });
    const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const kernel = (layer: string) => backbone.model.getLayer(layer).trainableWeights[0].read() as tf.Variable;
    const watched = [kernel('conv1_conv'), kernel('conv5_block2_2_conv')];
    const { value, grads } = tf.variableGrads(() => {
      const maps = backbone.features(x, { training: true });
      return tf.addN(Object.values(maps).map((m) => tf.mean(tf.square(m)))) as tf.Scalar;
    }, watched);
    for (const v of watched) expect(tf.tidy(() => tf.max(tf.abs(grads[v.name])).dataSync()[0])).toBeGreaterThan(0);
    const train = backbone.features(x, { training: true });
    const infer = backbone.features(x);
    // Untrained moving statistics (mean 0, variance 1) differ from the batch's.
    expect(maxAbsDiff(train.C2, infer.C2)).toBeGreaterThan(1e-3);
    tf.dispose([x, value, Object.values(grads), Object.values(train), Object.values(infer)]);
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
