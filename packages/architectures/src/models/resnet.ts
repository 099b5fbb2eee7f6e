import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { type ResNetVariant, basicBlock, bottleneck } from '../blocks/residual.js';
import type { SqueezeExciteOptions } from '../blocks/squeeze-excite.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';
import { widthScaler } from './width.js';

/** Options of {@link resnet}. */
export interface ResNetOptions extends ModelOptions {
  /** `'basic'` (two 3x3 convs; ResNet-18/34) or `'bottleneck'` (1x1-3x3-1x1, 4x expansion; ResNet-50 and deeper). */
  block: 'basic' | 'bottleneck';
  /** Residual units in each of the four stages (64, 128, 256, 512 planes), e.g. ResNet-50 `[3, 4, 6, 3]`. */
  layers: [number, number, number, number];
  /** Cardinality of the grouped 3x3 convolution (ResNeXt); default 1. */
  groups?: number;
  /** Channels per group at 64 planes (ResNeXt 32x4d: 4; Wide ResNet-50-2: 128); default 64. */
  widthPerGroup?: number;
  /** Squeeze-and-excitation in every unit (SE-ResNet; default ratio 1/16); default off. */
  se?: boolean | SqueezeExciteOptions;
  /** Convolution layout, see {@link ResNetVariant}; default `'torchvision'`. */
  variant?: ResNetVariant;
  /** Which bottleneck conv carries the stride; default per variant (torchvision '3x3', keras '1x1'). */
  strideOn?: '1x1' | '3x3';
  /** Largest stochastic-depth rate, reached by the last unit (linearly increasing from 0); default 0. */
  dropPath?: number;
  /**
   * Width multiplier of the stem and of the four stages' planes; default 1 (64 and 64, 128, 256, 512).
   * A count c becomes `max(1, round(c * width))`; the rest follows from the planes as at width 1: a
   * block outputs `planes` (basic) or `4 * planes` (bottleneck) channels, and the bottleneck's 3x3 width
   * is `floor(planes * widthPerGroup / 64) * groups`, a multiple of `groups` (ResNeXt's cardinality is
   * kept). E.g. ResNet-18 at width 0.25: stem 16, planes 16, 32, 64, 128. A width that leaves a
   * ResNeXt group no channel throws.
   */
  width?: number;
}

/**
 * ResNet (He et al. 2016) and its relatives from one builder, torchvision's `ResNet(block, layers,
 * groups, width_per_group)`: stem 7x7/2 conv 64 -> BN -> ReLU -> 3x3/2 max pool, four stages of
 * residual units ({@link basicBlock} / {@link bottleneck}; stride 2 in the first unit of stages 2-4),
 * global average pool, `predictions`. Layer names follow Keras (`conv1_conv`, `conv2_block1_1_conv`,
 * `conv5_block3_out`, `avg_pool`). Smallest input 32x32.
 *
 * Variants: `'keras'` reproduces Keras Applications' ResNet50/101/152 exactly (conv biases, stride on the
 * 1x1, 25,636,712 parameters for ResNet-50); `'torchvision'` reproduces torchvision (no conv bias, stride
 * on the 3x3, "v1.5"; 25,610,152 for ResNet-50 counting BN moving statistics, torchvision's 25,557,032
 * without them). The stride placement changes FLOPs (4.09 G vs 3.86 G MACs for ResNet-50 at 224) but not parameters.
 * `width` scales the stem and every stage (see {@link ResNetOptions.width}).
 */
export function resnet(options: ResNetOptions): tfl.LayersModel {
  const { block, layers: depths, groups = 1, widthPerGroup = 64, se = false, variant = 'torchvision', strideOn, dropPath = 0, width = 1 } = options;
  check(block === 'basic' || block === 'bottleneck', `resnet: block must be 'basic' or 'bottleneck'; got ${JSON.stringify(block)}.`);
  check(Array.isArray(depths) && depths.length === 4 && depths.every((d) => Number.isInteger(d) && d >= 1),
    `resnet: layers must be four positive integers (ResNet-50: [3, 4, 6, 3]); got ${JSON.stringify(depths)}.`);
  check(variant === 'torchvision' || variant === 'keras', `resnet: variant must be 'torchvision' or 'keras'; got ${JSON.stringify(variant)}.`);
  check(dropPath >= 0 && dropPath < 1, `resnet: dropPath must be in [0, 1); got ${dropPath}.`);
  const scale = widthScaler(width, 'resnet');
  const planes = [0, 1, 2, 3].map((stage) => scale(64 * 2 ** stage));
  const fewest = Math.ceil(64 / widthPerGroup);
  check(block === 'basic' || planes[0] >= fewest,
    `resnet: width ${width} gives ${planes[0]} planes in the first stage, under one channel for each of the ${groups} groups ` +
    `(3x3 width floor(planes * ${widthPerGroup} / 64) * groups); use width >= ${fewest / 64}.`);
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: 'resnet' });
  const input = modelInput(o, 32, 'ResNet');
  const keras = variant === 'keras';
  let x = keras
    ? convBnAct(apply(tfl.layers.zeroPadding2d({ padding: 3, name: 'conv1_pad' }), input),
      { filters: scale(64), kernelSize: 7, strides: 2, padding: 'valid', useBias: true, bnEpsilon: 1.001e-5, bnMomentum: 0.99, name: 'conv1' })
    : convBnAct(input, { filters: scale(64), kernelSize: 7, strides: 2, padding: 3, name: 'conv1' });
  x = apply(tfl.layers.zeroPadding2d({ padding: 1, name: 'pool1_pad' }), x);
  x = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1_pool' }), x);
  const unit = block === 'basic' ? basicBlock : bottleneck;
  const total = depths.reduce((a, b) => a + b, 0);
  let index = 0;
  depths.forEach((depth, stage) => {
    for (let i = 0; i < depth; i++, index++) {
      x = unit(x, {
        filters: planes[stage],
        strides: i === 0 && stage > 0 ? 2 : 1,
        groups, widthPerGroup, variant, strideOn, se,
        dropPath: total > 1 ? (dropPath * index) / (total - 1) : 0,
        name: `conv${stage + 2}_block${i + 1}`,
      });
    }
  });
  return finishModel(input, x, o, averagePoolTop(o));
}

type Named = Omit<ResNetOptions, 'block' | 'layers'>;

/** ResNet-18, torchvision layout by default. */
export const resnet18 = (o: Named = {}) => resnet({ name: 'resnet18', ...o, block: 'basic', layers: [2, 2, 2, 2] });
/** ResNet-34, torchvision layout by default. */
export const resnet34 = (o: Named = {}) => resnet({ name: 'resnet34', ...o, block: 'basic', layers: [3, 4, 6, 3] });
/** ResNet-50, Keras Applications layout by default (`variant: 'torchvision'` for torchvision's). */
export const resnet50 = (o: Named = {}) => resnet({ name: 'resnet50', variant: 'keras', ...o, block: 'bottleneck', layers: [3, 4, 6, 3] });
/** ResNet-101, Keras Applications layout by default. */
export const resnet101 = (o: Named = {}) => resnet({ name: 'resnet101', variant: 'keras', ...o, block: 'bottleneck', layers: [3, 4, 23, 3] });
/** ResNet-152, Keras Applications layout by default. */
export const resnet152 = (o: Named = {}) => resnet({ name: 'resnet152', variant: 'keras', ...o, block: 'bottleneck', layers: [3, 8, 36, 3] });
/** ResNeXt-50 32x4d (Xie et al. 2017), torchvision layout: 32 groups of 4 channels at 64 planes. */
export const resnext50_32x4d = (o: Named = {}) =>
  resnet({ name: 'resnext50_32x4d', groups: 32, widthPerGroup: 4, ...o, block: 'bottleneck', layers: [3, 4, 6, 3] });
/** SE-ResNet-50 (Hu et al. 2018), timm's `seresnet50`: torchvision ResNet-50 with SE (ratio 1/16) before each addition. */
export const seresnet50 = (o: Named = {}) => resnet({ name: 'seresnet50', se: true, ...o, block: 'bottleneck', layers: [3, 4, 6, 3] });
