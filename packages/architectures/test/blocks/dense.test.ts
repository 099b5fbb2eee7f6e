import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SymbolicTensor, denseBlock, denseLayer, transitionBlock } from '../../src/index.js';
import { probe } from './probe.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** One DenseNet-B layer on `c` channels with growth k: BN(c), 1x1 c->4k, BN(4k), 3x3 4k->k. */
const layerParams = (c: number, k: number) => 4 * c + c * 4 * k + 4 * 4 * k + 9 * 4 * k * k;

describe('DenseNet blocks', () => {
  it.each<[string, number[], (x: SymbolicTensor) => SymbolicTensor, (number | null)[], number]>([
    ['denseLayer adds k channels', [8, 8, 64], (x) => denseLayer(x), [null, 8, 8, 96], layerParams(64, 32)],
    ['denseLayer k = 12', [8, 8, 24], (x) => denseLayer(x, { growthRate: 12 }), [null, 8, 8, 36], layerParams(24, 12)],
    ['denseBlock of 6 (DenseNet-121 conv2): 64 -> 256', [8, 8, 64], (x) => denseBlock(x, { layers: 6 }), [null, 8, 8, 256],
      [0, 1, 2, 3, 4, 5].reduce((n, i) => n + layerParams(64 + 32 * i, 32), 0)],
    ['transition halves channels and size', [8, 8, 256], (x) => transitionBlock(x), [null, 4, 4, 128], 4 * 256 + 256 * 128],
    ['transition floors odd sizes and channels', [7, 7, 33], (x) => transitionBlock(x), [null, 3, 3, 16], 4 * 33 + 33 * 16],
  ])('%s', (_, input, block, shape, params) => {
    const p = probe(input, block);
    expect(p.shape).toEqual(shape);
    expect(p.params).toBe(params);
  });

  it('names layers as Keras (conv2_block1_1_conv, pool2_conv)', () => {
    const p = probe([8, 8, 64], (x) => transitionBlock(denseBlock(x, { layers: 2, name: 'conv2' }), { name: 'pool2' }));
    for (const name of ['conv2_block1_0_bn', 'conv2_block1_1_conv', 'conv2_block2_2_conv', 'conv2_block2_concat', 'pool2_conv', 'pool2_pool']) {
      expect(p.layers.has(name), name).toBe(true);
    }
  });

  it.each([
    ['0 layers', (x: SymbolicTensor) => denseBlock(x, { layers: 0 })],
    ['growth 0', (x: SymbolicTensor) => denseLayer(x, { growthRate: 0 })],
    ['reduction 0', (x: SymbolicTensor) => transitionBlock(x, { reduction: 0 })],
  ])('rejects %s', (_, block) => {
    expect(() => probe([4, 4, 8], block)).toThrow();
  });
});
