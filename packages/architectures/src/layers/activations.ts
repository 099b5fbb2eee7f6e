import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Kwargs, LayerArgs } from './common.js';
import { single } from './common.js';

/** x * sigmoid(x): the function of {@link Swish}, shared with layers that apply it inside (SqueezeExcite). */
export const swish = (x: tf.Tensor): tf.Tensor => tf.mul(x, tf.sigmoid(x));
/** relu6(x + 3) / 6: the function of {@link HardSigmoid}. */
export const hardSigmoid = (x: tf.Tensor): tf.Tensor => tf.div(tf.relu6(tf.add(x, 3)), 6);
/** x * hardSigmoid(x): the function of {@link HardSwish}. */
export const hardSwish = (x: tf.Tensor): tf.Tensor => tf.mul(x, hardSigmoid(x));

/** A weightless elementwise activation layer; subclasses give `fn`. */
abstract class ElementwiseActivation extends tfl.layers.Layer {
  constructor(args: LayerArgs = {}) {
    super(args);
  }

  protected abstract fn(x: tf.Tensor): tf.Tensor;

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape | tfl.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => this.fn(single(inputs, this.getClassName())));
  }
}

/**
 * Swish / SiLU, `x * sigmoid(x)` (EfficientNet, CSPNet's Mish relatives).
 *
 * Porting note: PyTorch `nn.SiLU`, Keras `activation='swish'` (beta = 1). tfjs's `'swish'`
 * activation string is the same function; this layer exists so blocks can name it as a layer.
 */
export class Swish extends ElementwiseActivation {
  static readonly className = 'Swish';
  protected fn(x: tf.Tensor): tf.Tensor {
    return swish(x);
  }
}

/**
 * Hard sigmoid as in MobileNetV3, `relu6(x + 3) / 6`.
 *
 * Porting note: equals PyTorch `nn.Hardsigmoid` and Keras MobileNetV3's `hard_sigmoid`; it is NOT
 * tfjs's (and Keras 2's) `'hardSigmoid'` activation string, which is `clip(0.2 x + 0.5, 0, 1)`.
 */
export class HardSigmoid extends ElementwiseActivation {
  static readonly className = 'HardSigmoid';
  protected fn(x: tf.Tensor): tf.Tensor {
    return hardSigmoid(x);
  }
}

/**
 * Hard swish (MobileNetV3), `x * relu6(x + 3) / 6`.
 *
 * Porting note: equals PyTorch `nn.Hardswish` and Keras `activation='hard_swish'` (Keras 3) /
 * MobileNetV3's `hard_swish`; tfjs has no equivalent activation string.
 */
export class HardSwish extends ElementwiseActivation {
  static readonly className = 'HardSwish';
  protected fn(x: tf.Tensor): tf.Tensor {
    return hardSwish(x);
  }
}

for (const cls of [Swish, HardSigmoid, HardSwish]) tf.serialization.registerClass(cls, 'Fovea');
