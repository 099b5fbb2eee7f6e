// Bad input throws FoveaError E_INVALID_ARGUMENT naming the bad value and the fix, and leaves no tensors behind.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Backbone, type BackboneOptions, backboneFromModel, createBackbone } from '../../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

function expectFoveaError(run: () => unknown, message: RegExp): void {
  const before = tf.memory().numTensors;
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(FoveaError);
  expect((error as FoveaError).code).toBe('E_INVALID_ARGUMENT');
  expect((error as FoveaError).message).toMatch(message);
  expect(tf.memory().numTensors).toBe(before);
}

const small = (options: BackboneOptions = {}) => createBackbone('resnet18', { inputShape: [32, 32, 3], initWeights: false, ...options });

describe('createBackbone rejects', () => {
  it.each<[string, () => unknown, RegExp]>([
    ['an unknown architecture', () => createBackbone('resnet51'), /Unknown architecture "resnet51"; use one of .*resnet50/],
    ['classifier options', () => small({ classes: 10, pooling: 'avg' }), /without its classifier; drop classes, pooling/],
    ['includeTop', () => small({ includeTop: true }), /drop includeTop/],
    ['a level the network lacks', () => small({ outLevels: [2, 6] }), /no level 6 \(stride 64\) at input \[32,32,3\]; its levels are C1 \(stride 2, 64 channels, layer 'conv1_relu'\), .*C5 \(stride 32, 512 channels, layer 'conv5_block2_out'\)/],
    ['an empty outLevels', () => small({ outLevels: [] }), /outLevels must be a non-empty array of integers >= 0.*got \[\]/],
    ['a fractional level', () => small({ outLevels: [2.5] }), /integers >= 0 .*got \[2.5\]/],
    ['a repeated level', () => small({ outLevels: [3, 3] }), /lists a level twice: \[3,3\]/],
    ['outLevels with returnLayers', () => small({ outLevels: [2], returnLayers: { a: 'conv1_relu' } }), /outLevels or returnLayers, not both/],
    ['an unknown layer', () => small({ returnLayers: { a: 'conv9' } }), /returnLayers\.a: model 'resnet18' has no layer 'conv9'/],
    ['an empty returnLayers', () => small({ returnLayers: {} }), /at least one feature name/],
  ])('%s', (_, run, message) => expectFoveaError(run, message));
});

describe('backboneFromModel rejects', () => {
  const dense = () => tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [8], units: 2 })] });
  const stride1 = () => tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 2, kernelSize: 3, padding: 'same', name: 'flat' })] });
  const twoInputs = () => {
    const a = tfl.input({ shape: [8, 8, 3] });
    const b = tfl.input({ shape: [8, 8, 3] });
    return tfl.model({ inputs: [a, b], outputs: tfl.layers.add({}).apply([a, b]) as tfl.SymbolicTensor });
  };
  const shared = () => {
    const input = tfl.input({ shape: [8, 8, 3] });
    const conv = tfl.layers.conv2d({ filters: 3, kernelSize: 3, padding: 'same', name: 'twice' });
    return tfl.model({ inputs: input, outputs: conv.apply(conv.apply(input)) as tfl.SymbolicTensor });
  };
  const classifier = () => tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [8, 8, 3], filters: 2, kernelSize: 3, strides: 4, name: 'c' }), tfl.layers.flatten({ name: 'flat' }), tfl.layers.dense({ units: 2, name: 'fc' })] });
  const channelsFirst = () => tfl.sequential({ layers: [tfl.layers.conv2d({ inputShape: [3, 8, 8], filters: 2, kernelSize: 3, strides: 4, dataFormat: 'channelsFirst', name: 'cf' })] });

  it.each<[string, () => tfl.LayersModel, (m: tfl.LayersModel) => unknown, RegExp]>([
    ['a model without an image input', dense, (m) => backboneFromModel(m), /one NHWC image input; '.*' has inputs \[null,8\]/],
    ['two inputs', twoInputs, (m) => backboneFromModel(m), /one NHWC image input; .* has inputs \[null,8,8,3\], \[null,8,8,3\]/],
    ['a network with nothing at stride 4', stride1, (m) => backboneFromModel(m), /no feature level at stride 4 or more \(levels: C0 \(stride 1, 2 channels, layer 'flat'\)\); pass outLevels/],
    ['a layer applied twice', shared, (m) => backboneFromModel(m, { returnLayers: { x: 'twice' } }), /'twice' is applied more than once/],
    ['a non-4D layer', classifier, (m) => backboneFromModel(m, { returnLayers: { x: 'fc' } }), /'fc' \(output \[null,2\]\) is not an NHWC feature map/],
    ['a channelsFirst network', channelsFirst, (m) => backboneFromModel(m), /'cf' is channelsFirst; .* 'channelsLast'/],
  ])('%s', (_, build, run, message) => {
    const model = build();
    expectFoveaError(() => run(model), message);
    model.dispose();
  });

  it.each([['undefined', undefined], ['a plain object', {}]])('%s in place of a model', (_, value) => {
    expectFoveaError(() => backboneFromModel(value as unknown as tfl.LayersModel), /needs a built tfjs LayersModel/);
  });
});

describe('features() rejects', () => {
  let backbone: Backbone;
  beforeAll(() => {
    backbone = small();
    return () => backbone.dispose();
  });
  it.each<[string, () => tf.Tensor]>([
    ['the wrong size', () => tf.zeros([1, 64, 64, 3])],
    ['the wrong channels', () => tf.zeros([1, 32, 32, 1])],
    ['a single image (rank 3)', () => tf.zeros([32, 32, 3])],
  ])('%s', (_, make) => {
    const x = make();
    expectFoveaError(() => backbone.features(x as tf.Tensor4D),
      new RegExp(`takes a \\[batch, height, width, channels\\] tensor matching \\[null,32,32,3\\] \\(null: any\\); got ${JSON.stringify(x.shape).replace(/[[\]]/g, '\\$&')}`));
    x.dispose();
  });
});
