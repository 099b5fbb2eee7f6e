import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { basicBlock, bottleneck, convBnAct, inceptionModule, makeDivisible, squeezeExcite, type SymbolicTensor, withZeroInit } from '../../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** Builds input -> block, returns [output shape, params], disposes. */
function probe(shape: number[], block: (x: SymbolicTensor) => SymbolicTensor): [(number | null)[], number] {
  const before = tf.memory().numTensors;
  const model = withZeroInit(() => {
    const input = tfl.input({ shape });
    return tfl.model({ inputs: input, outputs: block(input) });
  });
  const result: [(number | null)[], number] = [model.outputs[0].shape, model.countParams()];
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

describe('blocks: output shapes and closed-form parameter counts', () => {
  it.each<[string, number[], (x: SymbolicTensor) => SymbolicTensor, (number | null)[], number]>([
    ['convBnAct 3x3, BN, no bias', [8, 8, 16], (x) => convBnAct(x, { filters: 32, kernelSize: 3 }), [null, 8, 8, 32], 9 * 16 * 32 + 4 * 32],
    ['convBnAct stride 2, torch padding 1', [8, 8, 16], (x) => convBnAct(x, { filters: 8, kernelSize: 3, strides: 2, padding: 1 }), [null, 4, 4, 8], 9 * 16 * 8 + 32],
    ['convBnAct grouped, bias, no BN', [5, 5, 8], (x) => convBnAct(x, { filters: 8, kernelSize: 3, groups: 4, batchNorm: false, padding: 'valid' }), [null, 3, 3, 8], 9 * 2 * 8 + 8],
    ['squeezeExcite C=256, r=16', [4, 4, 256], (x) => squeezeExcite(x), [null, 4, 4, 256], 2 * 256 * 16 + 16 + 256],
    ['basicBlock identity', [8, 8, 64], (x) => basicBlock(x, { filters: 64 }), [null, 8, 8, 64], 2 * (9 * 64 * 64 + 4 * 64)],
    ['basicBlock stride 2 + projection', [8, 8, 64], (x) => basicBlock(x, { filters: 128, strides: 2 }),
      [null, 4, 4, 128], 9 * 64 * 128 + 9 * 128 * 128 + 64 * 128 + 3 * 4 * 128],
    ['bottleneck ResNet-50 conv2_block1 (torchvision)', [56, 56, 64], (x) => bottleneck(x, { filters: 64 }),
      [null, 56, 56, 256], 64 * 64 + 9 * 64 * 64 + 64 * 256 + 64 * 256 + 4 * (64 + 64 + 256 + 256)],
    ['bottleneck ResNeXt 32x4d conv2_block1', [8, 8, 64], (x) => bottleneck(x, { filters: 64, groups: 32, widthPerGroup: 4 }),
      [null, 8, 8, 256], 64 * 128 + 9 * 4 * 128 + 128 * 256 + 64 * 256 + 4 * (128 + 128 + 256 + 256)],
    ['bottleneck Keras (biases)', [8, 8, 256], (x) => bottleneck(x, { filters: 64, variant: 'keras' }),
      [null, 8, 8, 256], 256 * 64 + 64 + 9 * 64 * 64 + 64 + 64 * 256 + 256 + 4 * (64 + 64 + 256)],
    ['inception 3a', [28, 28, 192], (x) => inceptionModule(x, { conv1x1: 64, reduce3x3: 96, conv3x3: 128, reduce5x5: 16, conv5x5: 32, poolProj: 32 }),
      [null, 28, 28, 256], 192 * 64 + 64 + 192 * 96 + 96 + 9 * 96 * 128 + 128 + 192 * 16 + 16 + 25 * 16 * 32 + 32 + 192 * 32 + 32],
  ])('%s', (_, shape, block, outShape, params) => {
    expect(probe(shape, block)).toEqual([outShape, params]);
  });

  it.each([[16, 8, 16], [4, 8, 8], [12, 8, 16], [37.5, 8, 40], [10, 1, 10]])('makeDivisible(%s, %s) = %s', (v, d, expected) => {
    expect(makeDivisible(v, d)).toBe(expected);
  });

  it('rejects a basic block with groups', () => {
    expect(() => probe([8, 8, 64], (x) => basicBlock(x, { filters: 64, groups: 2 }))).toThrow(/groups 1/);
  });
});
