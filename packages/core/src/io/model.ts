import type * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel as loadTfjsGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { FoveaError, check } from '../errors.js';
import { fileSystemHandler, loadArtifacts } from './file-system.js';
import { modelKind } from './model-json.js';

/** Options of {@link saveModel}. */
export interface SaveModelOptions {
  /** Also save the optimizer state and training config, so training can resume. Default `false`. */
  includeOptimizer?: boolean;
}

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /** Throw when the saved weights and the model's weights differ (missing or extra); tfjs `strict`. Default `true`. */
  strict?: boolean;
}

/**
 * Saves a model to `dir` as `model.json` + `weights.bin`, the layout of
 * tfjs-node's `model.save('file://dir')`, creating `dir` and its parents if
 * needed and overwriting an earlier save there. Layers models save their Keras
 * config; graph models (from {@link loadGraphModel}) save their GraphDef as is.
 *
 * @param model A tfjs `LayersModel` or converter `GraphModel`.
 * @param dir Directory to write into (not a `.json` path).
 * @returns tfjs's SaveResult: date and byte sizes of topology, manifest and weights.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a `.json` or empty `dir`, `E_MODEL_IO` when writing fails.
 */
export async function saveModel(
  model: LayersModel | GraphModel,
  dir: string,
  options: SaveModelOptions = {},
): Promise<tf.io.SaveResult> {
  check(typeof model?.save === 'function', `saveModel: expected a tfjs LayersModel or GraphModel, got ${String(model)}.`);
  check(typeof dir === 'string' && dir.length > 0 && !dir.endsWith('.json'),
    `saveModel: dir must be a directory path, got ${JSON.stringify(dir)}; model.json and weights.bin are written inside it.`);
  return model.save(fileSystemHandler(dir), { includeOptimizer: options.includeOptimizer ?? false });
}

/**
 * Loads a layers model (Keras config topology) written by {@link saveModel},
 * tfjs-node's `file://` handler or tensorflowjs_converter's Keras path
 * (`format: 'layers-model'`). Custom layers must be registered with
 * `serialization.registerClass` first. Dispose the model when done.
 *
 * @param path The model directory, or the path of its model.json.
 * @throws FoveaError `E_FILE_NOT_FOUND` (path, model.json or a weight shard missing, named),
 *   `E_MODEL_FORMAT` (not a layers model.json, a graph model (use loadGraphModel), shard sizes
 *   that disagree with the manifest, or a topology tfjs cannot build), `E_MODEL_IO`.
 */
export async function loadModel(path: string, options: LoadModelOptions = {}): Promise<LayersModel> {
  const artifacts = await loadArtifacts(path, expectKind('layers-model'));
  try {
    return await loadLayersModel({ load: async () => artifacts }, { strict: options.strict ?? true });
  } catch (error) {
    throw new FoveaError('E_MODEL_FORMAT', `cannot build a layers model from ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Loads a tfjs-converter graph model (`format: 'graph-model'`, a GraphDef as
 * JSON) from disk: sharded weights are joined and quantized weights (uint8,
 * uint16, float16) dequantized by tfjs as it decodes. Dispose the model when done.
 *
 * @param path The model directory, or the path of its JSON file (converted
 *   models are not always named model.json).
 * @throws FoveaError as {@link loadModel}, with a layers model pointing to loadModel.
 */
export async function loadGraphModel(path: string): Promise<GraphModel> {
  const artifacts = await loadArtifacts(path, expectKind('graph-model'));
  // GraphModel reads versions.producer unconditionally; hand-written GraphDefs may omit versions.
  const topology = artifacts.modelTopology as { versions?: object };
  if (topology.versions == null) artifacts.modelTopology = { ...topology, versions: {} };
  try {
    return await loadTfjsGraphModel({ load: async () => artifacts });
  } catch (error) {
    throw new FoveaError('E_MODEL_FORMAT', `cannot build a graph model from ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** An `inspect` hook for loadArtifacts that rejects the other kind of model before weights are read. */
function expectKind(wanted: 'layers-model' | 'graph-model') {
  const loader = wanted === 'layers-model' ? 'loadModel' : 'loadGraphModel';
  return (modelJson: tf.io.ModelJSON, jsonPath: string): void => {
    const kind = modelKind(modelJson);
    if (kind === wanted) return;
    const why = kind === 'graph-model'
      ? 'it is a graph model (GraphDef topology); load it with loadGraphModel'
      : kind === 'layers-model'
        ? 'it is a layers model (Keras config topology); load it with loadModel'
        : `its format is ${JSON.stringify(modelJson.format)} and its modelTopology is neither a Keras config (class_name or model_config) nor a GraphDef (node list)`;
    throw new FoveaError('E_MODEL_FORMAT', `${loader} cannot load ${jsonPath}: ${why}.`);
  };
}
