// One contract over the whole registry, part 1: every architecture has its reference parameter count at
// its canonical input. Parts 2 (contract-forward-*: canonical forward pass) and 3 (contract-train-*: five
// training steps at small input) build them with random weights, sharded for vitest's workers.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../../src/index.js';
import { ENTRIES } from './contract.js';

describe('reference parameter counts at canonical input (zero-initialised on cpu: no weight memory touched)', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it.each(ENTRIES)('%s', (_, entry) => {
    const before = tf.memory().numTensors;
    const model = createModel(entry.name, { initWeights: false });
    expect(model.inputs[0].shape).toEqual([null, ...entry.inputShape]);
    expect(model.outputs[0].shape).toEqual([null, entry.classes]);
    expect(model.countParams()).toBe(entry.referenceParams);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
