import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError, initBackend, tf } from '@fovea/core';
import { train, type OptimizerName, type TrainOptions } from '../../src/index.js';
import { toyData, toyModel, weightsOf, withoutTime } from './toy.js';

let dir: string;
let data: { x: tf.Tensor2D; y: tf.Tensor2D };
let validation: { x: tf.Tensor2D; y: tf.Tensor2D };
beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-ckpt-'));
  data = toyData(96, 21);
  validation = toyData(32, 22);
});
afterAll(async () => {
  tf.dispose([data.x, data.y, validation.x, validation.y]);
  await rm(dir, { recursive: true, force: true });
});

const INIT = 20;

/** Trains a fresh toy model (initial weights from `init`) and returns history and final weights. */
async function runFor(options: TrainOptions, init = INIT) {
  const model = toyModel(init);
  const result = await train(model, data, { batchSize: 16, learningRate: 0.05, validation, seed: 5, ...options });
  const weights = weightsOf(model);
  model.dispose();
  return { result, weights };
}

// Resumed runs replay the uninterrupted run's arithmetic: same batches (order derived from seed and epoch),
// restored optimizer state (step count, moments, and for Adam the float32 beta powers), same kernels. So
// histories and weights are compared exactly, not within a tolerance.
describe.each<OptimizerName>(['adam', 'momentum', 'rmsprop'])('checkpoint and resume with %s', (optimizer) => {
  let reference: Awaited<ReturnType<typeof runFor>>;
  beforeAll(async () => {
    reference = await runFor({ epochs: 4, optimizer, checkpointDir: path.join(dir, `${optimizer}-full`) });
  });

  it('continues from an epoch checkpoint exactly as an uninterrupted run', async () => {
    const before = tf.memory().numTensors;
    const ckpt = path.join(dir, `${optimizer}-split`);
    const first = await runFor({ epochs: 2, optimizer, checkpointDir: ckpt });
    expect(first.result.history).toHaveLength(2);
    // A differently initialised model: every weight must come from the checkpoint.
    const resumed = await runFor({ epochs: 4, optimizer, checkpointDir: ckpt, resume: true }, 99);
    expect(withoutTime(resumed.result.history)).toEqual(withoutTime(reference.result.history));
    expect(resumed.weights).toEqual(reference.weights);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('interrupts mid-epoch with a checkpoint, and resume finishes the same run', async () => {
    const before = tf.memory().numTensors;
    const ckpt = path.join(dir, `${optimizer}-abort`);
    const controller = new AbortController();
    const first = await runFor({
      epochs: 4, optimizer, checkpointDir: ckpt, signal: controller.signal,
      onProgress: (e) => {
        if (e.type === 'batch' && e.epoch === 1 && e.batch === 3) controller.abort();
      },
    });
    expect(first.result).toMatchObject({ interrupted: true, stoppedEarly: false });
    expect(first.result.history).toHaveLength(1);
    const state = JSON.parse(await readFile(path.join(ckpt, 'checkpoint', 'train-state.json'), 'utf8'));
    expect(state).toMatchObject({ epoch: 1, batch: 3, iterations: 9, seed: 5, batchSize: 16 });
    expect(state.partial.samples).toBe(48);
    const resumed = await runFor({ epochs: 4, optimizer, checkpointDir: ckpt, resume: true }, 99);
    expect(resumed.result.interrupted).toBe(false);
    expect(withoutTime(resumed.result.history)).toEqual(withoutTime(reference.result.history));
    expect(resumed.weights).toEqual(reference.weights);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('resume', () => {
  it('restores Adam bit-exactly after many steps (its beta powers replayed in float32)', async () => {
    // 96 steps before the checkpoint: tfjs's own setWeights (beta ** (t + 1) by pow) is off by an ulp here.
    const options = { epochs: 3, batchSize: 2, optimizer: 'adam' } as const;
    const whole = await runFor({ ...options, checkpointDir: path.join(dir, 'adam-long-full') });
    const ckpt = path.join(dir, 'adam-long');
    await runFor({ ...options, epochs: 2, checkpointDir: ckpt });
    const resumed = await runFor({ ...options, checkpointDir: ckpt, resume: true }, 99);
    expect(withoutTime(resumed.result.history)).toEqual(withoutTime(whole.result.history));
    expect(resumed.weights).toEqual(whole.weights);
  });

  it('starts fresh when the directory has no checkpoint yet', async () => {
    const fresh = await runFor({ epochs: 2, checkpointDir: path.join(dir, 'empty'), resume: true });
    const plain = await runFor({ epochs: 2 });
    expect(withoutTime(fresh.result.history)).toEqual(withoutTime(plain.result.history));
  });

  it('returns at once when the checkpoint already reached the epochs asked for', async () => {
    const ckpt = path.join(dir, 'done');
    const first = await runFor({ epochs: 2, checkpointDir: ckpt });
    const again = await runFor({ epochs: 2, checkpointDir: ckpt, resume: true }, 99);
    expect(again.result.history).toEqual(first.result.history);
    expect(again.weights).toEqual(first.weights);
  });

  it('keeps the best weights across a resume for restoreBest', async () => {
    const ckpt = path.join(dir, 'best');
    const flipped = { x: tf.clone(validation.x), y: tf.reverse(validation.y, -1) };
    const options = (epochs: number): TrainOptions => ({
      epochs, checkpointDir: ckpt, validation: flipped, earlyStopping: { patience: 5, restoreBest: true },
    });
    const whole = await runFor(options(3));
    await rm(ckpt, { recursive: true });
    await runFor(options(1));
    const resumed = await runFor({ ...options(3), resume: true }, 99);
    expect(resumed.result.bestEpoch).toBe(whole.result.bestEpoch);
    expect(resumed.weights).toEqual(whole.weights);
    tf.dispose([flipped.x, flipped.y]);
  });

  it('refuses a different seed or batch size (E_INVALID_ARGUMENT)', async () => {
    const ckpt = path.join(dir, 'mismatch');
    await runFor({ epochs: 1, checkpointDir: ckpt });
    const before = tf.memory().numTensors;
    for (const change of [{ seed: 6 }, { batchSize: 8 }]) {
      const model = toyModel(INIT);
      const run = train(model, data, { batchSize: 16, seed: 5, epochs: 2, checkpointDir: ckpt, resume: true, ...change });
      await expect(run).rejects.toSatisfy((e: unknown) => e instanceof FoveaError && e.code === 'E_INVALID_ARGUMENT');
      model.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses a checkpoint of another architecture (E_MODEL_FORMAT)', async () => {
    const ckpt = path.join(dir, 'other-arch');
    await runFor({ epochs: 1, checkpointDir: ckpt });
    const model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [2], units: 2, activation: 'softmax' })] });
    const before = tf.memory().numTensors;
    await expect(train(model, data, { epochs: 2, batchSize: 16, seed: 5, checkpointDir: ckpt, resume: true }))
      .rejects.toSatisfy((e: unknown) => e instanceof FoveaError && e.code === 'E_MODEL_FORMAT');
    model.dispose();
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before);
  });
});
