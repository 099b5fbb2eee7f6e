import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import { FoveaError } from '../errors.js';

/** The topology-and-manifest file inside a model directory, as tfjs and tensorflowjs_converter name it. */
export const MODEL_JSON = 'model.json';

/** Which tfjs loader a model.json is for. */
export type ModelKind = 'layers-model' | 'graph-model' | 'unknown';

/**
 * Resolves `path` to the model.json to read: `path` itself when it is a file
 * (converted models are sometimes named `centernet.json` and the like), else
 * `path/model.json`. Returns an absolute path.
 *
 * @throws FoveaError `E_FILE_NOT_FOUND` when `path` or `path/model.json` does not exist.
 */
export async function locateModelJson(path: string): Promise<string> {
  const target = resolve(path);
  const info = await statOrNull(target);
  if (info == null) {
    throw new FoveaError('E_FILE_NOT_FOUND', `no model at ${target}: the path does not exist; pass the directory saveModel wrote or the path of a model.json.`);
  }
  if (info.isFile()) return target;
  const jsonPath = join(target, MODEL_JSON);
  const jsonInfo = await statOrNull(jsonPath);
  if (jsonInfo?.isFile()) return jsonPath;
  const others = (await fs.readdir(target)).filter((name) => name.endsWith('.json'));
  const hint = others.length > 0
    ? `; the directory holds ${others.join(', ')}: pass that file's path instead`
    : '; pass the directory saveModel wrote or the path of a model.json';
  throw new FoveaError('E_FILE_NOT_FOUND', `no ${MODEL_JSON} in ${target}${hint}.`);
}

/**
 * Reads and validates a tfjs model.json: valid JSON, an object with an object
 * `modelTopology`, and, if present, a `weightsManifest` of `{paths: string[], weights: []}` groups.
 *
 * @throws FoveaError `E_MODEL_FORMAT` when any of that fails, `E_MODEL_IO` when the file cannot be read.
 */
export async function readModelJson(jsonPath: string): Promise<tf.io.ModelJSON> {
  let text: string;
  try {
    text = await fs.readFile(jsonPath, 'utf8');
  } catch (error) {
    throw new FoveaError('E_MODEL_IO', `cannot read ${jsonPath}: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FoveaError('E_MODEL_FORMAT', `${jsonPath} is not valid JSON (${(error as Error).message}); a tfjs model.json is written by saveModel or tensorflowjs_converter.`, { cause: error });
  }
  if (!isObject(parsed) || !isObject(parsed.modelTopology)) {
    throw new FoveaError('E_MODEL_FORMAT', `${jsonPath} has no modelTopology object, so it is not a tfjs model.json; write one with saveModel or tensorflowjs_converter.`);
  }
  const manifest = parsed.weightsManifest;
  if (manifest != null) {
    const groupsOk = Array.isArray(manifest) && manifest.every((group) =>
      isObject(group) && Array.isArray(group.paths) && group.paths.every((p) => typeof p === 'string') &&
      Array.isArray(group.weights));
    if (!groupsOk) {
      throw new FoveaError('E_MODEL_FORMAT', `${jsonPath}: weightsManifest must be an array of {paths: string[], weights: [...]} groups.`);
    }
  }
  return parsed as unknown as tf.io.ModelJSON;
}

/**
 * Tells a Keras-style layers model from a converted TensorFlow graph model:
 * by `format` when it is set, else by the topology's shape (`node` list for a
 * GraphDef, `class_name` or `model_config` for a Keras config).
 */
export function modelKind(modelJson: Pick<tf.io.ModelJSON, 'format' | 'modelTopology'>): ModelKind {
  if (modelJson.format === 'graph-model' || modelJson.format === 'layers-model') return modelJson.format;
  const topology = modelJson.modelTopology as Record<string, unknown>;
  if (Array.isArray(topology.node)) return 'graph-model';
  if (topology.class_name != null || topology.model_config != null) return 'layers-model';
  return 'unknown';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function statOrNull(path: string) {
  try {
    return await fs.stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    throw new FoveaError('E_MODEL_IO', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}
