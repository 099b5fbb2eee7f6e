// The small-input part of the contract, run by the contract-train-* files on a shard each.
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { initBackend, mulberry32 } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureEntry } from '../../src/index.js';
import { createModel } from '../../src/index.js';
import { maxAbsDiff, roundTrip } from '../helpers.js';
import { CLASSES, NO_NOISE } from './contract.js';

/**
 * One fixed batch of 8, deliberately unbalanced (class 0 four times): while a network's outputs are still
 * nearly input-independent, a balanced batch gives its classifier's bias a zero gradient, and a deep plain
 * network (VGG19 under its builder's Glorot init) stays there beyond five steps with its loss at ln 3 to
 * six digits; with the imbalance the bias alone already lowers the loss. Eight rather than four samples,
 * because the deep ResNets' last stage is 1x1 at 32x32 input, so BatchNorm normalises over the batch alone,
 * and over 4 values their loss jumps about from step to step.
 */
const LABELS = [0, 1, 2, 0, 1, 2, 0, 0];
const STEPS = 5;
/**
 * Adam with the random regularisers off: the loss is then one deterministic function of the weights
 * (BatchNorm's batch statistics included), and Adam's first steps move each weight by about the rate
 * against its gradient's sign. 1e-4 lowers every registered network's loss within five steps; a smaller
 * rate does not calm the deep ResNets (2e-5 at batch 4: ResNet-152 1.91, 1.37, 2.63, 0.97, 1.99), plain
 * SGD has no one rate for all (1e-2 sends ResNet-50 from 2.5 to 7.8, 1e-3 leaves VGG's loss flat to six
 * digits), and Adam at 1e-3 overshoots VGG16.
 */
const LEARNING_RATE = 1e-4;

/**
 * The input side of the check: the smallest the entry accepts, except for the ResNet family at 64. Those have
 * bottleneck stages of up to 36 BatchNorm'd units; at 32x32 their last stage is 1x1, BatchNorm normalises each
 * channel over the batch's 8 values alone, and the loss jumps from step to step whatever the rate (ResNet-101:
 * 0.78 1.22 0.68 1.03 0.81). At 64x64 (2x2, 32 values) it falls steadily (ResNet-152: 1.93 1.73 1.23 0.97 0.86).
 */
function trainSide(entry: ArchitectureEntry): number {
  return entry.family === 'resnet' ? Math.max(64, entry.minInputSize) : entry.minInputSize;
}

/**
 * Runs `build` with `Math.random` replaced by a seeded stream: tfjs initialisers without a seed draw their seed
 * from `Math.random`, so this makes each entry's initial weights, and with them its five losses, the same on
 * every run (the check cannot pass or fail by luck).
 */
function seeded<T>(seed: number, build: () => T): T {
  const original = Math.random;
  Math.random = mulberry32(seed);
  try {
    return build();
  } finally {
    Math.random = original;
  }
}

/**
 * At each entry's smallest input, a build without the random regularisers, with its builder's own
 * initialisers, takes five training steps on wasm on one fixed batch: loss finite and lower at the end
 * than at the start, first and last weights changed; then it predicts `[N, classes]` and round-trips
 * through `@fovea/core`'s saveModel/loadModel with identical predictions. No tensor leaks. (The
 * regularisers' own serialisation, Dropout and StochasticDepth rates, is checked by the layer tests.)
 * The forward check's cheaper `fillRandom` is not used here: under its He-uniform weights Adam at 1e-4
 * overshot ResNet-50 at batch 4 (0.47, 0.29, 0.20, 1.40, 1.21).
 */
export function trainContract(rows: (readonly [string, ArchitectureEntry])[]): void {
  describe(`small input: ${STEPS} training steps on wasm, then a save/load round trip`, () => {
    beforeAll(async () => {
      const info = await initBackend({ prefer: 'wasm', verbose: false });
      expect(info.canTrain).toBe(true);
    });
    afterAll(async () => {
      await tf.setBackend('cpu');
    });

    it.each(rows)('%s', async (_, entry) => {
      const before = tf.memory().numTensors;
      const side = trainSide(entry);
      const inputShape: [number, number, number] = [side, side, entry.inputShape[2]];

      const x = tf.randomUniform([LABELS.length, ...inputShape], 0, 1, 'float32', 1);
      const y = tf.tidy(() => tf.oneHot(tf.tensor1d(LABELS, 'int32'), CLASSES));
      const model = seeded(17, () => createModel(entry.name, { inputShape, classes: CLASSES, ...NO_NOISE }));
      const optimizer = tf.train.adam(LEARNING_RATE);
      const made: tf.Tensor[] = [x, y];
      let loaded: tfl.LayersModel | undefined;
      // Disposed even when an expectation fails, so that one failure does not exhaust the wasm heap for the next.
      try {
        const trainable = model.trainableWeights;
        const watched = [trainable[0], trainable[trainable.length - 1]];
        const snapshot = watched.map((w) => w.read().dataSync().slice());
        model.compile({ optimizer, loss: 'categoricalCrossentropy' });
        const losses: number[] = [];
        for (let step = 0; step < STEPS; step++) losses.push((await model.trainOnBatch(x, y)) as number);
        const trace = `losses ${losses.map((l) => l.toFixed(5)).join(' ')}`;
        expect(losses.every(Number.isFinite), trace).toBe(true);
        // Decreasing over the five steps: the last loss below the first (not each below the one before: AlexNet's
        // LRN'd first steps go 1.098 1.077 1.049 1.035 1.043).
        expect(losses[STEPS - 1], trace).toBeLessThan(losses[0]);
        watched.forEach((w, i) => {
          const after = w.read().dataSync();
          expect(after.some((v, j) => v !== snapshot[i][j]), `${w.name} did not change`).toBe(true);
        });

        const predicted = model.predict(x) as tf.Tensor;
        made.push(predicted);
        expect(predicted.shape).toEqual([LABELS.length, CLASSES]);
        loaded = await roundTrip(model);
        const reloaded = loaded.predict(x) as tf.Tensor;
        made.push(reloaded);
        expect(maxAbsDiff(predicted, reloaded)).toBeLessThanOrEqual(1e-6);
      } finally {
        tf.dispose(made);
        model.dispose();
        loaded?.dispose();
        optimizer.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    }, 180_000);
  });
}
