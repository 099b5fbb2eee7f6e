import * as tfl from '@tensorflow/tfjs-layers';

/**
 * LeNet-5 in the Keras style (tanh, average pooling, 'same' first conv) for
 * 28x28x1 inputs and 10 classes: exactly 61,706 trainable parameters.
 * Benchmark-only; the architectures package owns the real builder.
 */
export function lenet5(): tfl.Sequential {
  const model = tfl.sequential();
  model.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }));
  model.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, padding: 'valid', activation: 'tanh' }));
  model.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  model.add(tfl.layers.conv2d({ filters: 120, kernelSize: 5, padding: 'valid', activation: 'tanh' }));
  model.add(tfl.layers.flatten());
  model.add(tfl.layers.dense({ units: 84, activation: 'tanh' }));
  model.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  return model;
}
