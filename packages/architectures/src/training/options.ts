import * as tf from '@tensorflow/tfjs-core';
import type { RandomFn } from '@fovea/core';
import { check } from '@fovea/core';
import { checkPair, type Batch } from './data.js';
import type { HistoryRow } from './history.js';
import { LOSS_NAMES, type LossName } from './losses.js';
import { OPTIMIZER_NAMES, type OptimizerName } from './optimizer.js';
import { checkSchedule, type LrSchedule } from './schedule.js';

/** What an `augment` hook is told about the batch it transforms. */
export interface AugmentContext {
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  /** A generator seeded from (seed, epoch, batch): the same batch gets the same augmentation after a resume. */
  random: RandomFn;
}

/** The quantities early stopping can watch; `*loss` is minimised, `*acc` maximised. */
export type Monitor = 'val_loss' | 'val_acc' | 'loss' | 'acc';

export interface EarlyStoppingOptions {
  /** Default `'val_loss'`. */
  monitor?: Monitor;
  /** Stop after this many epochs in a row without improvement (at least one, as in Keras). Default 0, which acts as 1. */
  patience?: number;
  /** The least change that counts as an improvement. Default 0. */
  minDelta?: number;
  /**
   * Put back the best epoch's weights when training ends (stopped early or not), as Keras 3's
   * `EarlyStopping(restore_best_weights=True)` does. Default false.
   */
  restoreBest?: boolean;
}

/** One progress report: after every batch (`type: 'batch'`) and every epoch (`type: 'epoch'`). */
export interface TrainProgress {
  type: 'batch' | 'epoch';
  /** 0-based epoch, and the run's total. */
  epoch: number;
  epochs: number;
  /** Batches of this epoch done so far (1-based count), and per epoch when known. */
  batch: number;
  batches?: number;
  /** Running means over the epoch so far (batch events) or the epoch's means (epoch events). */
  loss: number;
  acc: number;
  val_loss?: number;
  val_acc?: number;
  lr: number;
  /** Training samples per second in this session (validation excluded). */
  samplesPerSecond: number;
  /** Seconds left in the whole run, validation included; undefined until it can be estimated. */
  etaSeconds?: number;
  /** Seconds left in this epoch's training batches. */
  epochEtaSeconds?: number;
  /** The finished epoch's history row (epoch events). */
  row?: HistoryRow;
}

export interface TrainOptions {
  /** Epochs to train to (a resumed run continues up to this total). Default 1. */
  epochs?: number;
  /** Samples per step for tensor data. Default 32 (Keras's). The last batch of an epoch may be smaller. */
  batchSize?: number;
  /** An optimizer name or a tfjs optimizer (kept and left to the caller). Default `'adam'`. */
  optimizer?: OptimizerName | tf.Optimizer;
  /** Base learning rate. Default Keras's per optimizer: sgd/momentum/adagrad 0.01, else 0.001; a given optimizer keeps its own. */
  learningRate?: number;
  /** Default `'constant'`. */
  lrSchedule?: LrSchedule;
  /** Linear warmup epochs before the schedule (see `learningRateAt`). Default 0. */
  warmupEpochs?: number;
  /** Default inferred from `y`: one-hot `[N, C]` categorical crossentropy, `[N]` sparse, `[N, 1]` binary; for a batch generator, categorical. */
  loss?: LossName;
  /** Validation data, evaluated after every epoch (inference mode). */
  validation?: Batch;
  /** Or: hold out the last fraction (0-1, exclusive) of tensor data for validation, before shuffling (as Keras). */
  validationSplit?: number;
  /**
   * Transforms each training batch after it is drawn (e.g. with core's augmentation transforms). Return new
   * tensors (train disposes them) or the same ones. Runs outside the gradient tape.
   */
  augment?: (batch: Batch, context: AugmentContext) => Batch;
  earlyStopping?: EarlyStoppingOptions;
  /**
   * Save a checkpoint here after every epoch and on interrupt (`checkpoint/`: model, optimizer state,
   * train-state.json), and write `history.csv` and `history.png`.
   */
  checkpointDir?: string;
  /** Continue from the checkpoint in `checkpointDir` if there is one (else start fresh). Default false. */
  resume?: boolean;
  onProgress?: (event: TrainProgress) => void;
  /** Abort to stop after the current batch: a checkpoint is written (when `checkpointDir` is set), then train returns. */
  signal?: AbortSignal;
  /** Seed of the per-epoch shuffle and the augment hook's random streams. Default random (recorded in the checkpoint). */
  seed?: number;
  /** Shuffle tensor data every epoch. Default true. */
  shuffle?: boolean;
  /** Batches per epoch of a generator, for ETA only. */
  batchesPerEpoch?: number;
  /** Rows per validation forward pass. Default max(batchSize, 256). */
  validationBatchSize?: number;
}

const DEFAULT_LR: Record<OptimizerName, number> = { sgd: 0.01, momentum: 0.01, adagrad: 0.01, adam: 0.001, rmsprop: 0.001, adadelta: 0.001 };

/** {@link TrainOptions} after defaults and checks. */
export interface ResolvedOptions extends Omit<TrainOptions, 'epochs' | 'batchSize' | 'lrSchedule' | 'warmupEpochs' | 'shuffle' | 'optimizer' | 'learningRate'> {
  epochs: number;
  batchSize: number;
  optimizer: OptimizerName | tf.Optimizer;
  learningRate: number | undefined;
  lrSchedule: LrSchedule;
  warmupEpochs: number;
  shuffle: boolean;
  /** `batchSize` as the caller gave it (a resumed run without one takes the checkpoint's). */
  batchSizeGiven?: number;
}

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/**
 * Applies defaults and checks every option.
 * @throws FoveaError `E_INVALID_ARGUMENT` naming the first bad option and what would be valid.
 */
export function resolveOptions(options: TrainOptions): ResolvedOptions {
  check(options != null && typeof options === 'object', `train options must be an object, got ${String(options)}.`);
  const { epochs = 1, batchSize = 32, optimizer = 'adam', lrSchedule = 'constant', warmupEpochs = 0, shuffle = true } = options;
  check(positiveInt(epochs), `epochs is ${epochs}; give a positive integer.`);
  check(positiveInt(batchSize), `batchSize is ${batchSize}; give a positive integer such as 32 or 64.`);
  check(optimizer instanceof tf.Optimizer || OPTIMIZER_NAMES.includes(optimizer as OptimizerName),
    `optimizer is ${JSON.stringify(optimizer)}; use one of ${OPTIMIZER_NAMES.join(', ')} or a tf.Optimizer.`);
  const lr = options.learningRate ?? (typeof optimizer === 'string' ? DEFAULT_LR[optimizer] : undefined);
  check(lr === undefined || (Number.isFinite(lr) && lr > 0), `learningRate is ${lr}; give a positive number such as 1e-3.`);
  checkSchedule(lrSchedule);
  check(Number.isInteger(warmupEpochs) && warmupEpochs >= 0, `warmupEpochs is ${warmupEpochs}; give a non-negative integer.`);
  check(options.loss === undefined || LOSS_NAMES.includes(options.loss), `loss is ${JSON.stringify(options.loss)}; use one of ${LOSS_NAMES.join(', ')}.`);
  const split = options.validationSplit;
  check(split === undefined || (Number.isFinite(split) && split > 0 && split < 1), `validationSplit is ${split}; give a fraction strictly between 0 and 1.`);
  check(split === undefined || options.validation === undefined, 'give validation or validationSplit, not both.');
  if (options.validation !== undefined) checkPair(options.validation, 'validation');
  check(options.augment === undefined || typeof options.augment === 'function', `augment must be a function (batch, context) => batch, got ${typeof options.augment}.`);
  check(options.onProgress === undefined || typeof options.onProgress === 'function', `onProgress must be a function, got ${typeof options.onProgress}.`);
  check(options.signal === undefined || (typeof options.signal === 'object' && typeof options.signal?.aborted === 'boolean'), 'signal must be an AbortSignal.');
  check(options.seed === undefined || Number.isSafeInteger(options.seed), `seed is ${options.seed}; give an integer.`);
  check(options.checkpointDir === undefined || (typeof options.checkpointDir === 'string' && options.checkpointDir.length > 0),
    `checkpointDir is ${JSON.stringify(options.checkpointDir)}; give a directory path.`);
  check(!options.resume || options.checkpointDir !== undefined, 'resume needs checkpointDir: the directory whose checkpoint to continue from.');
  check(options.batchesPerEpoch === undefined || positiveInt(options.batchesPerEpoch), `batchesPerEpoch is ${options.batchesPerEpoch}; give a positive integer.`);
  check(options.validationBatchSize === undefined || positiveInt(options.validationBatchSize), `validationBatchSize is ${options.validationBatchSize}; give a positive integer.`);
  const es = options.earlyStopping;
  if (es !== undefined) {
    check(es !== null && typeof es === 'object', `earlyStopping must be an object { monitor, patience, minDelta, restoreBest }, got ${String(es)}.`);
    check(es.monitor === undefined || ['val_loss', 'val_acc', 'loss', 'acc'].includes(es.monitor),
      `earlyStopping.monitor is ${JSON.stringify(es.monitor)}; use 'val_loss', 'val_acc', 'loss' or 'acc'.`);
    check(es.patience === undefined || (Number.isInteger(es.patience) && es.patience >= 0), `earlyStopping.patience is ${es.patience}; give a non-negative integer (epochs).`);
    check(es.minDelta === undefined || (Number.isFinite(es.minDelta) && es.minDelta >= 0), `earlyStopping.minDelta is ${es.minDelta}; give a non-negative number.`);
    const monitor = es.monitor ?? 'val_loss';
    check(!monitor.startsWith('val_') || options.validation !== undefined || split !== undefined,
      `earlyStopping.monitor is '${monitor}' but there is no validation data; give validation or validationSplit, or monitor 'loss'.`);
  }
  return { ...options, batchSizeGiven: options.batchSize, epochs, batchSize, optimizer, learningRate: lr, lrSchedule, warmupEpochs, shuffle };
}
