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
    ['xception', { middleBlocks: 2 }],
    ['vgg16', { batchNorm: true }],
    ['lenet5', {}],
  ])('%s uses %j', (name, options) => {
    expect(scaledConfig(name).options).toEqual(options);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => scaledConfig('resnet9')).toThrow(/Unknown architecture "resnet9"; use one of lenet5, alexnet/);
  });
});
