import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { type SymbolicTensor, apply } from '../blocks/common.js';

/** Options every builder and {@link createModel} take. */
export interface ModelOptions {
  /** `[height, width, channels]` per image; default the architecture's canonical input. */
  inputShape?: [number, number, number];
  /** Output classes of the classifier; default 1000 (LeNet-5: 10). */
  classes?: number;
  /** Keep the classifier; default true. Without it the model outputs the last feature map (or `pooling` of it). */
  includeTop?: boolean;
  /** With `includeTop: false`: `'avg'` or `'max'` global pooling of the features (Keras's `pooling`); default none. */
  pooling?: 'avg' | 'max';
  /** Of the last layer; default `'softmax'` (Keras Applications). `'linear'` gives logits. */
  classifierActivation?: 'softmax' | 'linear';
  /** Model name; default the architecture's. */
  name?: string;
}

/** Options with the defaults resolved. */
export interface ResolvedOptions {
  inputShape: [number, number, number];
  classes: number;
  includeTop: boolean;
  pooling?: 'avg' | 'max';
  classifierActivation: 'softmax' | 'linear';
  name: string;
}

/** Fills defaults and validates the common options. */
export function resolveOptions(o: ModelOptions, defaults: { inputShape: [number, number, number]; classes?: number; name: string }): ResolvedOptions {
  const { inputShape = defaults.inputShape, classes = defaults.classes ?? 1000, includeTop = true, classifierActivation = 'softmax' } = o;
  check(Array.isArray(inputShape) && inputShape.length === 3 && inputShape.every((d) => Number.isInteger(d) && d >= 1),
    `inputShape must be [height, width, channels] of positive integers; got ${JSON.stringify(inputShape)}.`);
  check(Number.isInteger(classes) && classes >= 1, `classes must be a positive integer; got ${classes}.`);
  check(o.pooling === undefined || o.pooling === 'avg' || o.pooling === 'max', `pooling must be 'avg', 'max' or undefined; got ${JSON.stringify(o.pooling)}.`);
  check(classifierActivation === 'softmax' || classifierActivation === 'linear',
    `classifierActivation must be 'softmax' or 'linear'; got ${JSON.stringify(classifierActivation)}.`);
  return { inputShape: [...inputShape], classes, includeTop, pooling: o.pooling, classifierActivation, name: o.name ?? defaults.name };
}

/** The input tensor, checking the spatial size is at least `minSize` (the smallest the layers accept). */
export function modelInput(o: ResolvedOptions, minSize: number, architecture: string): SymbolicTensor {
  const [h, w] = o.inputShape;
  check(h >= minSize && w >= minSize,
    `${architecture} needs an input of at least ${minSize}x${minSize} (its strides and valid convolutions leave nothing smaller); got ${h}x${w}.`);
  return tfl.input({ shape: o.inputShape, name: 'input' });
}

/** The final Dense layer `predictions` with the configured activation. */
export function predictions(x: SymbolicTensor, o: ResolvedOptions): SymbolicTensor {
  return apply(tfl.layers.dense({ units: o.classes, activation: o.classifierActivation, name: 'predictions' }), x);
}

/**
 * Assembles the model: `top(features)` when `includeTop`, else the features, globally pooled if
 * `pooling` is set.
 */
export function finishModel(
  input: SymbolicTensor,
  features: SymbolicTensor,
  o: ResolvedOptions,
  top: (x: SymbolicTensor) => SymbolicTensor,
): tfl.LayersModel {
  let output = features;
  if (o.includeTop) output = top(features);
  else if (o.pooling === 'avg') output = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), features);
  else if (o.pooling === 'max') output = apply(tfl.layers.globalMaxPooling2d({ name: 'max_pool' }), features);
  return tfl.model({ inputs: input, outputs: output, name: o.name });
}

/** Global average pooling then `predictions`: the head of GoogLeNet-era and later networks. */
export function averagePoolTop(o: ResolvedOptions, dropout = 0): (x: SymbolicTensor) => SymbolicTensor {
  return (x) => {
    let y = apply(tfl.layers.globalAveragePooling2d({ name: 'avg_pool' }), x);
    if (dropout > 0) y = apply(tfl.layers.dropout({ rate: dropout, name: 'dropout' }), y);
    return predictions(y, o);
  };
}
