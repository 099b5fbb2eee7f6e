import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type SymbolicTensor, apply, channelsOf, join } from './common.js';

/** Options of {@link denseLayer} and {@link denseBlock}. */
export interface DenseLayerOptions {
  /** k: channels each layer adds; default 32 (DenseNet-121/169/201). */
  growthRate?: number;
  /** The 1x1 bottleneck has `bottleneckWidth * growthRate` channels; default 4 (DenseNet-B). */
  bottleneckWidth?: number;
  /** BatchNormalization epsilon; default 1.001e-5 (Keras DenseNet). */
  bnEpsilon?: number;
  /** Layer-name prefix, e.g. `conv2_block1`: `_0_bn`, `_0_relu`, `_1_conv`, `_1_bn`, `_1_relu`, `_2_conv`, `_concat`. */
  name?: string;
}

/** Options of {@link denseBlock}. */
export interface DenseBlockOptions extends DenseLayerOptions {
  /** Dense layers in the block (DenseNet-121: 6, 12, 24, 16). */
  layers: number;
}

/** Options of {@link transitionBlock}. */
export interface TransitionOptions {
  /** Compression θ: the 1x1 conv keeps `floor(C * reduction)` channels; default 0.5 (DenseNet-BC). */
  reduction?: number;
  /** Default 1.001e-5. */
  bnEpsilon?: number;
  /** Layer-name prefix, e.g. `pool2`: `_bn`, `_relu`, `_conv`, `_pool`. */
  name?: string;
}

function bnRelu(x: SymbolicTensor, epsilon: number, name: string | undefined): SymbolicTensor {
  const y = apply(tfl.layers.batchNormalization({ axis: -1, epsilon, name: join(name, 'bn') }), x);
  return apply(tfl.layers.activation({ activation: 'relu', name: join(name, 'relu') }), y);
}

/**
 * One DenseNet-B layer (Huang et al. 2017), pre-activation: BN -> ReLU -> 1x1 conv to
 * `bottleneckWidth * k` -> BN -> ReLU -> 3x3 conv to k ('same'), concatenated after its input.
 * Convolutions without bias, as Keras. Parameters: `4 Cin + Cin * 4k + 16k + 36k^2` at width 4.
 *
 * @returns NHWC with `Cin + growthRate` channels, same spatial size.
 */
export function denseLayer(x: SymbolicTensor, options: DenseLayerOptions = {}): SymbolicTensor {
  const { growthRate = 32, bottleneckWidth = 4, bnEpsilon = 1.001e-5, name } = options;
  check(Number.isInteger(growthRate) && growthRate >= 1, `denseLayer: growthRate must be a positive integer; got ${growthRate}.`);
  let y = bnRelu(x, bnEpsilon, join(name, '0'));
  y = apply(tfl.layers.conv2d({ filters: bottleneckWidth * growthRate, kernelSize: 1, useBias: false, name: join(name, '1_conv') }), y);
  y = bnRelu(y, bnEpsilon, join(name, '1'));
  y = apply(tfl.layers.conv2d({ filters: growthRate, kernelSize: 3, padding: 'same', useBias: false, name: join(name, '2_conv') }), y);
  return apply(tfl.layers.concatenate({ axis: -1, name: join(name, 'concat') }), [x, y]);
}

/**
 * A dense block: `layers` {@link denseLayer}s, each seeing the concatenation of every earlier
 * output. Layer i is named `${name}_block${i + 1}` (Keras's `conv2_block1_...`).
 *
 * @returns NHWC with `Cin + layers * growthRate` channels, same spatial size.
 */
export function denseBlock(x: SymbolicTensor, options: DenseBlockOptions): SymbolicTensor {
  const { layers, name, ...layer } = options;
  check(Number.isInteger(layers) && layers >= 1, `denseBlock: layers must be a positive integer; got ${layers}.`);
  for (let i = 0; i < layers; i++) x = denseLayer(x, { ...layer, name: join(name, `block${i + 1}`) });
  return x;
}

/**
 * DenseNet's transition between dense blocks: BN -> ReLU -> 1x1 conv to `floor(C * reduction)`
 * (no bias) -> 2x2 average pool, stride 2.
 *
 * @returns NHWC with `floor(C * reduction)` channels, spatial size halved (rounded down).
 */
export function transitionBlock(x: SymbolicTensor, options: TransitionOptions = {}): SymbolicTensor {
  const { reduction = 0.5, bnEpsilon = 1.001e-5, name } = options;
  check(reduction > 0 && reduction <= 1, `transitionBlock: reduction must be in (0, 1]; got ${reduction}.`);
  const filters = Math.floor(channelsOf(x) * reduction);
  let y = bnRelu(x, bnEpsilon, name);
  y = apply(tfl.layers.conv2d({ filters, kernelSize: 1, useBias: false, name: join(name, 'conv') }), y);
  return apply(tfl.layers.averagePooling2d({ poolSize: 2, strides: 2, name: join(name, 'pool') }), y);
}
