// Real forward passes (a few architectures at their smallest input, seeded He-scale weights, cpu): features() equals
// the classifier's own intermediate outputs exactly, createBackbone's includeTop: false graph computes the same maps,
// and disposal frees exactly what it should, in either order. (Training mode: train.test.ts, on wasm.)
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { backboneFromModel, createBackbone, createModel, withZeroInit } from '../../src/index.js';
import { maxAbsDiff } from '../helpers.js';
import { fillRandom } from '../models/contract.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

const SHAPE: [number, number, number] = [32, 32, 3];

/** A classifier with seeded random weights (zero build + fill: cheaper than tfjs's initialisers). */
function classifier(name: string, seed = 1): tfl.LayersModel {
  const model = withZeroInit(() => createModel(name, { inputShape: SHAPE, classes: 3 }));
  fillRandom(model, seed);
  return model;
}

describe('features()', () => {
  it.each(['resnet50', 'mobilenet_v2', 'densenet121', 'efficientnet_b0', 'googlenet'])(
    '%s: equal to the classifier\'s intermediate outputs and to createBackbone with the same weights', (name) => {
      const before = tf.memory().numTensors;
      const full = classifier(name);
      const backbone = backboneFromModel(full);
      const x = tf.randomUniform([1, ...SHAPE], 0, 255, 'float32', 7) as tf.Tensor4D;
      const held = tf.memory().numTensors;
      const features = backbone.features(x);
      // The returned maps are the only tensors left.
      expect(tf.memory().numTensors - held).toBe(backbone.featureInfo.length);
      expect(Object.keys(features)).toEqual(backbone.featureInfo.map((f) => f.name));
      // Reference: a model ending at the source layers, looked up by name (not disposed: it owns nothing, its
      // layers are the classifier's).
      const outputs = backbone.featureInfo.map((f) => full.getLayer(f.layer).output as tfl.SymbolicTensor);
      const expected = tfl.model({ inputs: full.inputs, outputs }).predict(x) as tf.Tensor[];
      backbone.featureInfo.forEach((f, i) => {
        expect(features[f.name].shape).toEqual([1, ...(outputs[i].shape.slice(1) as number[])]);
        expect(maxAbsDiff(features[f.name], expected[i])).toBe(0);
        expect(tf.tidy(() => tf.any(tf.notEqual(expected[i], 0)).dataSync()[0])).toBe(1); // not a vacuous all-zero comparison
      });
      tf.dispose(expected);
      // The includeTop: false build, given the classifier's weights by layer name, computes the same maps.
      const built = createBackbone(name, { inputShape: SHAPE, initWeights: false });
      for (const layer of built.model.layers) layer.setWeights(full.getLayer(layer.name).getWeights());
      const again = built.features(x);
      for (const f of backbone.featureInfo) expect(maxAbsDiff(again[f.name], features[f.name])).toBe(0);
      tf.dispose([x, Object.values(features), Object.values(again)]);
      built.dispose();
      backbone.dispose();
      full.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
});

describe('disposal', () => {
  it.each(['backbone first', 'source first'])('backboneFromModel shares the weights: %s, then the other', (order) => {
    const before = tf.memory().numTensors;
    const full = createModel('resnet18', { inputShape: [32, 32, 3], classes: 2 });
    const weights = tf.memory().numTensors - before;
    const backbone = backboneFromModel(full);
    expect(tf.memory().numTensors - before).toBe(weights); // no copies
    const x = tf.ones([1, 32, 32, 3]) as tf.Tensor4D;
    const [first, second] = order === 'backbone first' ? [backbone, full] : [full, backbone];
    first.dispose();
    // Nothing the other holds is freed; disposing the classifier first frees only its head (dense kernel and bias).
    expect(tf.memory().numTensors - before).toBe(weights + 1 - (first === full ? 2 : 0));
    const out = second === full ? [full.predict(x) as tf.Tensor] : Object.values(backbone.features(x));
    tf.dispose([x, out]);
    second.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('createBackbone keeps only the layers up to its deepest requested level', () => {
    const before = tf.memory().numTensors;
    const whole = createBackbone('resnet18', { inputShape: [32, 32, 3], initWeights: false });
    const shallow = createBackbone('resnet18', { inputShape: [32, 32, 3], initWeights: false, outLevels: [2, 3] });
    // ResNet-18's conv4_x and conv5_x (3x3 convs without bias, 1x1 projection, BN with statistics: 4 per channel):
    // conv4 9*128*256 + 9*256*256 * 3 + 128*256 + 4*256 * 5 = 2,102,272; conv5 likewise at 256 -> 512: 8,398,848.
    expect(whole.model.countParams() - shallow.model.countParams()).toBe(2_102_272 + 8_398_848);
    expect(shallow.featureInfo.map((f) => f.layer)).toEqual(['conv2_block2_out', 'conv3_block2_out']);
    whole.dispose();
    shallow.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
