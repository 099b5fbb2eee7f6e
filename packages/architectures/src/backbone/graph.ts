// The tensor graph of a functional tfjs model: topological order, the tensors every input-to-output path passes
// through, and each tensor's stride relative to the input. Pure reads of tfjs's public graph fields.
import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';

/** One tensor of the graph with what the backbone needs to know about it. */
export interface GraphTensor {
  tensor: tfl.SymbolicTensor;
  /** Its producing layer's class, e.g. `'Conv2D'`. */
  className: string;
  /** Every path from the model's inputs to its outputs passes through this tensor. */
  dominates: boolean;
  /** `[sy, sx]`, input pixels per feature-map pixel along each axis; null when not a 4D map or not computable. */
  stride: [number, number] | null;
}

/** Layers that only add or remove a border: their output is their input's grid, not a new feature map. */
export const BORDER_LAYERS = new Set(['ZeroPadding2D', 'Cropping2D']);

/** Tensors from the model's inputs to its outputs, each after the tensors it is computed from (iterative DFS). */
export function topologicalOrder(model: tfl.LayersModel): tfl.SymbolicTensor[] {
  const inputIds = new Set(model.inputs.map((t) => t.id));
  const order: tfl.SymbolicTensor[] = [];
  const seen = new Set<number>();
  const stack: [tfl.SymbolicTensor, boolean][] = model.outputs.map((t) => [t, false]);
  while (stack.length > 0) {
    const [t, expanded] = stack.pop()!;
    if (expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t.id)) continue;
    seen.add(t.id);
    stack.push([t, true]);
    if (!inputIds.has(t.id)) for (const p of t.inputs) if (!seen.has(p.id)) stack.push([p, false]);
  }
  return order;
}

/** Stride factor `[fy, fx]` of one layer (output pixel per input pixels), or null when it cannot be told. */
function layerFactor(layer: tfl.layers.Layer, input: tfl.SymbolicTensor, output: tfl.SymbolicTensor): [number, number] | null {
  const className = layer.getClassName();
  const config = layer.getConfig();
  if (config.dataFormat === 'channelsFirst') {
    throw new FoveaError('E_INVALID_ARGUMENT',
      `Layer '${layer.name}' is channelsFirst; backbones read NHWC feature maps, so build the model with dataFormat 'channelsLast'.`);
  }
  const pair = (v: unknown): [number, number] => (Array.isArray(v) ? [Number(v[0]), Number(v[1])] : [Number(v), Number(v)]);
  if (className === 'Conv2DTranspose') return pair(config.strides).map((s) => 1 / s) as [number, number];
  if (className === 'UpSampling2D') return pair(config.size).map((s) => 1 / s) as [number, number];
  // Convolutions of every kind and the 2D poolings (tfjs resolves a pooling's default strides to poolSize).
  if (config.strides !== undefined && config.strides !== null) return pair(config.strides);
  if (BORDER_LAYERS.has(className)) return [1, 1];
  const [hi, wi] = input.shape.slice(1, 3);
  const [ho, wo] = output.shape.slice(1, 3);
  if (hi === ho && wi === wo) return [1, 1];
  // A layer that resizes without saying how (a nested model, a custom layer): trust an exact size ratio only.
  const ratio = (a: number | null, b: number | null) => {
    if (a === null || b === null) return null;
    if (a % b === 0) return a / b;
    return b % a === 0 ? a / b : null;
  };
  const fy = ratio(hi, ho);
  const fx = ratio(wi, wo);
  return fy === null || fx === null ? null : [fy, fx];
}

/**
 * Every tensor between the model's inputs and outputs, in topological order, with its stride and whether it
 * dominates the outputs. Domination is decided by counting paths (exact, with BigInt): t lies on every path from
 * the inputs to the outputs iff paths(inputs -> t) x paths(t -> outputs) = paths(inputs -> outputs).
 */
export function analyseGraph(model: tfl.LayersModel): GraphTensor[] {
  const order = topologicalOrder(model);
  const inputIds = new Set(model.inputs.map((t) => t.id));
  const consumers = new Map<number, tfl.SymbolicTensor[]>();
  for (const t of order) {
    if (inputIds.has(t.id)) continue;
    for (const p of t.inputs) {
      const list = consumers.get(p.id);
      if (list === undefined) consumers.set(p.id, [t]);
      else list.push(t);
    }
  }
  const from = new Map<number, bigint>();
  for (const t of order) from.set(t.id, inputIds.has(t.id) ? 1n : t.inputs.reduce((n, p) => n + (from.get(p.id) ?? 0n), 0n));
  const to = new Map<number, bigint>();
  const outputCount = new Map<number, bigint>();
  for (const t of model.outputs) outputCount.set(t.id, (outputCount.get(t.id) ?? 0n) + 1n);
  for (const t of [...order].reverse()) {
    to.set(t.id, (consumers.get(t.id) ?? []).reduce((n, c) => n + to.get(c.id)!, outputCount.get(t.id) ?? 0n));
  }
  const total = model.outputs.reduce((n, t) => n + from.get(t.id)!, 0n);
  const strides = new Map<number, [number, number] | null>();
  return order.map((t) => {
    let stride: [number, number] | null = null;
    if (inputIds.has(t.id)) stride = [1, 1];
    else {
      // A 1x1 map of unknown stride broadcast into a merge (a squeeze-excitation gate) does not set its stride.
      const broadcast = (p: tfl.SymbolicTensor) => t.inputs.length > 1 && p.rank === 4 && p.shape[1] === 1 && p.shape[2] === 1;
      const ins = t.inputs.filter((p) => strides.get(p.id) != null || !broadcast(p));
      const known = ins.map((p) => strides.get(p.id) ?? null);
      const first = known[0] ?? null;
      // A merge of maps at different strides (or of non-maps) has no single stride.
      const agreed = first !== null && known.every((s) => s !== null && s[0] === first[0] && s[1] === first[1]);
      const factor = agreed && t.rank === 4 ? layerFactor(t.sourceLayer, ins[0], t) : null;
      if (agreed && factor !== null) stride = [first[0] * factor[0], first[1] * factor[1]];
    }
    if (t.rank !== 4) stride = null;
    strides.set(t.id, stride);
    const dominates = from.get(t.id)! * to.get(t.id)! === total && total > 0n;
    return { tensor: t, className: t.sourceLayer.getClassName(), dominates, stride };
  });
}
