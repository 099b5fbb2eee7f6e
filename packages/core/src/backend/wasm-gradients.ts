import * as tf from '@tensorflow/tfjs-core';
import { fastBackpropKernels } from './wasm-fast-backprop.js';
import { fastForwardKernels } from './wasm-fast-forward.js';
import { wasmGradientKernels } from './wasm-gradient-kernels.js';

// Marks kernel functions installed here, so a second call (or a second copy
// of this module) recognises them through the shared tfjs kernel registry.
const FOVEA_KERNEL = Symbol.for('fovea.wasmCompositeKernel');

function mark(kernelFunc: tf.KernelFunc): tf.KernelFunc {
  Object.defineProperty(kernelFunc, FOVEA_KERNEL, { value: true });
  return kernelFunc;
}

function isFovea(config: tf.KernelConfig | undefined): boolean {
  return config != null && (config.kernelFunc as unknown as Record<symbol, unknown>)[FOVEA_KERNEL] === true;
}

/**
 * Makes convolutional networks trainable, and train faster, on the tfjs wasm
 * backend (`@tensorflow/tfjs-backend-wasm` 4.22).
 *
 * Registers for `'wasm'` the three kernels the backend lacks —
 * `Conv2DBackpropFilter`, `DepthwiseConv2dNativeBackpropFilter` and
 * `DepthwiseConv2dNativeBackpropInput` — each composed from wasm's own XNNPACK
 * forward convolutions plus transposes, reshapes, pads, slices and sums. All
 * attributes are honoured: strides, `'same'`/`'valid'`/explicit padding,
 * dilations, `dimRoundingMode` and the depthwise channel multiplier; data
 * format must be NHWC (the wasm backend's only layout). It also replaces the
 * scalar-loop `Conv2DBackpropInput` and `AvgPoolGrad` kernels by the same
 * kind of composition (several times faster; NCHW `Conv2DBackpropInput` still
 * goes to the original), and four forward kernels every training step runs
 * that wasm implements slowly: `Tanh` (via the vectorised Sigmoid), `Slice`
 * (without copying the whole input to JS), `Sum` over leading axes (bias
 * gradients) and `BatchMatMul` with transposed operands. Each replacement
 * falls back to the original outside the case it covers. Results match the
 * cpu backend to float32 rounding (tanh within 2.4e-7 absolute).
 *
 * Idempotent, and may be called before or after `tf.setBackend('wasm')`:
 * kernels are looked up per call, and a replaced kernel keeps the original's
 * setup function so the backend still initialises it.
 */
export function registerWasmGradients(): void {
  for (const config of wasmGradientKernels) {
    const existing = tf.getKernel(config.kernelName, 'wasm');
    if (existing == null) tf.registerKernel({ ...config, kernelFunc: mark(config.kernelFunc) });
  }
  for (const [kernelName, build] of Object.entries({ ...fastBackpropKernels, ...fastForwardKernels })) {
    const original = tf.getKernel(kernelName, 'wasm');
    if (original == null || isFovea(original)) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ ...original, kernelFunc: mark(build(original.kernelFunc)) });
  }
}
