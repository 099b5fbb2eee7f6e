import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cspdarknet53, cspnet, cspresnext50 } from '../../src/index.js';
import { inspect } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('cspnet', () => {
  it.each([
    ['CSPResNeXt-50', cspresnext50, [[64, 64], [64, 256], [32, 512], [16, 1024], [8, 2048]]],
    ['CSPDarknet-53', cspdarknet53, [[256, 32], [128, 64], [64, 128], [32, 256], [16, 512], [8, 1024]]],
  ])('%s: stem and stage outputs at 256x256 (side, channels)', (_, build, expected) => {
    inspect(() => build({ includeTop: false }), (model) => {
      const names = ['stem', ...expected.slice(1).map((__, i) => `stage${i + 1}`)];
      const last = (prefix: string) => model.layers.filter((l) => l.name.startsWith(`${prefix}_`)).at(-1)!;
      expect(names.map((n) => { const s = last(n).outputShape; return [s[1], s[3]]; })).toEqual(expected);
    });
  });

  it('spreads stochastic depth linearly over every block (timm drop_path_rate)', () => {
    inspect(() => cspdarknet53({ dropPath: 0.2 }), (model) => {
      const rates = model.layers.filter((l) => l.name.endsWith('_drop_path')).map((l) => l.getConfig().rate as number);
      expect(rates).toHaveLength(1 + 2 + 8 + 8 + 4 - 1); // the first block's rate is 0: no layer
      expect(rates[0]).toBeCloseTo(0.2 / 22, 12);
      expect(rates.at(-1)).toBeCloseTo(0.2, 12);
    });
  });

  it.each([
    ['stem stride 3', { stem: { filters: 32, kernelSize: 3, stemStride: 3 as 1 }, stages: [{ filters: 64, depth: 1, blockRatio: 0.5 }] }],
    ['no stages', { stem: { filters: 32, kernelSize: 3, stemStride: 1 as const }, stages: [] }],
  ])('rejects %s', (_, options) => {
    expect(() => cspnet(options)).toThrow();
  });
});
