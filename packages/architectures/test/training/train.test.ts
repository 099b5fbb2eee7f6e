import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError, initBackend, tf } from '@fovea/core';
import { learningRateAt, train, type TrainOptions, type TrainProgress } from '../../src/index.js';
import { toyData, toyModel, weightsOf } from './toy.js';

let dir: string;
beforeAll(async () => {
  await initBackend({ prefer: 'wasm', verbose: false });
  dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-train-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('train', () => {
  it('learns a separable toy problem, writing CSV and PNG, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const data = toyData(256, 1);
    const validation = toyData(128, 2);
    const model = toyModel(3);
    const atEpochEnd: number[] = [];
    const batchEvents: TrainProgress[] = [];
    const result = await train(model, data, {
      epochs: 8, batchSize: 16, learningRate: 0.05, validation, seed: 4, checkpointDir: path.join(dir, 'learn'),
      onProgress: (e) => (e.type === 'epoch' ? atEpochEnd.push(tf.memory().numTensors) : batchEvents.push(e)),
    });
    const { history } = result;
    expect(history).toHaveLength(8);
    expect(history.map((r) => r.epoch)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(history[7].loss).toBeLessThan(history[0].loss * 0.5);
    expect(history[7].acc).toBeGreaterThan(0.95);
    expect(history[7].val_acc).toBeGreaterThan(0.95);
    expect(result).toMatchObject({ stoppedEarly: false, interrupted: false, seed: 4, bestEpoch: 7 });
    // Progress: 16 batches an epoch, speed and ETA reported, ETA reaching 0.
    expect(batchEvents).toHaveLength(8 * 16);
    expect(batchEvents[20]).toMatchObject({ type: 'batch', epoch: 1, epochs: 8, batch: 5, batches: 16 });
    expect(batchEvents[20].samplesPerSecond).toBeGreaterThan(0);
    expect(batchEvents[20].etaSeconds).toBeGreaterThan(0);
    expect(batchEvents.at(-1)!.epochEtaSeconds).toBe(0);
    // No growth across epochs (Adam's moments appear during the first step, before the first epoch ends).
    expect(atEpochEnd).toEqual(atEpochEnd.map(() => atEpochEnd[0]));
    const csv = (await readFile(result.files!.csv, 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('epoch,loss,acc,val_loss,val_acc,lr,seconds');
    expect(csv).toHaveLength(9);
    expect(csv[8].split(',').slice(0, 6).map(Number)).toEqual([7, history[7].loss, history[7].acc, history[7].val_loss, history[7].val_acc, 0.05]);
    expect((await readFile(result.files!.png)).subarray(1, 4).toString()).toBe('PNG');
    model.dispose(); // frees the optimizer train created, too
    tf.dispose([data.x, data.y, validation.x, validation.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('applies the learning-rate schedule per epoch and accepts a tf.Optimizer', async () => {
    const before = tf.memory().numTensors;
    const data = toyData(64, 5);
    const model = toyModel(6);
    const optimizer = tf.train.sgd(0.2);
    const schedule = { type: 'step', stepSize: 2, gamma: 0.5 } as const;
    const { history } = await train(model, data, { epochs: 5, batchSize: 32, optimizer, lrSchedule: schedule, warmupEpochs: 1, seed: 1 });
    expect(history.map((r) => r.lr)).toEqual([0, 1, 2, 3, 4].map((e) => learningRateAt(schedule, e, { learningRate: 0.2, epochs: 5, warmupEpochs: 1 })));
    expect(history.map((r) => r.lr)).toEqual([0.2, 0.2, 0.2, 0.1, 0.1]);
    model.dispose();
    optimizer.dispose(); // an optimizer passed in stays the caller's
    tf.dispose([data.x, data.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('frees the optimizer of an earlier call when the model is trained again', async () => {
    const before = tf.memory().numTensors;
    const data = toyData(32, 14);
    const model = toyModel(15);
    await train(model, data, { epochs: 1, batchSize: 16, optimizer: 'adam' });
    await train(model, data, { epochs: 1, batchSize: 16, optimizer: 'momentum' });
    model.dispose();
    tf.dispose([data.x, data.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('holds out the last fraction with validationSplit and runs the augment hook with seeded randomness', async () => {
    const before = tf.memory().numTensors;
    const data = toyData(100, 7);
    const seen: string[] = [];
    const run = async () => {
      const model = toyModel(8);
      const draws: number[] = [];
      const result = await train(model, data, {
        epochs: 2, batchSize: 32, validationSplit: 0.2, seed: 9,
        augment: (batch, ctx) => {
          draws.push(ctx.random());
          seen.push(`${ctx.epoch}:${ctx.batch}:${batch.x.shape[0]}`);
          return { x: tf.tidy(() => tf.add(batch.x, 0)), y: batch.y }; // a new x, which train must dispose
        },
      });
      model.dispose();
      return { result, draws };
    };
    const a = await run();
    const b = await run();
    expect(seen.slice(0, 6)).toEqual(['0:0:32', '0:1:32', '0:2:16', '1:0:32', '1:1:32', '1:2:16']); // 80 training rows
    expect(a.draws).toEqual(b.draws);
    expect(new Set(a.draws).size).toBe(6);
    expect(a.result.history[0].val_loss).toBeTypeOf('number');
    tf.dispose([data.x, data.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains from a batch generator, with sparse labels', async () => {
    const before = tf.memory().numTensors;
    const { x, y } = toyData(64, 10);
    const labels = tf.argMax(y, -1);
    const model = toyModel(11);
    const generator = function* (epoch: number) {
      for (let i = 0; i < 4; i++) {
        const start = ((i + epoch) % 4) * 16;
        yield { x: tf.slice(x, start, 16), y: tf.slice(labels, start, 16) };
      }
    };
    const { history } = await train(model, generator, { epochs: 6, learningRate: 0.05, batchesPerEpoch: 4, loss: 'sparseCategoricalCrossentropy' });
    expect(history).toHaveLength(6);
    expect(history[5].loss).toBeLessThan(history[0].loss);
    model.dispose();
    tf.dispose([x, y, labels]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early when validation stops improving and restores the best weights', async () => {
    const before = tf.memory().numTensors;
    const data = toyData(128, 12);
    // Validation with every label flipped: as the model learns, validation loss only grows, so epoch 0 is best.
    const flipped = { x: tf.clone(data.x), y: tf.reverse(data.y, -1) };
    const model = toyModel(13);
    let afterEpoch0: Float32Array[] = [];
    const result = await train(model, data, {
      epochs: 20, batchSize: 16, learningRate: 0.05, validation: flipped, seed: 1,
      earlyStopping: { monitor: 'val_loss', patience: 2, restoreBest: true },
      onProgress: (e) => {
        if (e.type === 'epoch' && e.epoch === 0) afterEpoch0 = weightsOf(model);
      },
    });
    expect(result.stoppedEarly).toBe(true);
    expect(result.bestEpoch).toBe(0);
    expect(result.history).toHaveLength(3); // epochs 1 and 2 did not improve: patience 2 reached
    expect(result.history[2].val_loss!).toBeGreaterThan(result.history[0].val_loss!);
    expect(weightsOf(model)).toEqual(afterEpoch0);
    model.dispose();
    tf.dispose([data.x, data.y, flipped.x, flipped.y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  // Options are made lazily: the backend starts in beforeAll.
  const bad: [string, () => Partial<TrainOptions>][] = [
    ['epochs 0', () => ({ epochs: 0 })],
    ['fractional batchSize', () => ({ batchSize: 1.5 })],
    ['unknown optimizer', () => ({ optimizer: 'nadam' as 'adam' })],
    ['negative learningRate', () => ({ learningRate: -1 })],
    ['unknown schedule', () => ({ lrSchedule: 'linear' as 'constant' })],
    ['validationSplit 1', () => ({ validationSplit: 1 })],
    ['validation and validationSplit', () => ({ validationSplit: 0.5, validation: { x: tf.zeros([2, 2]), y: tf.zeros([2, 2]) } })],
    ['val_loss monitor without validation', () => ({ earlyStopping: { monitor: 'val_loss' } })],
    ['negative patience', () => ({ earlyStopping: { monitor: 'loss', patience: -1 } })],
    ['unknown monitor', () => ({ earlyStopping: { monitor: 'val_f1' as 'val_acc' } })],
    ['resume without checkpointDir', () => ({ resume: true })],
    ['unknown loss', () => ({ loss: 'hinge' as 'meanSquaredError' })],
    ['fractional seed', () => ({ seed: 1.5 })],
    ['validation with mismatched rows', () => ({ validation: { x: tf.zeros([3, 2]), y: tf.zeros([2, 2]) } })],
    ['augment not a function', () => ({ augment: 'flip' as unknown as TrainOptions['augment'] })],
  ];
  it.each(bad)('rejects %s with E_INVALID_ARGUMENT', async (_, makeOptions) => {
    const options = makeOptions();
    const data = toyData(8, 0);
    const model = toyModel(0);
    const before = tf.memory().numTensors;
    await expect(train(model, data, options)).rejects.toSatisfy((e: unknown) => e instanceof FoveaError && e.code === 'E_INVALID_ARGUMENT');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
    const v = options.validation;
    tf.dispose([data.x, data.y, ...(v ? [v.x, v.y] : [])]);
  });

  it.each([
    ['x and y with different rows', () => ({ x: tf.zeros([4, 2]), y: tf.zeros([3, 2]) })],
    ['no samples', () => ({ x: tf.zeros([0, 2]), y: tf.zeros([0, 2]) })],
  ])('rejects training data with %s', async (_, make) => {
    const data = make();
    const model = toyModel(0);
    await expect(train(model, data, {})).rejects.toSatisfy((e: unknown) => e instanceof FoveaError && e.code === 'E_INVALID_ARGUMENT');
    model.dispose();
    tf.dispose([data.x, data.y]);
  });
});
