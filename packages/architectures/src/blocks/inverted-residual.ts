import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { type ActivationName, type SymbolicTensor, activate, apply, channelsOf, join } from './common.js';
import { convBnAct } from './conv-bn-act.js';
import { type SqueezeExciteOptions, makeDivisible, squeezeExcite } from './squeeze-excite.js';

/** Options of {@link invertedResidual}. */
export interface InvertedResidualOptions {
  /** Output channels of the linear 1x1 projection. */
  filters: number;
  /** Expansion factor t; the hidden width is `makeDivisible(Cin * t, expandDivisor)`. 1 skips the expansion conv. */
  expansion: number;
  /** Rounding of the hidden width; default 8 (MobileNetV3's `_depth`). 1 rounds to the nearest integer (MobileNetV2, EfficientNet). */
  expandDivisor?: number;
  /** Depthwise kernel size; default 3. */
  kernelSize?: number;
  /** Depthwise stride; default 1. */
  strides?: number;
  /** After the expansion and the depthwise conv; default `'relu6'` (MobileNetV2). */
  activation?: ActivationName;
  /** Squeeze-and-excitation on the hidden channels, between depthwise and projection; default off. */
  se?: SqueezeExciteOptions | false;
  /** BatchNormalization epsilon; default 1e-3 (Keras). */
  bnEpsilon?: number;
  /** BatchNormalization momentum; default 0.999 (Keras MobileNetV2/V3). */
  bnMomentum?: number;
  /** Stochastic-depth rate of the residual branch (EfficientNet's drop-connect); default 0. */
  dropPath?: number;
  /** Layer-name prefix: `_expand_conv`, `_depthwise`, `_depthwise_bn`, `_se_*`, `_project_conv`, `_add`. */
  name?: string;
}

/**
 * The inverted residual with linear bottleneck (Sandler et al., MobileNetV2, 2018): 1x1 conv expanding
 * Cin to `hidden` -> BN -> activation, k x k depthwise conv (stride) -> BN -> activation, optional SE,
 * 1x1 conv projecting to `filters` -> BN with no activation; the input is added back when the stride is
 * 1 and Cin = `filters`. MobileNetV3 adds SE and hard-swish, EfficientNet's MBConv ({@link mbConv}) is
 * this block with swish, SE and drop-connect. Convolutions have no bias.
 *
 * Parameters: `Cin * hidden + 4 * hidden` (expansion, when t != 1) + `k^2 * hidden + 4 * hidden` +
 * SE + `hidden * filters + 4 * filters`.
 *
 * Porting note: Keras pads stride-2 depthwise convs with `ZeroPadding2D(correct_pad(x, k))` and
 * 'valid'; that padding is exactly TF 'same' (`floor(total / 2)` before), so this uses 'same'.
 *
 * @param x NHWC symbolic tensor with Cin channels.
 * @returns NHWC with `filters` channels, spatial size divided by `strides` (rounded up).
 */
export function invertedResidual(x: SymbolicTensor, options: InvertedResidualOptions): SymbolicTensor {
  const { filters, expansion, expandDivisor = 8, kernelSize = 3, strides = 1, activation = 'relu6', se = false } = options;
  const { bnEpsilon = 1e-3, bnMomentum = 0.999, dropPath = 0, name } = options;
  check(Number.isFinite(expansion) && expansion >= 1, `invertedResidual: expansion must be >= 1; got ${expansion}.`);
  check(strides === 1 || strides === 2, `invertedResidual: strides must be 1 or 2; got ${strides}.`);
  const inChannels = channelsOf(x);
  const bn = { bnEpsilon, bnMomentum };
  let y = x;
  let hidden = inChannels;
  if (expansion !== 1) {
    hidden = makeDivisible(inChannels * expansion, expandDivisor);
    y = convBnAct(y, { filters: hidden, kernelSize: 1, activation, ...bn, name: join(name, 'expand') });
  }
  y = apply(tfl.layers.depthwiseConv2d({ kernelSize, strides, padding: 'same', useBias: false, name: join(name, 'depthwise') }), y);
  y = apply(tfl.layers.batchNormalization({ axis: -1, epsilon: bnEpsilon, momentum: bnMomentum, name: join(name, 'depthwise_bn') }), y);
  y = activate(y, activation, join(name, `depthwise_${activation}`));
  if (se !== false) y = squeezeExcite(y, { ...se, name: join(name, 'se') });
  y = convBnAct(y, { filters, kernelSize: 1, activation: 'linear', ...bn, name: join(name, 'project') });
  if (strides !== 1 || inChannels !== filters) return y;
  if (dropPath > 0) y = apply(new StochasticDepth({ rate: dropPath, name: join(name, 'drop') }), y);
  return apply(tfl.layers.add({ name: join(name, 'add') }), [x, y]);
}
