import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '../errors.js';
import { convMacs, product } from './layer-cost.js';

/** A layer reduced to what the estimate needs; shapes per instance. */
export interface LayerRecord {
  name: string;
  className: string;
  outputShape: number[];
  activations: number;
  params: number;
  trainableParams: number;
  macs: number;
}

type Shape = (number | null)[];

function shapeList(shape: Shape | Shape[]): Shape[] {
  return Array.isArray(shape[0]) ? (shape as Shape[]) : [shape as Shape];
}

/** Drops the batch axis and checks every other size is known. */
function instanceShape(shape: Shape, layer: string): number[] {
  const rest = shape.slice(1);
  if (!rest.every((d) => typeof d === 'number')) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `Layer '${layer}' has output shape ${JSON.stringify(shape)} with unknown sizes; build the model with a ` +
        'fixed inputShape (e.g. [224, 224, 3]) to estimate its memory.',
    );
  }
  return rest as number[];
}

function weightCount(weights: tfl.LayerVariable[]): number {
  return weights.reduce((n, w) => n + product(w.shape as number[]), 0);
}

function isModel(layer: tfl.layers.Layer): layer is tfl.LayersModel {
  return Array.isArray((layer as tfl.LayersModel).layers);
}

/**
 * Multiply-accumulates per instance of one tfjs layer: convolutions (1-3 D, depthwise, separable,
 * transposed), dense, and nested models (summed over their layers); 0 for everything else.
 */
function layerMacs(layer: tfl.layers.Layer, out: number[]): number {
  if (isModel(layer)) return layer.layers.reduce((n, l) => n + layerMacs(l, outputShapes(l)[0]), 0);
  const className = layer.getClassName();
  const config = layer.getConfig() as Record<string, unknown>;
  const node = layer.inboundNodes[0];
  if (node === undefined) return 0;
  const input = instanceShape(shapeList(node.inputShapes)[0], layer.name);
  const channelsFirst = config.dataFormat === 'channelsFirst';
  const channels = (s: number[]) => (channelsFirst ? s[0] : s[s.length - 1]);
  const spatial = (s: number[]) => (channelsFirst ? s.slice(1) : s.slice(0, -1));
  const kernel = config.kernelSize as number[] | undefined;
  const cIn = channels(input);
  const cOut = channels(out);
  switch (className) {
    case 'Dense':
      return input[input.length - 1] * out[out.length - 1] * product(out.slice(0, -1));
    case 'Conv1D':
    case 'Conv2D':
    case 'Conv3D':
      return convMacs(kernel ?? [], cIn, cOut, spatial(out));
    case 'DepthwiseConv2D':
      return convMacs(kernel ?? [], cOut, cOut, spatial(out), cOut);
    case 'SeparableConv1D':
    case 'SeparableConv2D': {
      const mid = cIn * ((config.depthMultiplier as number | undefined) ?? 1);
      return convMacs(kernel ?? [], mid, mid, spatial(out), mid) + convMacs([], mid, cOut, spatial(out));
    }
    case 'Conv2DTranspose':
    case 'Conv3DTranspose':
      // Each input pixel scatters a kernel-sized patch into every output channel.
      return convMacs(kernel ?? [], cIn, cOut, spatial(input));
    default:
      return 0;
  }
}

function outputShapes(layer: tfl.layers.Layer): number[][] {
  return shapeList(layer.outputShape as Shape | Shape[]).map((s) => instanceShape(s, layer.name));
}

/**
 * Walks a tfjs `LayersModel` in execution order: its input layers first (a Sequential model does
 * not list its InputLayer), then `model.layers`. A shared layer is counted at its first call; a
 * nested model counts as one layer whose output is the nested model's output.
 */
export function modelRecords(model: tfl.LayersModel): LayerRecord[] {
  const inputs = model.inputs.map((t) => t.sourceLayer).filter((l) => !model.layers.includes(l));
  return [...inputs, ...model.layers].map((layer) => {
    const shapes = outputShapes(layer);
    return {
      name: layer.name,
      className: layer.getClassName(),
      outputShape: shapes[0],
      activations: shapes.reduce((n, s) => n + product(s), 0),
      params: weightCount(layer.weights),
      trainableParams: weightCount(layer.trainableWeights),
      macs: layerMacs(layer, shapes[0]),
    };
  });
}
