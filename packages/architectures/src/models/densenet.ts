import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { activate, apply } from '../blocks/common.js';
import { denseBlock, transitionBlock } from '../blocks/dense.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';

/** Options of {@link densenet}. */
export interface DenseNetOptions extends ModelOptions {
  /** Dense layers in each of the four dense blocks (DenseNet-121: [6, 12, 24, 16]). */
  blocks: [number, number, number, number];
  /** k, channels added per dense layer; default 32. */
  growthRate?: number;
  /** Compression θ of the transitions; default 0.5. */
  reduction?: number;
}

const EPSILON = 1.001e-5;

/**
 * DenseNet-BC (Huang et al., "Densely connected convolutional networks", 2017) from one builder, as
 * Keras Applications: stem 7x7/2 conv 64 (symmetric padding 3, no bias) -> BN -> ReLU -> 3x3/2 max pool
 * (padding 1), four {@link denseBlock}s separated by three {@link transitionBlock}s (compression 0.5),
 * final BN -> ReLU, global average pool, `predictions`. Layer names follow Keras (`conv2_block1_1_conv`,
 * `pool2_conv`, `bn`); BN epsilon 1.001e-5. Counts at 224x224 with 1000 classes (Keras's): DenseNet-121
 * 8,062,504, DenseNet-169 14,307,880, DenseNet-201 20,242,984; DenseNet-121 is 2.83 G multiply-adds.
 */
export function densenet(options: DenseNetOptions): tfl.LayersModel {
  const { blocks, growthRate = 32, reduction = 0.5 } = options;
  check(Array.isArray(blocks) && blocks.length === 4 && blocks.every((b) => Number.isInteger(b) && b >= 1),
    `densenet: blocks must be four positive integers (DenseNet-121: [6, 12, 24, 16]); got ${JSON.stringify(blocks)}.`);
  const depth = 2 * blocks.reduce((a, b) => a + b, 0) + 5;
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: `densenet${depth}` });
  const input = modelInput(o, 32, 'DenseNet');
  let x = apply(tfl.layers.zeroPadding2d({ padding: 3, name: 'zero_padding2d' }), input);
  x = apply(tfl.layers.conv2d({ filters: 64, kernelSize: 7, strides: 2, useBias: false, name: 'conv1_conv' }), x);
  x = apply(tfl.layers.batchNormalization({ axis: -1, epsilon: EPSILON, name: 'conv1_bn' }), x);
  x = activate(x, 'relu', 'conv1_relu');
  x = apply(tfl.layers.zeroPadding2d({ padding: 1, name: 'zero_padding2d_1' }), x);
  x = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'pool1' }), x);
  blocks.forEach((layers, i) => {
    x = denseBlock(x, { layers, growthRate, bnEpsilon: EPSILON, name: `conv${i + 2}` });
    if (i < 3) x = transitionBlock(x, { reduction, bnEpsilon: EPSILON, name: `pool${i + 2}` });
  });
  x = apply(tfl.layers.batchNormalization({ axis: -1, epsilon: EPSILON, name: 'bn' }), x);
  x = activate(x, 'relu', 'relu');
  return finishModel(input, x, o, averagePoolTop(o));
}

type Named = Omit<DenseNetOptions, 'blocks'>;

/** DenseNet-121: `densenet({ blocks: [6, 12, 24, 16] })`. */
export const densenet121 = (o: Named = {}) => densenet({ ...o, blocks: [6, 12, 24, 16] });
/** DenseNet-169: `densenet({ blocks: [6, 12, 32, 32] })`. */
export const densenet169 = (o: Named = {}) => densenet({ ...o, blocks: [6, 12, 32, 32] });
/** DenseNet-201: `densenet({ blocks: [6, 12, 48, 32] })`. */
export const densenet201 = (o: Named = {}) => densenet({ ...o, blocks: [6, 12, 48, 32] });
