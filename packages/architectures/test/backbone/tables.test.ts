// Levels of representative architectures against independent references: torchvision's create_feature_extractor
// on the same cut points (fixtures/torchvision_features.py, run offline), and hand-derived tables for the
// 'valid'-padding networks torchvision does not have in this form.
import { readFileSync } from 'node:fs';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BackboneOptions, createBackbone } from '../../src/index.js';
import { table, using } from './helpers.js';

interface FixtureLevel { name: string; node: string; shape: [number, number, number] }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/torchvision_features.json', import.meta.url), 'utf8')) as {
  models: Record<string, Record<string, FixtureLevel[]>>;
};

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

const build = (name: string, side: number, options: BackboneOptions = {}) => () =>
  createBackbone(name, { inputShape: [side, side, 3], initWeights: false, ...options });

// [fixture key, registry name, options, layer names the rule must pick]
const CASES: [string, string, BackboneOptions, string[]][] = [
  ['resnet50', 'resnet50', {}, ['conv2_block3_out', 'conv3_block4_out', 'conv4_block6_out', 'conv5_block3_out']],
  ['resnet50', 'resnet50', { variant: 'torchvision' }, ['conv2_block3_out', 'conv3_block4_out', 'conv4_block6_out', 'conv5_block3_out']],
  ['densenet121', 'densenet121', {}, ['pool2_conv', 'pool3_conv', 'pool4_conv', 'relu']],
  ['mobilenet_v2', 'mobilenet_v2', {}, ['block_3_expand_relu6', 'block_6_expand_relu6', 'block_13_expand_relu6', 'Conv_1_relu6']],
  ['efficientnet_b0', 'efficientnet_b0', {}, ['block3a_expand_swish', 'block4a_expand_swish', 'block6a_expand_swish', 'top_swish']],
  // timm's default feature_info (stage outputs 16, 24, 40, 112, 320) is a returnLayers away.
  ['efficientnet_b0_timm', 'efficientnet_b0', {
    returnLayers: { C1: 'block1a_project_bn', C2: 'block2b_add', C3: 'block3b_add', C4: 'block5c_add', C5: 'block7a_project_bn' },
  }, ['block1a_project_bn', 'block2b_add', 'block3b_add', 'block5c_add', 'block7a_project_bn']],
  ['vgg16', 'vgg16', { outLevels: [0, 1, 2, 3, 4, 5] }, ['block1_conv2', 'block2_conv2', 'block3_conv3', 'block4_conv3', 'block5_conv3', 'block5_pool']],
  ['googlenet', 'googlenet', {}, ['conv2_norm', 'inception_3b_output', 'inception_4e_output', 'inception_5b_output']],
];

// torchvision's GoogLeNet pools with ceil_mode=True, this one (like the paper's Caffe model in TF) with 'same'
// padding: equal at sides divisible by 32, not at 97.
const ODD_SIDE_DIFFERS = new Set(['googlenet']);

describe('levels match torchvision feature extractors cut at the same points', () => {
  const rows = CASES.flatMap(([key, name, options, layers]) =>
    Object.keys(fixture.models[key]).filter((side) => side !== '97' || !ODD_SIDE_DIFFERS.has(key))
      .map((side) => [`${key} ${JSON.stringify(options)}`, Number(side), key, name, options, layers] as const));

  it.each(rows)('%s at %i', (_, side, key, name, options, layers) => {
    using(build(name, side, options), (backbone) => {
      const expected = fixture.models[key][String(side)].map(({ name: level, shape: [c, h, w] }) =>
        [level, 2 ** Number(level.slice(1)), c, h, w]);
      expect(table(backbone)).toEqual(expected);
      expect(backbone.featureInfo.map((f) => f.layer)).toEqual(layers);
    });
  });
});

describe('hand-derived tables', () => {
  it.each([
    // LeNet-5 at 28: C1 'same' 28x28x6, S2 14, C3 'valid' 10x10x16, S4 5, C5 'valid' 5x5 -> 1x1x120.
    ['lenet5', 28, [0, 1, 2], [['C0', 1, 6, 28, 28], ['C1', 2, 16, 10, 10], ['C2', 4, 120, 1, 1]], ['c1', 'c3', 'c5']],
    // AlexNet at 227: C1 11x11/4 'valid' 55 (stride 4, not 227/55), S2 3x3/2 27, S4 13, S8 6.
    ['alexnet', 227, undefined, [['C2', 4, 96, 55, 55], ['C3', 8, 256, 27, 27], ['C4', 16, 256, 13, 13], ['C5', 32, 256, 6, 6]],
      ['c1_lrn', 'c3_lrn', 'c7_relu', 's8']],
    // AlexNet at its smallest input: 67 -> 15 -> 7 -> 3 -> 1, yet C5 is stride 32 (67/1 would say 64).
    ['alexnet', 67, [5], [['C5', 32, 256, 1, 1]], ['s8']],
    // Xception's 'valid' stem: 64 -> 31 -> 29, then 'same' pools 15, 8, 4, 2.
    ['xception', 64, undefined, [['C2', 4, 128, 15, 15], ['C3', 8, 256, 8, 8], ['C4', 16, 728, 4, 4], ['C5', 32, 2048, 2, 2]],
      ['block2_add', 'block3_add', 'block12_add', 'block14_sepconv2_act']],
  ] as const)('%s at %i, outLevels %j', (name, side, outLevels, expected, layers) => {
    const channels = name === 'lenet5' ? 1 : 3;
    const options = { inputShape: [side, side, channels] as [number, number, number], initWeights: false, outLevels: outLevels as number[] | undefined };
    using(() => createBackbone(name, options), (backbone) => {
      expect(table(backbone)).toEqual(expected);
      expect(backbone.featureInfo.map((f) => f.layer)).toEqual(layers);
    });
  });
});
