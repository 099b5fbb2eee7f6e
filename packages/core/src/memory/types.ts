import type { Size2D } from '../geometry/conv-arithmetic.js';

/** Storage type of activations and parameters; see {@link bytesPerValue}. */
export type MemoryDtype = 'float32' | 'int32' | 'float16' | 'bfloat16' | 'int8' | 'uint8' | 'bool';

/**
 * Optimizer state kept per trainable parameter:
 * - `'sgd'`: 0 slots.
 * - `'momentum'`: 1 (velocity).
 * - `'rmsprop'`: 1 (the running mean of squared gradients), as in Keras and PyTorch without momentum.
 *   With momentum they keep 2, and `centered` adds a running mean gradient (3). tfjs's
 *   `tf.train.rmsprop` always allocates the moment slot, so pass `{ slotsPerParam: 2 }` (3 if
 *   centered) to match tfjs.
 * - `'adam'`: 2 (first and second moments), as in tfjs, Keras and PyTorch.
 * - `{ slotsPerParam }`: any other count (adagrad 1, adadelta 2, adamax 2, ...).
 */
export type OptimizerSlots = 'sgd' | 'momentum' | 'rmsprop' | 'adam' | { slotsPerParam: number };

/**
 * One layer described by hand, for {@link estimateMemory} without building a tfjs model.
 * Shapes are per instance (no batch axis), channels last.
 */
export interface LayerSpec {
  name: string;
  /**
   * What the layer computes. `'input'` marks the network input (put it first so that it counts
   * as layer 0). Multiplications are derived for `'conv2d'` and `'depthwiseConv2d'` (which need
   * `kernelSize`) and for `'dense'`; every other kind costs 0 unless `macs` is given.
   */
  kind: 'input' | 'conv2d' | 'depthwiseConv2d' | 'dense' | 'pool' | 'flatten' | 'batchNorm' | 'activation' | (string & {});
  /** Output shape per instance, e.g. `[150, 100, 200]` for H x W x C. */
  outputShape: readonly number[];
  /** Number of parameters (weights and biases, trainable or not). */
  params: number;
  /** Trainable parameters; default `params` (batch norm's moving statistics are not trainable). */
  trainableParams?: number;
  /** Multiply-accumulates per instance; overrides the derived count. */
  macs?: number;
  /** Kernel `[height, width]` of a `'conv2d'` or `'depthwiseConv2d'`. */
  kernelSize?: Size2D;
  /** Groups of a `'conv2d'` (default 1): each output channel sees `Cin / groups` input channels. */
  groups?: number;
  /** Input shape per instance; default the previous layer's `outputShape`. */
  inputShape?: readonly number[];
}

/** Options of {@link estimateMemory}. */
export interface EstimateMemoryOptions {
  /** Instances per batch; activation bytes scale with it. Default 1. */
  batchSize?: number;
  /** Whether {@link MemoryEstimate.totalBytes} is the training total or the inference one. Default false. */
  training?: boolean;
  /** Storage type of activations, parameters, gradients and optimizer slots. Default `'float32'`. */
  dtype?: MemoryDtype;
  /** Optimizer whose slots count towards training memory. Default `'adam'`. */
  optimizer?: OptimizerSlots;
}

/** One row of {@link MemoryEstimate.layers}. */
export interface LayerMemory {
  name: string;
  /** tfjs class name (`'Conv2D'`, `'InputLayer'`, ...) or the spec's `kind`. */
  className: string;
  /** Output shape per instance (no batch axis); the first output's for layers with several. */
  outputShape: number[];
  params: number;
  trainableParams: number;
  /** Output values per instance (summed over outputs for layers with several). */
  activations: number;
  /** Multiply-accumulates per instance. */
  multiplications: number;
  /** Bytes of this layer's output for the whole batch: `activations * batchSize * bytesPerValue`. */
  bytes: number;
}

/** What {@link estimateMemory} returns. All byte counts are for the whole batch. */
export interface MemoryEstimate {
  /** Every layer in execution order, the input(s) first. */
  layers: LayerMemory[];
  params: number;
  trainableParams: number;
  /** Multiply-accumulates per instance, summed over layers. */
  multiplications: number;
  batchSize: number;
  bytesPerValue: number;
  inference: {
    /** Largest sum of two consecutive layers' output bytes (one layer's if there is only one). */
    peakBytes: number;
    /** Names of the two layers where the peak occurs, in order. */
    peakBetween: [string, string];
    /** Bytes of all parameters. */
    paramBytes: number;
    /** `peakBytes + paramBytes`. */
    totalBytes: number;
  };
  training: {
    /** Every layer's output, the input included, kept for backpropagation. */
    activationBytes: number;
    /** Bytes of all parameters, trainable or not. */
    paramBytes: number;
    /** One gradient per trainable parameter. */
    gradientBytes: number;
    /** Optimizer slots per trainable parameter, see {@link OptimizerSlots}. */
    optimizerSlots: number;
    optimizerBytes: number;
    /** Sum of the four above. */
    totalBytes: number;
  };
  /** `training.totalBytes` when estimated with `training: true`, else `inference.totalBytes`. */
  totalBytes: number;
}
