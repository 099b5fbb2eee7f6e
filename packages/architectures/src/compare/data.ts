import * as tf from '@tensorflow/tfjs-core';
import { check, fashionMnistTensors, loadFashionMnist } from '@fovea/core';

/** One split as tensors the caller disposes: `x` float32 `[N, H, W, C]` in 0-1, `y` one-hot `[N, 10]`. */
export interface ImageSplit {
  x: tf.Tensor4D;
  y: tf.Tensor2D;
}

/**
 * Places 28x28 grey images in `[N, H, W, C]`: zero-padded (centred) to `H x W`, the way LeNet-5's
 * 32x32 input framed 28x28 MNIST digits, and repeated over `C` channels (1 or 3). Returns new tensors.
 */
export function frame(images: tf.Tensor4D, [h, w, c]: [number, number, number]): tf.Tensor4D {
  const [, ih, iw] = images.shape;
  check(h >= ih && w >= iw, `inputShape ${h}x${w} is smaller than the ${ih}x${iw} images; use at least ${ih}x${iw}.`);
  check(c === 1 || c === 3, `inputShape has ${c} channels; use 1 (grey) or 3 (the grey repeated).`);
  return tf.tidy(() => {
    const top = Math.floor((h - ih) / 2);
    const left = Math.floor((w - iw) / 2);
    const padded = tf.pad(images, [[0, 0], [top, h - ih - top], [left, w - iw - left], [0, 0]]);
    return c === 1 ? padded : tf.tile(padded, [1, 1, 1, c]);
  });
}

/**
 * Images upsampled (bilinear, half-pixel centres) to `side x side`, for architectures whose smallest
 * input exceeds the framed size (AlexNet: 67). Returns `images` itself when it is already that size.
 */
export function atLeast(images: tf.Tensor4D, side: number): tf.Tensor4D {
  const [, h, w] = images.shape;
  if (h >= side && w >= side) return images;
  return tf.tidy(() => tf.image.resizeBilinear(images, [Math.max(h, side), Math.max(w, side)], false, true));
}

/**
 * The first `samples` training and `testSamples` test images of Fashion-MNIST (core's
 * `loadFashionMnist`: nothing downloaded), framed to `inputShape`.
 */
export async function loadSplits(inputShape: [number, number, number], samples: number, testSamples: number, dir?: string): Promise<{ train: ImageSplit; test: ImageSplit }> {
  const load = async (split: 'train' | 'test', limit: number): Promise<ImageSplit> => {
    const raw = fashionMnistTensors(await loadFashionMnist({ split, limit, dir }));
    try {
      return { x: frame(raw.xs, inputShape), y: raw.ys };
    } finally {
      raw.xs.dispose();
    }
  };
  const train = await load('train', samples);
  const test = await load('test', testSamples);
  return { train, test };
}
