import * as tfl from '@tensorflow/tfjs-layers';

export { lenet5 } from '../../bench/lenet5.js';

/**
 * A VGG-style stack: 2 x conv(w1) -> max pool -> 2 x conv(w2) -> max pool (3x3 'same' ReLU
 * convolutions, 2x2 pools) on `size x size x 3`, then flatten -> dense(10, softmax) so it can train
 * on labels. Default: widths [64, 128] on 64x64x3.
 */
export function vggStack(size = 64, widths: readonly [number, number] = [64, 128]): tfl.Sequential {
  const conv = (filters: number) => tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu' });
  return tfl.sequential({
    layers: [
      tfl.layers.inputLayer({ inputShape: [size, size, 3] }),
      conv(widths[0]), conv(widths[0]), tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(widths[1]), conv(widths[1]), tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}
