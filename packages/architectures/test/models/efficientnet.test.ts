import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { efficientnet, efficientnetB0, efficientnetB3, efficientnetB7 } from '../../src/index.js';
import { inspect, relative } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** Blocks per stage and each stage's output channels, read from the `block{stage}{letter}_project_conv` layers. */
function stages(names: string[], channelsOf: (name: string) => number): [number[], number[]] {
  const repeats = [1, 2, 3, 4, 5, 6, 7].map((s) => names.filter((n) => new RegExp(`^block${s}[a-z]_project_conv$`).test(n)).length);
  return [repeats, [1, 2, 3, 4, 5, 6, 7].map((s) => channelsOf(`block${s}a_project_conv`))];
}

describe('efficientnet (compound scaling)', () => {
  // The paper and torchvision's table give EfficientNet-B0 0.39 G multiply-adds; torchvision's unrounded 0.386
  // counts convolutions and dense layers only. summarize also counts SE's recalibration multiplies, one per
  // element of each MBConv block's expanded map: 112*112*32 + 56*56*(96+144) + 28*28*(144+240) + 14*14*(240+480*2)
  // + 14*14*(480+672*2) + 7*7*(672+1152*3) + 7*7*1152 = 2,306,528 by hand.
  it('EfficientNet-B0: 0.39 G multiply-adds at 224x224 (within 1% of both 0.39 and torchvision\'s 0.386)', () => {
    inspect(() => efficientnetB0(), (_, s) => {
      const recalibration = s.layers.filter((l) => l.className === 'Multiply').reduce((n, l) => n + l.macs, 0);
      expect(recalibration).toBe(2_306_528);
      expect(relative(s.macs, 0.39e9)).toBeLessThan(0.01);
      expect(relative(s.macs, 0.386e9)).toBeLessThan(0.01);
      expect(relative(s.macs - recalibration, 0.386e9)).toBeLessThan(0.001);
    });
  });

  // Table 1 of the paper scaled: repeats ceil(n * d), channels round_filters(c * w) (multiples of 8).
  it.each([
    ['B0', efficientnetB0, [1, 2, 2, 3, 3, 4, 1], [16, 24, 40, 80, 112, 192, 320], 32, 1280, 224],
    ['B3', efficientnetB3, [2, 3, 3, 5, 5, 6, 2], [24, 32, 48, 96, 136, 232, 384], 40, 1536, 300],
    ['B7', efficientnetB7, [4, 7, 7, 10, 10, 13, 4], [32, 48, 80, 160, 224, 384, 640], 64, 2560, 600],
  ])('%s: stage repeats and channels of Table 1 compound-scaled', (_, build, repeats, channels, stem, top, side) => {
    inspect(() => build(), (model) => {
      const channelsOf = (name: string) => model.getLayer(name).outputShape[3] as number;
      expect(stages(model.layers.map((l) => l.name), channelsOf)).toEqual([repeats, channels]);
      expect([channelsOf('stem_conv'), channelsOf('top_conv')]).toEqual([stem, top]);
      expect(model.inputs[0].shape).toEqual([null, side, side, 3]);
    });
  });

  it('drop-connect rises linearly, 0.2 * b / blocks, on blocks with a residual', () => {
    inspect(() => efficientnetB0(), (model) => {
      const rates = model.layers.filter((l) => l.name.endsWith('_drop')).map((l) => [l.name, l.getConfig().rate]);
      // B0 has 16 blocks; the 9 with a skip are b = 2, 4, 6, 8, 9, 11, 12, 13, 14 (0-based).
      expect(rates.map(([n]) => n)).toEqual(['block2b_drop', 'block3b_drop', 'block4b_drop', 'block4c_drop', 'block5b_drop', 'block5c_drop', 'block6b_drop', 'block6c_drop', 'block6d_drop']);
      [2, 4, 6, 7, 9, 10, 12, 13, 14].forEach((b, i) => expect(rates[i][1]).toBeCloseTo((0.2 * b) / 16, 12));
    });
  });

  it('counts Keras\'s 7 Normalization statistics, non-trainable, and drops them without preprocessing', () => {
    inspect(() => efficientnetB0(), (model) => {
      const layer = model.getLayer('normalization');
      expect([layer.countParams(), layer.trainableWeights.length]).toEqual([7, 0]);
    });
    inspect(() => efficientnetB0({ includePreprocessing: false }), (model) => expect(model.countParams()).toBe(5_330_571 - 7));
  });

  it.each([
    ['a zero width', { widthCoefficient: 0, depthCoefficient: 1, dropout: 0.2 }],
    ['dropout 1', { widthCoefficient: 1, depthCoefficient: 1, dropout: 1 }],
    ['a negative drop-connect rate', { widthCoefficient: 1, depthCoefficient: 1, dropout: 0.2, dropConnectRate: -0.1 }],
  ])('rejects %s', (_, options) => {
    expect(() => efficientnet(options)).toThrow();
  });
});
