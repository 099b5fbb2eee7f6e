import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { mbConv } from '../blocks/mbconv.js';
import { makeDivisible } from '../blocks/squeeze-excite.js';
import { Normalization } from '../layers/normalization.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';

/** Options of {@link efficientnet}. */
export interface EfficientNetOptions extends ModelOptions {
  /** Width coefficient w: channels `round_filters(c * w)` (multiples of 8). */
  widthCoefficient: number;
  /** Depth coefficient d: each stage repeats `ceil(n * d)` blocks. */
  depthCoefficient: number;
  /** Dropout before the classifier (B0 0.2 ... B7 0.5). */
  dropout: number;
  /** Largest drop-connect rate; block b of B has `dropConnectRate * b / B`. Default 0.2. */
  dropConnectRate?: number;
  /**
   * Keras's built-in preprocessing of [0, 255] RGB inputs: `Rescaling(1/255)` then a
   * {@link Normalization} holding ImageNet's mean and variance (its 7 non-trainable statistics are in
   * Keras's counts). Default true.
   */
  includePreprocessing?: boolean;
}

/** Baseline B0 (Table 1 of Tan and Le 2019): kernel, repeats, output channels, expansion, stride. */
const B0_STAGES: [number, number, number, number, number][] = [
  [3, 1, 16, 1, 1], [3, 2, 24, 6, 2], [5, 2, 40, 6, 2], [3, 3, 80, 6, 2], [5, 3, 112, 6, 1], [5, 4, 192, 6, 2], [3, 1, 320, 6, 1],
];

const IMAGENET_MEAN = [0.485, 0.456, 0.406];
const IMAGENET_VARIANCE = [0.229 ** 2, 0.224 ** 2, 0.225 ** 2];

/**
 * EfficientNet (Tan and Le, "EfficientNet: rethinking model scaling for convolutional neural networks",
 * 2019): the B0 baseline scaled by one compound rule, as Keras Applications builds it. Channels are
 * `round_filters(c) = makeDivisible(c * widthCoefficient, 8)`, repeats `ceil(n * depthCoefficient)`, and
 * the canonical resolution grows with them. Stem 3x3/2 conv -> BN -> swish, seven stages of
 * {@link mbConv} blocks (SE 0.25, drop-connect rising linearly to `dropConnectRate` over the blocks),
 * 1x1 conv `round_filters(1280)` -> BN -> swish, global average pool, dropout, `predictions`. BN
 * epsilon 1e-3, momentum 0.99.
 *
 * Keras's counts include the 7 non-trainable statistics of its input Normalization layer (mean 3,
 * variance 3, count 1), and so do these: B0 5,330,571 ... B7 66,658,687 at their canonical sizes with
 * 1000 classes; B0 is 0.39 G multiply-adds at 224x224.
 *
 * Deviations: stride-2 depthwise convs use TF 'same' padding, identical to Keras's
 * `ZeroPadding2D(correct_pad)` + 'valid'; weights use tfjs's default initialisers (Keras uses
 * fan-out variance scaling). The normalisation starts at ImageNet's statistics (what Keras's
 * pretrained weights hold) and divides by the standard deviation once (newer Keras versions add a
 * compensating Rescaling for an older double division).
 */
export function efficientnet(options: EfficientNetOptions): tfl.LayersModel {
  const { widthCoefficient: w, depthCoefficient: d, dropout, dropConnectRate = 0.2, includePreprocessing = true } = options;
  check(Number.isFinite(w) && w > 0 && Number.isFinite(d) && d > 0,
    `efficientnet: widthCoefficient and depthCoefficient must be positive; got ${w}, ${d}.`);
  check(dropout >= 0 && dropout < 1, `efficientnet: dropout must be in [0, 1); got ${dropout}.`);
  check(dropConnectRate >= 0 && dropConnectRate < 1, `efficientnet: dropConnectRate must be in [0, 1); got ${dropConnectRate}.`);
  const o = resolveOptions(options, { inputShape: [224, 224, 3], name: 'efficientnet' });
  const input = modelInput(o, 32, 'EfficientNet');
  const roundFilters = (c: number) => makeDivisible(c * w, 8);
  const roundRepeats = (n: number) => Math.ceil(d * n);
  let x = input;
  if (includePreprocessing) {
    x = apply(tfl.layers.rescaling({ scale: 1 / 255, name: 'rescaling' }), x);
    const channels = o.inputShape[2];
    const stats = channels === 3 ? { mean: IMAGENET_MEAN, variance: IMAGENET_VARIANCE } : {};
    x = apply(new Normalization({ ...stats, name: 'normalization' }), x);
  }
  x = convBnAct(x, { filters: roundFilters(32), kernelSize: 3, strides: 2, bnEpsilon: 1e-3, bnMomentum: 0.99, activation: 'swish', name: 'stem' });
  const total = B0_STAGES.reduce((n, [, repeats]) => n + roundRepeats(repeats), 0);
  let b = 0;
  B0_STAGES.forEach(([kernelSize, repeats, channels, expandRatio, stride], stage) => {
    for (let j = 0; j < roundRepeats(repeats); j++, b++) {
      x = mbConv(x, {
        filters: roundFilters(channels), expandRatio, kernelSize, strides: j === 0 ? stride : 1,
        dropPath: (dropConnectRate * b) / total, name: `block${stage + 1}${String.fromCharCode(97 + j)}`,
      });
    }
  });
  x = convBnAct(x, { filters: roundFilters(1280), kernelSize: 1, bnEpsilon: 1e-3, bnMomentum: 0.99, activation: 'swish', name: 'top' });
  return finishModel(input, x, o, averagePoolTop(o, dropout));
}

/** Compound coefficients of B0-B7: width, depth, resolution, dropout. */
const SCALING: [number, number, number, number][] = [
  [1.0, 1.0, 224, 0.2], [1.0, 1.1, 240, 0.2], [1.1, 1.2, 260, 0.3], [1.2, 1.4, 300, 0.3],
  [1.4, 1.8, 380, 0.4], [1.6, 2.2, 456, 0.4], [1.8, 2.6, 528, 0.5], [2.0, 3.1, 600, 0.5],
];

type Named = Partial<Omit<EfficientNetOptions, 'widthCoefficient' | 'depthCoefficient'>>;

function scaled(i: number): (o?: Named) => tfl.LayersModel {
  const [widthCoefficient, depthCoefficient, resolution, dropout] = SCALING[i];
  return (o: Named = {}) => efficientnet({
    name: `efficientnetb${i}`, inputShape: [resolution, resolution, 3], dropout, ...o, widthCoefficient, depthCoefficient,
  });
}

/** EfficientNet-B0: width 1.0, depth 1.0, 224x224, dropout 0.2. */
export const efficientnetB0 = scaled(0);
/** EfficientNet-B1: width 1.0, depth 1.1, 240x240, dropout 0.2. */
export const efficientnetB1 = scaled(1);
/** EfficientNet-B2: width 1.1, depth 1.2, 260x260, dropout 0.3. */
export const efficientnetB2 = scaled(2);
/** EfficientNet-B3: width 1.2, depth 1.4, 300x300, dropout 0.3. */
export const efficientnetB3 = scaled(3);
/** EfficientNet-B4: width 1.4, depth 1.8, 380x380, dropout 0.4. */
export const efficientnetB4 = scaled(4);
/** EfficientNet-B5: width 1.6, depth 2.2, 456x456, dropout 0.4. */
export const efficientnetB5 = scaled(5);
/** EfficientNet-B6: width 1.8, depth 2.6, 528x528, dropout 0.5. */
export const efficientnetB6 = scaled(6);
/** EfficientNet-B7: width 2.0, depth 3.1, 600x600, dropout 0.5. */
export const efficientnetB7 = scaled(7);
