import * as tfl from '@tensorflow/tfjs-layers';
import { apply } from '../blocks/common.js';
import { type ModelOptions, finishModel, modelInput, predictions, resolveOptions } from './options.js';

/**
 * LeNet-5 (LeCun et al. 1998) as the CNN chapter builds it for 28x28 MNIST-style images: C1
 * Conv2D(6, 5, 'same', tanh) -> S2 AvgPool 2 -> C3 Conv2D(16, 5, 'valid', tanh) -> S4 AvgPool 2 ->
 * C5 Conv2D(120, 5, 'valid', tanh) -> Flatten -> F6 Dense(84, tanh) -> Dense(classes, softmax).
 * 61,706 parameters at 28x28x1 with 10 classes.
 *
 * Deviations from the paper: 'same' padding on C1 replaces padding 28x28 to 32x32; C3 is fully
 * connected to S2 (the paper's sparse connection table is dropped); plain average pooling
 * (the paper's subsampling has a trainable scale and bias); softmax output instead of RBF units.
 * Defaults: inputShape [28, 28, 1], classes 10.
 */
export function lenet5(options: ModelOptions = {}): tfl.LayersModel {
  const o = resolveOptions(options, { inputShape: [28, 28, 1], classes: 10, name: 'lenet5' });
  const input = modelInput(o, 28, 'LeNet-5');
  let x = apply(tfl.layers.conv2d({ filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh', name: 'c1' }), input);
  x = apply(tfl.layers.averagePooling2d({ poolSize: 2, name: 's2' }), x);
  x = apply(tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh', name: 'c3' }), x);
  x = apply(tfl.layers.averagePooling2d({ poolSize: 2, name: 's4' }), x);
  x = apply(tfl.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh', name: 'c5' }), x);
  return finishModel(input, x, o, (features) => {
    let y = apply(tfl.layers.flatten({ name: 'flatten' }), features);
    y = apply(tfl.layers.dense({ units: 84, activation: 'tanh', name: 'f6' }), y);
    return predictions(y, o);
  });
}
