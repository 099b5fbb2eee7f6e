import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type GoogLeNetOptions, LocalResponseNormalization, getArchitecture, googlenet, seinception } from '../../src/index.js';
import { inspect } from './build.js';

/** PyTorch builds of the same structures (test/fixtures/googlenet_params.py, run offline). */
const fixture = JSON.parse(readFileSync(new URL('../fixtures/googlenet_params.json', import.meta.url), 'utf8')) as {
  params: number;
  variants: { name: string; batchNorm: boolean; se: boolean; width: number; input: [number, number, number]; classes: number; params: number }[];
};
const variant = (name: string) => fixture.variants.find((v) => v.name === name)!;

/** Output channels of the 9 inception modules at width 1 (#1x1 + #3x3 + #5x5 + pool proj of Table 1). */
const MODULE_CHANNELS: [string, number][] = [
  ['3a', 256], ['3b', 480], ['4a', 512], ['4b', 512], ['4c', 512], ['4d', 528], ['4e', 832], ['5a', 832], ['5b', 1024],
];
/** SE parameters on C channels squeezed to Cs: two 1x1 convolutions with biases. */
const seParams = (c: number, cs: number) => 2 * c * cs + cs + c;
const kernelShape = (model: tfl.LayersModel, layer: string) => model.getLayer(layer).getWeights()[0].shape;
const layerClasses = (model: tfl.LayersModel) => model.layers.map((l) => l.getClassName());

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

describe('googlenet parameter counts against PyTorch builds of the same structure', () => {
  it('the paper\'s GoogLeNet: 6,998,552 by default and with width 1', () => {
    expect(fixture.params).toBe(6_998_552);
    expect(inspect(() => googlenet(), (m) => m.countParams())).toBe(fixture.params);
    expect(inspect(() => googlenet({ width: 1 }), (m) => m.countParams())).toBe(fixture.params);
  });

  it.each(fixture.variants.map((v) => [v.name, v] as const))('%s', (_, v) => {
    const options: GoogLeNetOptions = { batchNorm: v.batchNorm, se: v.se, width: v.width, inputShape: v.input, classes: v.classes };
    expect(inspect(() => googlenet(options), (m) => m.countParams())).toBe(v.params);
  });

  it('seinception() is BN-GoogLeNet + SE (r = 16) at 224x224x3, 1000 classes, and the registry quotes its count', () => {
    const v = variant('seinception');
    expect(inspect(() => seinception(), (m) => [m.name, m.inputs[0].shape, m.outputs[0].shape, m.countParams()]))
      .toEqual(['seinception', [null, 224, 224, 3], [null, 1000], v.params]);
    expect(getArchitecture('seinception').referenceParams).toBe(v.params);
    expect(v.params - variant('googlenet_bn').params).toBe(MODULE_CHANNELS.reduce((sum, [, c]) => sum + seParams(c, c / 16), 0));
  });

  it('se options are passed to every module: ratio 1/8 adds 2C^2/8 + C/8 + C per module', () => {
    const extra = MODULE_CHANNELS.reduce((sum, [, c]) => sum + seParams(c, c / 8), 0);
    expect(inspect(() => googlenet({ se: { ratio: 1 / 8 } }), (m) => m.countParams())).toBe(fixture.params + extra);
  });
});

describe('googlenet structure', () => {
  it('seinception: an SE block on each of the 9 module outputs, squeezing C to C/16', () => {
    inspect(() => seinception(), (model) => {
      expect(model.layers.filter((l) => l.name.endsWith('_se_excite')).map((l) => l.name)).toEqual(MODULE_CHANNELS.map(([id]) => `inception_${id}_se_excite`));
      for (const [id, c] of MODULE_CHANNELS) {
        const squeeze = model.getLayer(`inception_${id}_se_squeeze`);
        expect(squeeze.inboundNodes[0].inboundLayers[0].name).toBe(`inception_${id}_output`);
        expect(kernelShape(model, `inception_${id}_se_reduce`)).toEqual([1, 1, c, c / 16]);
        expect(kernelShape(model, `inception_${id}_se_expand`)).toEqual([1, 1, c / 16, c]);
      }
    });
  });

  it('LRN without batchNorm; with it, a BatchNormalization after each of the 57 convolutions (3 stem + 9 x 6) and no LRN', () => {
    inspect(() => googlenet(), (model) => {
      expect(model.layers.filter((l) => l instanceof LocalResponseNormalization).length).toBe(2);
      expect(layerClasses(model).filter((c) => c === 'Conv2D').length).toBe(57);
      expect(layerClasses(model)).not.toContain('BatchNormalization');
    });
    inspect(() => googlenet({ batchNorm: true }), (model) => {
      expect(model.layers.filter((l) => l instanceof LocalResponseNormalization).length).toBe(0);
      expect(layerClasses(model).filter((c) => c === 'BatchNormalization').length).toBe(57);
    });
  });

  it.each<[number, string, number]>([
    [1, 'inception_5b_1x1_conv', 384],
    [0.5, 'inception_4d_3x3_reduce_conv', 72],
    [0.25, 'conv1_7x7_conv', 16],
    [0.25, 'conv2_3x3_conv', 48],
    [0.25, 'inception_4a_3x3_conv', 52],
    [0.0625, 'inception_4b_5x5_reduce_conv', 2], // 24 / 16 = 1.5: half up
    [0.0625, 'inception_3a_5x5_reduce_conv', 1],
    [0.02, 'inception_3a_5x5_reduce_conv', 1], // 16 x 0.02 = 0.32: at least 1
    [0.02, 'inception_5b_3x3_conv', 8], // 384 x 0.02 = 7.68
  ])('width %s: %s has %s filters', (width, layer, filters) => {
    expect(inspect(() => googlenet({ width }), (m) => kernelShape(m, layer).at(-1))).toBe(filters);
  });

  it.each<[string, unknown]>([['0', 0], ['negative', -0.5], ['NaN', Number.NaN], ['Infinity', Number.POSITIVE_INFINITY], ['a string', '0.5']])(
    'rejects width %s with a FoveaError',
    (_, width) => {
      const before = tf.memory().numTensors;
      expect(() => googlenet({ width: width as number })).toThrow(FoveaError);
      expect(() => googlenet({ width: width as number })).toThrow(/googlenet: width must be/);
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('a quarter-width SE-Inception classifies 32x32 grey images (initialised weights, 10 classes)', () => {
    const before = tf.memory().numTensors;
    const model = seinception({ width: 0.25, inputShape: [32, 32, 1], classes: 10 });
    expect(model.countParams()).toBe(variant('seinception_w0.25_grey').params);
    const x = tf.randomUniform([2, 32, 32, 1], 0, 1, 'float32', 3);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, 10]);
    const p = Array.from(y.dataSync());
    expect(p.every(Number.isFinite)).toBe(true);
    expect(p.slice(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    tf.dispose([x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
