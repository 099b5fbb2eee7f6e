import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type ActivationName, type SymbolicTensor, activate, apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { invertedResidual } from '../blocks/inverted-residual.js';
import { makeDivisible } from '../blocks/squeeze-excite.js';
import { type ModelOptions, type ResolvedOptions, finishModel, modelInput, predictions, resolveOptions } from './options.js';

/** Options of {@link mobilenet}. */
export interface MobileNetOptions extends ModelOptions {
  /** Width multiplier α: every layer has `floor(filters * alpha)` channels; default 1. */
  alpha?: number;
  /** Depth multiplier of the depthwise convs (the paper's resolution multiplier is the input size); default 1. */
  depthMultiplier?: number;
  /** Dropout before the classifier; default 1e-3 (Keras). */
  dropout?: number;
}

/** Keras MobileNet's classifier: GAP (kept 1x1) -> dropout -> 1x1 conv `conv_preds` -> flatten -> activation `predictions`. */
function convTop(o: ResolvedOptions, dropout: number): (x: SymbolicTensor) => SymbolicTensor {
  return (x) => {
    const channels = x.shape[3] as number;
    let y = apply(tfl.layers.globalAveragePooling2d({ name: 'global_average_pooling' }), x);
    y = apply(tfl.layers.reshape({ targetShape: [1, 1, channels], name: 'reshape_1' }), y);
    if (dropout > 0) y = apply(tfl.layers.dropout({ rate: dropout, name: 'dropout' }), y);
    y = apply(tfl.layers.conv2d({ filters: o.classes, kernelSize: 1, name: 'conv_preds' }), y);
    y = apply(tfl.layers.flatten({ name: 'flatten' }), y);
    return apply(tfl.layers.activation({ activation: o.classifierActivation, name: 'predictions' }), y);
  };
}

function checkAlpha(alpha: number, builder: string): void {
  check(Number.isFinite(alpha) && alpha > 0, `${builder}: alpha must be a positive number; got ${alpha}.`);
}

/**
 * MobileNet v1 (Howard et al., "MobileNets: efficient convolutional neural networks for mobile vision
 * applications", 2017), as Keras Applications' `MobileNet`: 3x3/2 conv 32 -> BN -> ReLU6, then 13
 * depthwise separable blocks (3x3 depthwise -> BN -> ReLU6 -> 1x1 conv -> BN -> ReLU6; widths 64, 128,
 * 128, 256, 256, 512 x6, 1024, 1024, stride 2 at 128, 256, 512, 1024 with Keras's bottom/right
 * `ZeroPadding2D` + 'valid'), then Keras's convolutional classifier (global average pool -> dropout ->
 * 1x1 conv with bias -> flatten -> softmax; the parameters of a dense layer). No biases before BN.
 * 4,253,864 parameters at 224x224, alpha 1, 1000 classes (Keras's count).
 *
 * Deviations from the paper: ReLU6 instead of ReLU (as Keras and the TF release).
 */
export function mobilenet(options: MobileNetOptions = {}): tfl.LayersModel {
  const { alpha = 1, depthMultiplier = 1, dropout = 1e-3 } = options;
  checkAlpha(alpha, 'mobilenet');
  check(Number.isInteger(depthMultiplier) && depthMultiplier >= 1, `mobilenet: depthMultiplier must be a positive integer; got ${depthMultiplier}.`);
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: 'mobilenet' });
  const input = modelInput(o, 32, 'MobileNet');
  let x = convBnAct(input, { filters: Math.floor(32 * alpha), kernelSize: 3, strides: 2, bnEpsilon: 1e-3, bnMomentum: 0.99, activation: 'relu6', name: 'conv1' });
  const blocks: [number, number][] = [[64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2], [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1]];
  blocks.forEach(([filters, strides], i) => {
    const id = i + 1;
    if (strides === 2) x = apply(tfl.layers.zeroPadding2d({ padding: [[0, 1], [0, 1]], name: `conv_pad_${id}` }), x);
    x = apply(tfl.layers.depthwiseConv2d({
      kernelSize: 3, strides, depthMultiplier, padding: strides === 1 ? 'same' : 'valid', useBias: false, name: `conv_dw_${id}`,
    }), x);
    x = apply(tfl.layers.batchNormalization({ axis: -1, name: `conv_dw_${id}_bn` }), x);
    x = activate(x, 'relu6', `conv_dw_${id}_relu`);
    x = convBnAct(x, { filters: Math.floor(filters * alpha), kernelSize: 1, bnEpsilon: 1e-3, bnMomentum: 0.99, activation: 'relu6', name: `conv_pw_${id}` });
  });
  return finishModel(input, x, o, convTop(o, dropout));
}

/** Options of {@link mobilenetV2}. */
export interface MobileNetV2Options extends ModelOptions {
  /** Width multiplier α (channels rounded to multiples of 8); default 1. */
  alpha?: number;
}

/** MobileNetV2's table 2: expansion t, channels c, repeats n, first stride s. */
const V2_STAGES: [number, number, number, number][] = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
];

/**
 * MobileNetV2 (Sandler et al., "MobileNetV2: inverted residuals and linear bottlenecks", 2018), as
 * Keras Applications: 3x3/2 conv 32 -> BN -> ReLU6, 17 {@link invertedResidual} blocks from the
 * paper's Table 2, 1x1 conv 1280 -> BN -> ReLU6, global average pool, `predictions`. BN epsilon
 * 1e-3, momentum 0.999. 3,538,984 parameters at 224x224, alpha 1, 1000 classes (Keras's count);
 * 0.30 G multiply-adds.
 */
export function mobilenetV2(options: MobileNetV2Options = {}): tfl.LayersModel {
  const { alpha = 1 } = options;
  checkAlpha(alpha, 'mobilenetV2');
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: 'mobilenetv2' });
  const input = modelInput(o, 32, 'MobileNetV2');
  const bn = { bnEpsilon: 1e-3, bnMomentum: 0.999 };
  let x = convBnAct(input, { filters: makeDivisible(32 * alpha, 8), kernelSize: 3, strides: 2, activation: 'relu6', ...bn, name: 'Conv1' });
  let id = 0;
  for (const [expansion, channels, repeats, stride] of V2_STAGES) {
    for (let i = 0; i < repeats; i++, id++) {
      x = invertedResidual(x, {
        filters: makeDivisible(Math.floor(channels * alpha), 8), expansion, expandDivisor: 1,
        strides: i === 0 ? stride : 1, activation: 'relu6', ...bn, name: id === 0 ? 'expanded_conv' : `block_${id}`,
      });
    }
  }
  const last = alpha > 1 ? makeDivisible(1280 * alpha, 8) : 1280;
  x = convBnAct(x, { filters: last, kernelSize: 1, activation: 'relu6', ...bn, name: 'Conv_1' });
  return finishModel(input, x, o, (features) =>
    predictions(apply(tfl.layers.globalAveragePooling2d({ name: 'global_average_pooling' }), features), o));
}

/** Options of {@link mobilenetV3}. */
export interface MobileNetV3Options extends ModelOptions {
  /** `'large'` or `'small'`. */
  variant: 'large' | 'small';
  /** Width multiplier α (channels rounded to multiples of 8); default 1. */
  alpha?: number;
  /** Keras's minimalistic variant: 3x3 kernels, ReLU, no SE; default false. */
  minimalistic?: boolean;
  /** Dropout before the classifier conv; default 0.2. */
  dropout?: number;
  /** Keras's built-in `Rescaling(1/127.5, offset -1)` of [0, 255] inputs; default true. */
  includePreprocessing?: boolean;
}

/** One row of the paper's tables 1-2: expansion, channels, kernel ('k' = the variant's kernel), stride, SE, activation ('a' = the variant's). */
type V3Row = [number, number, number | 'k', number, boolean, 'relu' | 'a'];
const V3_LARGE: V3Row[] = [
  [1, 16, 3, 1, false, 'relu'], [4, 24, 3, 2, false, 'relu'], [3, 24, 3, 1, false, 'relu'],
  [3, 40, 'k', 2, true, 'relu'], [3, 40, 'k', 1, true, 'relu'], [3, 40, 'k', 1, true, 'relu'],
  [6, 80, 3, 2, false, 'a'], [2.5, 80, 3, 1, false, 'a'], [2.3, 80, 3, 1, false, 'a'], [2.3, 80, 3, 1, false, 'a'],
  [6, 112, 3, 1, true, 'a'], [6, 112, 3, 1, true, 'a'],
  [6, 160, 'k', 2, true, 'a'], [6, 160, 'k', 1, true, 'a'], [6, 160, 'k', 1, true, 'a'],
];
const V3_SMALL: V3Row[] = [
  [1, 16, 3, 2, true, 'relu'], [72 / 16, 24, 3, 2, false, 'relu'], [88 / 24, 24, 3, 1, false, 'relu'],
  [4, 40, 'k', 2, true, 'a'], [6, 40, 'k', 1, true, 'a'], [6, 40, 'k', 1, true, 'a'],
  [3, 48, 'k', 1, true, 'a'], [3, 48, 'k', 1, true, 'a'],
  [6, 96, 'k', 2, true, 'a'], [6, 96, 'k', 1, true, 'a'], [6, 96, 'k', 1, true, 'a'],
];

/**
 * MobileNetV3 (Howard et al., "Searching for MobileNetV3", 2019), Large and Small, as Keras
 * Applications: `Rescaling(1/127.5, -1)`, 3x3/2 conv 16 -> BN -> hard-swish, the paper's inverted
 * residual blocks ({@link invertedResidual} with hidden widths rounded to multiples of 8, SE squeezing
 * to a quarter with a hard-sigmoid gate, ReLU early and hard-swish later), 1x1 conv to 6x the last
 * width -> BN -> hard-swish, then Keras's head: global average pool -> 1x1 conv 1280 (Large) / 1024
 * (Small) with bias -> hard-swish -> dropout -> 1x1 conv `classes` -> flatten -> softmax. BN epsilon
 * 1e-3, momentum 0.999. 5,507,432 (Large) and 2,554,968 (Small) parameters at 224x224, alpha 1
 * (Keras's counts).
 */
export function mobilenetV3(options: MobileNetV3Options): tfl.LayersModel {
  const { variant, alpha = 1, minimalistic = false, dropout = 0.2, includePreprocessing = true } = options;
  check(variant === 'large' || variant === 'small', `mobilenetV3: variant must be 'large' or 'small'; got ${JSON.stringify(variant)}.`);
  checkAlpha(alpha, 'mobilenetV3');
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: `mobilenetv3${variant}` });
  const input = modelInput(o, 32, 'MobileNetV3');
  const kernel = minimalistic ? 3 : 5;
  const activation: ActivationName = minimalistic ? 'relu' : 'hardSwish';
  const bn = { bnEpsilon: 1e-3, bnMomentum: 0.999 };
  let x = input;
  if (includePreprocessing) x = apply(tfl.layers.rescaling({ scale: 1 / 127.5, offset: -1, name: 'rescaling' }), x);
  x = convBnAct(x, { filters: 16, kernelSize: 3, strides: 2, activation, ...bn, name: 'Conv' });
  (variant === 'large' ? V3_LARGE : V3_SMALL).forEach(([expansion, channels, k, strides, se, act], id) => {
    x = invertedResidual(x, {
      filters: makeDivisible(channels * alpha, 8), expansion, kernelSize: k === 'k' ? kernel : k, strides,
      activation: act === 'a' ? activation : 'relu',
      se: se && !minimalistic ? { ratio: 0.25, divisor: 8, activation: 'relu', gate: 'hardSigmoid' } : false,
      ...bn, name: id === 0 ? 'expanded_conv' : `expanded_conv_${id}`,
    });
  });
  x = convBnAct(x, { filters: makeDivisible((x.shape[3] as number) * 6, 8), kernelSize: 1, activation, ...bn, name: 'Conv_1' });
  const lastPoint = alpha > 1 ? makeDivisible((variant === 'large' ? 1280 : 1024) * alpha, 8) : variant === 'large' ? 1280 : 1024;
  return finishModel(input, x, o, (features) => {
    let y = apply(tfl.layers.globalAveragePooling2d({ name: 'global_average_pooling' }), features);
    y = apply(tfl.layers.reshape({ targetShape: [1, 1, features.shape[3] as number], name: 'reshape' }), y);
    y = apply(tfl.layers.conv2d({ filters: lastPoint, kernelSize: 1, name: 'Conv_2' }), y);
    y = activate(y, activation, `Conv_2_${activation}`);
    if (dropout > 0) y = apply(tfl.layers.dropout({ rate: dropout, name: 'dropout' }), y);
    y = apply(tfl.layers.conv2d({ filters: o.classes, kernelSize: 1, name: 'Logits' }), y);
    y = apply(tfl.layers.flatten({ name: 'flatten' }), y);
    return apply(tfl.layers.activation({ activation: o.classifierActivation, name: 'Predictions' }), y);
  });
}

type V3Named = Omit<MobileNetV3Options, 'variant'>;

/** MobileNetV3-Large (Keras's `MobileNetV3Large`): `mobilenetV3({ variant: 'large' })`. */
export const mobilenetV3Large = (o: V3Named = {}) => mobilenetV3({ ...o, variant: 'large' });
/** MobileNetV3-Small (Keras's `MobileNetV3Small`): `mobilenetV3({ variant: 'small' })`. */
export const mobilenetV3Small = (o: V3Named = {}) => mobilenetV3({ ...o, variant: 'small' });
