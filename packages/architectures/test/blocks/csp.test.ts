import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type SymbolicTensor, cspBottleneck, cspStage, darkBlock } from '../../src/index.js';
import { convBn, probe } from './probe.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('CSPNet blocks (timm CrossStage, BottleneckBlock, DarkBlock)', () => {
  it.each<[string, number[], (x: SymbolicTensor) => SymbolicTensor, (number | null)[], number]>([
    ['darkBlock 64, half-width bottleneck', [8, 8, 64], (x) => darkBlock(x, { filters: 64 }), [null, 8, 8, 64], convBn(1, 64, 32) + convBn(3, 32, 64)],
    ['cspBottleneck 128, 32 groups', [8, 8, 128], (x) => cspBottleneck(x, { filters: 128, groups: 32 }), [null, 8, 8, 128],
      convBn(1, 128, 128) + convBn(3, 128, 128, 32) + convBn(1, 128, 128)],
    // cspdarknet53's first stage: down 32 -> 64 (stride 2), expand to 128, halves of 64, one dark block (mid 32), transitions.
    ['CSPDarknet-53 stage 1', [16, 16, 32], (x) => cspStage(x, {
      filters: 64, depth: 1, block: 'dark', downGrowth: true, expandRatio: 2, bottleRatio: 0.5, blockRatio: 1,
    }), [null, 8, 8, 64], convBn(3, 32, 64) + convBn(1, 64, 128) + convBn(1, 64, 32) + convBn(3, 32, 64) + convBn(1, 64, 64) + convBn(1, 128, 64)],
    // cspresnext50's first stage: no down-sampling, linear expansion 64 -> 256, three grouped bottlenecks of 128.
    ['CSPResNeXt-50 stage 1', [8, 8, 64], (x) => cspStage(x, {
      filters: 256, depth: 3, strides: 1, groups: 32, blockRatio: 0.5, crossLinear: true,
    }), [null, 8, 8, 256], convBn(1, 64, 256) + 3 * (2 * convBn(1, 128, 128) + convBn(3, 128, 128, 32)) + convBn(1, 128, 128) + convBn(1, 256, 256)],
  ])('%s', (_, input, block, shape, params) => {
    const p = probe(input, block);
    expect(p.shape).toEqual(shape);
    expect(p.params).toBe(params);
  });

  it('splits the expansion in halves, the cross half first in the concatenation', () => {
    probe([8, 8, 64], (x) => cspStage(x, { filters: 64, depth: 1, strides: 1, blockRatio: 0.5, name: 's' }), (model) => {
      const cross = model.getLayer('s_cross').getConfig();
      const split = model.getLayer('s_split').getConfig();
      expect([cross.begin, cross.size, split.begin, split.size]).toEqual([0, 32, 32, 32]);
      const inbound = model.getLayer('s_concat').inboundNodes[0].inboundLayers.map((l) => l.name);
      expect(inbound).toEqual(['s_cross', 's_conv_transition_b_leaky_relu']);
      expect(model.getLayer('s_conv_exp_leaky_relu').getConfig().alpha).toBeCloseTo(0.01, 6);
    });
  });

  it.each([
    ['block width unequal to half the expansion', (x: SymbolicTensor) => cspStage(x, { filters: 64, depth: 1, blockRatio: 1 }), /half the expansion/],
    ['a block whose input width differs from filters', (x: SymbolicTensor) => darkBlock(x, { filters: 16 }), /identity/],
    ['too few drop-path rates', (x: SymbolicTensor) => cspStage(x, { filters: 64, depth: 2, blockRatio: 0.5, dropPath: [0.1] }), /one per block/],
  ])('rejects %s', (_, block, message) => {
    expect(() => probe([8, 8, 32], block)).toThrow(message);
  });
});
