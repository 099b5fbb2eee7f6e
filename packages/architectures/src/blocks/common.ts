import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { HardSigmoid, HardSwish, Swish } from '../layers/activations.js';

/** A symbolic tensor of the functional API, what every block takes and returns. */
export type SymbolicTensor = tfl.SymbolicTensor;

/** Activations a block can end with. `'hardSigmoid'` and `'hardSwish'` are MobileNetV3's (relu6-based). */
export type ActivationName = 'relu' | 'relu6' | 'sigmoid' | 'tanh' | 'softmax' | 'swish' | 'hardSigmoid' | 'hardSwish' | 'linear';

/** `layer.apply(x)` for one symbolic output. */
export function apply(layer: tfl.layers.Layer, x: SymbolicTensor | SymbolicTensor[]): SymbolicTensor {
  return layer.apply(x) as SymbolicTensor;
}

/** Applies `activation` as its own layer named `name` (identity, and no layer, for `'linear'`). */
export function activate(x: SymbolicTensor, activation: ActivationName, name?: string): SymbolicTensor {
  switch (activation) {
    case 'linear':
      return x;
    case 'swish':
      return apply(new Swish({ name }), x);
    case 'hardSigmoid':
      return apply(new HardSigmoid({ name }), x);
    case 'hardSwish':
      return apply(new HardSwish({ name }), x);
    case 'relu':
    case 'relu6':
    case 'sigmoid':
    case 'tanh':
    case 'softmax':
      return apply(tfl.layers.activation({ activation, name }), x);
    default:
      check(false, `Unknown activation ${JSON.stringify(activation)}; use relu, relu6, sigmoid, tanh, softmax, swish, hardSigmoid, hardSwish or linear.`);
  }
}

/** Channels (last axis) of a symbolic NHWC tensor. */
export function channelsOf(x: SymbolicTensor): number {
  const c = x.shape[x.shape.length - 1];
  check(typeof c === 'number', `The channel axis of ${x.name} must be known; got shape ${JSON.stringify(x.shape)}.`);
  return c;
}

/** `${prefix}_${suffix}`, or undefined (a tfjs auto name) without a prefix. */
export function join(prefix: string | undefined, suffix: string): string | undefined {
  return prefix === undefined ? undefined : `${prefix}_${suffix}`;
}
