import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { type ModelOptions, finishModel, modelInput, predictions, resolveOptions } from './options.js';
import { widthScaler } from './width.js';

/** Options of {@link vgg}. */
export interface VggOptions extends ModelOptions {
  /** 3x3 convolutions per block, five blocks of 64, 128, 256, 512, 512 filters (VGG16: [2, 2, 3, 3, 3]). */
  depths: [number, number, number, number, number];
  /** BatchNorm after each convolution (torchvision's vgg16_bn); default false. */
  batchNorm?: boolean;
  /** Dropout after fc1 and fc2; default 0.5 (the paper; Keras Applications omits it). */
  dropout?: number;
  /**
   * Width multiplier of every convolution and of fc1 and fc2; default 1 (the published 64-512 filters
   * and 4096 units). A count c becomes `max(1, round(c * width))`; e.g. width 0.125 gives 8, 16, 32, 64,
   * 64 filters and 512 units.
   */
  width?: number;
}

const WIDTHS = [64, 128, 256, 512, 512];

/**
 * VGG (Simonyan and Zisserman 2014), configurations A-E from one builder: five blocks of 3x3
 * 'same' convolutions (bias, ReLU) each closed by a 2x2 max pool, then Flatten -> fc1 4096 ->
 * fc2 4096 -> classes. Layer names are Keras Applications' (`block1_conv1`, ..., `fc1`,
 * `predictions`), and so are the counts: VGG16 138,357,544, VGG19 143,667,240. `width` scales every
 * layer but the classifier.
 */
export function vgg(options: VggOptions): tfl.LayersModel {
  const { depths, batchNorm = false, dropout = 0.5, width = 1 } = options;
  const scale = widthScaler(width, 'vgg');
  check(Array.isArray(depths) && depths.length === 5 && depths.every((d) => Number.isInteger(d) && d >= 1),
    `vgg: depths must be five positive integers (VGG16: [2, 2, 3, 3, 3]); got ${JSON.stringify(depths)}.`);
  const total = depths.reduce((a, b) => a + b, 0) + 3;
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: `vgg${total}` });
  const input = modelInput(o, 32, 'VGG');
  let x = input;
  depths.forEach((depth, b) => {
    for (let i = 1; i <= depth; i++) {
      const name = `block${b + 1}_conv${i}`;
      const filters = scale(WIDTHS[b]);
      // Without BN the layers are exactly Keras's (ReLU inside the conv), so its weights load by name.
      x = batchNorm
        ? convBnAct(x, { filters, kernelSize: 3, bnEpsilon: 1e-5, name })
        : apply(tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', name }), x);
    }
    x = apply(tfl.layers.maxPooling2d({ poolSize: 2, strides: 2, name: `block${b + 1}_pool` }), x);
  });
  return finishModel(input, x, o, (features) => {
    let y = apply(tfl.layers.flatten({ name: 'flatten' }), features);
    for (const name of ['fc1', 'fc2']) {
      y = apply(tfl.layers.dense({ units: scale(4096), activation: 'relu', name }), y);
      if (dropout > 0) y = apply(tfl.layers.dropout({ rate: dropout, name: `${name}_dropout` }), y);
    }
    return predictions(y, o);
  });
}

/** VGG16 (configuration D): `vgg({ depths: [2, 2, 3, 3, 3] })`. */
export const vgg16 = (options: Omit<VggOptions, 'depths'> = {}) => vgg({ depths: [2, 2, 3, 3, 3], ...options });
/** VGG19 (configuration E): `vgg({ depths: [2, 2, 4, 4, 4] })`. */
export const vgg19 = (options: Omit<VggOptions, 'depths'> = {}) => vgg({ depths: [2, 2, 4, 4, 4], ...options });
