import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply, type SymbolicTensor } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { LocalResponseNormalization, type LocalResponseNormalizationArgs } from '../layers/lrn.js';
import { type ModelOptions, finishModel, modelInput, predictions, resolveOptions } from './options.js';
import { widthScaler } from './width.js';

/** Options of {@link alexnet}. */
export interface AlexNetOptions extends ModelOptions {
  /** Local response normalisation after C1 and C3 (the first two convolutions); default true. Its settings default to the layer's. */
  lrn?: boolean | LocalResponseNormalizationArgs;
  /** 2 splits C3, C6 and C7 into two groups, as the paper's two GPUs did (60,965,224 parameters); default 1. */
  groups?: 1 | 2;
  /** Dropout after each of the two 4096-unit layers; default 0.5. */
  dropout?: number;
  /**
   * Width multiplier of every convolution and of the two hidden dense layers; default 1 (the published
   * 96, 256, 384, 384, 256 filters and 4096 units). A count c becomes `max(g, round(c * width / g) * g)`
   * with g = `groups` for the convolutions (so the two-tower split stays whole) and g = 1 for the dense
   * units; e.g. width 0.25 gives 24, 64, 96, 96, 64 filters and 1024 units.
   */
  width?: number;
}

/**
 * AlexNet (Krizhevsky, Sutskever and Hinton 2012) as the CNN chapter draws it, one tower:
 * C1 96 11x11/4 valid -> LRN -> S2 max 3x3/2 -> C3 256 5x5 same -> LRN -> S4 max 3x3/2 -> C5 384 3x3 ->
 * C6 384 3x3 -> C7 256 3x3 -> S8 max 3x3/2 -> F9 4096 -> dropout -> F10 4096 -> dropout -> classes.
 * ReLU everywhere, biases on every layer, no BN. 227x227x3 -> 6x6x256 -> 62,378,344 parameters
 * with 1000 classes. Smallest input 67x67. `width` scales every layer but the classifier.
 */
export function alexnet(options: AlexNetOptions = {}): tfl.LayersModel {
  const o = resolveOptions(options, { inputShape: [227, 227, 3], name: 'alexnet' });
  const { lrn = true, groups = 1, dropout = 0.5, width = 1 } = options;
  check(groups === 1 || groups === 2, `alexnet: groups must be 1 or 2; got ${groups}.`);
  const scale = widthScaler(width, 'alexnet');
  const input = modelInput(o, 67, 'AlexNet');
  const conv = (x: SymbolicTensor, filters: number, kernelSize: number, name: string, strides = 1, g = 1) =>
    convBnAct(x, { filters: scale(filters, groups), kernelSize, strides, groups: g, padding: strides > 1 ? 'valid' : 'same', batchNorm: false, name });
  const norm = (x: SymbolicTensor, name: string) =>
    lrn === false ? x : apply(new LocalResponseNormalization({ ...(lrn === true ? {} : lrn), name }), x);
  const pool = (x: SymbolicTensor, name: string) => apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name }), x);
  let x = pool(norm(conv(input, 96, 11, 'c1', 4), 'c1_lrn'), 's2');
  x = pool(norm(conv(x, 256, 5, 'c3', 1, groups), 'c3_lrn'), 's4');
  x = conv(conv(x, 384, 3, 'c5'), 384, 3, 'c6', 1, groups);
  x = pool(conv(x, 256, 3, 'c7', 1, groups), 's8');
  return finishModel(input, x, o, (features) => {
    let y = apply(tfl.layers.flatten({ name: 'flatten' }), features);
    for (const name of ['f9', 'f10']) {
      y = apply(tfl.layers.dense({ units: scale(4096), activation: 'relu', name }), y);
      if (dropout > 0) y = apply(tfl.layers.dropout({ rate: dropout, name: `${name}_dropout` }), y);
    }
    return predictions(y, o);
  });
}
