import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FoveaError, initBackend, shapesVideo, tf } from '@fovea/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CnnEmbedder } from '../../src/embedders/cnn-embedder.js';
import { UnitNormalization } from '../../src/embedders/cnn-unit-normalization.js';

const frame = shapesVideo({ seed: 11, imageSize: 96, frames: 1, objects: 5 }).frame(0);
const image = { data: frame.image, height: frame.height, width: frame.width, channels: 3 };
const boxes = frame.detections.xyxy;

function norms(features: Float32Array, dim: number): number[] {
  return Array.from({ length: features.length / dim }, (_, i) => Math.hypot(...features.subarray(i * dim, (i + 1) * dim)));
}

describe('CnnEmbedder', () => {
  let before = 0;
  let embedder: CnnEmbedder;
  const dir = mkdtempSync(join(tmpdir(), 'fovea-cnn-embedder-'));
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });
  beforeEach(() => {
    before = tf.memory().numTensors;
    embedder = CnnEmbedder.create({ featureDim: 16, widths: [8, 16], seed: 1 });
  });
  afterEach(() => {
    embedder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives one unit-norm feature of featureDim per box', () => {
    expect(embedder.featureDim).toBe(16);
    expect(embedder.inputSize).toEqual([32, 32]);
    expect(boxes.length / 4).toBeGreaterThanOrEqual(3);
    const features = embedder.embed(image, boxes);
    expect(features).toBeInstanceOf(Float32Array);
    expect(features.length).toBe((boxes.length / 4) * 16);
    for (const n of norms(features, 16)) expect(n).toBeCloseTo(1, 5);
  });

  it('no boxes gives an empty Float32Array', () => {
    expect(embedder.embed(image, new Float32Array(0))).toEqual(new Float32Array(0));
  });

  it('takes a tensor image, number[] boxes, and batches of more than 64 boxes alike', () => {
    const reference = embedder.embed(image, boxes);
    const tensor = tf.tensor3d(frame.image, [frame.height, frame.width, 3], 'int32');
    const fromTensor = embedder.embed(tensor, Array.from(boxes));
    tensor.dispose();
    expect(Array.from(fromTensor)).toEqual(Array.from(reference));
    // 70 copies of the first box: two forward passes (64 + 6), every row the same as the single box.
    const many = new Float32Array(70 * 4);
    for (let i = 0; i < 70; i++) many.set(boxes.subarray(0, 4), 4 * i);
    const repeated = embedder.embed(image, many);
    for (let i = 0; i < 70; i++) {
      Array.from(repeated.subarray(16 * i, 16 * i + 16)).forEach((v, k) => expect(v).toBeCloseTo(reference[k], 5));
    }
  });

  it('the same seed builds the same network; another seed a different one', () => {
    const twin = CnnEmbedder.create({ featureDim: 16, widths: [8, 16], seed: 1 });
    const other = CnnEmbedder.create({ featureDim: 16, widths: [8, 16], seed: 2 });
    expect(Array.from(twin.embed(image, boxes))).toEqual(Array.from(embedder.embed(image, boxes)));
    expect(Array.from(other.embed(image, boxes))).not.toEqual(Array.from(embedder.embed(image, boxes)));
    twin.dispose();
    other.dispose();
  });

  it('save then load gives identical features', async () => {
    await embedder.save(dir);
    const loaded = await CnnEmbedder.load(dir);
    expect(loaded.featureDim).toBe(16);
    expect(loaded.inputSize).toEqual([32, 32]);
    expect(loaded.model.layers.some((l) => l instanceof UnitNormalization)).toBe(true);
    expect(Array.from(loaded.embed(image, boxes))).toEqual(Array.from(embedder.embed(image, boxes)));
    loaded.dispose();
  });

  it.each([
    ['a length that is not a multiple of 4', [1, 2, 3]],
    ['a NaN box', [0, 0, NaN, 10]],
  ])('rejects boxes with %s', (_, bad) => {
    expect(() => embedder.embed(image, bad)).toThrow(FoveaError);
  });
});

describe('CnnEmbedder constructor', () => {
  it.each([
    ['a grey input', [8, 8, 1], 4],
    ['a feature-map output', [8, 8, 3], 'map'],
  ] as const)('rejects a model with %s', (_, shape, out) => {
    const before = tf.memory().numTensors;
    const input = tf.input({ shape: [...shape] });
    const output = out === 'map'
      ? tf.layers.conv2d({ filters: 2, kernelSize: 1 }).apply(input)
      : tf.layers.dense({ units: out }).apply(tf.layers.flatten().apply(input));
    const model = tf.model({ inputs: input, outputs: output as tf.SymbolicTensor });
    expect(() => new CnnEmbedder(model)).toThrow(/reidNetwork/);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
