import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, estimateMemory, receptiveField, type LayerSpec, type MemoryEstimate, type ReceptiveField, type ReceptiveFieldLayer } from '@fovea/core';

/** One row of {@link ModelSummary.layers}. */
export interface LayerSummary {
  name: string;
  /** tfjs class name: `'Conv2D'`, `'GroupedConv2D'`, `'InputLayer'`, ... */
  className: string;
  /** Output shape per instance (no batch axis). */
  outputShape: number[];
  /** Weights, trainable or not (BatchNorm moving statistics count, as in Keras). */
  params: number;
  trainableParams: number;
  /**
   * Multiply-accumulates per instance: convolutions (grouped, depthwise, separable, transposed) and dense layers, plus
   * one per output element of a `Multiply` layer (squeeze-and-excitation's channel recalibration: a per-sample 1x1
   * depthwise scaling); 0 for everything else (activations, BatchNorm, additions, pooling).
   */
  macs: number;
  /** `2 * macs`. */
  flops: number;
  /** Bytes of this layer's output per instance at 4 bytes (float32) a value. */
  activationBytes: number;
  /**
   * Receptive field of one output unit along the height axis, in input pixels, through the chain of
   * single-input layers that leads here; null after a merge (Add, Concatenate, Multiply) or a layer
   * that mixes all positions (Flatten, Dense, global pooling).
   */
  receptiveField: ReceptiveField | null;
}

/** What {@link summarize} returns; counts are per instance unless said. */
export interface ModelSummary {
  name: string;
  layers: LayerSummary[];
  params: number;
  trainableParams: number;
  macs: number;
  flops: number;
  /** Sum of every layer's output bytes per instance (what training keeps for backprop). */
  activationBytes: number;
  /**
   * `@fovea/core`'s `estimateMemory` over these layers (with these MACs) at `batchSize`: the inference
   * peak of two consecutive outputs plus parameters, and the training total (every output, parameters,
   * gradients, Adam slots). Branching models are walked in layer order, so it is the chain lower bound.
   */
  memory: MemoryEstimate;
}

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /** Batch size of the memory estimate; default 1. */
  batchSize?: number;
}

type Shape = (number | null)[];
type Config = Record<string, unknown>;

const BYTES_PER_VALUE = 4;
const product = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [v[0], v[1]] : [v as number, v as number]);

function perInstance(shape: Shape, layer: string): number[] {
  const rest = shape.slice(1);
  if (!rest.every((d): d is number => typeof d === 'number')) {
    throw new FoveaError('E_INVALID_ARGUMENT',
      `summarize: layer '${layer}' has output shape ${JSON.stringify(shape)} with unknown sizes; build the model with a fixed inputShape.`);
  }
  return rest;
}

function firstShape(shape: Shape | Shape[]): Shape {
  return Array.isArray(shape[0]) ? (shape as Shape[])[0] : (shape as Shape);
}

function weightCount(weights: tfl.LayerVariable[]): number {
  return weights.reduce((n, w) => n + product(w.shape as number[]), 0);
}

/** Multiply-accumulates of one layer per instance; `input` is its (first) input shape per instance. */
function layerMacs(layer: tfl.layers.Layer, config: Config, input: number[] | null, out: number[]): number {
  if (input === null) return 0;
  const cIn = input[input.length - 1];
  const cOut = out[out.length - 1];
  const [kh, kw] = config.kernelSize === undefined ? [1, 1] : pair(config.kernelSize);
  const outSpatial = product(out.slice(0, -1));
  switch (layer.getClassName()) {
    case 'Dense':
      return cIn * cOut * outSpatial;
    case 'Conv2D':
      return kh * kw * cIn * cOut * outSpatial;
    case 'GroupedConv2D':
      return (kh * kw * cIn * cOut * outSpatial) / (config.groups as number);
    case 'DepthwiseConv2D':
      return kh * kw * cOut * outSpatial;
    case 'SeparableConv2D': {
      const mid = cIn * ((config.depthMultiplier as number | undefined) ?? 1);
      return kh * kw * mid * outSpatial + mid * cOut * outSpatial;
    }
    case 'Conv2DTranspose':
      return kh * kw * cIn * cOut * product(input.slice(0, -1));
    case 'Multiply':
      // One multiply per output element: SE's recalibration is a depthwise 1x1 convolution whose weights are
      // computed per sample, so it is counted as such. torchvision's published GFLOPS skip it (EfficientNet-B0:
      // 0.386 G without, 0.388 G with; the paper's figure is 0.39 G).
      return product(out);
    default:
      return 0;
  }
}

/** The receptive-field step a layer adds along the height axis: [] for pass-through, null when it mixes everything. */
function rfStep(layer: tfl.layers.Layer, config: Config, input: number[] | null, out: number[]): ReceptiveFieldLayer[] | null {
  if (input === null) return null;
  const className = layer.getClassName();
  if (className === 'ZeroPadding2D') {
    const padding = config.padding as number[][];
    return [{ kernelSize: 1, strides: 1, padding: padding[0][0] }];
  }
  const window = config.kernelSize ?? config.poolSize;
  if (window !== undefined && input.length === 3 && out.length === 3) {
    const k = pair(window)[0];
    const s = pair(config.strides ?? 1)[0];
    const d = pair(config.dilationRate ?? 1)[0];
    const kEff = k + (k - 1) * (d - 1);
    // TF 'same' pads floor(total / 2) before, total = max((out - 1) * s + kEff - in, 0).
    const padding = config.padding === 'same' ? Math.floor(Math.max((out[0] - 1) * s + kEff - input[0], 0) / 2) : 0;
    return [{ kernelSize: k, strides: s, dilation: d, padding }];
  }
  const sameGrid = input.length === 3 && out.length === 3 && input[0] === out[0] && input[1] === out[1];
  return sameGrid ? [] : null;
}

/**
 * Per-layer table of a built tfjs model at its fixed input size: output shape, parameters,
 * MACs and FLOPs (FLOPs = 2 x MACs, counting convolutions and dense layers as torchvision and
 * fvcore do), activation bytes and receptive field, plus totals and core's inference vs training
 * memory estimate. Layers in `model.layers` order; a shared layer is reported at its first call and a
 * nested model as one row (its MACs summed).
 *
 * Reference values at canonical input: ResNet-50 (torchvision layout) 4.09 G MACs, VGG16 15.47 G.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` if a layer's output size is unknown (no fixed inputShape).
 */
export function summarize(model: tfl.LayersModel, options: SummarizeOptions = {}): ModelSummary {
  const { batchSize = 1 } = options;
  const paths = new Map<string, ReceptiveFieldLayer[] | null>();
  const rows: LayerSummary[] = [];
  const extraInputs = model.inputs.map((t) => t.sourceLayer).filter((l) => !model.layers.includes(l));
  for (const layer of [...extraInputs, ...model.layers]) {
    const out = perInstance(firstShape(layer.outputShape as Shape | Shape[]), layer.name);
    const config = layer.getConfig() as Config;
    const node = layer.inboundNodes[0];
    const inbound = node?.inboundLayers ?? [];
    const input = inbound.length > 0 ? perInstance(firstShape(node.inputShapes as Shape | Shape[]), layer.name) : null;
    const nested = (layer as tfl.LayersModel).layers !== undefined;
    const macs = nested ? summarize(layer as tfl.LayersModel).macs : layerMacs(layer, config, input, out);
    let path: ReceptiveFieldLayer[] | null = null;
    if (inbound.length === 0) path = [];
    else if (inbound.length === 1 && !nested) {
      const before = paths.get(inbound[0].name) ?? null;
      const step = before === null ? null : rfStep(layer, config, input, out);
      path = before === null || step === null ? null : [...before, ...step];
    }
    paths.set(layer.name, path);
    const rf = path === null ? null : path.length === 0 ? { size: 1, jump: 1, start: 0.5 } : receptiveField(path).at(-1)!;
    rows.push({
      name: layer.name,
      className: layer.getClassName(),
      outputShape: out,
      params: weightCount(layer.weights),
      trainableParams: weightCount(layer.trainableWeights),
      macs,
      flops: 2 * macs,
      activationBytes: product(out) * BYTES_PER_VALUE,
      receptiveField: rf,
    });
  }
  const sum = (key: 'params' | 'trainableParams' | 'macs' | 'activationBytes') => rows.reduce((n, r) => n + r[key], 0);
  const macs = sum('macs');
  return {
    name: model.name,
    layers: rows,
    params: sum('params'),
    trainableParams: sum('trainableParams'),
    macs,
    flops: 2 * macs,
    activationBytes: sum('activationBytes'),
    memory: estimate(rows, batchSize),
  };
}

/** core's estimateMemory over the rows as hand-described layers, so grouped convolutions keep their MACs. */
function estimate(rows: LayerSummary[], batchSize: number): MemoryEstimate {
  const specs: LayerSpec[] = rows.map((r, i) => ({
    name: r.name,
    kind: i === 0 ? 'input' : r.className,
    outputShape: r.outputShape,
    params: r.params,
    trainableParams: r.trainableParams,
    macs: r.macs,
  }));
  return estimateMemory(specs, { batchSize });
}

/** A fixed-width text table of a summary (name, class, output, params, MFLOPs, KB, RF), for logs and READMEs. */
export function formatSummary(summary: ModelSummary): string {
  const head = ['layer', 'class', 'output', 'params', 'MFLOPs', 'act KB', 'RF'];
  const body = summary.layers.map((l) => [
    l.name, l.className, l.outputShape.join('x'), l.params.toLocaleString('en-US'),
    (l.flops / 1e6).toFixed(1), (l.activationBytes / 1024).toFixed(1), l.receptiveField ? String(l.receptiveField.size) : '-',
  ]);
  const total = ['total', '', '', summary.params.toLocaleString('en-US'), (summary.flops / 1e6).toFixed(1), (summary.activationBytes / 1024).toFixed(1), ''];
  const rows = [head, ...body, total];
  const widths = head.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c >= 3 && c <= 5 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}
