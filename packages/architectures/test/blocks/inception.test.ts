import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HardSigmoid, type InceptionOptions, inceptionModule } from '../../src/index.js';
import { probe } from './probe.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

// Inception 3a (Table 1) on 28x28x192: 256 output channels.
const TABLE_3A = { conv1x1: 64, reduce3x3: 96, conv3x3: 128, reduce5x5: 16, conv5x5: 32, poolProj: 32 };
const PLAIN_3A = 192 * 64 + 64 + 192 * 96 + 96 + 9 * 96 * 128 + 128 + 192 * 16 + 16 + 25 * 16 * 32 + 32 + 192 * 32 + 32;
/** SE parameters on C channels squeezed to Cs: two 1x1 convolutions with biases. */
const seParams = (c: number, cs: number) => 2 * c * cs + cs + c;

describe('inceptionModule with squeeze-and-excitation (SE-Inception module, Hu et al. 2018 Fig. 2)', () => {
  it.each<[string, InceptionOptions['se'], number, string]>([
    ['off', false, PLAIN_3A, 'inception_3a_output'],
    ['SENet r = 16: 256 -> 16 -> 256', true, PLAIN_3A + seParams(256, 16), 'inception_3a_se_excite'],
    ['ratio 1/4 with a hard-sigmoid gate: 256 -> 64 -> 256', { ratio: 0.25, gate: 'hardSigmoid' }, PLAIN_3A + seParams(256, 64), 'inception_3a_se_excite'],
  ])('se %s: closed-form parameters, output shape, SE on the concatenated output', (_, se, params, last) => {
    const p = probe([28, 28, 192], (x) => inceptionModule(x, { ...TABLE_3A, se, name: 'inception_3a' }), (model) => {
      expect(model.layers[model.layers.length - 1].name).toBe(last);
      if (se === false) return;
      // The SE block squeezes the concatenation of the four branches (not any one branch).
      expect(model.getLayer('inception_3a_se_squeeze').inboundNodes[0].inboundLayers[0].name).toBe('inception_3a_output');
    });
    expect(p.shape).toEqual([null, 28, 28, 256]);
    expect(p.params).toBe(params);
    if (typeof se === 'object') expect(p.layers.get('inception_3a_se_expand_hardSigmoid')).toBeInstanceOf(HardSigmoid);
  });
});
