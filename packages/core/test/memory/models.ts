import * as tfl from '@tensorflow/tfjs-layers';

export { lenet5 } from '../../bench/lenet5.js';

/**
 * A VGG-style stack on 64x64x3: 2 x conv64 -> max pool -> 2 x conv128 -> max pool (3x3 'same'
 * ReLU convolutions, 2x2 pools), then flatten -> dense(10, softmax) so it can train on labels.
 */
export function vggStack(): tfl.Sequential {
  const conv = (filters: number, first = false) =>
    tfl.layers.conv2d({ filters, kernelSize: 3, padding: 'same', activation: 'relu', ...(first ? { inputShape: [64, 64, 3] } : {}) });
  return tfl.sequential({
    layers: [
      conv(64, true), conv(64), tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(128), conv(128), tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax' }),
    ],
  });
}
