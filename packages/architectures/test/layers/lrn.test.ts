import * as tf from '@tensorflow/tfjs-core';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalResponseNormalization } from '../../src/layers/lrn.js';
import { expectSamePredictions, maxAbsDiff, roundTrip, wrap } from '../helpers.js';

/** The definition, one output value at a time. */
function slowLrn(x: tf.Tensor4D, r: number, bias: number, alpha: number, beta: number): Float32Array {
  const [n, h, w, c] = x.shape;
  const v = x.dataSync();
  const out = new Float32Array(v.length);
  for (let p = 0; p < n * h * w; p++) {
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      for (let j = Math.max(0, ch - r); j <= Math.min(c - 1, ch + r); j++) sum += v[p * c + j] ** 2;
      out[p * c + ch] = v[p * c + ch] / (bias + alpha * sum) ** beta;
    }
  }
  return out;
}

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('LocalResponseNormalization', () => {
  it.each([
    { name: 'AlexNet defaults', args: {}, channels: 7 },
    { name: 'radius 0', args: { depthRadius: 0, bias: 2, alpha: 1e-1, beta: 0.5 }, channels: 3 },
    { name: 'window wider than channels', args: { depthRadius: 5, bias: 1, alpha: 0.3, beta: 0.75 }, channels: 4 },
    { name: 'one channel', args: { depthRadius: 2, bias: 1, alpha: 1, beta: 1 }, channels: 1 },
  ])('matches the definition and tf.localResponseNormalization: $name', ({ args, channels }) => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([2, 3, 4, channels], 0, 3, 'float32', 11) as tf.Tensor4D;
    const layer = new LocalResponseNormalization(args);
    const y = layer.apply(x) as tf.Tensor;
    const { depthRadius: r, bias, alpha, beta } = layer;
    const expected = slowLrn(x, r, bias, alpha, beta);
    const got = y.dataSync();
    for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 5);
    const reference = tf.localResponseNormalization(x, r, bias, alpha, beta);
    expect(maxAbsDiff(y, reference)).toBeLessThan(1e-5);
    tf.dispose([x, y, reference]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('defaults to n = 5, k = 1, alpha 2e-5 (= 1e-4 / 5), beta 0.75 and has no weights', () => {
    const layer = new LocalResponseNormalization();
    expect([layer.depthRadius, layer.bias, layer.alpha, layer.beta]).toEqual([2, 1, 2e-5, 0.75]);
    const model = wrap(layer, [4, 4, 8]);
    expect(model.countParams()).toBe(0);
    model.dispose();
  });

  it.each([
    [{ depthRadius: -1 }, /depthRadius/],
    [{ depthRadius: 1.5 }, /depthRadius/],
    [{ bias: 0 }, /bias/],
    [{ alpha: Number.NaN }, /alpha/],
    [{ beta: -0.1 }, /beta/],
  ])('rejects %j', (args, message) => {
    expect(() => new LocalResponseNormalization(args)).toThrow(FoveaError);
    expect(() => new LocalResponseNormalization(args)).toThrow(message);
  });

  it('rejects non-NHWC input', () => {
    const x = tf.zeros([2, 3]);
    expect(() => new LocalResponseNormalization().apply(x)).toThrow(/rank-4 NHWC/);
    x.dispose();
  });

  it('round-trips through saveModel/loadModel with its settings', async () => {
    const before = tf.memory().numTensors;
    const model = wrap(new LocalResponseNormalization({ depthRadius: 1, bias: 2, alpha: 1e-3, beta: 0.6 }), [3, 3, 6]);
    const loaded = await roundTrip(model);
    const layer = loaded.layers[1] as LocalResponseNormalization;
    expect(layer).toBeInstanceOf(LocalResponseNormalization);
    expect([layer.depthRadius, layer.bias, layer.alpha, layer.beta]).toEqual([1, 2, 1e-3, 0.6]);
    expectSamePredictions(model, loaded, tf.randomNormal([1, 3, 3, 6], 0, 5, 'float32', 3));
    expect(tf.memory().numTensors).toBe(before);
  });
});
