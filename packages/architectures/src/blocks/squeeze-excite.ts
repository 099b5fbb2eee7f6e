import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type ActivationName, type SymbolicTensor, activate, apply, channelsOf, join } from './common.js';

/** Options of {@link squeezeExcite}. */
export interface SqueezeExciteOptions {
  /** Squeezed channels as a fraction of the input channels; default 1/16 (SENet's r = 16). */
  ratio?: number;
  /** Squeezed channels, overriding `ratio`. */
  squeezeChannels?: number;
  /**
   * Round the squeezed channels to a multiple of this (timm's and MobileNetV3's make_divisible:
   * nearest multiple, at least `divisor`, never below 90% of the unrounded value). Default 1.
   */
  divisor?: number;
  /** After the reduce convolution; default `'relu'`. */
  activation?: ActivationName;
  /** The gate; default `'sigmoid'` (MobileNetV3 uses `'hardSigmoid'`). */
  gate?: ActivationName;
  /** Layer-name prefix; layers are `${name}_squeeze`, `_reshape`, `_reduce`, `_expand`, `_excite`. */
  name?: string;
}

/** timm/TF `make_divisible`: nearest multiple of `divisor`, >= divisor, not below 90% of `v`. */
export function makeDivisible(v: number, divisor: number): number {
  const rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  return rounded < 0.9 * v ? rounded + divisor : rounded;
}

/**
 * Squeeze-and-excitation (Hu et al., SENet 2018): global average pool -> 1x1 conv to `C * ratio`
 * channels + activation -> 1x1 conv back to C + gate -> multiply the input channel-wise. The 1x1
 * convolutions on the pooled 1x1 map are the paper's two FC layers (same parameters, biases
 * included: `2 * C * Cs + Cs + C`), laid out as timm's and Keras EfficientNet's. The
 * `SqueezeExcite` layer (src/layers) is the same computation as one layer, with the same weights.
 *
 * @param x NHWC symbolic tensor with C channels.
 * @returns the recalibrated tensor, same shape as `x`.
 */
export function squeezeExcite(x: SymbolicTensor, options: SqueezeExciteOptions = {}): SymbolicTensor {
  const { ratio = 1 / 16, divisor = 1, activation = 'relu', gate = 'sigmoid', name } = options;
  const channels = channelsOf(x);
  check(ratio > 0 && ratio <= 1, `squeezeExcite: ratio must be in (0, 1]; got ${ratio}.`);
  const squeezed = options.squeezeChannels ?? makeDivisible(channels * ratio, divisor);
  check(Number.isInteger(squeezed) && squeezed >= 1, `squeezeExcite: squeezed channels must be a positive integer; got ${squeezed}.`);
  let s = apply(tfl.layers.globalAveragePooling2d({ name: join(name, 'squeeze') }), x);
  s = apply(tfl.layers.reshape({ targetShape: [1, 1, channels], name: join(name, 'reshape') }), s);
  s = apply(tfl.layers.conv2d({ filters: squeezed, kernelSize: 1, name: join(name, 'reduce') }), s);
  s = activate(s, activation, join(name, `reduce_${activation}`));
  s = apply(tfl.layers.conv2d({ filters: channels, kernelSize: 1, name: join(name, 'expand') }), s);
  s = activate(s, gate, join(name, `expand_${gate}`));
  return apply(tfl.layers.multiply({ name: join(name, 'excite') }), [x, s]);
}
