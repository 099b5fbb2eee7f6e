import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChannelSlice } from '../../src/layers/channel-slice.js';
import { maxAbsDiff, roundTrip, wrap } from '../helpers.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('ChannelSlice', () => {
  it.each([
    ['first half', 0, 2, [0, 1]],
    ['second half', 2, 2, [2, 3]],
    ['one channel', 3, 1, [3]],
    ['all channels', 0, 4, [0, 1, 2, 3]],
  ])('keeps the %s', (_, begin, size, channels) => {
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(Array.from({ length: 2 * 4 }, (_, i) => i), [1, 1, 2, 4]);
    const y = new ChannelSlice({ begin, size }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 1, 2, size]);
    expect(Array.from(y.dataSync())).toEqual([...channels, ...channels.map((c) => c + 4)]);
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('passes gradients to the kept channels only', () => {
    const before = tf.memory().numTensors;
    const x = tf.ones([1, 1, 1, 4]);
    const layer = new ChannelSlice({ begin: 1, size: 2 });
    const g = tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 1, 1, 0]);
    tf.dispose([x, g]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('round-trips through saveModel/loadModel', async () => {
    const before = tf.memory().numTensors;
    const model = wrap(new ChannelSlice({ begin: 1, size: 2 }), [2, 2, 4]);
    const loaded = await roundTrip(model);
    const x = tf.randomUniform([1, 2, 2, 4], 0, 1, 'float32', 1);
    const [a, b] = [model.predict(x) as tf.Tensor, loaded.predict(x) as tf.Tensor];
    expect(b.shape).toEqual([1, 2, 2, 2]);
    expect(maxAbsDiff(a, b)).toBe(0);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['a negative begin', () => new ChannelSlice({ begin: -1, size: 1 })],
    ['size 0', () => new ChannelSlice({ begin: 0, size: 0 })],
    ['a slice past the last channel', () => new ChannelSlice({ begin: 3, size: 2 }).apply(tfl.input({ shape: [2, 2, 4] }))],
  ])('rejects %s', (_, make) => {
    expect(make).toThrow(FoveaError);
  });
});
