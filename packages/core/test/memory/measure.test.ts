import type * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateMemory } from '../../src/memory/estimate.js';
import { measurePeakBytes } from '../../src/memory/measure.js';
import { tf } from '../../src/tf.js';
import { lenet5, vggStack } from './models.js';

let before: number;
beforeAll(async () => {
  await tf.setBackend('cpu');
  before = tf.memory().numTensors;
});
afterAll(() => expect(tf.memory().numTensors).toBe(before));

describe('measurePeakBytes', () => {
  it('reports the bytes fn adds and disposes what it returns', async () => {
    const held = tf.zeros([100]);
    const m = await measurePeakBytes(() => tf.tidy(() => tf.add(tf.ones([1000]), tf.ones([1000]))));
    expect(m.backend).toBe('cpu');
    expect(m.startBytes).toBeGreaterThanOrEqual(400);
    expect(m.peakAboveStart).toBe(3 * 4000); // both operands and the sum alive together
    expect(m.peakBytes).toBe(m.startBytes + m.peakAboveStart);
    expect(m).toMatchObject({ newBytes: 0, newTensors: 0 });
    held.dispose();
  });

  it('gives the start as the peak when fn runs no kernel', async () => {
    const m = await measurePeakBytes(() => []);
    expect(m.peakAboveStart).toBe(0);
    expect(Number.isFinite(m.peakBytes)).toBe(true);
  });
});

/**
 * Estimates and measures one model at `batch` on cpu: inference, then (with `train`) one adam step,
 * which also creates the optimizer's slots. The model and tensors are disposed.
 */
async function measureModel(build: () => tfl.LayersModel, batch: number, train: boolean) {
  const model = build();
  const shape = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([batch, ...shape], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10));
  const estimate = estimateMemory(model, { batchSize: batch, optimizer: 'adam', training: true });
  const inference = await measurePeakBytes(() => model.predict(xs) as tf.Tensor);
  let training;
  if (train) {
    model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
    training = await measurePeakBytes(async () => {
      await model.trainOnBatch(xs, ys);
      return [];
    });
    model.optimizer.dispose();
  }
  tf.dispose([xs, ys]);
  model.dispose();
  return { estimate, inference, training };
}

// tfjs keeps more than the book counts (pre-activation and bias-add outputs, the optimizer's
// temporaries), so measured and estimated are related only loosely. cpu's Conv2DBackpropFilter
// is slow (a full VGG-style step takes minutes), so a narrow stack stands in for its training step.
const cases = [
  ['LeNet-5', lenet5, 4, true],
  ['VGG-style stack, 64x64x3', () => vggStack(), 1, false],
  ['narrow VGG-style stack, 32x32x3, widths 8 and 16', () => vggStack(32, [8, 16]), 2, true],
] as const;
const results = new Map<string, Awaited<ReturnType<typeof measureModel>>>();

describe('estimate vs tfjs on cpu', () => {
  beforeAll(async () => {
    for (const [name, build, batch, train] of cases) results.set(name, await measureModel(build, batch, train));
  }, 60_000);

  it.each(cases)('%s: the measured inference peak holds at least the largest activation', (name) => {
    const { estimate, inference } = results.get(name)!;
    const largest = Math.max(...estimate.layers.map((l) => l.bytes));
    expect(inference.peakAboveStart).toBeGreaterThanOrEqual(largest);
    expect(inference.startBytes).toBeGreaterThanOrEqual(estimate.inference.paramBytes);
    expect(inference).toMatchObject({ newBytes: 0, newTensors: 0 });
  });

  it.each(cases.filter((c) => c[3]))('%s: the measured training peak exceeds weights, gradients and slots', (name) => {
    const { estimate, training } = results.get(name)!;
    const { paramBytes, gradientBytes, optimizerBytes } = estimate.training;
    expect(training!.peakBytes).toBeGreaterThanOrEqual(paramBytes + gradientBytes + optimizerBytes);
    // The first step creates adam's two slots per weight: exactly what the estimate counts.
    expect(training!.newBytes).toBe(optimizerBytes);
  });
});
