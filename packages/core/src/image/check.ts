import * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';

/** Channel counts an HWC image tensor may have: grey, RGB, RGBA. */
export const IMAGE_CHANNELS: readonly number[] = [1, 3, 4];

/**
 * Throws `E_INVALID_ARGUMENT` unless `image` is a live HWC tensor of rank 3 with 1, 3 or 4
 * channels and dtype int32 or float32. `fn` names the caller in the message.
 */
export function checkImageTensor(image: unknown, fn: string): asserts image is tf.Tensor3D {
  const fail = (what: string): never => {
    throw new FoveaError('E_INVALID_ARGUMENT', `${fn}: ${what}`);
  };
  if (!(image instanceof tf.Tensor)) fail(`expected an HWC tf.Tensor3D, got ${describe(image)}`);
  const t = image as tf.Tensor;
  if (t.isDisposed) fail('the image tensor was already disposed; pass a live tensor');
  if (t.rank !== 3) {
    fail(`expected an HWC image of rank 3, got shape [${t.shape}]; ` +
      'squeeze a batch of one with tf.squeeze(x, [0]) or add a channel axis with tf.expandDims(x, -1)');
  }
  if (!IMAGE_CHANNELS.includes(t.shape[2] as number)) {
    fail(`expected 1, 3 or 4 channels (HWC), got shape [${t.shape}]; is the tensor CHW?`);
  }
  if (t.dtype !== 'int32' && t.dtype !== 'float32') {
    fail(`expected dtype int32 or float32, got ${t.dtype}; cast it with tf.cast(x, 'int32')`);
  }
  if (t.shape[0] === 0 || t.shape[1] === 0) fail(`the image is empty, shape [${t.shape}]`);
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (typeof x !== 'object') return typeof x;
  return (x as object).constructor?.name ?? 'object';
}
