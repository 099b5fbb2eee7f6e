import * as tf from '@tensorflow/tfjs-core';
import { withScratch } from './wasm-kernel-scratch.js';

// Faster replacements for tfjs-backend-wasm 4.22 kernels that training runs on
// every step and that the backend implements slowly; each falls back to the
// original outside the case it covers. Parity-tested against the cpu backend.

type Info = tf.TensorInfo;
type Builder = (original: tf.KernelFunc) => tf.KernelFunc;

/** The backend's view of its tensor memory (tfjs-backend-wasm's BackendWasm, the part used here). */
interface WasmHeapBackend {
  typedArrayFromHeap(info: Info): Float32Array | Int32Array | Uint8Array;
  makeOutput(shape: number[], dtype: tf.DataType): Info;
}

/**
 * tanh(x) = 2 * sigmoid(2x) - 1: wasm's Tanh is a scalar `std::tanh` loop,
 * about 20x slower than its vectorised (XNNPACK) Sigmoid. The identity costs
 * at most ~2.4e-7 absolute error (float32 rounding of the final subtraction).
 */
const tanh: Builder = (original) => (args) => {
  const { x } = args.inputs as { x: Info };
  if (x.dtype !== 'float32') return original(args);
  return withScratch(args.backend, (s) => {
    const two = s.run('Fill', {}, { shape: [], value: 2, dtype: 'float32' });
    const one = s.run('Fill', {}, { shape: [], value: 1, dtype: 'float32' });
    const sig = s.run('Sigmoid', { x: s.run('Multiply', { a: x, b: two }) });
    return s.run('Sub', { a: s.run('Multiply', { a: sig, b: two }), b: one });
  });
};

/**
 * Slice without the copy: wasm's Slice reads its whole input into JS first
 * (`readSync`), so taking a batch of 64 rows from a 60,000-image tensor copied
 * 188 MB. This copies only the selected rows, straight from wasm memory.
 */
const slice: Builder = (original) => (args) => {
  const { x } = args.inputs as { x: Info };
  const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
  if (x.dtype !== 'float32' && x.dtype !== 'int32' && x.dtype !== 'bool') return original(args);
  const [begin_, size_] = tf.slice_util.parseSliceParams(x, begin, size);
  const backend = args.backend as WasmHeapBackend;
  const out = backend.makeOutput(size_, x.dtype);
  if (size_.some((d) => d === 0)) return out;
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  // Copy runs of the innermost contiguous block: trailing axes taken whole are merged into it.
  const rank = x.shape.length;
  let inner = 1;
  let axis = rank - 1;
  while (axis > 0 && size_[axis] === x.shape[axis]) inner *= x.shape[axis--];
  inner *= size_[axis];
  const strides = tf.util.computeStrides(x.shape);
  const outer = size_.slice(0, axis);
  const count = outer.reduce((a, b) => a * b, 1);
  const index = new Array<number>(axis).fill(0);
  const lastStride = axis < rank - 1 ? strides[axis] : 1;
  for (let run = 0; run < count; run++) {
    let offset = begin_[axis] * lastStride;
    for (let d = 0; d < axis; d++) offset += (begin_[d] + index[d]) * strides[d];
    dst.set(src.subarray(offset, offset + inner), run * inner);
    for (let d = axis - 1; d >= 0; d--) {
      if (++index[d] < outer[d]) break;
      index[d] = 0;
    }
  }
  return out;
};

/**
 * A float32 sum over the leading axes (a bias gradient: NHWC summed over N, H
 * and W), read straight from wasm memory with float64 accumulators: wasm's Sum first transposes the reduced axes to the end.
 */
const sum: Builder = (original) => (args) => {
  const { x } = args.inputs as { x: Info };
  const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
  const leading = axes.every((a, i) => a === i);
  if (x.dtype !== 'float32' || !leading || axes.length === 0 || axes.length === x.shape.length) return original(args);
  const rows = x.shape.slice(0, axes.length).reduce((a, b) => a * b, 1);
  const rest = x.shape.slice(axes.length);
  const cols = rest.reduce((a, b) => a * b, 1);
  const backend = args.backend as WasmHeapBackend;
  const out = backend.makeOutput(keepDims ? [...axes.map(() => 1), ...rest] : rest, 'float32');
  const src = backend.typedArrayFromHeap(x);
  const dst = backend.typedArrayFromHeap(out);
  const n = rows * cols;
  // Column by column with a local accumulator: ~3x faster in V8 than updating an array of sums per row.
  for (let c = 0; c < cols; c++) {
    let total = 0;
    for (let i = c; i < n; i += cols) total += src[i];
    dst[c] = total;
  }
  return out;
};

/**
 * BatchMatMul with transposed operands: wasm's kernel is ~5-10x slower with
 * `transposeA`/`transposeB` (as in every dense layer's backward pass) than
 * an explicit Transpose followed by a plain product.
 */
const batchMatMul: Builder = (original) => (args) => {
  const { a, b } = args.inputs as { a: Info; b: Info };
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32') return original(args);
  const swapLast = (t: Info): number[] => {
    const perm = t.shape.map((_, i) => i);
    const r = perm.length;
    [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
    return perm;
  };
  return withScratch(args.backend, (s) => {
    const aa = transposeA ? s.transpose(a, swapLast(a)) : a;
    const bb = transposeB ? s.transpose(b, swapLast(b)) : b;
    return s.run('BatchMatMul', { a: aa, b: bb }, { transposeA: false, transposeB: false });
  });
};

/** Builders of the replacement forward kernels, given the original wasm kernel function. */
export const fastForwardKernels: Record<string, Builder> = {
  [tf.Tanh]: tanh,
  [tf.Slice]: slice,
  [tf.Sum]: sum,
  [tf.BatchMatMul]: batchMatMul,
};
