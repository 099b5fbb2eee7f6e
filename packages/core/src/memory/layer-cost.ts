import { check } from '../errors.js';
import { type Padding, type Size2D, convOutputShape } from '../geometry/conv-arithmetic.js';
import type { MemoryDtype } from './types.js';

const BYTES: Record<MemoryDtype, number> = {
  float32: 4,
  int32: 4,
  float16: 2,
  bfloat16: 2,
  int8: 1,
  uint8: 1,
  bool: 1, // tfjs stores bool tensors as Uint8Array
};

/** Bytes per stored value of `dtype` (float32 and int32: 4, float16/bfloat16: 2, int8/uint8/bool: 1). */
export function bytesPerValue(dtype: MemoryDtype): number {
  const bytes = BYTES[dtype];
  check(bytes !== undefined, `Unknown dtype '${dtype}'; use one of ${Object.keys(BYTES).join(', ')}.`);
  return bytes;
}

/** Product of a list of sizes (1 for an empty list). */
export function product(sizes: readonly number[]): number {
  return sizes.reduce((a, b) => a * b, 1);
}

/**
 * Multiply-accumulates of a (grouped) convolution per instance:
 * `prod(kernel) * inChannels / groups * outChannels * prod(outSpatial)`. Depthwise is
 * `groups = inChannels`.
 */
export function convMacs(
  kernel: readonly number[],
  inChannels: number,
  outChannels: number,
  outSpatial: readonly number[],
  groups = 1,
): number {
  return (product(kernel) * inChannels * outChannels * product(outSpatial)) / groups;
}

/** Arguments of {@link convLayerCost}. */
export interface ConvLayerCostArgs {
  /** Input `[height, width, channels]` per instance. */
  inputShape: readonly [number, number, number];
  /** Output channels. */
  filters: number;
  kernelSize: Size2D;
  /** Default 1. */
  strides?: Size2D;
  /** Default `'valid'`, as in Keras/tfjs. */
  padding?: Padding;
  /** Default 1. */
  dilation?: Size2D;
  /** Channel groups (default 1); a depthwise convolution is `groups = channels`. */
  groups?: number;
  /** Default true: one bias per filter. */
  useBias?: boolean;
  /** Default `'float32'`. */
  dtype?: MemoryDtype;
  /** Default 1; scales `batchBytes`. */
  batchSize?: number;
}

/** What one convolutional layer costs; see {@link convLayerCost}. */
export interface ConvLayerCost {
  /** `[height, width, filters]`, as {@link convOutputShape} gives. */
  outputShape: [number, number, number];
  /** `(kH * kW * C / groups + bias) * filters`. */
  params: number;
  /** Multiply-accumulates per instance: `kH * kW * C / groups * filters * outH * outW`. */
  multiplications: number;
  /** Output values per instance: `outH * outW * filters`. */
  activations: number;
  /** Output bytes per instance: `activations * bytesPerValue`. */
  bytes: number;
  /** Output bytes for `batchSize` instances. */
  batchBytes: number;
}

/**
 * Parameters, multiplications and output memory of one 2-D convolution, the arithmetic of the CNN
 * chapter: 200 5x5 filters, stride 1, `'same'` padding on a 150x100 RGB image give 15,200
 * parameters, 225,000,000 multiplications and 3,000,000 output values, 12,000,000 bytes per
 * instance in float32 and 1,200,000,000 for a batch of 100.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for sizes that are not positive integers, channels or
 *   filters not divisible by `groups`, or a kernel that does not fit the input.
 */
export function convLayerCost(args: ConvLayerCostArgs): ConvLayerCost {
  const { inputShape, filters, groups = 1, useBias = true, dtype = 'float32', batchSize = 1 } = args;
  check(
    Array.isArray(inputShape) && inputShape.length === 3,
    `inputShape must be [height, width, channels]; got ${JSON.stringify(inputShape)}.`,
  );
  const channels = inputShape[2];
  for (const [name, v] of [['channels', channels], ['filters', filters], ['groups', groups], ['batchSize', batchSize]] as const) {
    check(Number.isInteger(v) && v >= 1, `${name} must be a positive integer; got ${v}.`);
  }
  check(
    channels % groups === 0 && filters % groups === 0,
    `groups=${groups} must divide both the input channels (${channels}) and filters (${filters}).`,
  );
  const [h, w] = convOutputShape({
    inputShape: [inputShape[0], inputShape[1]],
    kernelSize: args.kernelSize,
    strides: args.strides,
    padding: args.padding,
    dilation: args.dilation,
  });
  const k = typeof args.kernelSize === 'number' ? [args.kernelSize, args.kernelSize] : [...args.kernelSize];
  const params = (product(k) * (channels / groups) + (useBias ? 1 : 0)) * filters;
  const activations = h * w * filters;
  const bytes = activations * bytesPerValue(dtype);
  return {
    outputShape: [h, w, filters],
    params,
    multiplications: convMacs(k, channels, filters, [h, w], groups),
    activations,
    bytes,
    batchBytes: bytes * batchSize,
  };
}
