import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGraphModel, loadModel, saveModel } from '../../src/io/model.js';
import { BIAS, FILTER, FILTER_SHAPE, INPUT_SHAPE, float16Bits, writeConvGraphModel, type Quantization } from './conv-graph-model.js';

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await fs.mkdtemp(join(tmpdir(), 'fovea-io-model-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** The float32 bytes of a tensor, for bitwise comparison. */
function bytesOf(t: tf.Tensor): Uint8Array {
  const values = t.dataSync() as Float32Array;
  return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
}

/** Conv2D -> BatchNormalization -> ReLU -> Dense, every weight (moving statistics too) set to seeded non-trivial values. */
function convBnDense(): tfl.LayersModel {
  const model = tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [6, 6, 3], filters: 4, kernelSize: 3, padding: 'same', name: 'conv' }),
      tfl.layers.batchNormalization({ name: 'bn' }),
      tfl.layers.reLU(),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 5, name: 'fc' }),
    ],
  });
  const values = model.weights.map((w, i) =>
    w.name.includes('moving_variance')
      ? tf.randomUniform(w.shape as number[], 0.5, 2, 'float32', 100 + i)
      : tf.randomUniform(w.shape as number[], -1, 1, 'float32', 100 + i));
  model.setWeights(values);
  tf.dispose(values);
  return model;
}

describe('saveModel + loadModel', () => {
  let model: tfl.LayersModel;
  let input: tf.Tensor;
  beforeAll(() => {
    model = convBnDense();
    input = tf.randomUniform([2, 6, 6, 3], 0, 1, 'float32', 7);
  });
  afterAll(() => {
    model.dispose();
    input.dispose();
  });

  it('round-trips Conv2D, BatchNormalization and Dense bitwise, without leaking tensors', async () => {
    const dir = join(root, 'roundtrip', 'nested');
    model.setUserDefinedMetadata({ classes: ['a', 'b', 'c', 'd', 'e'] });
    const before = tf.memory().numTensors;

    const result = await saveModel(model, dir);
    const loaded = await loadModel(dir);
    const expected = model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(bytesOf(actual)).toEqual(bytesOf(expected));
    const savedWeights = model.getWeights();
    const loadedWeights = loaded.getWeights();
    expect(loadedWeights.map((w) => w.shape)).toEqual(savedWeights.map((w) => w.shape));
    loadedWeights.forEach((w, i) => expect(bytesOf(w)).toEqual(bytesOf(savedWeights[i])));
    const names = loaded.weights.map((w) => w.originalName);
    expect(names).toContain('bn/moving_mean');
    expect(loadedWeights[names.indexOf('bn/moving_mean')].dataSync().every((v) => v !== 0)).toBe(true);
    expect(loadedWeights[names.indexOf('bn/moving_variance')].dataSync().every((v) => v !== 1)).toBe(true);
    expect(loaded.getUserDefinedMetadata()).toEqual({ classes: ['a', 'b', 'c', 'd', 'e'] });

    const weightBytes = savedWeights.reduce((sum, w) => sum + 4 * w.size, 0);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(weightBytes);
    expect((await fs.stat(join(dir, 'weights.bin'))).size).toBe(weightBytes);
    const json = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'layers-model', convertedBy: null, weightsManifest: [{ paths: ['weights.bin'] }] });
    expect(json.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v/);
    expect(json.trainingConfig).toBeUndefined();

    tf.dispose([expected, actual]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads from the path of model.json as well as from its directory', async () => {
    const dir = join(root, 'by-file');
    await saveModel(model, dir);
    const before = tf.memory().numTensors;
    const loaded = await loadModel(join(dir, 'model.json'));
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('loads converter-style layouts: several weight groups, a group split over shards', async () => {
    // tensorflowjs_converter writes one group per layer, each group-k-shard-i-of-n.
    const dir = join(root, 'converter-layout');
    await saveModel(model, dir);
    const json = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
    const bin = await fs.readFile(join(dir, 'weights.bin'));
    const specs: tf.io.WeightsManifestEntry[] = json.weightsManifest[0].weights;
    const convSpecs = specs.filter((s) => s.name.startsWith('conv/'));
    const convBytes = convSpecs.reduce((sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
    json.weightsManifest = [
      { paths: ['group1-shard1of2.bin', 'group1-shard2of2.bin'], weights: convSpecs },
      { paths: ['group2-shard1of1.bin'], weights: specs.slice(convSpecs.length) },
    ];
    await fs.rm(join(dir, 'weights.bin'));
    await fs.writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await fs.writeFile(join(dir, 'group1-shard1of2.bin'), bin.subarray(0, 101));
    await fs.writeFile(join(dir, 'group1-shard2of2.bin'), bin.subarray(101, convBytes));
    await fs.writeFile(join(dir, 'group2-shard1of1.bin'), bin.subarray(convBytes));

    const before = tf.memory().numTensors;
    const loaded = await loadModel(dir);
    const expected = model.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(bytesOf(actual)).toEqual(bytesOf(expected));
    tf.dispose([expected, actual]);
    loaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves the optimizer only when asked, and a model trained one step still round-trips bitwise', async () => {
    const trained = convBnDense();
    trained.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    const ys = tf.randomUniform([2, 5], 0, 1, 'float32', 8);
    await trained.fit(input, ys, { epochs: 1, batchSize: 2, verbose: 0 });
    const before = tf.memory().numTensors;

    await saveModel(trained, join(root, 'trained'));
    expect(tf.memory().numTensors).toBe(before);
    await saveModel(trained, join(root, 'trained-optimizer'), { includeOptimizer: true });
    // tfjs-layers' LayersModel.save leaks the int32 scalar that Optimizer.saveIterations
    // makes (tfjs 4.22; tf.io.withSaveHandler shows the same). Fails, as a reminder, once fixed upstream.
    expect(tf.memory().numTensors).toBe(before + 1);
    const plain = JSON.parse(await fs.readFile(join(root, 'trained', 'model.json'), 'utf8'));
    const withOptimizer = JSON.parse(await fs.readFile(join(root, 'trained-optimizer', 'model.json'), 'utf8'));
    expect(plain.trainingConfig).toBeUndefined();
    expect(plain.weightsManifest[0].weights.some((w: tf.io.WeightsManifestEntry) => w.group === 'optimizer')).toBe(false);
    expect(withOptimizer.trainingConfig.loss).toBe('mean_squared_error');
    expect(withOptimizer.weightsManifest[0].weights.some((w: tf.io.WeightsManifestEntry) => w.group === 'optimizer')).toBe(true);

    const loaded = await loadModel(join(root, 'trained'));
    const expected = trained.predict(input) as tf.Tensor;
    const actual = loaded.predict(input) as tf.Tensor;
    expect(bytesOf(actual)).toEqual(bytesOf(expected));
    const resumable = await loadModel(join(root, 'trained-optimizer'));
    expect(resumable.optimizer?.getClassName()).toBe('Adam');
    tf.dispose([expected, actual]);
    loaded.dispose();
    resumable.optimizer.dispose();
    resumable.dispose();
    expect(tf.memory().numTensors).toBe(before + 1);

    trained.optimizer.dispose();
    trained.dispose();
    ys.dispose();
  });
});

describe('loadGraphModel', () => {
  const x = () => tf.tensor4d(Float32Array.from({ length: 50 }, (_, i) => Math.sin(i)), [...INPUT_SHAPE]);

  it('decodes the float16 fixture values exactly', () => {
    for (const v of FILTER) {
      const bits = float16Bits(v);
      const sign = bits & 0x8000 ? -1 : 1;
      const decoded = bits === 0 ? 0 : sign * 2 ** (((bits >> 10) & 0x1f) - 15) * (1 + (bits & 0x3ff) / 1024);
      expect(decoded).toBe(v);
    }
  });

  it.each<[Quantization, number]>([
    ['none', 2],
    ['none', 3],
    ['uint8', 2],
    ['float16', 2],
  ])('runs Placeholder -> Conv2D -> BiasAdd -> Relu (%s weights, %i shards) like tf.conv2d', async (quantization, shards) => {
    const dir = join(root, `graph-${quantization}-${shards}`);
    await writeConvGraphModel(dir, quantization, shards);
    const input = x();
    const before = tf.memory().numTensors;

    const model = await loadGraphModel(dir);
    const actual = model.execute(input) as tf.Tensor;
    const expected = tf.tidy(() =>
      tf.relu(tf.add(tf.conv2d(input as tf.Tensor4D, tf.tensor4d(FILTER, [...FILTER_SHAPE]), 1, 'same'), tf.tensor1d(BIAS))));
    expect(actual.shape).toEqual([1, 5, 5, 4]);
    expect(bytesOf(actual)).toEqual(bytesOf(expected));
    expect(Math.max(...expected.dataSync())).toBeGreaterThan(0); // not all clipped by the ReLU
    tf.dispose([actual, expected]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });

  it('saves a graph model with saveModel and loads it back unchanged', async () => {
    const source = join(root, 'graph-to-resave');
    await writeConvGraphModel(source, 'float16');
    const input = x();
    const before = tf.memory().numTensors;

    const model = await loadGraphModel(source);
    await saveModel(model, join(root, 'graph-resaved'));
    const reloaded = await loadGraphModel(join(root, 'graph-resaved'));
    const expected = model.execute(input) as tf.Tensor;
    const actual = reloaded.execute(input) as tf.Tensor;
    expect(bytesOf(actual)).toEqual(bytesOf(expected));
    const json = JSON.parse(await fs.readFile(join(root, 'graph-resaved', 'model.json'), 'utf8'));
    expect(json).toMatchObject({ format: 'graph-model', weightsManifest: [{ paths: ['weights.bin'] }] });
    expect(json.weightsManifest[0].weights[0].quantization).toEqual({ dtype: 'float16' });

    tf.dispose([expected, actual]);
    model.dispose();
    reloaded.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
