import * as tf from '@tensorflow/tfjs-core';
import { check } from '@fovea/core';

/**
 * Optimizers {@link train} builds by name. `momentum` is SGD with momentum 0.9 (the classic CNN recipe);
 * the rest take tfjs's defaults. Adamax is left out: tfjs cannot restore its state, so it cannot resume.
 */
export type OptimizerName = 'sgd' | 'momentum' | 'adam' | 'rmsprop' | 'adagrad' | 'adadelta';

export const OPTIMIZER_NAMES: readonly OptimizerName[] = ['sgd', 'momentum', 'adam', 'rmsprop', 'adagrad', 'adadelta'];

/** A new tfjs optimizer of kind `name` at learning rate `lr`. */
export function createOptimizer(name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'sgd':
      return tf.train.sgd(lr);
    case 'momentum':
      return disposingLearningRate(tf.train.momentum(lr, 0.9));
    case 'adam':
      return tf.train.adam(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'adadelta':
      return tf.train.adadelta(lr);
  }
  check(false, `optimizer is ${JSON.stringify(name)}; use one of ${OPTIMIZER_NAMES.join(', ')} or a tf.Optimizer.`);
}

/**
 * tfjs's MomentumOptimizer.dispose frees its moments but not the `-lr` scalar its SGD parent keeps, leaking one
 * tensor per optimizer; this dispose frees it too (disposing a tensor twice is a no-op).
 */
function disposingLearningRate(optimizer: tf.MomentumOptimizer): tf.Optimizer {
  const dispose = optimizer.dispose.bind(optimizer);
  optimizer.dispose = () => {
    dispose();
    (optimizer as unknown as { c?: tf.Tensor }).c?.dispose();
  };
  return optimizer;
}

interface WithLearningRate {
  learningRate?: number;
  setLearningRate?: (lr: number) => void;
}

/**
 * Sets an optimizer's learning rate for the next steps. SGD and momentum cache `-lr` as a scalar and have
 * `setLearningRate`; Adam, RMSProp, Adagrad and Adadelta read their `learningRate` field on every step.
 */
export function setLearningRate(optimizer: tf.Optimizer, lr: number): void {
  const o = optimizer as unknown as WithLearningRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

/** The optimizer's current learning rate, or NaN if it has none tfjs exposes. */
export function getLearningRate(optimizer: tf.Optimizer): number {
  const lr = (optimizer as unknown as WithLearningRate).learningRate;
  return typeof lr === 'number' ? lr : Number.NaN;
}

interface AdamBetaPowers {
  beta1: number;
  beta2: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
}

/**
 * Makes a restored Adam optimizer bit-identical to one that never stopped. tfjs's `setWeights` recomputes
 * `beta ** (t + 1)` with `pow`, while training multiplies by beta once per step; the two differ in the last
 * float32 bit, which makes every later step differ slightly. This replays the float32 products instead
 * (a product of two float32 values is exact in float64, so `Math.fround` rounds as the backend does).
 */
export function restoreAdamBetaPowers(optimizer: tf.Optimizer, iterations: number): void {
  if (!(optimizer instanceof tf.AdamOptimizer)) return;
  const adam = optimizer as unknown as AdamBetaPowers;
  if (!(adam.accBeta1 instanceof tf.Variable) || !(adam.accBeta2 instanceof tf.Variable)) return;
  const b1 = Math.fround(adam.beta1);
  const b2 = Math.fround(adam.beta2);
  let p1 = b1;
  let p2 = b2;
  for (let i = 0; i < iterations; i++) {
    p1 = Math.fround(p1 * b1);
    p2 = Math.fround(p2 * b2);
  }
  tf.tidy(() => {
    adam.accBeta1.assign(tf.scalar(p1));
    adam.accBeta2.assign(tf.scalar(p2));
  });
}
