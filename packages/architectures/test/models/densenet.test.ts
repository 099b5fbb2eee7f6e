import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { densenet, densenet121, densenet169, densenet201 } from '../../src/index.js';
import { inspect, relative } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('densenet', () => {
  it('DenseNet-121 is 2.83 G multiply-adds at 224x224 (within 1%)', () => {
    inspect(() => densenet121(), (_, s) => expect(relative(s.macs, 2.83e9)).toBeLessThan(0.01));
  });

  // Channels: 64 + 32 * n per block, halved by each transition.
  it.each([
    ['DenseNet-121', densenet121, 1024, 'conv5_block16_concat'],
    ['DenseNet-169', densenet169, 1664, 'conv5_block32_concat'],
    ['DenseNet-201', densenet201, 1920, 'conv5_block32_concat'],
  ])('%s: final channels at 7x7', (_, build, channels, last) => {
    inspect(() => build({ includeTop: false, pooling: 'avg' }), (model) => {
      expect(model.outputs[0].shape).toEqual([null, channels]);
      expect(model.getLayer(last).outputShape).toEqual([null, 7, 7, channels]);
    });
  });

  it('growthRate and reduction are parameters of the one builder', () => {
    inspect(() => densenet({ blocks: [1, 1, 1, 1], growthRate: 12, reduction: 1, includeTop: false }), (model) => {
      expect(model.outputs[0].shape).toEqual([null, 7, 7, 64 + 4 * 12]);
      expect(model.name).toBe('densenet13');
    });
  });

  it.each([
    ['three blocks', [6, 12, 24]],
    ['a zero block', [6, 0, 24, 16]],
  ])('rejects %s', (_, blocks) => {
    expect(() => densenet({ blocks: blocks as [number, number, number, number] })).toThrow(/blocks/);
  });
});
