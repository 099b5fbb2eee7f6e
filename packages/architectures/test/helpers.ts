import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { loadModel, saveModel } from '@fovea/core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A one-layer functional model around `layer`, for layer tests. */
export function wrap(layer: tfl.layers.Layer, inputShape: number[]): tfl.LayersModel {
  const input = tfl.input({ shape: inputShape });
  return tfl.model({ inputs: input, outputs: layer.apply(input) as tfl.SymbolicTensor });
}

/** Saves with core's saveModel, loads with loadModel, and returns the loaded model (caller disposes). */
export async function roundTrip(model: tfl.LayersModel): Promise<tfl.LayersModel> {
  const dir = mkdtempSync(join(tmpdir(), 'fovea-arch-'));
  try {
    await saveModel(model, dir);
    return await loadModel(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Largest absolute difference between two tensors' values. */
export function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  return x.length === y.length ? m : Infinity;
}

/**
 * Asserts that `model` and its reloaded copy predict bit-identical outputs on `x`, then disposes `x`, both
 * models and the predictions (the tail every serialisation test of a layer shares).
 */
export function expectSamePredictions(model: tfl.LayersModel, loaded: tfl.LayersModel, x: tf.Tensor): void {
  const a = model.predict(x) as tf.Tensor;
  const b = loaded.predict(x) as tf.Tensor;
  try {
    if (maxAbsDiff(a, b) !== 0) throw new Error(`reloaded model differs by ${maxAbsDiff(a, b)}`);
  } finally {
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  }
}
