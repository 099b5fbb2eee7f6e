import * as tf from '@tensorflow/tfjs-core';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HardSigmoid, HardSwish, Swish } from '../../src/layers/activations.js';
import { StochasticDepth } from '../../src/layers/stochastic-depth.js';
import { maxAbsDiff, roundTrip, wrap } from '../helpers.js';

const POINTS = [-5, -3, -1.5, 0, 0.5, 3, 4];
const relu6 = (v: number) => Math.min(Math.max(v, 0), 6);

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('Swish, HardSigmoid, HardSwish', () => {
  it.each([
    ['Swish', () => new Swish(), (v: number) => v / (1 + Math.exp(-v))],
    ['HardSigmoid', () => new HardSigmoid(), (v: number) => relu6(v + 3) / 6],
    ['HardSwish', () => new HardSwish(), (v: number) => (v * relu6(v + 3)) / 6],
  ] as const)('%s matches its closed form (PyTorch SiLU / Hardsigmoid / Hardswish)', (_, make, f) => {
    const before = tf.memory().numTensors;
    const x = tf.tensor1d(POINTS);
    const y = make().apply(x) as tf.Tensor;
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(f(POINTS[i]), 6));
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('HardSigmoid differs from tfjs\'s hardSigmoid activation (0.2x + 0.5)', () => {
    const x = tf.tensor1d([1]);
    const ours = new HardSigmoid().apply(x) as tf.Tensor;
    expect(ours.dataSync()[0]).toBeCloseTo(4 / 6, 6);
    tf.dispose([x, ours]);
  });

  it('round-trip through saveModel/loadModel', async () => {
    const before = tf.memory().numTensors;
    const model = wrap(new HardSwish(), [3]);
    const loaded = await roundTrip(model);
    expect(loaded.layers[1]).toBeInstanceOf(HardSwish);
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('StochasticDepth', () => {
  it('is the identity at inference and with rate 0', () => {
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([4, 2, 2, 3], 0, 1, 'float32', 1);
    const inference = new StochasticDepth({ rate: 0.5 }).apply(x) as tf.Tensor;
    const rateZero = new StochasticDepth({ rate: 0 }).apply(x, { training: true }) as tf.Tensor;
    expect(maxAbsDiff(inference, x)).toBe(0);
    expect(maxAbsDiff(rateZero, x)).toBe(0);
    tf.dispose([x, inference, rateZero]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('in training, drops whole samples and scales the kept ones by 1 / (1 - rate)', () => {
    const before = tf.memory().numTensors;
    const rate = 0.5;
    const x = tf.ones([64, 2, 2, 3]);
    const y = new StochasticDepth({ rate, seed: 3 }).apply(x, { training: true }) as tf.Tensor;
    const values = y.arraySync() as number[][][][];
    const perSample = values.map((s) => new Set(s.flat(2)));
    for (const set of perSample) {
      expect(set.size).toBe(1);
      expect([0, 1 / (1 - rate)]).toContain([...set][0]);
    }
    const kept = perSample.filter((s) => s.has(2)).length;
    expect(kept).toBeGreaterThan(16);
    expect(kept).toBeLessThan(48);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([-0.1, 1, Number.NaN])('rejects rate %s', (rate) => {
    expect(() => new StochasticDepth({ rate })).toThrow(FoveaError);
  });

  it('round-trips its rate', async () => {
    const model = wrap(new StochasticDepth({ rate: 0.2 }), [2, 2, 1]);
    const loaded = await roundTrip(model);
    expect((loaded.layers[1] as StochasticDepth).rate).toBe(0.2);
    model.dispose();
    loaded.dispose();
  });
});
