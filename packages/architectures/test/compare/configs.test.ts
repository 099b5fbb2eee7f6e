import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COMPARE_NAMES, buildScaled, listArchitectures, scaledConfig, withZeroInit } from '../../src/index.js';

describe('scaled-down configurations', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it('default set: one architecture per registry family', () => {
    const families = [...new Set(listArchitectures().map((e) => e.family))];
    const chosen = DEFAULT_COMPARE_NAMES.map((n) => listArchitectures().find((e) => e.name === n)!.family);
    expect([...chosen].sort()).toEqual([...families].sort());
  });

  // Zero-initialised on cpu: only the graph is checked.
  it.each(listArchitectures().map((e) => [e.name, e.minInputSize] as const))('%s builds for 10 classes of 32x32 grey images', (name, minSide) => {
    const before = tf.memory().numTensors;
    const side = Math.max(32, minSide);
    const model = withZeroInit(() => buildScaled(name, [side, side, 1], 10));
    expect(model.inputs[0].shape).toEqual([null, side, side, 1]);
    expect(model.outputs[0].shape).toEqual([null, 10]);
    expect(scaledConfig(name).note.length).toBeGreaterThan(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['mobilenet_v1', { alpha: 0.5 }],
    ['densenet121', { growthRate: 12 }],
    ['xception', { width: 0.25 }],
    ['vgg16', { width: 0.125, batchNorm: true }],
    ['alexnet', { width: 0.125 }],
    ['resnet18', { width: 0.25 }],
    ['resnext50_32x4d', { width: 0.25 }],
    ['cspdarknet53', { width: 0.125 }],
    ['googlenet', { width: 0.25, batchNorm: true }],
    ['efficientnet_b0', { widthCoefficient: 0.5, depthCoefficient: 0.5, dropout: 0.2, includePreprocessing: false }],
    ['efficientnet_b1', { includePreprocessing: false }],
    ['lenet5', {}],
  ])('%s uses %j', (name, options) => {
    expect(scaledConfig(name).options).toEqual(options);
  });

  // The counts scaledConfig's TSDoc states: every default model between LeNet-5's 92 k and 1.4 M parameters
  // (published: 4-138 M). The widths themselves are checked against closed forms in test/models/width.test.ts.
  it.each([
    ['lenet5', 91_946], ['alexnet', 344_290], ['googlenet', 382_938], ['vgg16', 533_074], ['resnet18', 704_218], ['xception', 1_368_332],
    ['mobilenet_v1', 834_378], ['mobilenet_v2', 718_746], ['mobilenet_v3_small', 1_036_514], ['densenet121', 1_089_202],
    ['efficientnet_b0', 676_138], ['cspdarknet53', 425_486],
  ])('%s has %d parameters for 10 classes of 32x32 grey images', (name, params) => {
    const before = tf.memory().numTensors;
    const side = name === 'alexnet' ? 67 : 32;
    const model = withZeroInit(() => buildScaled(name, [side, side, 1], 10));
    expect(model.countParams()).toBe(params);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the default set is what scaledConfig documents: 0.09-1.4 M parameters each', () => {
    for (const name of DEFAULT_COMPARE_NAMES) {
      const side = Math.max(32, listArchitectures().find((e) => e.name === name)!.minInputSize);
      const model = withZeroInit(() => buildScaled(name, [side, side, 1], 10));
      expect(model.countParams(), name).toBeGreaterThanOrEqual(90_000);
      expect(model.countParams(), name).toBeLessThanOrEqual(1_400_000);
      model.dispose();
    }
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => scaledConfig('resnet9')).toThrow(/Unknown architecture "resnet9"; use one of lenet5, alexnet/);
  });
});
