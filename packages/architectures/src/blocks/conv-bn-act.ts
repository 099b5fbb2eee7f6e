import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { GroupedConv2D, type InitializerName } from '../layers/grouped-conv2d.js';
import { type ActivationName, type SymbolicTensor, activate, apply, join } from './common.js';

/** Options of {@link convBnAct}. */
export interface ConvBnActOptions {
  filters: number;
  kernelSize: number;
  /** Default 1. */
  strides?: number;
  /**
   * `'same'` (default; TF's, asymmetric at stride 2), `'valid'`, or a number p: `ZeroPadding2D(p)`
   * then `'valid'`, which is PyTorch's symmetric `padding=p`.
   */
  padding?: 'same' | 'valid' | number;
  /** Channel groups; above 1 uses {@link GroupedConv2D}. Default 1. */
  groups?: number;
  /** Default true. */
  batchNorm?: boolean;
  /** Convolution bias; default `!batchNorm` (Keras ResNet keeps it with BN: pass true). */
  useBias?: boolean;
  /** BatchNormalization epsilon; default 1e-5 (PyTorch). Keras's default is 1e-3, Keras ResNet's 1.001e-5. */
  bnEpsilon?: number;
  /** BatchNormalization momentum of the moving statistics; default 0.9 (PyTorch's momentum 0.1). */
  bnMomentum?: number;
  /** Default `'relu'`. */
  activation?: ActivationName;
  /** Default tfjs's `'glorotUniform'`. */
  kernelInitializer?: InitializerName;
  /** Layer-name prefix: `${name}_pad`, `${name}_conv`, `${name}_bn`, `${name}_${activation}`. */
  name?: string;
}

/**
 * Convolution -> BatchNormalization -> activation, the unit every modern CNN repeats (timm's
 * `ConvNormAct`). Parameters: `k * k * Cin / groups * filters` (+ `filters` bias) + `4 * filters`
 * for BN (gamma, beta trainable; moving mean and variance not).
 *
 * @param x NHWC symbolic tensor.
 * @returns NHWC symbolic tensor with `filters` channels.
 */
export function convBnAct(x: SymbolicTensor, options: ConvBnActOptions): SymbolicTensor {
  const { filters, kernelSize, strides = 1, padding = 'same', groups = 1, batchNorm = true, name } = options;
  const { useBias = !batchNorm, bnEpsilon = 1e-5, bnMomentum = 0.9, activation = 'relu', kernelInitializer = 'glorotUniform' } = options;
  check(Number.isInteger(groups) && groups >= 1, `convBnAct: groups must be a positive integer; got ${groups}.`);
  let convPadding: 'same' | 'valid';
  if (typeof padding === 'number') {
    check(Number.isInteger(padding) && padding >= 0, `convBnAct: padding must be 'same', 'valid' or an integer >= 0; got ${padding}.`);
    if (padding > 0) x = apply(tfl.layers.zeroPadding2d({ padding, name: join(name, 'pad') }), x);
    convPadding = 'valid';
  } else {
    convPadding = padding;
  }
  const conv = groups === 1
    ? tfl.layers.conv2d({ filters, kernelSize, strides, padding: convPadding, useBias, kernelInitializer, name: join(name, 'conv') })
    : new GroupedConv2D({ filters, kernelSize, strides, padding: convPadding, groups, useBias, kernelInitializer, name: join(name, 'conv') });
  x = apply(conv, x);
  if (batchNorm) x = apply(tfl.layers.batchNormalization({ axis: -1, epsilon: bnEpsilon, momentum: bnMomentum, name: join(name, 'bn') }), x);
  return activate(x, activation, join(name, activation));
}
