import type * as tfl from '@tensorflow/tfjs-layers';
import { check } from '../errors.js';
import { type LayerRecord, modelRecords } from './from-model.js';
import { bytesPerValue, convMacs, product } from './layer-cost.js';
import type { EstimateMemoryOptions, LayerSpec, MemoryEstimate, OptimizerSlots } from './types.js';

const SLOTS: Record<string, number> = { sgd: 0, momentum: 1, rmsprop: 1, adam: 2 };

function optimizerSlots(optimizer: OptimizerSlots): number {
  const slots = typeof optimizer === 'object' && optimizer !== null ? optimizer.slotsPerParam : SLOTS[optimizer];
  check(
    Number.isInteger(slots) && slots >= 0,
    `optimizer must be 'sgd', 'momentum', 'rmsprop', 'adam' or { slotsPerParam: integer >= 0 }; ` +
      `got ${JSON.stringify(optimizer)}.`,
  );
  return slots;
}

function specMacs(spec: LayerSpec, input: readonly number[] | undefined, i: number): number {
  if (spec.macs !== undefined) return spec.macs;
  const out = spec.outputShape;
  if (spec.kind !== 'conv2d' && spec.kind !== 'depthwiseConv2d' && spec.kind !== 'dense') return 0;
  check(
    input !== undefined,
    `layers[${i}] ('${spec.name}', ${spec.kind}) has no input shape: give it inputShape, put an 'input' ` +
      'layer before it, or give macs.',
  );
  const cIn = input[input.length - 1];
  const cOut = out[out.length - 1];
  if (spec.kind === 'dense') return cIn * cOut * product(out.slice(0, -1));
  check(
    spec.kernelSize !== undefined,
    `layers[${i}] ('${spec.name}', ${spec.kind}) needs kernelSize (or macs) to count multiplications.`,
  );
  const k = typeof spec.kernelSize === 'number' ? [spec.kernelSize, spec.kernelSize] : [...spec.kernelSize];
  const groups = spec.kind === 'depthwiseConv2d' ? cOut : (spec.groups ?? 1);
  const cInEff = spec.kind === 'depthwiseConv2d' ? cOut : cIn;
  return convMacs(k, cInEff, cOut, out.slice(0, -1), groups);
}

function specRecords(specs: readonly LayerSpec[]): LayerRecord[] {
  return specs.map((spec, i) => {
    const where = `layers[${i}] ('${spec?.name}')`;
    check(
      Array.isArray(spec?.outputShape) && spec.outputShape.every((d) => Number.isInteger(d) && d >= 1),
      `${where}.outputShape must be per-instance sizes (positive integers, no batch axis); ` +
        `got ${JSON.stringify(spec?.outputShape)}.`,
    );
    const { params, trainableParams = params } = spec;
    for (const [name, v] of [['params', params], ['trainableParams', trainableParams], ['macs', spec.macs ?? 0]] as const) {
      check(Number.isInteger(v) && v >= 0, `${where}.${name} must be an integer >= 0; got ${v}.`);
    }
    check(trainableParams <= params, `${where}.trainableParams (${trainableParams}) exceeds params (${params}).`);
    return {
      name: spec.name,
      className: spec.kind,
      outputShape: [...spec.outputShape],
      activations: product(spec.outputShape),
      params,
      trainableParams,
      macs: specMacs(spec, spec.inputShape ?? specs[i - 1]?.outputShape, i),
    };
  });
}

/**
 * Estimates the memory a CNN needs, the way the CNN chapter reasons about it.
 *
 * - Per layer: parameters, output values per instance (`activations`), multiply-accumulates per
 *   instance (`multiplications`: `kH * kW * Cin / groups * Cout * Hout * Wout` for convolutions,
 *   `kH * kW * C * Hout * Wout` depthwise, `in * out` dense, 0 for pooling, activations, etc.) and
 *   output bytes for the batch.
 * - Inference: a layer's output can be freed once the next layer has been computed, so the peak is
 *   the largest sum of two consecutive layers' outputs (the input counts as layer 0), times
 *   `batchSize` times bytes per value. Parameters are reported apart (`inference.paramBytes`).
 *   This models a chain; for branching models (residual, inception) it follows `model.layers`
 *   order and underestimates what the branches keep alive.
 * - Training: every output, the input included, is kept for backpropagation (times `batchSize`),
 *   plus all parameters, one gradient per trainable parameter and the optimizer's slots per
 *   trainable parameter ({@link OptimizerSlots}).
 *
 * Frameworks add to this: tfjs keeps pre-activation tensors, padding and im2col buffers, so the
 * measured peak ({@link measurePeakBytes}) is larger; the estimate is the book's lower bound.
 *
 * @param modelOrLayers a built tfjs `LayersModel` with fixed input sizes (its layers are walked:
 *   output shapes, weights, trainable or not), or hand-written {@link LayerSpec}s in order.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an empty list, unknown sizes (`null` dimensions),
 *   bad counts, a conv spec without `kernelSize` or `macs`, or bad options.
 */
export function estimateMemory(
  modelOrLayers: tfl.LayersModel | readonly LayerSpec[],
  options: EstimateMemoryOptions = {},
): MemoryEstimate {
  const { batchSize = 1, training = false, dtype = 'float32', optimizer = 'adam' } = options;
  check(Number.isInteger(batchSize) && batchSize >= 1, `batchSize must be a positive integer; got ${batchSize}.`);
  const perValue = bytesPerValue(dtype);
  const slots = optimizerSlots(optimizer);
  const records = Array.isArray(modelOrLayers)
    ? specRecords(modelOrLayers as readonly LayerSpec[])
    : modelRecords(modelOrLayers as tfl.LayersModel);
  check(records.length > 0, 'estimateMemory needs at least one layer; got an empty list.');

  const layers = records.map((r) => ({
    name: r.name,
    className: r.className,
    outputShape: r.outputShape,
    params: r.params,
    trainableParams: r.trainableParams,
    activations: r.activations,
    multiplications: r.macs,
    bytes: r.activations * batchSize * perValue,
  }));
  // Layer i's output is alive while layer i + 1 computes; a lone layer is its own peak.
  const last = layers.length - 1;
  let peakAt = 0;
  let peak = -1;
  for (let i = 0; i < Math.max(last, 1); i++) {
    const pair = layers[i].bytes + (i < last ? layers[i + 1].bytes : 0);
    if (pair > peak) [peak, peakAt] = [pair, i];
  }
  const sum = (key: 'params' | 'trainableParams' | 'multiplications' | 'bytes') =>
    layers.reduce((n, l) => n + l[key], 0);
  const params = sum('params');
  const trainableParams = sum('trainableParams');
  const paramBytes = params * perValue;
  const activationBytes = sum('bytes');
  const gradientBytes = trainableParams * perValue;
  const optimizerBytes = slots * trainableParams * perValue;
  const inference = {
    peakBytes: peak,
    peakBetween: [layers[peakAt].name, layers[Math.min(peakAt + 1, last)].name] as [string, string],
    paramBytes,
    totalBytes: peak + paramBytes,
  };
  const train = {
    activationBytes,
    paramBytes,
    gradientBytes,
    optimizerSlots: slots,
    optimizerBytes,
    totalBytes: activationBytes + paramBytes + gradientBytes + optimizerBytes,
  };
  return {
    layers,
    params,
    trainableParams,
    multiplications: sum('multiplications'),
    batchSize,
    bytesPerValue: perValue,
    inference,
    training: train,
    totalBytes: training ? train.totalBytes : inference.totalBytes,
  };
}
