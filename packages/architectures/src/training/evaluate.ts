import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { checkPair, type Batch } from './data.js';
import { checkLoss, countCorrect, inferLoss, perSampleLoss, type LossName } from './losses.js';

export interface EvaluateOptions {
  /** Rows per forward pass. Default 256. */
  batchSize?: number;
  /** Loss to report; default inferred from `y` (one-hot: categorical crossentropy). */
  loss?: LossName;
}

/** What {@link evaluate} measures, averaged over every sample. */
export interface Evaluation {
  loss: number;
  /** Fraction right, 0-1; NaN for losses without an accuracy (mean squared error). */
  acc: number;
  samples: number;
}

/**
 * Mean loss and accuracy of `model` on `{ x, y }`, in inference mode (`training: false`, so dropout is off and
 * batch norm uses its moving statistics), batch by batch so memory stays bounded. Leaves no tensors behind.
 *
 * @param data `x` `[N, ...]` and `y` `[N, ...]` (one-hot `[N, C]`, class indices `[N]` or 0-1 `[N, 1]`).
 * @throws FoveaError `E_INVALID_ARGUMENT` for mismatched or disposed tensors or a bad batch size.
 */
export function evaluate(model: LayersModel, data: Batch, options: EvaluateOptions = {}): Evaluation {
  checkPair(data, 'evaluate data');
  const { batchSize = 256 } = options;
  check(Number.isInteger(batchSize) && batchSize > 0, `evaluate: batchSize is ${batchSize}; give a positive integer.`);
  const loss = options.loss ?? inferLoss(data.y);
  checkLoss(loss);
  const n = data.x.shape[0];
  let lossSum = 0;
  let correct = 0;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const [l, c] = tf.tidy(() => {
      const x = tf.slice(data.x, start, size);
      const y = tf.slice(data.y, start, size);
      const pred = model.apply(x, { training: false }) as tf.Tensor;
      return [tf.sum(perSampleLoss(loss, y, pred)), countCorrect(loss, y, pred)];
    });
    lossSum += l.dataSync()[0];
    correct += c.dataSync()[0];
    tf.dispose([l, c]);
  }
  const acc = correct < 0 ? Number.NaN : correct / (n * (loss === 'binaryCrossentropy' ? elementsPerRow(data.y) : 1));
  return { loss: lossSum / n, acc, samples: n };
}

/** Target values per sample (binary accuracy counts elements). */
export function elementsPerRow(y: tf.Tensor): number {
  return y.shape.slice(1).reduce((a, b) => a * b, 1);
}
