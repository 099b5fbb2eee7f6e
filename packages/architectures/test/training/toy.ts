import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Random } from '@fovea/core';

/**
 * A linearly separable toy problem: points uniform in [-1, 1]^2, class 1 when x0 + 2 x1 > 0, one-hot labels.
 * Built from typed arrays (seeded), so it is the same in every run.
 */
export function toyData(n: number, seed: number): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const rng = new Random(seed);
  const xs = new Float32Array(2 * n);
  const ys = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = rng.uniform(-1, 1);
    const b = rng.uniform(-1, 1);
    xs[2 * i] = a;
    xs[2 * i + 1] = b;
    ys[2 * i + (a + 2 * b > 0 ? 1 : 0)] = 1;
  }
  return { x: tf.tensor2d(xs, [n, 2]), y: tf.tensor2d(ys, [n, 2]) };
}

/** A small MLP (2 -> 8 tanh -> 2 softmax) with seeded initial weights, so two builds start identical. */
export function toyModel(seed: number): tfl.LayersModel {
  const model = tfl.sequential();
  model.add(tfl.layers.dense({ inputShape: [2], units: 8, activation: 'tanh', kernelInitializer: tfl.initializers.glorotUniform({ seed }) }));
  model.add(tfl.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 1 }) }));
  return model;
}

/** The model's weights as plain arrays (copies). */
export function weightsOf(model: tfl.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array).map((a) => a.slice());
}

/** History rows without the wall-time column, for comparing runs. */
export function withoutTime<T extends { seconds: number }>(rows: T[]): Omit<T, 'seconds'>[] {
  return rows.map(({ seconds: _, ...rest }) => rest);
}
