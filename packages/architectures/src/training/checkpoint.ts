import { existsSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FoveaError, fileSystemHandler, saveModel } from '@fovea/core';
import type { HistoryRow } from './history.js';

/** Where a run stands, saved beside the model in `train-state.json`. */
export interface TrainState {
  format: 'fovea-train-state';
  version: 1;
  /** Epoch in progress (0-based); with `batch` 0 it has not started. */
  epoch: number;
  /** Next batch of `epoch` to run: non-zero only for a run interrupted mid-epoch. */
  batch: number;
  /** Sums over the batches of `epoch` already run. */
  partial: { lossSum: number; correct: number; samples: number; seconds: number };
  history: HistoryRow[];
  /** Shuffle seed: epoch `e`'s order is derived from (seed, e), so no generator state needs saving. */
  seed: number;
  batchSize: number;
  /** Optimizer steps taken (Adam's bias correction depends on it). */
  iterations: number;
  /** Early-stopping / best-epoch bookkeeping. */
  best: { value: number | null; epoch: number; wait: number };
  /** Specs of `best-weights.bin` (the weights of the best epoch), when restoreBest keeps them. */
  bestWeightSpecs?: tf.io.WeightsManifestEntry[];
}

const CURRENT = 'checkpoint';
const STATE = 'train-state.json';
const BEST = 'best-weights.bin';

/**
 * Writes the checkpoint `dir/checkpoint/`: model.json + weights.bin with the optimizer state (core's
 * `saveModel(..., { includeOptimizer: true })`), `train-state.json`, and the best epoch's weights. It is written
 * to `checkpoint.tmp/` first and then renamed over the previous one, so a run killed while saving keeps the
 * previous checkpoint intact.
 */
export async function writeCheckpoint(dir: string, model: LayersModel, state: TrainState, bestWeights?: tf.Tensor[]): Promise<string> {
  const target = path.join(dir, CURRENT);
  const tmp = `${target}.tmp`;
  const old = `${target}.old`;
  await rm(tmp, { recursive: true, force: true });
  await saveWithOptimizer(model, tmp);
  const toWrite: TrainState = { ...state, bestWeightSpecs: undefined };
  if (bestWeights !== undefined) {
    const named = bestWeights.map((tensor, i) => ({ name: `best/${i}`, tensor }));
    const { data, specs } = await tf.io.encodeWeights(named);
    await writeFile(path.join(tmp, BEST), new Uint8Array(data as ArrayBuffer));
    toWrite.bestWeightSpecs = specs;
  }
  await writeFile(path.join(tmp, STATE), JSON.stringify(toWrite, null, 1));
  await rm(old, { recursive: true, force: true });
  if (existsSync(target)) await rename(target, old);
  await rename(tmp, target);
  await rm(old, { recursive: true, force: true });
  return target;
}

/**
 * `saveModel(model, dir, { includeOptimizer: true })` without its leak: tfjs's `Optimizer.saveIterations` makes a
 * fresh int32 scalar (`iter`) on every `getWeights()`, and `LayersModel.save` never disposes it, so each
 * checkpoint would leave one tensor behind. The `iter` tensors handed out during the save are disposed here; the
 * other entries are the optimizer's live variables and stay.
 */
async function saveWithOptimizer(model: LayersModel, dir: string): Promise<void> {
  const optimizer = model.optimizer as tf.Optimizer & { getWeights: () => Promise<{ name: string; tensor: tf.Tensor }[]> };
  const made: tf.Tensor[] = [];
  const original = optimizer.getWeights;
  optimizer.getWeights = async function (this: tf.Optimizer) {
    const weights = await original.call(this);
    made.push(...weights.filter((w) => w.name === 'iter').map((w) => w.tensor));
    return weights;
  };
  try {
    await saveModel(model, dir, { includeOptimizer: true });
  } finally {
    // Remove the own property so the prototype method shows through again.
    delete (optimizer as Partial<typeof optimizer>).getWeights;
    if (optimizer.getWeights !== original) optimizer.getWeights = original;
    tf.dispose(made);
  }
}

/** The checkpoint directory to resume from in `dir`, or undefined when there is none. */
export function findCheckpoint(dir: string): string | undefined {
  for (const name of [CURRENT, `${CURRENT}.old`]) {
    const candidate = path.join(dir, name);
    if (existsSync(path.join(candidate, STATE)) && existsSync(path.join(candidate, 'model.json'))) return candidate;
  }
  return undefined;
}

/** What {@link readCheckpoint} restores; the caller disposes `bestWeights`. */
export interface RestoredCheckpoint {
  state: TrainState;
  bestWeights?: tf.Tensor[];
}

/**
 * Loads `checkpoint` into `model` (weights by position, so layer names may differ from the saved run's) and
 * `optimizer` (tfjs `setWeights`: step count and moments).
 *
 * @throws FoveaError `E_MODEL_FORMAT` when the saved weights do not fit the model (count or shapes), or the
 *   state file is not Fovea's; `E_FILE_NOT_FOUND` / `E_MODEL_IO` from reading.
 */
export async function readCheckpoint(checkpoint: string, model: LayersModel, optimizer: tf.Optimizer): Promise<RestoredCheckpoint> {
  const state = JSON.parse(await readFile(path.join(checkpoint, STATE), 'utf8')) as TrainState;
  if (state?.format !== 'fovea-train-state' || state.version !== 1) {
    throw new FoveaError('E_MODEL_FORMAT', `${path.join(checkpoint, STATE)} is not a Fovea training state (format ${JSON.stringify(state?.format)}, version ${state?.version}); start without resume.`);
  }
  const artifacts = await fileSystemHandler(checkpoint).load!();
  const specs = artifacts.weightSpecs ?? [];
  const decoded = tf.io.decodeWeights(artifacts.weightData!, specs);
  const modelSpecs = specs.filter((s) => s.group !== 'optimizer');
  const optimizerSpecs = specs.filter((s) => s.group === 'optimizer');
  try {
    const values = modelSpecs.map((s) => decoded[s.name]);
    checkFits(model, values.map((v) => v.shape), checkpoint);
    model.setWeights(values);
    if (optimizerSpecs.length > 0) await optimizer.setWeights(optimizerSpecs.map((s) => ({ name: s.name, tensor: decoded[s.name] })));
  } finally {
    tf.dispose(Object.values(decoded));
  }
  let bestWeights: tf.Tensor[] | undefined;
  if (state.bestWeightSpecs !== undefined) {
    const bytes = await readFile(path.join(checkpoint, BEST));
    const best = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), state.bestWeightSpecs);
    bestWeights = state.bestWeightSpecs.map((s) => best[s.name]);
  }
  return { state, bestWeights };
}

function checkFits(model: LayersModel, shapes: number[][], checkpoint: string): void {
  const want = model.weights.map((w) => w.shape);
  const same = want.length === shapes.length && want.every((s, i) => s.length === shapes[i].length && s.every((d, j) => d === shapes[i][j]));
  if (!same) {
    throw new FoveaError('E_MODEL_FORMAT',
      `the checkpoint in ${checkpoint} holds ${shapes.length} weights that do not fit this model's ${want.length} ` +
      `(first shapes [${shapes.slice(0, 3).map((s) => `[${s}]`).join(', ')}] vs [${want.slice(0, 3).map((s) => `[${s}]`).join(', ')}]); ` +
      'resume with the same architecture, or use a new checkpointDir.');
  }
}
