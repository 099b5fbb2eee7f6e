import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type InvertedResidualOptions, invertedResidual } from '../../src/index.js';
import { convBn, probe } from './probe.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** Depthwise k x k over c channels + BN. */
const dwBn = (k: number, c: number) => k * k * c + 4 * c;

describe('invertedResidual', () => {
  it.each<[string, number[], InvertedResidualOptions, (number | null)[], number, boolean]>([
    // [name, input, options, output shape, params, has residual add]
    ['t=6 identity (MobileNetV2 block_2)', [8, 8, 24], { filters: 24, expansion: 6, expandDivisor: 1 }, [null, 8, 8, 24],
      convBn(1, 24, 144) + dwBn(3, 144) + convBn(1, 144, 24), true],
    ['t=6 stride 2, no add', [8, 8, 24], { filters: 32, expansion: 6, strides: 2, expandDivisor: 1 }, [null, 4, 4, 32],
      convBn(1, 24, 144) + dwBn(3, 144) + convBn(1, 144, 32), false],
    ['odd input, stride 2 rounds up (Keras correct_pad)', [7, 7, 16], { filters: 16, expansion: 1, strides: 2 }, [null, 4, 4, 16],
      dwBn(3, 16) + convBn(1, 16, 16), false],
    ['t=1 has no expansion conv', [4, 4, 32], { filters: 16, expansion: 1 }, [null, 4, 4, 16], dwBn(3, 32) + convBn(1, 32, 16), false],
    ['width change at stride 1, no add', [4, 4, 16], { filters: 24, expansion: 4 }, [null, 4, 4, 24],
      convBn(1, 16, 64) + dwBn(3, 64) + convBn(1, 64, 24), false],
    // MobileNetV3-Small expanded_conv_1: 16 * 72/16 = 72 hidden; 5x5 kernel elsewhere.
    ['V3 fractional expansion, hidden rounded to 8', [8, 8, 24], { filters: 24, expansion: 88 / 24, kernelSize: 3 }, [null, 8, 8, 24],
      convBn(1, 24, 88) + dwBn(3, 88) + convBn(1, 88, 24), true],
    ['V3 with SE: squeeze to makeDivisible(C / 4, 8) = 24', [8, 8, 40], {
      filters: 40, expansion: 6, kernelSize: 5, activation: 'hardSwish', se: { ratio: 0.25, divisor: 8, gate: 'hardSigmoid' },
    }, [null, 8, 8, 40], convBn(1, 40, 240) + dwBn(5, 240) + (240 * 64 + 64 + 64 * 240 + 240) + convBn(1, 240, 40), true],
  ])('%s', (_, input, options, shape, params, hasAdd) => {
    const p = probe(input, (x) => invertedResidual(x, { ...options, name: 'b' }));
    expect(p.shape).toEqual(shape);
    expect(p.params).toBe(params);
    expect(p.layers.has('b_add')).toBe(hasAdd);
  });

  it('puts stochastic depth on the residual branch only when there is one', () => {
    const withAdd = probe([4, 4, 8], (x) => invertedResidual(x, { filters: 8, expansion: 2, dropPath: 0.1, name: 'b' }));
    const without = probe([4, 4, 8], (x) => invertedResidual(x, { filters: 8, expansion: 2, strides: 2, dropPath: 0.1, name: 'b' }));
    expect(withAdd.layers.get('b_drop')?.getConfig().rate).toBe(0.1);
    expect(without.layers.has('b_drop')).toBe(false);
  });

  it.each([
    ['expansion below 1', { filters: 8, expansion: 0.5 }],
    ['stride 3', { filters: 8, expansion: 2, strides: 3 }],
  ])('rejects %s', (_, options) => {
    expect(() => probe([4, 4, 8], (x) => invertedResidual(x, options))).toThrow(/invertedResidual/);
  });
});
