import * as tf from '@tensorflow/tfjs-core';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GroupedConv2D, type GroupedConv2DArgs } from '../../src/layers/grouped-conv2d.js';
import { expectSamePredictions, maxAbsDiff, roundTrip, wrap } from '../helpers.js';

/** The dense kernel a grouped kernel stands for: zero outside the block diagonal. */
function blockDiagonal(kernel: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [kh, kw, cinPerGroup, filters] = kernel.shape;
  const fpg = filters / groups;
  const k = kernel.arraySync();
  const dense = tf.buffer([kh, kw, cinPerGroup * groups, filters]);
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) for (let c = 0; c < cinPerGroup; c++) {
    for (let f = 0; f < filters; f++) dense.set(k[i][j][c][f], i, j, Math.floor(f / fpg) * cinPerGroup + c, f);
  }
  return dense.toTensor() as tf.Tensor4D;
}

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('GroupedConv2D', () => {
  it.each<[string, GroupedConv2DArgs, number[]]>([
    ['groups 1 = Conv2D', { filters: 4, kernelSize: 3, groups: 1, padding: 'same' }, [5, 5, 6]],
    ['2 groups, valid', { filters: 4, kernelSize: 3, groups: 2 }, [5, 5, 6]],
    ['depthwise-like, stride 2, same', { filters: 6, kernelSize: 3, groups: 6, strides: 2, padding: 'same' }, [7, 7, 6]],
    ['ResNeXt-like 1x... 4 groups, rectangular kernel', { filters: 8, kernelSize: [1, 3], groups: 4, padding: 'same' }, [4, 6, 8]],
    ['dilation 2', { filters: 4, kernelSize: 3, groups: 2, dilationRate: 2 }, [7, 7, 4]],
  ])('equals a dense convolution with the block-diagonal kernel: %s', (_, args, shape) => {
    const before = tf.memory().numTensors;
    const layer = new GroupedConv2D({ ...args, biasInitializer: 'ones' });
    const x = tf.randomNormal([2, shape[0], shape[1], shape[2]], 0, 1, 'float32', 5) as tf.Tensor4D;
    const y = layer.apply(x) as tf.Tensor;
    const [kernel, bias] = layer.getWeights() as [tf.Tensor4D, tf.Tensor1D];
    const groups = args.groups ?? 1;
    expect(kernel.shape).toEqual([...(Array.isArray(args.kernelSize) ? args.kernelSize : [args.kernelSize, args.kernelSize]), shape[2] / groups, args.filters]);
    const dense = blockDiagonal(kernel, groups);
    const reference = tf.tidy(() => tf.add(tf.conv2d(x, dense, args.strides ?? 1, args.padding ?? 'valid', 'NHWC', args.dilationRate ?? 1), bias));
    expect(y.shape).toEqual(reference.shape);
    expect(layer.computeOutputShape([2, ...shape])).toEqual(reference.shape);
    expect(maxAbsDiff(y, reference)).toBeLessThan(1e-5);
    tf.dispose([x, y, dense, reference]); // kernel and bias are the layer's own variables
    layer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('counts k*k*Cin/groups*filters + filters parameters (ResNeXt-50 stage 1: 32 groups of 4)', () => {
    const model = wrap(new GroupedConv2D({ filters: 128, kernelSize: 3, groups: 32, padding: 'same', useBias: false }), [8, 8, 128]);
    expect(model.countParams()).toBe(3 * 3 * 4 * 128);
    model.dispose();
  });

  it.each<[string, GroupedConv2DArgs, RegExp]>([
    ['groups 0', { filters: 4, kernelSize: 3, groups: 0 }, /groups/],
    ['filters not a multiple of groups', { filters: 6, kernelSize: 3, groups: 4 }, /multiple of groups/],
    ['bad padding', { filters: 4, kernelSize: 3, padding: 'causal' as 'same' }, /padding/],
    ['kernel 0', { filters: 4, kernelSize: 0 }, /kernelSize/],
    ['dilation with stride', { filters: 4, kernelSize: 3, strides: 2, dilationRate: 2 }, /dilationRate/],
    ['unknown initializer', { filters: 4, kernelSize: 3, kernelInitializer: 'random' as 'zeros' }, /initializer/],
  ])('rejects %s', (_, args, message) => {
    expect(() => new GroupedConv2D(args)).toThrow(FoveaError);
    expect(() => new GroupedConv2D(args)).toThrow(message);
  });

  it('rejects input channels not divisible by groups when built', () => {
    expect(() => wrap(new GroupedConv2D({ filters: 4, kernelSize: 1, groups: 4 }), [3, 3, 6])).toThrow(/divisible by groups/);
  });

  it('round-trips through saveModel/loadModel with identical outputs', async () => {
    const before = tf.memory().numTensors;
    const model = wrap(new GroupedConv2D({ filters: 8, kernelSize: 3, groups: 4, strides: 2, padding: 'same' }), [6, 6, 8]);
    const loaded = await roundTrip(model);
    expect(loaded.layers[1]).toBeInstanceOf(GroupedConv2D);
    expect((loaded.layers[1] as GroupedConv2D).groups).toBe(4);
    expectSamePredictions(model, loaded, tf.randomNormal([2, 6, 6, 8], 0, 1, 'float32', 9));
    expect(tf.memory().numTensors).toBe(before);
  });
});
