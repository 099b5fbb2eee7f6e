import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoveaErrorCode } from '../../src/errors.js';
import { fileSystemHandler } from '../../src/io/file-system.js';
import { loadGraphModel, loadModel, saveModel } from '../../src/io/model.js';
import { writeConvGraphModel } from './conv-graph-model.js';

let root: string;
let model: tfl.LayersModel;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = await fs.mkdtemp(join(tmpdir(), 'fovea-io-fs-'));
  model = tfl.sequential({ layers: [tfl.layers.dense({ inputShape: [3], units: 2, name: 'fc' })] });
  await saveModel(model, join(root, 'base-layers'));
  await writeConvGraphModel(join(root, 'base-graph'));
});
afterAll(async () => {
  model.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const bytes = (data: tf.io.WeightData | undefined) => new Uint8Array(new tf.io.CompositeArrayBuffer(data).slice());

describe('fileSystemHandler', () => {
  it('reads back exactly the artifacts tfjs hands to a save handler', async () => {
    let captured!: tf.io.ModelArtifacts;
    await model.save(tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }));
    const handler = fileSystemHandler(join(root, 'handler'));
    const saved = await handler.save!(captured);
    const loaded = await handler.load!();

    expect(saved.modelArtifactsInfo).toMatchObject({ modelTopologyType: 'JSON', weightDataBytes: 4 * (3 * 2 + 2) });
    const { weightData, ...rest } = loaded;
    const { weightData: capturedData, ...capturedRest } = captured;
    expect(rest).toEqual(capturedRest);
    expect(bytes(weightData)).toEqual(bytes(capturedData));
  });

  it('writes every optional model.json field, sharded weight data and string weights, and reads them back', async () => {
    const text = new TextEncoder();
    // A string tensor is stored as (uint32 little-endian length, UTF-8 bytes) per value.
    const strings = Uint8Array.of(1, 0, 0, 0, ...text.encode('a'), 3, 0, 0, 0, ...text.encode('xyz'));
    const floats = Float32Array.of(1.5, -2);
    const artifacts: tf.io.ModelArtifacts = {
      modelTopology: { node: [], versions: { producer: 1 } },
      format: 'graph-model',
      generatedBy: 'test',
      convertedBy: 'test converter',
      weightSpecs: [
        { name: 'f', shape: [2], dtype: 'float32' },
        { name: 's', shape: [2], dtype: 'string' },
        { name: 'q', shape: [3], dtype: 'float32', quantization: { dtype: 'uint8', scale: 0.5, min: 1 } },
      ],
      weightData: [floats.buffer, strings.buffer, Uint8Array.of(0, 1, 2).buffer],
      trainingConfig: { loss: 'mse', optimizer_config: { class_name: 'SGD', config: {} } },
      signature: { inputs: { 'x:0': { name: 'x:0' } } },
      userDefinedMetadata: { labels: ['cat', 'dog'] },
      modelInitializer: { node: [{ name: 'init', op: 'NoOp' }] },
      initializerSignature: { outputs: {} },
    };
    const handler = fileSystemHandler(join(root, 'all-fields'));
    await handler.save!(artifacts);
    const loaded = await handler.load!();

    const { weightData, ...rest } = loaded;
    const { weightData: original, ...originalRest } = artifacts;
    expect(rest).toEqual(originalRest);
    expect(bytes(weightData)).toEqual(bytes(original));
    const decoded = tf.io.decodeWeights(weightData!, loaded.weightSpecs!);
    expect(Array.from(decoded.q.dataSync())).toEqual([1, 1.5, 2]);
    expect(decoded.s.dataSync()).toEqual(['a', 'xyz']);
    tf.dispose(decoded);
  });
});

interface BadCase {
  name: string;
  base: 'layers' | 'graph';
  mutate?: (dir: string) => Promise<void>;
  act: (dir: string) => Promise<unknown>;
  code: FoveaErrorCode;
  message: RegExp;
}

const editJson = (edit: (json: Record<string, any>) => void) => async (dir: string) => {
  const json = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
  edit(json);
  await fs.writeFile(join(dir, 'model.json'), JSON.stringify(json));
};
const resize = (file: string, delta: number) => async (dir: string) => {
  const data = await fs.readFile(join(dir, file));
  await fs.writeFile(join(dir, file), delta < 0 ? data.subarray(0, data.length + delta) : Buffer.concat([data, Buffer.alloc(delta)]));
};
const write = (file: string, text: string) => (dir: string) => fs.writeFile(join(dir, file), text);
const remove = (file: string) => (dir: string) => fs.rm(join(dir, file));
const layers = (dir: string) => loadModel(dir);
const graph = (dir: string) => loadGraphModel(dir);

const badCases: BadCase[] = [
  { name: 'the path does not exist', base: 'layers', act: (dir) => loadModel(join(dir, 'nope')), code: 'E_FILE_NOT_FOUND', message: /nope: the path does not exist/ },
  { name: 'the directory has no model.json', base: 'layers', mutate: remove('model.json'), act: layers, code: 'E_FILE_NOT_FOUND', message: /no model\.json in .*saveModel/ },
  { name: 'model.json is named otherwise', base: 'layers', mutate: (dir) => fs.rename(join(dir, 'model.json'), join(dir, 'net.json')), act: layers, code: 'E_FILE_NOT_FOUND', message: /holds net\.json: pass that file's path/ },
  { name: 'weights.bin is missing', base: 'layers', mutate: remove('weights.bin'), act: layers, code: 'E_FILE_NOT_FOUND', message: /weight file .*weights\.bin, listed in the weightsManifest/ },
  { name: 'a graph shard is missing', base: 'graph', mutate: remove('group1-shard2of2.bin'), act: graph, code: 'E_FILE_NOT_FOUND', message: /group1-shard2of2\.bin, listed/ },
  { name: 'model.json is not JSON', base: 'layers', mutate: write('model.json', '{"modelTopology": '), act: layers, code: 'E_MODEL_FORMAT', message: /model\.json is not valid JSON/ },
  { name: 'model.json is an array', base: 'layers', mutate: write('model.json', '[]'), act: layers, code: 'E_MODEL_FORMAT', message: /no modelTopology object/ },
  { name: 'model.json lacks modelTopology', base: 'layers', mutate: editJson((j) => delete j.modelTopology), act: layers, code: 'E_MODEL_FORMAT', message: /no modelTopology object/ },
  { name: 'weightsManifest is not a list of groups', base: 'graph', mutate: editJson((j) => { j.weightsManifest = { paths: 'x.bin' }; }), act: graph, code: 'E_MODEL_FORMAT', message: /weightsManifest must be an array/ },
  { name: 'weights.bin is 4 bytes short', base: 'layers', mutate: resize('weights.bin', -4), act: layers, code: 'E_MODEL_FORMAT', message: /weights\.bin \(weightsManifest group 1 of .*\) hold 28 bytes, but the 2 weights listed for them need 32/ },
  { name: 'weights.bin has a byte too many', base: 'layers', mutate: resize('weights.bin', 1), act: layers, code: 'E_MODEL_FORMAT', message: /hold 33 bytes, .* need 32/ },
  { name: 'a graph shard is a byte short', base: 'graph', mutate: resize('group1-shard2of2.bin', -1), act: graph, code: 'E_MODEL_FORMAT', message: /group1-shard1of2\.bin, group1-shard2of2\.bin .* hold 303 bytes, .* need 304/ },
  { name: 'a weight has an unknown dtype', base: 'graph', mutate: editJson((j) => { j.weightsManifest[0].weights[1].dtype = 'float64'; }), act: graph, code: 'E_MODEL_FORMAT', message: /"conv\/bias" .* dtype "float64"/ },
  { name: 'a graph model is given to loadModel', base: 'graph', act: layers, code: 'E_MODEL_FORMAT', message: /is a graph model .* load it with loadGraphModel/ },
  { name: 'a graph model without format is given to loadModel', base: 'graph', mutate: editJson((j) => delete j.format), act: layers, code: 'E_MODEL_FORMAT', message: /load it with loadGraphModel/ },
  { name: 'a layers model is given to loadGraphModel', base: 'layers', act: graph, code: 'E_MODEL_FORMAT', message: /is a layers model .* load it with loadModel/ },
  { name: 'the topology is neither kind', base: 'layers', mutate: editJson((j) => { delete j.format; j.modelTopology = { foo: 1 }; }), act: layers, code: 'E_MODEL_FORMAT', message: /neither a Keras config .* nor a GraphDef/ },
  { name: 'tfjs cannot build the Keras config', base: 'layers', mutate: editJson((j) => { j.modelTopology.class_name = 'NoSuchModel'; }), act: layers, code: 'E_MODEL_FORMAT', message: /cannot build a layers model from .*NoSuchModel/ },
  { name: 'saving into a path that is a file', base: 'layers', act: (dir) => saveModel(model, join(dir, 'weights.bin')), code: 'E_MODEL_IO', message: /exists as a file/ },
  { name: 'saving below a path that is a file', base: 'layers', act: (dir) => saveModel(model, join(dir, 'weights.bin', 'sub')), code: 'E_MODEL_IO', message: /exists as a file/ },
  { name: 'saving to a .json path', base: 'layers', act: (dir) => saveModel(model, join(dir, 'model.json')), code: 'E_INVALID_ARGUMENT', message: /dir must be a directory path/ },
];

describe('bad input', () => {
  let n = 0;
  it.each(badCases)('$name -> $code', async ({ base, mutate, act, code, message }) => {
    const dir = join(root, `bad-${n++}`);
    await fs.cp(join(root, `base-${base}`), dir, { recursive: true });
    await mutate?.(dir);
    const before = tf.memory().numTensors;
    const error = await act(dir).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ name: 'FoveaError', code });
    expect((error as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
  });
});
