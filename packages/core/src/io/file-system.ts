import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';
import { MODEL_JSON, locateModelJson, readModelJson } from './model-json.js';
import { readWeightFiles } from './weight-files.js';

/** The single weights file `save` writes next to model.json. */
export const WEIGHTS_BIN = 'weights.bin';

/**
 * A tfjs IOHandler over the local file system, for Node without tfjs-node.
 * It reads and writes the layout of tfjs-node's `file://` handler and of
 * tensorflowjs_converter output: `model.json` (`modelTopology`, `format`,
 * `generatedBy`, `convertedBy`, `weightsManifest: [{paths, weights}]`, and when
 * present `trainingConfig`, `signature`, `userDefinedMetadata`,
 * `modelInitializer`, `initializerSignature`) plus the weight files it lists.
 *
 * - `save(artifacts)` creates `path` (and parents) if needed and writes
 *   `weights.bin` (all weights, one shard) then `model.json`, overwriting both.
 * - `load()` reads `path/model.json`, or `path` itself when it is a JSON file,
 *   and every shard of every manifest group (e.g. `group1-shard1of2.bin`),
 *   concatenated in manifest order. Quantized weights are returned as stored;
 *   tfjs dequantizes them when it decodes.
 *
 * Pass it where tfjs takes a handler: `model.save(fileSystemHandler(dir))`,
 * tfjs-layers' `loadLayersModel(fileSystemHandler(dir))`, tfjs-converter's
 * `loadGraphModel(fileSystemHandler(dir))`. `saveModel`, `loadModel`
 * and `loadGraphModel` (./model.ts) wrap exactly that, adding model-kind checks.
 * Unlike tfjs-node's handler, `load` also accepts a directory, and no `file://` URL router is registered.
 *
 * @param path For saving, a directory; for loading, a directory or the path of a model JSON file.
 * @throws FoveaError, from `save`/`load`: `E_FILE_NOT_FOUND` (missing path, model.json or shard,
 *   named), `E_MODEL_FORMAT` (bad JSON, no modelTopology, shard byte-length mismatch, binary
 *   topology on save), `E_MODEL_IO` (file-system failures, `path` is a file on save).
 */
export function fileSystemHandler(path: string): tf.io.IOHandler {
  const target = resolve(path);
  return {
    save: (artifacts) => saveArtifacts(target, artifacts),
    load: () => loadArtifacts(target),
  };
}

/**
 * Reads model.json and its weight files into ModelArtifacts. `inspect`, if
 * given, sees the parsed model.json before any weight file is read, and may throw.
 */
export async function loadArtifacts(
  path: string,
  inspect?: (modelJson: tf.io.ModelJSON, jsonPath: string) => void,
): Promise<tf.io.ModelArtifacts> {
  const jsonPath = await locateModelJson(path);
  const modelJson = await readModelJson(jsonPath);
  inspect?.(modelJson, jsonPath);
  return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => readWeightFiles(manifest, jsonPath));
}

async function saveArtifacts(dir: string, artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
  if (artifacts.modelTopology instanceof ArrayBuffer) {
    throw new FoveaError('E_MODEL_FORMAT', `cannot save to ${dir}: the model topology is a binary GraphDef, and model.json holds JSON topologies only.`);
  }
  await makeDirectory(dir);
  const weightData = artifacts.weightData ?? [];
  const shards = Array.isArray(weightData) ? weightData : [weightData];
  // The manifest keeps the tfjs field order; JSON.stringify drops the undefined optionals.
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology ?? {},
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
    trainingConfig: artifacts.trainingConfig,
    signature: artifacts.signature,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    modelInitializer: artifacts.modelInitializer,
    initializerSignature: artifacts.initializerSignature,
  };
  // Weights first: a save that fails midway leaves no model.json pointing at a partial weights file.
  await writeFile(join(dir, WEIGHTS_BIN), shards.map((shard) => new Uint8Array(shard)));
  await writeFile(join(dir, MODEL_JSON), JSON.stringify(modelJson));
  return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
}

async function makeDirectory(dir: string): Promise<void> {
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EEXIST' || code === 'ENOTDIR'
      ? 'it, or a parent, exists as a file; pass a directory path'
      : (error as Error).message;
    throw new FoveaError('E_MODEL_IO', `cannot save a model to ${dir}: ${why}.`, { cause: error });
  }
}

async function writeFile(file: string, data: string | Uint8Array[]): Promise<void> {
  try {
    await fs.writeFile(file, data);
  } catch (error) {
    throw new FoveaError('E_MODEL_IO', `cannot write ${file}: ${(error as Error).message}`, { cause: error });
  }
}
