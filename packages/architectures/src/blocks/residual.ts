import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { StochasticDepth } from '../layers/stochastic-depth.js';
import { type SymbolicTensor, activate, apply, channelsOf, join } from './common.js';
import { type ConvBnActOptions, convBnAct } from './conv-bn-act.js';
import { type SqueezeExciteOptions, squeezeExcite } from './squeeze-excite.js';

/**
 * How the convolutions of a residual unit are laid out:
 * - `'torchvision'`: no conv bias, BN epsilon 1e-5, stride on the 3x3 convolution (ResNet v1.5),
 *   PyTorch's symmetric padding.
 * - `'keras'`: Keras Applications' ResNet: conv bias kept before BN, BN epsilon 1.001e-5 and
 *   momentum 0.99, stride on the first 1x1 convolution of a bottleneck (the original v1), 'same' padding.
 */
export type ResNetVariant = 'torchvision' | 'keras';

/** Options of {@link basicBlock} and {@link bottleneck}. */
export interface ResidualOptions {
  /** Planes: the block outputs `filters` (basic) or `4 * filters` (bottleneck) channels. */
  filters: number;
  /** Stride of the block (and of its projection shortcut). Default 1. */
  strides?: number;
  /** Grouped 3x3 convolution (ResNeXt cardinality); bottleneck only. Default 1. */
  groups?: number;
  /** Channels per group at 64 planes; the 3x3 width is `floor(filters * widthPerGroup / 64) * groups`. Default 64. */
  widthPerGroup?: number;
  /** Default `'torchvision'`. */
  variant?: ResNetVariant;
  /** Which bottleneck conv carries the stride; default `'3x3'` for torchvision, `'1x1'` for keras. */
  strideOn?: '1x1' | '3x3';
  /** Squeeze-and-excitation on the residual branch, before the addition (SE-ResNet). Default off. */
  se?: SqueezeExciteOptions | boolean;
  /** Stochastic-depth rate of the residual branch. Default 0. */
  dropPath?: number;
  /** Layer-name prefix, e.g. `conv2_block1`: convs are `_1_conv`..., the shortcut `_0_conv`, then `_add`, `_out`. */
  name?: string;
}

function convDefaults(variant: ResNetVariant): Partial<ConvBnActOptions> {
  return variant === 'keras'
    ? { useBias: true, bnEpsilon: 1.001e-5, bnMomentum: 0.99 }
    : { useBias: false, bnEpsilon: 1e-5, bnMomentum: 0.9 };
}

/** 'same' for stride 1; PyTorch's symmetric k // 2 for the torchvision variant at larger strides. */
function pad(variant: ResNetVariant, kernelSize: number, strides: number): 'same' | number {
  return variant === 'torchvision' && strides > 1 ? Math.floor(kernelSize / 2) : 'same';
}

function finish(x: SymbolicTensor, branch: SymbolicTensor, outChannels: number, o: ResidualOptions): SymbolicTensor {
  const { strides = 1, variant = 'torchvision', se = false, dropPath = 0, name } = o;
  if (se !== false) branch = squeezeExcite(branch, { ...(se === true ? {} : se), name: join(name, 'se') });
  if (dropPath > 0) branch = apply(new StochasticDepth({ rate: dropPath, name: join(name, 'drop_path') }), branch);
  const shortcut = strides !== 1 || channelsOf(x) !== outChannels
    ? convBnAct(x, { ...convDefaults(variant), filters: outChannels, kernelSize: 1, strides, padding: 'valid', activation: 'linear', name: join(name, '0') })
    : x;
  const sum = apply(tfl.layers.add({ name: join(name, 'add') }), [shortcut, branch]);
  return activate(sum, 'relu', join(name, 'out'));
}

/**
 * ResNet's basic residual unit (ResNet-18/34): 3x3 conv (stride) -> BN -> ReLU -> 3x3 conv -> BN,
 * plus the input (a 1x1 conv + BN projection when the stride or width changes), then ReLU.
 *
 * @returns NHWC with `filters` channels, spatial size divided by `strides`.
 */
export function basicBlock(x: SymbolicTensor, options: ResidualOptions): SymbolicTensor {
  const { filters, strides = 1, groups = 1, widthPerGroup = 64, variant = 'torchvision', name } = options;
  check(groups === 1 && widthPerGroup === 64, `basicBlock supports only groups 1 and widthPerGroup 64 (as torchvision); got ${groups}, ${widthPerGroup}.`);
  const base = convDefaults(variant);
  let y = convBnAct(x, { ...base, filters, kernelSize: 3, strides, padding: pad(variant, 3, strides), name: join(name, '1') });
  y = convBnAct(y, { ...base, filters, kernelSize: 3, activation: 'linear', name: join(name, '2') });
  return finish(x, y, filters, options);
}

/**
 * ResNet's bottleneck unit (ResNet-50/101/152, ResNeXt, SE-ResNet): 1x1 conv to `width` -> 3x3 conv
 * (`groups`) -> 1x1 conv to `4 * filters`, each followed by BN (ReLU on the first two), optional SE on
 * the branch, plus the (projected) input, then ReLU. `width = floor(filters * widthPerGroup / 64) * groups`
 * as in torchvision, so ResNeXt-50 32x4d's first stage has width 128.
 *
 * @returns NHWC with `4 * filters` channels, spatial size divided by `strides`.
 */
export function bottleneck(x: SymbolicTensor, options: ResidualOptions): SymbolicTensor {
  const { filters, strides = 1, groups = 1, widthPerGroup = 64, variant = 'torchvision', name } = options;
  const strideOn = options.strideOn ?? (variant === 'keras' ? '1x1' : '3x3');
  const width = Math.floor((filters * widthPerGroup) / 64) * groups;
  check(width >= groups, `bottleneck: filters ${filters} x widthPerGroup ${widthPerGroup} / 64 gives no channel per group.`);
  const base = convDefaults(variant);
  const s1 = strideOn === '1x1' ? strides : 1;
  const s3 = strideOn === '3x3' ? strides : 1;
  let y = convBnAct(x, { ...base, filters: width, kernelSize: 1, strides: s1, padding: 'valid', name: join(name, '1') });
  y = convBnAct(y, { ...base, filters: width, kernelSize: 3, strides: s3, groups, padding: pad(variant, 3, s3), name: join(name, '2') });
  y = convBnAct(y, { ...base, filters: 4 * filters, kernelSize: 1, padding: 'valid', activation: 'linear', name: join(name, '3') });
  return finish(x, y, 4 * filters, options);
}
