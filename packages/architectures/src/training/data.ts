import * as tf from '@tensorflow/tfjs-core';
import { Random, check, mixSeed } from '@fovea/core';

/** One mini-batch: inputs `x` (`[B, ...]`) and targets `y` (`[B, ...]`). */
export interface Batch {
  x: tf.Tensor;
  y: tf.Tensor;
}

/**
 * A source of mini-batches for one epoch (0-based). It yields fresh tensors, which {@link train} disposes after
 * the step; shuffling is the generator's job (derive it from `epoch` so a resumed run sees the same batches).
 */
export type BatchGenerator = (epoch: number) => Iterable<Batch> | AsyncIterable<Batch>;

/** Training data: whole tensors (`x` `[N, ...]`, `y` `[N, ...]`, owned by the caller) or a batch generator. */
export type TrainData = Batch | BatchGenerator;

/** Whether `data` holds whole tensors (rather than being a generator). */
export function isTensorData(data: TrainData): data is Batch {
  return typeof data !== 'function';
}

/** Checks a `{ x, y }` pair: live tensors with the same number of rows, at least one. */
export function checkPair(data: unknown, what: string): asserts data is Batch {
  const d = data as Partial<Batch> | null;
  check(d != null && d.x instanceof tf.Tensor && d.y instanceof tf.Tensor,
    `${what} must be { x, y } tensors (or a batch generator for training data), got ${describe(data)}.`);
  check(!d.x.isDisposed && !d.y.isDisposed, `${what}: x or y is disposed; pass live tensors.`);
  check(d.x.rank >= 1 && d.y.rank >= 1 && d.x.shape[0] === d.y.shape[0],
    `${what}: x [${d.x.shape}] and y [${d.y.shape}] must have the same first dimension (samples).`);
  check(d.x.shape[0] > 0, `${what}: x has no samples; give at least one.`);
}

function describe(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  return `an object with keys [${Object.keys(value).join(', ')}]`;
}

/**
 * Splits off the last `fraction` of the rows as validation data, before any shuffling, as Keras's
 * `validationSplit` does. Returns new tensors the caller disposes.
 */
export function splitValidation(data: Batch, fraction: number): { train: Batch; validation: Batch } {
  const n = data.x.shape[0];
  const nVal = Math.floor(n * fraction);
  check(nVal >= 1 && nVal < n, `validationSplit ${fraction} of ${n} samples leaves ${nVal} for validation and ${n - nVal} for training; both need at least one.`);
  const nTrain = n - nVal;
  return {
    train: { x: tf.slice(data.x, 0, nTrain), y: tf.slice(data.y, 0, nTrain) },
    validation: { x: tf.slice(data.x, nTrain, nVal), y: tf.slice(data.y, nTrain, nVal) },
  };
}

/** The sample order of `epoch`: a seeded Fisher-Yates shuffle (same seed and epoch, same order), or 0..n-1. */
export function epochOrder(n: number, seed: number, epoch: number, shuffle: boolean): Int32Array {
  const order = Array.from({ length: n }, (_, i) => i);
  if (shuffle) new Random(mixSeed(seed, epoch)).shuffle(order);
  return Int32Array.from(order);
}

/**
 * The batches of one epoch from `startBatch` on (earlier ones are skipped, for a resumed epoch). Every yielded
 * batch is owned by the caller, who disposes it.
 */
export async function* epochBatches(
  data: TrainData,
  epoch: number,
  options: { batchSize: number; seed: number; shuffle: boolean; startBatch: number },
): AsyncGenerator<Batch> {
  const { batchSize, seed, shuffle, startBatch } = options;
  if (isTensorData(data)) {
    const n = data.x.shape[0];
    const order = epochOrder(n, seed, epoch, shuffle);
    for (let start = startBatch * batchSize; start < n; start += batchSize) {
      const rows = order.subarray(start, Math.min(n, start + batchSize));
      yield tf.tidy(() => {
        const idx = tf.tensor1d(rows, 'int32');
        return { x: tf.gather(data.x, idx), y: tf.gather(data.y, idx) };
      });
    }
    return;
  }
  let index = 0;
  for await (const batch of data(epoch)) {
    checkPair(batch, `batch ${index} of epoch ${epoch}`);
    if (index++ < startBatch) {
      tf.dispose([batch.x, batch.y]);
      continue;
    }
    yield batch;
  }
}

/** Batches per epoch for tensor data, or undefined for a generator (unless the caller said). */
export function batchesPerEpoch(data: TrainData, batchSize: number, given?: number): number | undefined {
  return isTensorData(data) ? Math.ceil(data.x.shape[0] / batchSize) : given;
}
