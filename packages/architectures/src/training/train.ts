import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { check, mixSeed, mulberry32 } from '@fovea/core';
import { findCheckpoint, readCheckpoint, writeCheckpoint, type TrainState } from './checkpoint.js';
import { batchesPerEpoch, checkPair, epochBatches, isTensorData, splitValidation, type Batch, type TrainData } from './data.js';
import { NO_BEST, updateBest, type BestState } from './early-stopping.js';
import { elementsPerRow, evaluate } from './evaluate.js';
import { writeHistoryCsv, type HistoryRow } from './history.js';
import { inferLoss, type LossName } from './losses.js';
import { createOptimizer, getLearningRate, restoreAdamBetaPowers, setLearningRate } from './optimizer.js';
import { resolveOptions, type Monitor, type ResolvedOptions, type TrainOptions } from './options.js';
import { plotHistory } from './plot.js';
import { ProgressClock } from './progress.js';
import { learningRateAt } from './schedule.js';
import { trainStep, trainableVariables } from './step.js';

/** What {@link train} returns. */
export interface TrainResult {
  /** One row per finished epoch, resumed epochs included. */
  history: HistoryRow[];
  /** 0-based epoch with the best monitored value (early stopping's monitor, else val_loss, else loss); -1 if none. */
  bestEpoch: number;
  stoppedEarly: boolean;
  /** True when `signal` aborted the run; the checkpoint (if any) continues it with `resume: true`. */
  interrupted: boolean;
  /** The shuffle seed used (pass it back to reproduce the run). */
  seed: number;
  /** Where the checkpoint, history.csv and history.png are, when `checkpointDir` was given. */
  files?: { checkpoint: string; csv: string; png: string };
}

/** Mutable run state between batches; mirrors {@link TrainState}. */
interface Run {
  epoch: number;
  batch: number;
  partial: TrainState['partial'];
  history: HistoryRow[];
  iterations: number;
  best: BestState;
  bestWeights?: tf.Tensor[];
}

/**
 * Trains a tfjs layers model: shuffled mini-batches, an optimizer and learning-rate schedule, validation after
 * each epoch, an optional augmentation hook, early stopping, per-epoch checkpoints that `resume` continues
 * (mid-epoch too, after an interrupt), progress with speed and ETA, and the curves as `history.csv` and
 * `history.png`.
 *
 * The model is compiled with the optimizer and loss (so its checkpoint carries them); an optimizer built from a
 * name belongs to the model afterwards and `model.dispose()` frees it. Nothing else outlives the call: tensors
 * made for batches, validation splits and best weights are disposed.
 *
 * Reproducibility: epoch `e`'s order comes from `(seed, e)`, the augment hook's random stream from
 * `(seed, e, batch)`, and a checkpoint stores the optimizer's step count and moments, so stopping and resuming
 * replays the same arithmetic as an uninterrupted run (layers that draw their own randomness, such as dropout,
 * are the exception: tfjs does not expose their generator state).
 *
 * @param model A layers model whose output fits the loss (softmax probabilities for the crossentropies).
 * @param data `{ x: [N, ...], y: [N, ...] }` tensors the caller keeps, or a {@link BatchGenerator}.
 * @throws FoveaError `E_INVALID_ARGUMENT` for bad options or data (named), or a resumed run whose seed or batch
 *   size differ from the checkpoint's; `E_MODEL_FORMAT` for a checkpoint that does not fit the model.
 *
 * @example
 * const { history } = await train(model, { x, y }, { epochs: 10, batchSize: 64, validationSplit: 0.1 });
 */
export async function train(model: LayersModel, data: TrainData, options: TrainOptions = {}): Promise<TrainResult> {
  check(model != null && typeof (model as Partial<LayersModel>).apply === 'function' && Array.isArray(model.trainableWeights),
    `train: model must be a tfjs LayersModel, got ${String(model)}.`);
  check(isTensorData(data) || typeof data === 'function', 'train: data must be { x, y } tensors or a batch generator (epoch) => iterable of { x, y }.');
  if (isTensorData(data)) checkPair(data, 'train data');
  const o = resolveOptions(options);
  check(o.validationSplit === undefined || isTensorData(data), 'validationSplit needs tensor data; give validation explicitly with a batch generator.');
  const owned: tf.Tensor[] = [];
  try {
    let trainData = data;
    let validation = o.validation;
    if (o.validationSplit !== undefined && isTensorData(data)) {
      const split = splitValidation(data, o.validationSplit);
      owned.push(split.train.x, split.train.y, split.validation.x, split.validation.y);
      [trainData, validation] = [split.train, split.validation];
    }
    const loss = o.loss ?? (isTensorData(trainData) ? inferLoss(trainData.y) : 'categoricalCrossentropy');
    return await run(model, trainData, validation, loss, o);
  } finally {
    tf.dispose(owned);
  }
}

async function run(model: LayersModel, data: TrainData, validation: Batch | undefined, loss: LossName, o: ResolvedOptions): Promise<TrainResult> {
  const created = typeof o.optimizer === 'string';
  const optimizer = typeof o.optimizer === 'string' ? createOptimizer(o.optimizer, o.learningRate!) : o.optimizer;
  const baseLr = o.learningRate ?? getLearningRate(optimizer);
  // tfjs marks instance optimizers as the caller's; the one made here from a name is the model's to dispose,
  // and one an earlier train call left on the model is freed before it is replaced.
  const owner = model as unknown as { isOptimizerOwned?: boolean; optimizer?: tf.Optimizer };
  if (owner.isOptimizerOwned && owner.optimizer && owner.optimizer !== optimizer) owner.optimizer.dispose();
  model.compile({ optimizer, loss });
  if (created) owner.isOptimizerOwned = true;

  const monitor: Monitor = o.earlyStopping?.monitor ?? (validation ? 'val_loss' : 'loss');
  const restoreBest = o.earlyStopping?.restoreBest ?? false;
  const dir = o.checkpointDir;
  let seed = o.seed ?? Math.floor(Math.random() * 0x7fffffff);
  const r: Run = { epoch: 0, batch: 0, partial: emptyPartial(), history: [], iterations: 0, best: { ...NO_BEST } };

  const found = o.resume && dir !== undefined ? findCheckpoint(dir) : undefined;
  if (found !== undefined) {
    const restored = await readCheckpoint(found, model, optimizer);
    const s = restored.state;
    seed = checkSame('seed', o.seed, s.seed, found);
    o.batchSize = checkSame('batchSize', o.batchSizeGiven, s.batchSize, found);
    restoreAdamBetaPowers(optimizer, s.iterations);
    Object.assign(r, { epoch: s.epoch, batch: s.batch, partial: s.partial, history: s.history, iterations: s.iterations, best: s.best });
    r.bestWeights = restored.bestWeights;
  }

  const files = dir === undefined ? undefined
    : { checkpoint: path.join(dir, 'checkpoint'), csv: path.join(dir, 'history.csv'), png: path.join(dir, 'history.png') };
  const perEpoch = batchesPerEpoch(data, o.batchSize, o.batchesPerEpoch);
  const samplesPerEpoch = isTensorData(data) ? data.x.shape[0] : perEpoch !== undefined ? perEpoch * o.batchSize : undefined;
  const variables = trainableVariables(model);
  const clock = new ProgressClock();
  const accDenominator = loss === 'binaryCrossentropy' && isTensorData(data) ? elementsPerRow(data.y) : 1;
  let stoppedEarly = false;
  let interrupted = false;

  const save = async () => {
    if (dir === undefined) return;
    const state: TrainState = {
      format: 'fovea-train-state', version: 1, epoch: r.epoch, batch: r.batch, partial: r.partial, history: r.history,
      seed, batchSize: o.batchSize, iterations: r.iterations, best: r.best,
    };
    await writeCheckpoint(dir, model, state, restoreBest ? r.bestWeights : undefined);
  };

  try {
    while (r.epoch < o.epochs) {
      const lr = learningRateAt(o.lrSchedule, r.epoch, { learningRate: baseLr, epochs: o.epochs, warmupEpochs: o.warmupEpochs });
      setLearningRate(optimizer, lr);
      const epochStart = performance.now();
      const batches = epochBatches(data, r.epoch, { batchSize: o.batchSize, seed, shuffle: o.shuffle, startBatch: r.batch });
      for await (let batch of batches) {
        if (o.signal?.aborted) {
          tf.dispose([batch.x, batch.y]);
          interrupted = true;
          break;
        }
        clock.beginBatch();
        if (o.augment) batch = augmentBatch(batch, o.augment, { epoch: r.epoch, batch: r.batch, random: mulberry32(mixSeed(seed, r.epoch, r.batch)) });
        const size = batch.x.shape[0];
        const step = trainStep(model, optimizer, variables, loss, batch.x, batch.y);
        const [stepLoss, stepCorrect] = [step.loss.dataSync()[0], step.correct.dataSync()[0]];
        tf.dispose([step.loss, step.correct, batch.x, batch.y]);
        clock.endBatch(size);
        r.iterations++;
        r.batch++;
        r.partial.lossSum += stepLoss * size;
        r.partial.correct += stepCorrect;
        r.partial.samples += size;
        const samplesLeftInEpoch = samplesPerEpoch === undefined ? undefined : Math.max(0, samplesPerEpoch - r.partial.samples);
        o.onProgress?.({
          type: 'batch', epoch: r.epoch, epochs: o.epochs, batch: r.batch, batches: perEpoch,
          loss: r.partial.lossSum / r.partial.samples, acc: accuracy(r.partial, accDenominator), lr,
          samplesPerSecond: clock.samplesPerSecond,
          epochEtaSeconds: clock.eta(samplesLeftInEpoch, 0),
          etaSeconds: clock.eta(remainingSamples(samplesLeftInEpoch, samplesPerEpoch, o.epochs - r.epoch - 1), validation ? o.epochs - r.epoch : 0),
        });
        // Let signal handlers (Ctrl-C) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      r.partial.seconds += (performance.now() - epochStart) / 1000;
      if (interrupted || o.signal?.aborted) {
        interrupted = true;
        await save();
        break;
      }

      const row = finishEpoch(model, r, lr, validation, loss, o, accDenominator, clock);
      const update = updateBest(r.best, row, monitor, o.earlyStopping?.minDelta ?? 0, o.earlyStopping?.patience ?? 0);
      r.best = update.best;
      if (update.improved && restoreBest) {
        tf.dispose(r.bestWeights ?? []);
        r.bestWeights = model.getWeights().map((w) => tf.clone(w));
      }
      stoppedEarly = o.earlyStopping !== undefined && update.stop;
      // The saved state is "next epoch, batch 0", so a resumed run starts after this one.
      Object.assign(r, { epoch: r.epoch + 1, batch: 0, partial: emptyPartial() });
      await save();
      if (files) {
        await writeHistoryCsv(r.history, files.csv);
        await plotHistory(r.history, files.png);
      }
      o.onProgress?.({
        type: 'epoch', epoch: row.epoch, epochs: o.epochs, batch: perEpoch ?? 0, batches: perEpoch,
        loss: row.loss, acc: row.acc, val_loss: row.val_loss, val_acc: row.val_acc, lr, row,
        samplesPerSecond: clock.samplesPerSecond,
        etaSeconds: clock.eta(remainingSamples(0, samplesPerEpoch, o.epochs - row.epoch - 1), validation ? o.epochs - row.epoch - 1 : 0),
      });
      if (stoppedEarly) break;
      if (o.signal?.aborted && r.epoch < o.epochs) {
        interrupted = true;
        break;
      }
    }
    if (!interrupted && restoreBest && r.bestWeights && r.best.epoch !== r.history.at(-1)?.epoch) model.setWeights(r.bestWeights);
  } finally {
    tf.dispose(r.bestWeights ?? []);
  }
  return { history: r.history, bestEpoch: r.best.epoch, stoppedEarly, interrupted, seed, files };
}

function emptyPartial(): TrainState['partial'] {
  return { lossSum: 0, correct: 0, samples: 0, seconds: 0 };
}

function accuracy(p: TrainState['partial'], denominator: number): number {
  return p.correct < 0 || p.samples === 0 ? Number.NaN : p.correct / (p.samples * denominator);
}

function remainingSamples(inEpoch: number | undefined, perEpoch: number | undefined, epochsAfter: number): number | undefined {
  return inEpoch === undefined || perEpoch === undefined ? undefined : inEpoch + perEpoch * epochsAfter;
}

/** Closes an epoch: validation pass and its history row (appended to `r.history`). */
function finishEpoch(model: LayersModel, r: Run, lr: number, validation: Batch | undefined, loss: LossName,
  o: ResolvedOptions, accDenominator: number, clock: ProgressClock): HistoryRow {
  const row: HistoryRow = { epoch: r.epoch, loss: r.partial.lossSum / r.partial.samples, acc: accuracy(r.partial, accDenominator), lr, seconds: 0 };
  if (validation) {
    const t = performance.now();
    const v = evaluate(model, validation, { batchSize: o.validationBatchSize ?? Math.max(o.batchSize, 256), loss });
    const ms = performance.now() - t;
    clock.recordValidation(ms);
    r.partial.seconds += ms / 1000;
    Object.assign(row, { val_loss: v.loss, val_acc: v.acc });
  }
  row.seconds = r.partial.seconds;
  // Keep Keras's column order: seconds last.
  const ordered: HistoryRow = { epoch: row.epoch, loss: row.loss, acc: row.acc, ...(validation ? { val_loss: row.val_loss, val_acc: row.val_acc } : {}), lr: row.lr, seconds: row.seconds };
  r.history.push(ordered);
  return ordered;
}

/** Runs the augment hook; tensors it replaced are disposed here. */
function augmentBatch(batch: Batch, augment: NonNullable<TrainOptions['augment']>, context: Parameters<NonNullable<TrainOptions['augment']>>[1]): Batch {
  const out = augment(batch, context);
  checkPair(out, 'augment(batch) result');
  if (out.x !== batch.x) batch.x.dispose();
  if (out.y !== batch.y) batch.y.dispose();
  return out;
}

/** A resumed run must shuffle and batch as the checkpointed one did; returns the value to use. */
function checkSame(name: 'seed' | 'batchSize', given: number | undefined, saved: number, checkpoint: string): number {
  check(given === undefined || given === saved,
    `resume: the checkpoint in ${checkpoint} was trained with ${name} ${saved} but this run has ${name} ${given}; pass ${name} ${saved} (or omit it) to continue, or use a new checkpointDir.`);
  return saved;
}
