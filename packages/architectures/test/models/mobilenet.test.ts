import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { mobilenet, mobilenetV2, mobilenetV3, mobilenetV3Large, mobilenetV3Small } from '../../src/index.js';
import { inspect, relative } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('MobileNet v1, v2, v3', () => {
  it('MobileNetV2 is 0.30 G multiply-adds at 224x224 (within 1%)', () => {
    inspect(() => mobilenetV2(), (_, s) => expect(relative(s.macs, 0.30e9)).toBeLessThan(0.01));
  });

  it.each([
    ['MobileNet v1', () => mobilenet({ includeTop: false }), [7, 7, 1024]],
    ['MobileNetV2', () => mobilenetV2({ includeTop: false }), [7, 7, 1280]],
    ['MobileNetV3-Large', () => mobilenetV3Large({ includeTop: false }), [7, 7, 960]],
    ['MobileNetV3-Small', () => mobilenetV3Small({ includeTop: false }), [7, 7, 576]],
    ['MobileNetV2 alpha 0.35 keeps 1280 at the end', () => mobilenetV2({ alpha: 0.35, includeTop: false }), [7, 7, 1280]],
    ['MobileNetV3-Large alpha 1.25 widens the last conv', () => mobilenetV3Large({ alpha: 1.25, includeTop: false }), [7, 7, 1200]],
  ])('%s features at 224x224', (_, build, shape) => {
    inspect(build, (model) => expect(model.outputs[0].shape).toEqual([null, ...shape]));
  });

  it('v1 and v3 keep Keras\'s convolutional classifier (1x1 convs after global pooling)', () => {
    inspect(() => mobilenet(), (model) => expect(model.getLayer('conv_preds').countParams()).toBe(1024 * 1000 + 1000));
    inspect(() => mobilenetV3Large(), (model) => {
      expect(model.getLayer('Conv_2').countParams()).toBe(960 * 1280 + 1280);
      expect(model.getLayer('Logits').countParams()).toBe(1280 * 1000 + 1000);
      expect(model.getLayer('rescaling').getConfig()).toMatchObject({ scale: 1 / 127.5, offset: -1 });
    });
    inspect(() => mobilenetV3Small({ includePreprocessing: false }), (model) => {
      expect(model.getLayer('Conv_2').countParams()).toBe(576 * 1024 + 1024);
      expect(model.layers.some((l) => l.name === 'rescaling')).toBe(false);
    });
  });

  it('v3 uses hard-swish late, ReLU early, and hard-sigmoid SE gates; minimalistic drops them', () => {
    inspect(() => mobilenetV3Large(), (model) => {
      expect(model.getLayer('expanded_conv_3_depthwise_relu').getClassName()).toBe('Activation');
      expect(model.getLayer('expanded_conv_6_depthwise_hardSwish').getClassName()).toBe('HardSwish');
      expect(model.getLayer('expanded_conv_3_se_expand_hardSigmoid').getClassName()).toBe('HardSigmoid');
    });
    inspect(() => mobilenetV3({ variant: 'large', minimalistic: true }), (model) => {
      expect(model.layers.some((l) => l.getClassName() === 'HardSwish' || l.name.includes('_se_'))).toBe(false);
    });
  });

  it.each([
    ['alpha 0', () => mobilenet({ alpha: 0 })],
    ['depthMultiplier 1.5', () => mobilenet({ depthMultiplier: 1.5 })],
    ['a negative alpha', () => mobilenetV2({ alpha: -1 })],
    ['an unknown variant', () => mobilenetV3({ variant: 'medium' as 'large' })],
  ])('rejects %s', (_, build) => {
    expect(build).toThrow();
  });
});
