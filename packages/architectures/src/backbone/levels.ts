// Which tensor represents each pyramid level, and the featureInfo entry describing it.
import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';
import { BORDER_LAYERS, type GraphTensor, analyseGraph } from './graph.js';

/** One feature map of a backbone (timm's `feature_info` entry). */
export interface FeatureInfo {
  /** `'C2'`... for pyramid levels (detectron/FPN: Ck has stride 2^k), or the key given in `returnLayers`. */
  name: string;
  /** Input pixels per feature-map pixel (the `reduction` of timm), e.g. 4 for C2. */
  stride: number;
  /** Channels of the NHWC map. */
  channels: number;
  /** Name of the source model's layer whose output this is. */
  layer: string;
}

/** A feature map found in the graph: its info and the symbolic tensor to tap. */
export interface Tap {
  info: FeatureInfo;
  tensor: tfl.SymbolicTensor;
}

const describe = (taps: Tap[]) => taps.map(({ info }) => `${info.name} (stride ${info.stride}, ${info.channels} channels, layer '${info.layer}')`).join(', ');

function tapOf(g: GraphTensor, name: string): Tap {
  const channels = g.tensor.shape[3];
  if (typeof channels !== 'number') {
    throw new FoveaError('E_INVALID_ARGUMENT', `Layer '${g.tensor.sourceLayer.name}' has an unknown channel count; give the model a fixed channel axis.`);
  }
  return { info: { name, stride: g.stride![0], channels, layer: g.tensor.sourceLayer.name }, tensor: g.tensor };
}

function checkSingleImageInput(model: tfl.LayersModel): void {
  const shapes = model.inputs.map((t) => JSON.stringify(t.shape));
  if (model.inputs.length !== 1 || model.inputs[0].rank !== 4) {
    throw new FoveaError('E_INVALID_ARGUMENT',
      `A backbone needs a model with one NHWC image input; '${model.name}' has inputs ${shapes.join(', ')}. Wrap it so that one [batch, height, width, channels] input feeds it.`);
  }
}

/**
 * Every pyramid level of a functional model, shallowest first. Level k is the deepest tensor of stride 2^k
 * (equal along both axes) that every path from the input to the outputs passes through, so never a layer
 * inside a parallel branch, and never the output of a padding or cropping layer (the same grid with a border).
 */
export function findLevels(model: tfl.LayersModel): Tap[] {
  checkSingleImageInput(model);
  const inputId = model.inputs[0].id;
  const byLevel = new Map<number, GraphTensor>();
  for (const g of analyseGraph(model)) {
    if (!g.dominates || g.stride === null || g.tensor.id === inputId || BORDER_LAYERS.has(g.className)) continue;
    const [sy, sx] = g.stride;
    const k = Math.log2(sy);
    if (sy === sx && Number.isInteger(k) && k >= 0) byLevel.set(k, g); // later = deeper in topological order
  }
  return [...byLevel.entries()].sort(([a], [b]) => a - b).map(([k, g]) => tapOf(g, `C${k}`));
}

/** The levels `outLevels` (default every level from 2 up) of `model`, with errors naming what exists. */
export function selectLevels(model: tfl.LayersModel, outLevels?: number[]): Tap[] {
  const all = findLevels(model);
  const available = () => (all.length > 0 ? describe(all) : 'none');
  if (outLevels === undefined) {
    const deep = all.filter(({ info }) => info.stride >= 4);
    if (deep.length === 0) {
      throw new FoveaError('E_INVALID_ARGUMENT',
        `Model '${model.name}' has no feature level at stride 4 or more (levels: ${available()}); pass outLevels to pick from these, or give it 4D feature maps.`);
    }
    return deep;
  }
  if (!Array.isArray(outLevels) || outLevels.length === 0 || !outLevels.every((k) => Number.isInteger(k) && k >= 0)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `outLevels must be a non-empty array of integers >= 0 (e.g. [2, 3, 4, 5]); got ${JSON.stringify(outLevels)}.`);
  }
  if (new Set(outLevels).size !== outLevels.length) {
    throw new FoveaError('E_INVALID_ARGUMENT', `outLevels lists a level twice: ${JSON.stringify(outLevels)}; give each level once.`);
  }
  return [...outLevels].sort((a, b) => a - b).map((k) => {
    const tap = all.find(({ info }) => info.name === `C${k}`);
    if (tap === undefined) {
      throw new FoveaError('E_INVALID_ARGUMENT',
        `Model '${model.name}' has no level ${k} (stride ${2 ** k}) at input ${JSON.stringify(model.inputs[0].shape.slice(1))}; its levels are ${available()}.`);
    }
    return tap;
  });
}

/** The outputs of named layers, torchvision's `return_nodes`: `{ featureName: layerName }`. */
export function selectLayers(model: tfl.LayersModel, returnLayers: Record<string, string>): Tap[] {
  checkSingleImageInput(model);
  const entries = Object.entries(returnLayers ?? {});
  if (entries.length === 0) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'returnLayers must map at least one feature name to a layer name, e.g. { pool3: \'block3_pool\' }.');
  }
  const graph = analyseGraph(model);
  return entries.map(([name, layerName]) => {
    const g = graph.find((t) => t.tensor.sourceLayer.name === layerName);
    if (g === undefined) {
      const some = model.layers.slice(-5).map((l) => l.name).join(', ');
      throw new FoveaError('E_INVALID_ARGUMENT',
        `returnLayers.${name}: model '${model.name}' has no layer '${layerName}' between its input and output (its last layers: ${some}); use a name from model.layers.`);
    }
    if (graph.filter((t) => t.tensor.sourceLayer.name === layerName).length > 1) {
      throw new FoveaError('E_INVALID_ARGUMENT', `returnLayers.${name}: layer '${layerName}' is applied more than once, so its output is ambiguous; tap a layer applied once.`);
    }
    if (g.stride === null || g.stride[0] !== g.stride[1]) {
      throw new FoveaError('E_INVALID_ARGUMENT',
        `returnLayers.${name}: layer '${layerName}' (output ${JSON.stringify(g.tensor.shape)}) is not an NHWC feature map with one stride along both axes; pick a 4D layer before the global pooling or flatten.`);
    }
    return tapOf(g, name);
  });
}
