import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, initBackend } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { squeezeExcite } from '../../src/blocks/squeeze-excite.js';
import { SqueezeExcite, type SqueezeExciteArgs } from '../../src/layers/squeeze-excite.js';
import { expectSamePredictions, maxAbsDiff, roundTrip, wrap } from '../helpers.js';

/** The same options as a block model input -> squeezeExcite(input) (its reduce/expand convs: the reference). */
function blockModel(args: SqueezeExciteArgs, shape: number[]): tfl.LayersModel {
  const input = tfl.input({ shape });
  return tfl.model({ inputs: input, outputs: squeezeExcite(input, args) });
}

/** Seeded normal values for every weight, biases included (the initialisers leave biases at zero). */
function randomWeights(model: tfl.LayersModel, seed: number): tf.Tensor[] {
  return model.weights.map((w, i) => tf.randomNormal(w.shape as number[], 0, 0.5, 'float32', seed + i));
}

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('SqueezeExcite layer', () => {
  it.each<[string, SqueezeExciteArgs, number[], number]>([
    ['SENet r = 16', {}, [4, 4, 32], 2],
    ['MobileNetV3-like: 3 squeezed, swish, hard sigmoid gate', { squeezeChannels: 3, activation: 'swish', gate: 'hardSigmoid' }, [3, 5, 12], 3],
    ['timm rounding: ratio 1/4, divisor 8 (10 -> 16)', { ratio: 0.25, divisor: 8 }, [2, 2, 40], 16],
    ['ratio 1/2 of 7 channels (3.5 -> 4), relu6, tanh gate, 1x1 map', { ratio: 0.5, activation: 'relu6', gate: 'tanh' }, [1, 1, 7], 4],
    ['linear reduce, softmax gate', { squeezeChannels: 4, activation: 'linear', gate: 'softmax' }, [3, 3, 8], 4],
    ['hard swish reduce, sigmoid gate', { ratio: 0.25, activation: 'hardSwish' }, [2, 3, 8], 2],
  ])('equals the squeezeExcite block with the same weights: %s', (_, args, shape, squeezed) => {
    const before = tf.memory().numTensors;
    const block = blockModel(args, shape);
    const layer = new SqueezeExcite(args);
    const model = wrap(layer, shape);
    const c = shape[2];
    expect(layer.getWeights().map((w) => w.shape)).toEqual([[1, 1, c, squeezed], [squeezed], [1, 1, squeezed, c], [c]]);
    expect(model.countParams()).toBe(2 * c * squeezed + squeezed + c);
    expect(model.countParams()).toBe(block.countParams());
    expect(layer.computeOutputShape([null, ...shape])).toEqual([null, ...shape]);
    const weights = randomWeights(block, 3);
    block.setWeights(weights);
    layer.setWeights(block.getWeights()); // same order: reduce kernel, bias, expand kernel, bias
    const x = tf.randomNormal([3, ...shape], 0, 1, 'float32', 8);
    const a = model.predict(x) as tf.Tensor;
    const b = block.predict(x) as tf.Tensor;
    expect(a.shape).toEqual([3, ...shape]);
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-5);
    tf.dispose([...weights, x, a, b]);
    model.dispose();
    block.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  // x is 1x2 with 2 channels: channel 0 holds (1, 3), channel 1 holds (2, -4); their means are 2 and -1.
  // Cs = 1: z = relu(0.5 * 2 - 1 * -1 + reduceBias); gate g = sigmoid(z * [1, -2] + [0, 1]); y = x * g.
  it.each([
    ['reduce unit active', 0.25, 2.25],
    ['reduce unit dead (relu 0): the gate is sigmoid(expand bias)', -10, 0],
  ])('matches the closed form on a hand case: %s', (_, reduceBias, z) => {
    const before = tf.memory().numTensors;
    const layer = new SqueezeExcite({ squeezeChannels: 1 });
    const model = wrap(layer, [1, 2, 2]);
    const weights = [tf.tensor4d([0.5, -1], [1, 1, 2, 1]), tf.tensor1d([reduceBias]), tf.tensor4d([1, -2], [1, 1, 1, 2]), tf.tensor1d([0, 1])];
    layer.setWeights(weights);
    const x = tf.tensor4d([1, 2, 3, -4], [1, 1, 2, 2]);
    const y = model.predict(x) as tf.Tensor;
    const g = [sigmoid(z * 1 + 0), sigmoid(z * -2 + 1)];
    const expected = [1 * g[0], 2 * g[1], 3 * g[0], -4 * g[1]];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([...weights, x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  describe.each(['wasm', 'cpu'] as const)('training on %s', (backend) => {
    beforeAll(async () => {
      await initBackend({ prefer: backend, verbose: false });
    });
    afterAll(async () => {
      await initBackend({ prefer: 'cpu', verbose: false });
    });

    it('one SGD step changes every weight, as it changes the block\'s (same gradients)', async () => {
      expect(tf.getBackend()).toBe(backend);
      const before = tf.memory().numTensors;
      const shape = [4, 4, 16];
      const block = blockModel({ ratio: 0.25 }, shape);
      const layer = new SqueezeExcite({ ratio: 0.25 });
      const model = wrap(layer, shape);
      const weights = randomWeights(block, 21);
      block.setWeights(weights);
      layer.setWeights(weights);
      const x = tf.randomNormal([4, ...shape], 0, 1, 'float32', 5);
      const target = tf.randomNormal([4, ...shape], 0, 1, 'float32', 6);
      for (const m of [model, block]) {
        m.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
        await m.trainOnBatch(x, target);
      }
      const trained = layer.getWeights();
      trained.forEach((w, i) => {
        expect(maxAbsDiff(w, weights[i]), `${layer.weights[i].name} did not change`).toBeGreaterThan(1e-4);
        expect(maxAbsDiff(w, block.getWeights()[i]), `${layer.weights[i].name} differs from the block's`).toBeLessThan(1e-5);
      });
      tf.dispose([...weights, x, target]);
      for (const m of [model, block]) {
        m.optimizer.dispose();
        m.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it.each<[string, SqueezeExciteArgs]>([
    ['defaults', {}],
    ['every option set', { squeezeChannels: 3, divisor: 2, ratio: 0.5, activation: 'swish', gate: 'hardSigmoid' }],
  ])('round-trips through saveModel/loadModel with identical outputs: %s', async (_, args) => {
    const before = tf.memory().numTensors;
    const model = wrap(new SqueezeExcite({ ...args, name: 'se' }), [3, 3, 32]);
    const loaded = await roundTrip(model);
    const layer = loaded.getLayer('se') as SqueezeExcite;
    expect(layer).toBeInstanceOf(SqueezeExcite);
    expect({ ratio: layer.ratio, divisor: layer.divisor, activation: layer.activation, gate: layer.gate, squeezeChannels: layer.squeezeChannels })
      .toEqual({ ratio: 1 / 16, divisor: 1, activation: 'relu', gate: 'sigmoid', squeezeChannels: undefined, ...args });
    expect(loaded.countParams()).toBe(model.countParams());
    expectSamePredictions(model, loaded, tf.randomNormal([2, 3, 3, 32], 0, 1, 'float32', 9));
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each<[string, SqueezeExciteArgs, RegExp]>([
    ['ratio 0', { ratio: 0 }, /ratio/],
    ['ratio above 1', { ratio: 1.5 }, /ratio/],
    ['ratio NaN', { ratio: Number.NaN }, /ratio/],
    ['squeezeChannels 0', { squeezeChannels: 0 }, /squeezeChannels/],
    ['squeezeChannels 2.5', { squeezeChannels: 2.5 }, /squeezeChannels/],
    ['divisor 0', { divisor: 0 }, /divisor/],
    ['unknown activation', { activation: 'gelu' as 'relu' }, /activation "gelu"/],
    ['unknown gate', { gate: 'toString' as 'sigmoid' }, /gate "toString"/],
  ])('rejects %s with a FoveaError', (_, args, message) => {
    expect(() => new SqueezeExcite(args)).toThrow(FoveaError);
    expect(() => new SqueezeExcite(args)).toThrow(message);
  });

  it.each<[string, (number | null)[], RegExp]>([
    ['a rank-3 input', [4, 16], /rank-4 NHWC/],
    ['unknown channels', [4, 4, null], /channels must be known/],
  ])('rejects %s when built', (_, shape, message) => {
    const before = tf.memory().numTensors;
    const input = tfl.input({ shape });
    expect(() => new SqueezeExcite().apply(input)).toThrow(FoveaError);
    expect(() => new SqueezeExcite().apply(input)).toThrow(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
