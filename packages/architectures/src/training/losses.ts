import * as tf from '@tensorflow/tfjs-core';
import { check } from '@fovea/core';

/**
 * Losses {@link train} knows, by their Keras names (so `model.compile` records the same name in the checkpoint's
 * training config). Each takes probabilities, as Keras does without `from_logits`:
 * - `categoricalCrossentropy`: `y` one-hot `[N, C]`, `p` softmax `[N, C]`; `-mean(sum(y * log(clip(p))))`.
 * - `sparseCategoricalCrossentropy`: `y` class indices `[N]` (int32 or float), `p` `[N, C]`.
 * - `binaryCrossentropy`: `y` and `p` `[N, 1]` or `[N]` of 0-1 values.
 * - `meanSquaredError`: any matching shapes.
 * Probabilities are clipped to `[1e-7, 1 - 1e-7]`, Keras's epsilon.
 */
export type LossName = 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy' | 'binaryCrossentropy' | 'meanSquaredError';

export const LOSS_NAMES: readonly LossName[] = ['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'meanSquaredError'];

const EPSILON = 1e-7;

/** Per-sample loss `[N]` of `pred` against `target`. */
export function perSampleLoss(name: LossName, target: tf.Tensor, pred: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    const n = pred.shape[0];
    switch (name) {
      case 'categoricalCrossentropy': {
        const p = tf.clipByValue(pred, EPSILON, 1 - EPSILON);
        return tf.reshape(tf.neg(tf.sum(tf.mul(target, tf.log(p)), -1)), [n]) as tf.Tensor1D;
      }
      case 'sparseCategoricalCrossentropy': {
        const classes = pred.shape[pred.shape.length - 1];
        const hot = tf.oneHot(tf.cast(tf.reshape(target, [n]), 'int32'), classes);
        return perSampleLoss('categoricalCrossentropy', hot, pred);
      }
      case 'binaryCrossentropy': {
        const p = tf.reshape(tf.clipByValue(pred, EPSILON, 1 - EPSILON), [n, -1]);
        const y = tf.reshape(target, [n, -1]);
        const ll = tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))));
        return tf.neg(tf.mean(ll, -1)) as tf.Tensor1D;
      }
      case 'meanSquaredError':
        return tf.mean(tf.reshape(tf.squaredDifference(target, pred), [n, -1]), -1) as tf.Tensor1D;
    }
  });
}

/**
 * How many rows of `pred` are right, as an int32 scalar: argmax match for categorical losses (index match for
 * sparse), `p >= 0.5` match for binary; `-1` for mean squared error (no accuracy).
 */
export function countCorrect(name: LossName, target: tf.Tensor, pred: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const n = pred.shape[0];
    switch (name) {
      case 'categoricalCrossentropy':
        return tf.sum(tf.cast(tf.equal(tf.argMax(target, -1), tf.argMax(pred, -1)), 'int32'));
      case 'sparseCategoricalCrossentropy':
        return tf.sum(tf.cast(tf.equal(tf.cast(tf.reshape(target, [n]), 'int32'), tf.argMax(pred, -1)), 'int32'));
      case 'binaryCrossentropy': {
        const hit = tf.equal(tf.greaterEqual(tf.reshape(pred, [-1]), 0.5), tf.greaterEqual(tf.reshape(target, [-1]), 0.5));
        // Per element; for one output per sample this is per sample.
        return tf.sum(tf.cast(hit, 'int32'));
      }
      case 'meanSquaredError':
        return tf.scalar(-1, 'int32');
    }
  });
}

/** The loss name to use for labels `y` when none is given: one-hot `[N, C>1]` categorical, `[N]` sparse, `[N, 1]` binary. */
export function inferLoss(y: tf.Tensor): LossName {
  if (y.rank === 1) return 'sparseCategoricalCrossentropy';
  if (y.rank === 2 && y.shape[1] === 1) return 'binaryCrossentropy';
  if (y.rank === 2) return 'categoricalCrossentropy';
  return 'meanSquaredError';
}

export function checkLoss(name: unknown): asserts name is LossName {
  check(LOSS_NAMES.includes(name as LossName), `loss is ${JSON.stringify(name)}; use one of ${LOSS_NAMES.join(', ')}.`);
}
