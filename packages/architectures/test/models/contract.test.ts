// One contract over the whole registry: every architecture has its reference parameter count at its
// canonical input, and at a small input it builds, predicts [N, classes], survives a save/load round
// trip with identical predictions, and takes a training step on wasm that changes its weights,
// without leaking tensors.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel, listArchitectures } from '../../src/index.js';
import { maxAbsDiff, roundTrip } from '../helpers.js';

const CLASSES = 3;
const BATCH = 2;
const entries = listArchitectures().map((e) => [e.name, e] as const);

describe('reference parameter counts at canonical input (zero-initialised on cpu: no weight memory touched)', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it.each(entries)('%s', (_, entry) => {
    const before = tf.memory().numTensors;
    const model = createModel(entry.name, { initWeights: false });
    expect(model.inputs[0].shape).toEqual([null, ...entry.inputShape]);
    expect(model.outputs[0].shape).toEqual([null, entry.classes]);
    expect(model.countParams()).toBe(entry.referenceParams);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});

describe('small input: build, predict, save/load round trip, one training step on wasm', () => {
  beforeAll(async () => {
    const info = await initBackend({ prefer: 'wasm', verbose: false });
    expect(info.canTrain).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(entries)('%s', async (_, entry) => {
    const before = tf.memory().numTensors;
    const side = entry.minInputSize;
    const inputShape: [number, number, number] = [side, side, entry.inputShape[2]];
    const model = createModel(entry.name, { inputShape, classes: CLASSES });
    const x = tf.randomUniform([BATCH, ...inputShape], 0, 1, 'float32', 1);
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 2], 'int32'), CLASSES));

    const predicted = model.predict(x) as tf.Tensor;
    expect(predicted.shape).toEqual([BATCH, CLASSES]);
    const loaded = await roundTrip(model);
    const reloaded = loaded.predict(x) as tf.Tensor;
    expect(maxAbsDiff(predicted, reloaded)).toBeLessThanOrEqual(1e-6);

    const trainable = model.trainableWeights;
    const watched = [trainable[0], trainable[trainable.length - 1]];
    const snapshot = watched.map((w) => w.read().dataSync().slice());
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
    const loss = (await model.trainOnBatch(x, y)) as number;
    expect(Number.isFinite(loss)).toBe(true);
    watched.forEach((w, i) => {
      const after = w.read().dataSync();
      expect(after.some((v, j) => v !== snapshot[i][j]), `${w.name} did not change`).toBe(true);
    });

    tf.dispose([x, y, predicted, reloaded]);
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
