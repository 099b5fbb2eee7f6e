import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type MBConvOptions, mbConv } from '../../src/index.js';
import { convBn, probe } from './probe.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** SE on `c` channels squeezed to `s`, both 1x1 convs with bias. */
const se = (c: number, s: number) => c * s + s + s * c + c;

describe('mbConv (EfficientNet)', () => {
  it.each<[string, number[], MBConvOptions, (number | null)[], number]>([
    // Keras EfficientNet-B0 block1a: 32 -> 16, t=1, SE squeezes max(1, floor(32 * 0.25)) = 8.
    ['block1a: no expansion', [16, 16, 32], { filters: 16, expandRatio: 1 }, [null, 16, 16, 16],
      9 * 32 + 4 * 32 + se(32, 8) + convBn(1, 32, 16)],
    // block2a: 16 -> 24, t=6, stride 2; SE squeezes from the INPUT width: floor(16 / 4) = 4 (not 96 / 4).
    ['block2a: stride 2, SE from the input width', [16, 16, 16], { filters: 24, expandRatio: 6, strides: 2 }, [null, 8, 8, 24],
      convBn(1, 16, 96) + 9 * 96 + 4 * 96 + se(96, 4) + convBn(1, 96, 24)],
    ['block3b: 5x5 identity', [8, 8, 40], { filters: 40, expandRatio: 6, kernelSize: 5 }, [null, 8, 8, 40],
      convBn(1, 40, 240) + 25 * 240 + 4 * 240 + se(240, 10) + convBn(1, 240, 40)],
    ['seRatio 0 drops SE', [8, 8, 8], { filters: 8, expandRatio: 2, seRatio: 0 }, [null, 8, 8, 8],
      convBn(1, 8, 16) + 9 * 16 + 4 * 16 + convBn(1, 16, 8)],
  ])('%s', (_, input, options, shape, params) => {
    const p = probe(input, (x) => mbConv(x, { ...options, name: 'b' }));
    expect(p.shape).toEqual(shape);
    expect(p.params).toBe(params);
  });

  it('uses swish activations and a sigmoid SE gate, BN epsilon 1e-3 and momentum 0.99', () => {
    const p = probe([4, 4, 8], (x) => mbConv(x, { filters: 8, expandRatio: 4, name: 'b' }));
    expect(p.layers.get('b_expand_swish')?.getClassName()).toBe('Swish');
    expect(p.layers.get('b_depthwise_swish')?.getClassName()).toBe('Swish');
    expect(p.layers.get('b_se_expand_sigmoid')?.getConfig().activation).toBe('sigmoid');
    const bn = p.layers.get('b_depthwise_bn')!.getConfig();
    expect([bn.epsilon, bn.momentum]).toEqual([1e-3, 0.99]);
  });

  it('rejects seRatio above 1', () => {
    expect(() => probe([4, 4, 8], (x) => mbConv(x, { filters: 8, expandRatio: 1, seRatio: 2 }))).toThrow(/seRatio/);
  });
});
