import type * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';

/** The base options every tfjs layer takes (`name`, `trainable`, `inputShape`, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tfl.layers.Layer>[0]>;

/** tfjs passes `training: true` to `call` during `fit`/`trainOnBatch`. */
export type Kwargs = { training?: boolean; [key: string]: unknown };

/** The one tensor of a single-input layer call. */
export function single<T>(inputs: T | T[], layer: string): T {
  if (!Array.isArray(inputs)) return inputs;
  if (inputs.length !== 1) {
    throw new FoveaError('E_INVALID_ARGUMENT', `${layer} takes one input tensor; got ${inputs.length}.`);
  }
  return inputs[0];
}

/** The one shape of a single-input layer, checked to be NHWC (rank 4). */
export function nhwcShape(shape: tfl.Shape | tfl.Shape[], layer: string): tfl.Shape {
  const s = Array.isArray(shape[0]) ? single(shape as tfl.Shape[], layer) : (shape as tfl.Shape);
  if (s.length !== 4) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `${layer} expects a rank-4 NHWC input [batch, height, width, channels]; got shape ${JSON.stringify(s)}.`,
    );
  }
  return s;
}

/** Rank check at call time, for layers applied to concrete tensors outside a model. */
export function checkNhwc(x: tf.Tensor, layer: string): tf.Tensor4D {
  nhwcShape(x.shape, layer);
  return x as tf.Tensor4D;
}
