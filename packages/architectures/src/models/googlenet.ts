import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply, type SymbolicTensor } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { type InceptionOptions, inceptionModule } from '../blocks/inception.js';
import type { SqueezeExciteOptions } from '../blocks/squeeze-excite.js';
import { LocalResponseNormalization } from '../layers/lrn.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';

/** Table 1 of Szegedy et al. 2015: #1x1, #3x3 reduce, #3x3, #5x5 reduce, #5x5, pool proj. */
const TABLE_1: Record<string, [number, number, number, number, number, number]> = {
  '3a': [64, 96, 128, 16, 32, 32],
  '3b': [128, 128, 192, 32, 96, 64],
  '4a': [192, 96, 208, 16, 48, 64],
  '4b': [160, 112, 224, 24, 64, 64],
  '4c': [128, 128, 256, 24, 64, 64],
  '4d': [112, 144, 288, 32, 64, 64],
  '4e': [256, 160, 320, 32, 128, 128],
  '5a': [256, 160, 320, 32, 128, 128],
  '5b': [384, 192, 384, 48, 128, 128],
};

/** Options of {@link googlenet}. */
export interface GoogLeNetOptions extends ModelOptions {
  /** Dropout before the classifier; default 0.4 (the paper). */
  dropout?: number;
  /** BatchNorm after every convolution instead of LRN (torchvision's variant, with 5x5 kept); default false. */
  batchNorm?: boolean;
  /**
   * Squeeze-and-excitation on each of the 9 inception modules' output (SE-Inception, Hu et al. 2018):
   * `true` for SENet's r = 16, or {@link SqueezeExciteOptions}; default false.
   */
  se?: boolean | SqueezeExciteOptions;
  /**
   * Multiplier of every convolution's filters, the stem's (64, 64, 192) and all six Table 1 columns of
   * every module; each count becomes `Math.max(1, Math.round(c * width))` (nearest, half up, at least 1).
   * Default 1, the published widths. Nearest rather than MobileNet's make_divisible by 8: GoogLeNet has
   * no published width multiplier, and rounding to 8 would inflate the small columns (5x5 reduce 16 x 0.25
   * = 4 -> 8) and change the table's proportions; at 0.5 and 0.25 every count is exact.
   */
  width?: number;
}

/**
 * GoogLeNet / Inception v1 (Szegedy et al., "Going deeper with convolutions", 2015) as the paper
 * draws it: conv 7x7/2 64 -> max 3x3/2 -> LRN -> conv 1x1 64 -> conv 3x3 192 -> LRN -> max 3x3/2 ->
 * inception 3a, 3b -> max -> 4a..4e -> max -> 5a, 5b -> global average pool -> dropout 40% -> linear.
 * Biases and ReLU on every convolution, no BN, 5x5 branches, 'same' pooling. 6,998,552 parameters
 * with 1000 classes, checked against a PyTorch build of the same structure
 * (test/fixtures/googlenet_params.py).
 *
 * Deviations: the two auxiliary classifiers (training-only heads) are not built; the 7x7 average
 * pool is global so any input size works (identical at 224x224).
 *
 * Options: `batchNorm` (BN-GoogLeNet, 7,020,392 parameters counting BN moving statistics), `se`
 * (squeeze-and-excitation after each module, see {@link seinception}) and `width` (all filters scaled,
 * e.g. 0.25 for small grey images: 377,478 parameters at 32x32x1 with 10 classes); all counts match
 * the PyTorch builds of the same fixture script.
 */
export function googlenet(options: GoogLeNetOptions = {}): tfl.LayersModel {
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: 'googlenet' });
  const { dropout = 0.4, batchNorm = false, se = false, width = 1 } = options;
  check(typeof width === 'number' && Number.isFinite(width) && width > 0,
    `googlenet: width must be a finite number > 0 (1 = the published filters, 0.25 = a quarter); got ${width}.`);
  const w = (filters: number) => Math.max(1, Math.round(filters * width));
  const input = modelInput(o, 32, 'GoogLeNet');
  const conv = (x: SymbolicTensor, filters: number, kernelSize: number, name: string, strides = 1) =>
    convBnAct(x, { filters, kernelSize, strides, batchNorm, bnEpsilon: 1e-3, name });
  const pool = (x: SymbolicTensor, name: string) =>
    apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name }), x);
  const norm = (x: SymbolicTensor, name: string) => (batchNorm ? x : apply(new LocalResponseNormalization({ name }), x));
  const inception = (x: SymbolicTensor, id: string) => {
    const [conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj] = TABLE_1[id].map(w);
    const spec: InceptionOptions = { conv1x1, reduce3x3, conv3x3, reduce5x5, conv5x5, poolProj, batchNorm, se, name: `inception_${id}` };
    return inceptionModule(x, spec);
  };
  let x = norm(pool(conv(input, w(64), 7, 'conv1_7x7', 2), 'pool1'), 'pool1_norm');
  x = pool(norm(conv(conv(x, w(64), 1, 'conv2_3x3_reduce'), w(192), 3, 'conv2_3x3'), 'conv2_norm'), 'pool2');
  x = pool(inception(inception(x, '3a'), '3b'), 'pool3');
  for (const id of ['4a', '4b', '4c', '4d', '4e']) x = inception(x, id);
  x = pool(x, 'pool4');
  x = inception(inception(x, '5a'), '5b');
  return finishModel(input, x, o, averagePoolTop(o, dropout));
}

/**
 * SE-Inception (Hu et al., "Squeeze-and-excitation networks", CVPR 2018, Fig. 2 left): an Inception
 * network with a squeeze-and-excitation block (r = 16: global average pool, 1x1 conv C -> C/16 + ReLU,
 * 1x1 conv back to C + sigmoid, channel-wise product) on the output of each of its 9 inception modules.
 * 7,500,495 parameters with 1000 classes (counting BatchNorm moving statistics), checked against a
 * PyTorch build of the same structure (test/fixtures/googlenet_params.py).
 *
 * Deviation: the paper's SE-Inception is SE-BN-Inception, built on BN-Inception (Ioffe and Szegedy
 * 2015: 5x5 branches as two 3x3, stride-2 modules in place of max pools, 10 modules), which has no
 * builder here; this is {@link googlenet} with `batchNorm: true` (BatchNorm, epsilon 1e-3, after every
 * bias-free convolution, LRN dropped: torchvision's BN-GoogLeNet with the paper's 5x5) and `se: true`,
 * the same recipe on Inception v1. Any {@link GoogLeNetOptions} override the defaults (`width`, `se`
 * options, even `batchNorm: false`).
 */
export const seinception = (o: GoogLeNetOptions = {}) => googlenet({ name: 'seinception', batchNorm: true, se: true, ...o });
