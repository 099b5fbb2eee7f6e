import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type SymbolicTensor, activate, apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';
import { widthScaler } from './width.js';

/** Options of {@link xception}. */
export interface XceptionOptions extends ModelOptions {
  /** Repeats of the middle-flow block (three 728-channel separable convs each); default 8. */
  middleBlocks?: number;
  /**
   * Width multiplier of every convolution (32, 64, 128, 256, 728, 1024, 1536, 2048 filters); default 1. A
   * count c becomes `max(1, round(c * width))`; e.g. width 0.25 gives 8, 16, 32, 64, 182, 256, 384, 512.
   */
  width?: number;
}

/** Separable conv (no bias, 'same') -> BN, named `${name}` and `${name}_bn`, as Keras. */
function sepConvBn(x: SymbolicTensor, filters: number, name: string): SymbolicTensor {
  const y = apply(tfl.layers.separableConv2d({ filters, kernelSize: 3, padding: 'same', useBias: false, name }), x);
  return apply(tfl.layers.batchNormalization({ axis: -1, name: `${name}_bn` }), y);
}

/**
 * An entry/exit-flow block: (ReLU ->) sepconv `f1` -> BN -> ReLU -> sepconv `f2` -> BN -> 3x3/2 max pool,
 * added to a 1x1/2 conv + BN projection of the input.
 */
function downBlock(x: SymbolicTensor, block: number, f1: number, f2: number, preActivate: boolean): SymbolicTensor {
  const prefix = `block${block}`;
  const shortcut = convBnAct(x, { filters: f2, kernelSize: 1, strides: 2, activation: 'linear', bnEpsilon: 1e-3, bnMomentum: 0.99, name: `${prefix}_shortcut` });
  let y = preActivate ? activate(x, 'relu', `${prefix}_sepconv1_act`) : x;
  y = activate(sepConvBn(y, f1, `${prefix}_sepconv1`), 'relu', `${prefix}_sepconv2_act`);
  y = sepConvBn(y, f2, `${prefix}_sepconv2`);
  y = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, padding: 'same', name: `${prefix}_pool` }), y);
  return apply(tfl.layers.add({ name: `${prefix}_add` }), [y, shortcut]);
}

/**
 * Xception (Chollet, "Xception: deep learning with depthwise separable convolutions", 2017), as
 * Keras Applications builds it: entry flow (3x3/2 conv 32 and 3x3 conv 64, 'valid', each BN + ReLU,
 * then three separable-conv blocks of 128, 256, 728 with 1x1/2 projection shortcuts), middle flow
 * (`middleBlocks` residual blocks of three ReLU -> sepconv 728 -> BN), exit flow (728/1024 block,
 * sepconv 1536 and 2048 with BN + ReLU), global average pool, `predictions`. Convolutions have no bias;
 * BN epsilon 1e-3. 22,910,480 parameters at 299x299 with 1000 classes (Keras's count). `width` scales
 * every convolution (see {@link XceptionOptions.width}).
 *
 * Deviations: none in structure; the paper's optional fully connected layers are not built (Keras
 * does not either). Keras requires 71x71 inputs; this accepts 32x32 and up (the 'valid' stem leaves
 * 13x13).
 */
export function xception(options: XceptionOptions = {}): tfl.LayersModel {
  const o = resolveOptions(options, { inputShape: [299, 299, 3], name: 'xception' });
  const { middleBlocks = 8, width = 1 } = options;
  check(Number.isInteger(middleBlocks) && middleBlocks >= 0, `xception: middleBlocks must be an integer >= 0; got ${middleBlocks}.`);
  const c = widthScaler(width, 'xception');
  const input = modelInput(o, 32, 'Xception');
  const bn = { bnEpsilon: 1e-3, bnMomentum: 0.99 };
  let x = convBnAct(input, { filters: c(32), kernelSize: 3, strides: 2, padding: 'valid', ...bn, name: 'block1_conv1' });
  x = convBnAct(x, { filters: c(64), kernelSize: 3, padding: 'valid', ...bn, name: 'block1_conv2' });
  x = downBlock(x, 2, c(128), c(128), false);
  x = downBlock(x, 3, c(256), c(256), true);
  x = downBlock(x, 4, c(728), c(728), true);
  for (let i = 0; i < middleBlocks; i++) {
    const prefix = `block${i + 5}`;
    let y = x;
    for (let j = 1; j <= 3; j++) y = sepConvBn(activate(y, 'relu', `${prefix}_sepconv${j}_act`), c(728), `${prefix}_sepconv${j}`);
    x = apply(tfl.layers.add({ name: `${prefix}_add` }), [y, x]);
  }
  const exit = middleBlocks + 5;
  x = downBlock(x, exit, c(728), c(1024), true);
  x = activate(sepConvBn(x, c(1536), `block${exit + 1}_sepconv1`), 'relu', `block${exit + 1}_sepconv1_act`);
  x = activate(sepConvBn(x, c(2048), `block${exit + 1}_sepconv2`), 'relu', `block${exit + 1}_sepconv2_act`);
  return finishModel(input, x, o, averagePoolTop(o));
}
