import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type Kwargs, type LayerArgs, checkNhwc, nhwcShape, single } from './common.js';

/** Options of {@link LocalResponseNormalization}, in TensorFlow's convention (`tf.nn.local_response_normalization`). */
export interface LocalResponseNormalizationArgs extends LayerArgs {
  /** Half-width of the channel window: each channel is normalised over `2 * depthRadius + 1` neighbours. Default 2 (n = 5). */
  depthRadius?: number;
  /** Additive constant k. Default 1 (Caffe's bvlc_alexnet and bvlc_googlenet; the AlexNet paper prints k = 2). */
  bias?: number;
  /** Scale of the windowed sum of squares, per element (not divided by n). Default 2e-5 = 1e-4 / 5. */
  alpha?: number;
  /** Exponent. Default 0.75. */
  beta?: number;
}

/**
 * Local response normalisation across channels (AlexNet, GoogLeNet), NHWC:
 * `y[..., c] = x[..., c] / (bias + alpha * sum_{j=c-r}^{c+r} x[..., j]^2) ^ beta`, with channels outside
 * `[0, C)` contributing zero. Same values as `tf.localResponseNormalization` (TensorFlow's
 * `tf.nn.local_response_normalization`); composed of pad, slice, add and pow so that every backend
 * (wasm included) can run and differentiate it. No weights.
 *
 * Porting note: PyTorch's `nn.LocalResponseNorm(size, alpha, beta, k)` and Caffe's LRN divide alpha by
 * the window size n, TensorFlow and this layer do not: torch `(size=5, alpha=1e-4, beta=0.75, k=1)` is
 * `{ depthRadius: 2, alpha: 2e-5, beta: 0.75, bias: 1 }` here. Keras has no LRN layer.
 */
export class LocalResponseNormalization extends tfl.layers.Layer {
  static readonly className = 'LocalResponseNormalization';
  readonly depthRadius: number;
  readonly bias: number;
  readonly alpha: number;
  readonly beta: number;

  constructor(args: LocalResponseNormalizationArgs = {}) {
    super(args);
    const { depthRadius = 2, bias = 1, alpha = 2e-5, beta = 0.75 } = args;
    check(Number.isInteger(depthRadius) && depthRadius >= 0, `LocalResponseNormalization: depthRadius must be an integer >= 0; got ${depthRadius}.`);
    check(Number.isFinite(bias) && bias > 0, `LocalResponseNormalization: bias must be > 0 (it keeps the denominator positive); got ${bias}.`);
    check(Number.isFinite(alpha) && alpha >= 0, `LocalResponseNormalization: alpha must be >= 0; got ${alpha}.`);
    check(Number.isFinite(beta) && beta >= 0, `LocalResponseNormalization: beta must be >= 0; got ${beta}.`);
    this.depthRadius = depthRadius;
    this.bias = bias;
    this.alpha = alpha;
    this.beta = beta;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    nhwcShape(inputShape, this.getClassName());
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return nhwcShape(inputShape, this.getClassName());
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = checkNhwc(single(inputs, this.getClassName()), this.getClassName());
      const r = this.depthRadius;
      const c = x.shape[3];
      const padded = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [r, r]]);
      let sum: tf.Tensor = tf.slice(padded, [0, 0, 0, 0], [-1, -1, -1, c]);
      for (let i = 1; i <= 2 * r; i++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, i], [-1, -1, -1, c]));
      const denominator = tf.pow(tf.add(tf.mul(sum, this.alpha), this.bias), this.beta);
      return tf.div(x, denominator);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { depthRadius, bias, alpha, beta } = this;
    return { depthRadius, bias, alpha, beta, ...super.getConfig() };
  }
}
tf.serialization.registerClass(LocalResponseNormalization, 'Fovea');
