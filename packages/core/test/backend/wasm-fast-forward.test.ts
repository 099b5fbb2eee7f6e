import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmGradients } from '../../src/backend/wasm-gradients.js';

// The forward kernels registerWasmGradients replaces on wasm (Tanh, Slice, Sum, BatchMatMul) against cpu.

/** Deterministic values in [-scale, scale) (a small LCG), so both backends see the same inputs. */
function values(shape: number[], seed: number, scale = 1): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = seed * 7919 + 17;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = (state / 1073741824 - 1) * scale;
  }
  return out;
}

type Inputs = Record<string, { shape: number[]; data: Float32Array | Int32Array; dtype?: tf.DataType }>;

/** Runs one kernel on `backend` with fresh inputs; returns its output values and shape, leak-checked. */
function runKernel(backend: string, kernel: string, inputs: Inputs, attrs: object): { data: tf.TypedArray; shape: number[] } {
  tf.setBackend(backend);
  const numTensors = tf.memory().numTensors;
  const numDataIds = tf.engine().backend.numDataIds();
  const tensors: tf.NamedTensorMap = {};
  for (const [name, v] of Object.entries(inputs)) tensors[name] = tf.tensor(v.data, v.shape, v.dtype);
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { data: out.dataSync() as tf.TypedArray, shape: out.shape };
  out.dispose();
  tf.dispose(Object.values(tensors));
  expect(tf.memory().numTensors).toBe(numTensors);
  expect(tf.engine().backend.numDataIds()).toBe(numDataIds);
  return result;
}

function expectClose(kernel: string, inputs: Inputs, attrs: object): void {
  const actual = runKernel('wasm', kernel, inputs, attrs);
  const expected = runKernel('cpu', kernel, inputs, attrs);
  expect(actual.shape).toEqual(expected.shape);
  let maxRef = 0;
  let maxErr = 0;
  for (let i = 0; i < expected.data.length; i++) {
    maxRef = Math.max(maxRef, Math.abs(expected.data[i]));
    maxErr = Math.max(maxErr, Math.abs(actual.data[i] - expected.data[i]));
  }
  expect(maxErr).toBeLessThanOrEqual(1e-4 * Math.max(1, maxRef));
}

beforeAll(async () => {
  registerWasmGradients();
  await tf.setBackend('wasm');
});

describe('Tanh (wasm, via sigmoid) matches cpu', () => {
  it.each([
    ['small values', [7], 1e-3],
    ['unit range', [2, 5, 5, 3], 1],
    ['saturating', [4, 9], 30],
  ] as const)('%s', (_, shape, scale) => {
    expectClose('Tanh', { x: { shape: [...shape], data: values([...shape], 1, scale) } }, {});
  });

  it('keeps exact zeros, infinities and NaN', () => {
    tf.setBackend('wasm');
    const x = tf.tensor1d([0, Infinity, -Infinity, NaN, 1e-30]);
    const y = tf.tanh(x);
    const v = y.dataSync();
    expect(Math.abs(v[0])).toBeLessThan(1e-7);
    expect([v[1], v[2]]).toEqual([1, -1]);
    expect(Number.isNaN(v[3])).toBe(true);
    expect(Math.abs(v[4])).toBeLessThan(1e-7);
    tf.dispose([x, y]);
  });
});

describe('Slice (wasm, no full copy) matches cpu', () => {
  it.each([
    ['rows of a batch', [10, 4, 4, 1], [3, 0, 0, 0], [4, 4, 4, 1]],
    ['inner window', [2, 6, 5, 3], [1, 2, 1, 1], [1, 3, 3, 2]],
    ['to the end (-1)', [5, 3], [2, 1], [-1, -1]],
    ['1-D', [9], [4], [3]],
    ['empty', [4, 3], [1, 0], [0, 3]],
    ['whole', [2, 3, 4], [0, 0, 0], [2, 3, 4]],
    ['last axis only', [3, 4, 5], [0, 0, 2], [3, 4, 2]],
  ] as const)('%s', (_, shape, begin, size) => {
    expectClose('Slice', { x: { shape: [...shape], data: values([...shape], 2) } }, { begin: [...begin], size: [...size] });
  });

  it('slices int32', () => {
    const data = Int32Array.from({ length: 24 }, (_, i) => i - 7);
    expectClose('Slice', { x: { shape: [4, 6], data, dtype: 'int32' } }, { begin: [1, 2], size: [2, 3] });
  });
});

describe('Sum (wasm, leading axes as a matmul) matches cpu', () => {
  it.each([
    ['bias gradient NHWC', [8, 5, 5, 6], [0, 1, 2], false],
    ['keepDims', [4, 3, 7], [0, 1], true],
    ['axis 0', [9, 4], [0], false],
    ['unsorted axes', [3, 4, 5], [1, 0], false],
    ['negative axis', [3, 4], [-2], true],
    ['innermost (original kernel)', [3, 4, 5], [2], false],
    ['all axes (original kernel)', [3, 4], [0, 1], false],
  ] as const)('%s', (_, shape, axis, keepDims) => {
    expectClose('Sum', { x: { shape: [...shape], data: values([...shape], 3) } }, { axis: [...axis], keepDims });
  });
});

describe('BatchMatMul (wasm, transposes made explicit) matches cpu', () => {
  it.each([
    ['a^T', [1, 6, 4], [1, 6, 5], true, false],
    ['b^T', [1, 4, 6], [1, 5, 6], false, true],
    ['both, batch 3', [3, 6, 4], [3, 5, 6], true, true],
    ['broadcast batch', [2, 7, 3], [1, 4, 7], true, true],
    ['neither (original kernel)', [2, 3, 4], [2, 4, 5], false, false],
  ] as const)('%s', (_, aShape, bShape, transposeA, transposeB) => {
    const inputs = { a: { shape: [...aShape], data: values([...aShape], 4) }, b: { shape: [...bShape], data: values([...bShape], 5) } };
    expectClose('BatchMatMul', inputs, { transposeA, transposeB });
  });
});
