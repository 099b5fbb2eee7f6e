import { FoveaError, tf } from '@fovea/core';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Squared-norm floor: a zero row stays zero instead of becoming NaN (Keras's `l2_normalize` epsilon). */
const EPSILON = 1e-12;

/**
 * Scales every row of a `[N, D]` input to unit L2 norm, `x / sqrt(max(sum(x^2), 1e-12))`: the last
 * layer of {@link CnnEmbedder}'s network, so cosine distance is `1 - dot`. No weights.
 *
 * Porting note: Keras's `UnitNormalization(axis=-1)` (Keras >= 2.9), which tfjs-layers lacks; only
 * the last axis is supported. Registered for serialisation as `Fovea>UnitNormalization`.
 */
export class UnitNormalization extends tf.layers.Layer {
  static readonly className = 'UnitNormalization';

  constructor(args: LayerArgs = {}) {
    super(args);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    if (Array.isArray(inputs) && inputs.length !== 1) {
      throw new FoveaError('E_INVALID_ARGUMENT', `UnitNormalization takes one input tensor; got ${inputs.length}.`);
    }
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => tf.mul(x, tf.rsqrt(tf.maximum(tf.sum(tf.square(x), -1, true), EPSILON))));
  }
}

tf.serialization.registerClass(UnitNormalization, 'Fovea');
