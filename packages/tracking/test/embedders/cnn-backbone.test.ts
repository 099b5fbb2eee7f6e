import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoveaError, initBackend, shapesVideo, tf } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CnnEmbedder } from '../../src/embedders/cnn-embedder.js';

// The re-ID embedder over the backbone contract: any registered architecture's deepest feature map under the
// same pooling + embedding head.
const frame = shapesVideo({ seed: 3, imageSize: 96, frames: 1, objects: 4 }).frame(0);
const image = { data: frame.image, height: frame.height, width: frame.width, channels: 3 };
const boxes = frame.detections.xyxy;

describe('CnnEmbedder over a registered backbone', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fovea-cnn-backbone-'));
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['mobilenet_v2', { alpha: 0.35 }, 1280],
    ['resnet18', {}, 512],
  ] as const)('%s: unit-norm features from its deepest level, saved and loaded, no leaks', async (name, backboneOptions, channels) => {
    const before = tf.memory().numTensors;
    const embedder = CnnEmbedder.create({ backbone: name, backboneOptions, inputSize: [64, 64], featureDim: 16, seed: 2 });
    try {
      const nested = embedder.model.getLayer('backbone_features') as tf.LayersModel;
      expect(nested.outputs[0].shape).toEqual([null, 2, 2, channels]); // stride 32 at 64x64
      expect(embedder.model.layers.some((l) => l.name === 'stem')).toBe(false);
      const features = embedder.embed(image, boxes);
      expect(features.length).toBe((boxes.length / 4) * 16);
      for (let i = 0; i < boxes.length / 4; i++) expect(Math.hypot(...features.subarray(16 * i, 16 * i + 16))).toBeCloseTo(1, 5);
      // Different crops, different features (the network is not constant).
      expect(Array.from(features.subarray(0, 16))).not.toEqual(Array.from(features.subarray(16, 32)));

      const path = join(dir, name);
      await embedder.save(path);
      const loaded = await CnnEmbedder.load(path);
      const again = loaded.embed(image, boxes);
      loaded.dispose();
      Array.from(again).forEach((v, k) => expect(v).toBeCloseTo(features[k], 6));
    } finally {
      embedder.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);

  it('the same seed builds the same backbone weights', () => {
    const a = CnnEmbedder.create({ backbone: 'mobilenet_v2', backboneOptions: { alpha: 0.35 }, inputSize: [32, 32], seed: 5 });
    const b = CnnEmbedder.create({ backbone: 'mobilenet_v2', backboneOptions: { alpha: 0.35 }, inputSize: [32, 32], seed: 5 });
    const fa = a.embed(image, boxes);
    const fb = b.embed(image, boxes);
    a.dispose();
    b.dispose();
    expect(Array.from(fa)).toEqual(Array.from(fb));
  });

  it('an unknown architecture is a FoveaError naming the known ones', () => {
    const before = tf.memory().numTensors;
    expect(() => CnnEmbedder.create({ backbone: 'resnet9000' })).toThrow(FoveaError);
    expect(() => CnnEmbedder.create({ backbone: 'resnet9000' })).toThrow(/resnet9000.*mobilenet_v2/);
    expect(tf.memory().numTensors).toBe(before);
  });
});
