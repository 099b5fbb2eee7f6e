import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type Kwargs, type LayerArgs, single } from './common.js';

/** Options of {@link StochasticDepth}. */
export interface StochasticDepthArgs extends LayerArgs {
  /** Probability of dropping a sample's whole branch during training, in [0, 1). Default 0 (identity). */
  rate?: number;
  /** Seed of the drop mask, for reproducible tests; default unseeded. */
  seed?: number;
}

/**
 * Stochastic depth / drop-path (Huang et al. 2016; EfficientNet's drop_connect): during training,
 * each sample's input (a residual branch) is zeroed with probability `rate` and otherwise scaled
 * by `1 / (1 - rate)`, so the expectation is unchanged; at inference it is the identity. Apply it
 * to the residual branch before the addition: `add([shortcut, stochasticDepth(branch)])`.
 *
 * Porting note: same semantics as timm's `DropPath` and torchvision's `StochasticDepth(mode='row')`
 * and Keras EfficientNet's `Dropout(rate, noise_shape=(None, 1, 1, 1))`; the random masks differ.
 * The original paper instead scales at inference (by the survival probability); this layer, like
 * them, scales at training time.
 */
export class StochasticDepth extends tfl.layers.Layer {
  static readonly className = 'StochasticDepth';
  readonly rate: number;
  readonly seed?: number;

  constructor(args: StochasticDepthArgs = {}) {
    super(args);
    const { rate = 0, seed } = args;
    check(Number.isFinite(rate) && rate >= 0 && rate < 1, `StochasticDepth: rate must be in [0, 1); got ${rate}.`);
    check(seed === undefined || Number.isFinite(seed), `StochasticDepth: seed must be a number; got ${seed}.`);
    this.rate = rate;
    this.seed = seed;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs, 'StochasticDepth');
      if (kwargs.training !== true || this.rate === 0) return tf.clone(x);
      const keep = 1 - this.rate;
      const maskShape = [x.shape[0], ...x.shape.slice(1).map(() => 1)];
      // floor(keep + U[0, 1)) is 1 with probability keep, else 0.
      const mask = tf.floor(tf.add(tf.randomUniform(maskShape, 0, 1, 'float32', this.seed), keep));
      return tf.mul(x, tf.div(mask, keep));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { rate: this.rate, ...super.getConfig() };
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }
}
tf.serialization.registerClass(StochasticDepth, 'Fovea');
