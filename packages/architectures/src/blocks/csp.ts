import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { ChannelSlice } from '../layers/channel-slice.js';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { type ActivationName, type SymbolicTensor, activate, apply, channelsOf, join } from './common.js';
import { convBnAct } from './conv-bn-act.js';

/** Activations of CSPNet's blocks: {@link ActivationName}s plus `'leakyRelu'` (slope 0.01, PyTorch's `nn.LeakyReLU()`; timm's default here). */
export type CspActivation = ActivationName | 'leakyRelu';

/** Options shared by {@link cspBottleneck} and {@link darkBlock}. */
export interface CspBlockOptions {
  /** Output channels; must equal the input channels (the shortcut is the identity). */
  filters: number;
  /** The inner width is `round(filters * bottleRatio)`; default 1 (bottleneck) / 0.5 (dark). */
  bottleRatio?: number;
  /** Groups of the 3x3 conv (ResNeXt cardinality); default 1. */
  groups?: number;
  /** Default `'leakyRelu'`. */
  activation?: CspActivation;
  /** Stochastic-depth rate of the residual branch; default 0. */
  dropPath?: number;
  /** Layer-name prefix, e.g. `stage1_block1`. */
  name?: string;
}

/** Options of {@link cspStage}. */
export interface CspStageOptions {
  /** Output channels of the stage. */
  filters: number;
  /** Blocks on the dense path. */
  depth: number;
  /** Stride of the 3x3 down-sampling conv; 1 skips it. Default 2. */
  strides?: number;
  /** `'bottleneck'` (ResNe(X)t unit, CSPResNeXt) or `'dark'` (1x1 -> 3x3 Darknet unit, CSPDarknet); default `'bottleneck'`. */
  block?: 'bottleneck' | 'dark';
  /** Groups of the down-sampling conv and of the blocks' 3x3 convs; default 1. */
  groups?: number;
  /** The 1x1 expansion after down-sampling outputs `round(filters * expandRatio)` channels, split in two halves; default 1. */
  expandRatio?: number;
  /** Blocks' inner width ratio; default 1. */
  bottleRatio?: number;
  /** Blocks' width `round(filters * blockRatio)`; must equal half the expansion. Default 1. */
  blockRatio?: number;
  /** Down-sample to `filters` channels (true) or keep the input width (false); default false. */
  downGrowth?: boolean;
  /** No activation after the expansion conv; default false. */
  crossLinear?: boolean;
  /** Stochastic-depth rate per block (one number for all); default 0. */
  dropPath?: number | number[];
  /** Default `'leakyRelu'`. */
  activation?: CspActivation;
  /** Layer-name prefix, e.g. `stage1`. */
  name?: string;
}

/**
 * timm's ConvNormAct: k x k conv (no bias; PyTorch's symmetric `k // 2` padding, grouped when
 * `groups` > 1) -> BatchNorm (epsilon 1e-5, momentum 0.1) -> activation.
 */
function conv(x: SymbolicTensor, filters: number, kernelSize: number, o: { strides?: number; groups?: number; activation: CspActivation | 'linear'; name?: string }): SymbolicTensor {
  const { strides = 1, groups = 1, activation, name } = o;
  const padding = strides > 1 ? Math.floor(kernelSize / 2) : 'same';
  const y = convBnAct(x, { filters, kernelSize, strides, groups, padding, activation: activation === 'leakyRelu' ? 'linear' : activation, name });
  return activation === 'leakyRelu' ? act(y, activation, name) : y;
}

function act(x: SymbolicTensor, activation: CspActivation, name: string | undefined): SymbolicTensor {
  return activation === 'leakyRelu'
    ? apply(tfl.layers.leakyReLU({ alpha: 0.01, name: join(name, 'leaky_relu') }), x)
    : activate(x, activation, join(name, activation));
}

function residual(x: SymbolicTensor, branch: SymbolicTensor, dropPath: number, name: string | undefined): SymbolicTensor {
  if (dropPath > 0) branch = apply(new StochasticDepth({ rate: dropPath, name: join(name, 'drop_path') }), branch);
  return apply(tfl.layers.add({ name: join(name, 'add') }), [x, branch]);
}

function blockWidth(x: SymbolicTensor, o: CspBlockOptions, defaultRatio: number, block: string): number {
  const { filters, bottleRatio = defaultRatio } = o;
  check(channelsOf(x) === filters, `${block}: input channels (${channelsOf(x)}) must equal filters (${filters}); its shortcut is the identity.`);
  return Math.round(filters * bottleRatio);
}

/**
 * timm's CSPNet `BottleneckBlock` (ResNe(X)t unit without expansion): 1x1 conv to `mid` -> 3x3 conv
 * (`groups`) -> 1x1 conv to `filters` (no activation), plus the input, then the activation.
 *
 * @returns NHWC, same shape as `x`.
 */
export function cspBottleneck(x: SymbolicTensor, options: CspBlockOptions): SymbolicTensor {
  const { filters, groups = 1, activation = 'leakyRelu', dropPath = 0, name } = options;
  const mid = blockWidth(x, options, 1, 'cspBottleneck');
  let y = conv(x, mid, 1, { activation, name: join(name, 'conv1') });
  y = conv(y, mid, 3, { groups, activation, name: join(name, 'conv2') });
  y = conv(y, filters, 1, { activation: 'linear', name: join(name, 'conv3') });
  return act(residual(x, y, dropPath, name), activation, join(name, 'out'));
}

/**
 * timm's `DarkBlock` (Darknet-53's residual unit): 1x1 conv to `mid` -> 3x3 conv to `filters`, each
 * with BN and activation, plus the input (no activation after the sum).
 *
 * @returns NHWC, same shape as `x`.
 */
export function darkBlock(x: SymbolicTensor, options: CspBlockOptions): SymbolicTensor {
  const { filters, groups = 1, activation = 'leakyRelu', dropPath = 0, name } = options;
  const mid = blockWidth(x, options, 0.5, 'darkBlock');
  let y = conv(x, mid, 1, { activation, name: join(name, 'conv1') });
  y = conv(y, filters, 3, { groups, activation, name: join(name, 'conv2') });
  return residual(x, y, dropPath, name);
}

/**
 * A cross stage partial stage (Wang et al., CSPNet, 2020), timm's `CrossStage`: optional 3x3
 * down-sampling conv (stride, `groups`) -> 1x1 expansion to `E = round(filters * expandRatio)` ->
 * split the channels in halves; the first half crosses the stage untouched, the second goes
 * through `depth` blocks and a 1x1 transition conv (`_conv_transition_b`, E/2 channels); the two are
 * concatenated (cross half first) and fused by a 1x1 conv to `filters`. Every conv is timm's
 * ConvNormAct.
 *
 * @returns NHWC with `filters` channels, spatial size divided by `strides`.
 */
export function cspStage(x: SymbolicTensor, options: CspStageOptions): SymbolicTensor {
  const { filters, depth, strides = 2, block = 'bottleneck', groups = 1, expandRatio = 1, bottleRatio = 1, blockRatio = 1 } = options;
  const { downGrowth = false, crossLinear = false, dropPath = 0, activation = 'leakyRelu', name } = options;
  check(Number.isInteger(depth) && depth >= 1, `cspStage: depth must be a positive integer; got ${depth}.`);
  const rates = typeof dropPath === 'number' ? Array.from({ length: depth }, () => dropPath) : dropPath;
  check(rates.length === depth, `cspStage: dropPath has ${rates.length} rates for ${depth} blocks; give one per block.`);
  const expanded = Math.round(filters * expandRatio);
  const half = Math.floor(expanded / 2);
  const width = Math.round(filters * blockRatio);
  check(expanded % 2 === 0 && width === half,
    `cspStage: the block width round(filters * blockRatio) = ${width} must equal half the expansion round(filters * expandRatio) / 2 = ${expanded / 2}.`);
  if (strides !== 1) {
    x = conv(x, downGrowth ? filters : channelsOf(x), 3, { strides, groups, activation, name: join(name, 'conv_down') });
  }
  x = conv(x, expanded, 1, { activation: crossLinear ? 'linear' : activation, name: join(name, 'conv_exp') });
  const cross = apply(new ChannelSlice({ begin: 0, size: half, name: join(name, 'cross') }), x);
  let dense = apply(new ChannelSlice({ begin: half, size: half, name: join(name, 'split') }), x);
  const unit = block === 'dark' ? darkBlock : cspBottleneck;
  for (let i = 0; i < depth; i++) {
    dense = unit(dense, { filters: width, bottleRatio, groups, activation, dropPath: rates[i], name: join(name, `block${i + 1}`) });
  }
  dense = conv(dense, half, 1, { activation, name: join(name, 'conv_transition_b') });
  const merged = apply(tfl.layers.concatenate({ axis: -1, name: join(name, 'concat') }), [cross, dense]);
  return conv(merged, filters, 1, { activation, name: join(name, 'conv_transition') });
}
