import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { xception } from '../../src/index.js';
import { inspect } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('xception', () => {
  it('has the entry/middle/exit flows of Keras: 10x10x2048 features at 299x299, 8 middle blocks', () => {
    inspect(() => xception({ includeTop: false }), (model) => {
      expect(model.outputs[0].shape).toEqual([null, 10, 10, 2048]);
      expect(model.getLayer('block1_conv2_conv').outputShape).toEqual([null, 147, 147, 64]);
      expect(model.layers.filter((l) => l.getClassName() === 'SeparableConv2D')).toHaveLength(2 + 2 + 2 + 8 * 3 + 2 + 2);
      expect(model.getLayer('block12_add').outputShape).toEqual([null, 19, 19, 728]);
      expect(model.getLayer('block13_sepconv2').countParams()).toBe(9 * 728 + 728 * 1024);
    });
  });

  it.each([
    [0, 22_910_480 - 8 * 3 * (9 * 728 + 728 * 728 + 4 * 728)],
    [4, 22_910_480 - 4 * 3 * (9 * 728 + 728 * 728 + 4 * 728)],
  ])('middleBlocks = %i removes whole middle-flow blocks', (middleBlocks, params) => {
    inspect(() => xception({ middleBlocks }), (model) => expect(model.countParams()).toBe(params));
  });

  it('builds at 32x32 and rejects smaller inputs or negative middleBlocks', () => {
    inspect(() => xception({ inputShape: [32, 32, 3], classes: 5 }), (model) => expect(model.outputs[0].shape).toEqual([null, 5]));
    expect(() => xception({ inputShape: [31, 31, 3] })).toThrow(/32x32/);
    expect(() => xception({ middleBlocks: -1 })).toThrow(/middleBlocks/);
  });
});
