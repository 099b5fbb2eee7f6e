import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import type { FashionMnist } from './fashion-mnist.js';

/** What {@link fashionMnistTensors} needs: images N x H x W uint8 and labels N (a {@link FashionMnist} fits). */
export interface FashionMnistArrays {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
  height: number;
  width: number;
  /** Class names; their number is the one-hot width. Default 10 classes. */
  classes?: readonly string[];
}

export interface FashionMnistTensorOptions {
  /** Scale pixels to [0, 1] (divide by 255); otherwise keep 0-255 as float32. Default true. */
  normalize?: boolean;
  /** Labels as one-hot float32 `[N, classes]`; otherwise int32 class indices `[N]`. Default true. */
  oneHot?: boolean;
}

/**
 * Fashion-MNIST typed arrays as training tensors, the layout Keras examples use.
 *
 * @returns `xs` float32 `[N, H, W, 1]` (NHWC, one channel) and `ys`: one-hot float32
 *   `[N, 10]`, or int32 labels `[N]` with `oneHot: false`. The caller owns and disposes both;
 *   no other tensors are created.
 */
export function fashionMnistTensors(
  data: FashionMnistArrays,
  options?: FashionMnistTensorOptions & { oneHot?: true },
): { xs: tf.Tensor4D; ys: tf.Tensor2D };
export function fashionMnistTensors(
  data: FashionMnistArrays,
  options: FashionMnistTensorOptions & { oneHot: false },
): { xs: tf.Tensor4D; ys: tf.Tensor1D };
export function fashionMnistTensors(
  data: FashionMnistArrays,
  options: FashionMnistTensorOptions = {},
): { xs: tf.Tensor4D; ys: tf.Tensor2D | tf.Tensor1D } {
  const { normalize = true, oneHot = true } = options;
  const { images, labels, count: n, height: h, width: w } = data;
  const classes = data.classes?.length ?? 10;
  check(images.length === n * h * w, `images has ${images.length} values but count x height x width = ${n * h * w}.`);
  check(labels.length === n, `labels has ${labels.length} values but count is ${n}.`);
  for (let i = 0; i < n; i++) {
    check(labels[i] < classes, `labels[${i}] is ${labels[i]}; with ${classes} classes labels are 0-${classes - 1}.`);
  }
  // Built from typed arrays, so no intermediate tensors exist to leak.
  const pixels = new Float32Array(images.length);
  const scale = normalize ? 1 / 255 : 1;
  for (let i = 0; i < images.length; i++) pixels[i] = images[i] * scale;
  const xs = tf.tensor4d(pixels, [n, h, w, 1], 'float32');
  if (!oneHot) return { xs, ys: tf.tensor1d(Int32Array.from(labels), 'int32') };
  const hot = new Float32Array(n * classes);
  for (let i = 0; i < n; i++) hot[i * classes + labels[i]] = 1;
  return { xs, ys: tf.tensor2d(hot, [n, classes], 'float32') };
}
