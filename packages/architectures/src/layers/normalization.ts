import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, check } from '@fovea/core';
import { type Kwargs, type LayerArgs, single } from './common.js';

/** The one shape of a single-input layer, of any rank. */
function oneShape(shape: tfl.Shape | tfl.Shape[], layer: string): tfl.Shape {
  return Array.isArray(shape[0]) ? single(shape as tfl.Shape[], layer) : (shape as tfl.Shape);
}

/** Options of {@link Normalization}. */
export interface NormalizationArgs extends LayerArgs {
  /** Per-channel mean subtracted from the input; default all 0 (with `variance` all 1: the identity). */
  mean?: number[];
  /** Per-channel variance; the input is divided by `max(sqrt(variance), 1e-7)`. Default all 1. */
  variance?: number[];
}

/** Keras's backend epsilon, the floor of the standard deviation. */
const EPSILON = 1e-7;

/**
 * Per-channel feature normalisation of the last axis, `(x - mean) / max(sqrt(variance), 1e-7)`,
 * with Keras's `Normalization(axis=-1)` weights: `mean` [C], `variance` [C] and `count` [] (the
 * number of samples `adapt` saw), all three non-trainable. At C = 3 it holds the 7 statistics
 * that Keras Applications' EfficientNet counts among its parameters. No `adapt`: the statistics
 * are given (`mean`, `variance`) or loaded with the weights.
 *
 * Porting note: Keras stores `count` as int64; here it is a float32 scalar (tfjs weights are
 * float32), kept only so weight lists and parameter counts match Keras.
 */
export class Normalization extends tfl.layers.Layer {
  static readonly className = 'Normalization';
  readonly mean?: number[];
  readonly variance?: number[];
  private meanWeight?: tfl.LayerVariable;
  private varianceWeight?: tfl.LayerVariable;

  constructor(args: NormalizationArgs = {}) {
    super(args);
    const { mean, variance } = args;
    check(mean === undefined || (Array.isArray(mean) && mean.every(Number.isFinite)),
      `Normalization: mean must be an array of finite numbers; got ${JSON.stringify(mean)}.`);
    check(variance === undefined || (Array.isArray(variance) && variance.every((v) => Number.isFinite(v) && v >= 0)),
      `Normalization: variance must be an array of finite numbers >= 0; got ${JSON.stringify(variance)}.`);
    this.mean = mean === undefined ? undefined : [...mean];
    this.variance = variance === undefined ? undefined : [...variance];
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const shape = oneShape(inputShape, 'Normalization');
    const channels = shape[shape.length - 1];
    if (channels == null) {
      throw new FoveaError('E_INVALID_ARGUMENT', `Normalization '${this.name}': the last axis must be known; got shape ${JSON.stringify(shape)}.`);
    }
    for (const [label, values] of [['mean', this.mean], ['variance', this.variance]] as const) {
      check(values === undefined || values.length === channels,
        `Normalization '${this.name}': ${label} has ${values?.length} values but the input has ${channels} channels; give one per channel.`);
    }
    this.meanWeight = this.addWeight('mean', [channels], 'float32', tfl.initializers.zeros(), undefined, false);
    this.varianceWeight = this.addWeight('variance', [channels], 'float32', tfl.initializers.ones(), undefined, false);
    this.addWeight('count', [], 'float32', tfl.initializers.zeros(), undefined, false);
    for (const [weight, values] of [[this.meanWeight, this.mean], [this.varianceWeight, this.variance]] as const) {
      if (values === undefined) continue;
      const t = tf.tensor1d(values);
      weight.write(t); // the variable shares the data (reference counted), so `t` can go
      t.dispose();
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs, 'Normalization');
      const std = tf.maximum(tf.sqrt(this.varianceWeight!.read()), EPSILON);
      return tf.div(tf.sub(x, this.meanWeight!.read()), std);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const config: tf.serialization.ConfigDict = { ...super.getConfig() };
    if (this.mean !== undefined) config.mean = this.mean;
    if (this.variance !== undefined) config.variance = this.variance;
    return config;
  }
}
tf.serialization.registerClass(Normalization, 'Fovea');
