import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// tfjs-layers registers tfjs-core's gradient functions (the core bundle does not).
import '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmGradients } from '../../src/backend/wasm-gradients.js';

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
/** x: [n, h, w, c]; k: [fh, fw]; out: output channels (conv) or channel multiplier (depthwise). */
interface Geometry { x: [number, number, number, number]; k: [number, number]; out: number; s: number | [number, number]; d?: number; pad: Pad }

const ex = (t: number, b: number, l: number, r: number): Pad => [[0, 0], [t, b], [l, r], [0, 0]];

// Dense conv geometries (Conv2DBackpropFilter/Input have no dilation attribute).
const convCases: Geometry[] = [
  { x: [1, 5, 5, 1], k: [1, 1], out: 1, s: 1, pad: 'valid' },
  { x: [2, 7, 7, 3], k: [1, 1], out: 4, s: 2, pad: 'same' },
  { x: [1, 6, 9, 2], k: [2, 2], out: 3, s: 1, pad: 'same' },
  { x: [3, 8, 8, 2], k: [2, 2], out: 2, s: 2, pad: 'valid' },
  { x: [2, 9, 9, 3], k: [3, 3], out: 4, s: 1, pad: 'same' },
  { x: [2, 9, 8, 3], k: [3, 2], out: 4, s: 2, pad: 'same' },
  { x: [4, 11, 11, 2], k: [3, 3], out: 5, s: 3, pad: 'same' },
  { x: [1, 10, 7, 1], k: [3, 3], out: 2, s: 2, pad: 'valid' },
  { x: [2, 12, 12, 2], k: [3, 3], out: 3, s: [1, 2], pad: 'valid' },
  { x: [1, 13, 9, 3], k: [4, 4], out: 2, s: 1, pad: 'same' },
  { x: [3, 7, 7, 2], k: [4, 4], out: 2, s: 2, pad: ex(1, 2, 3, 0) },
  { x: [2, 10, 11, 2], k: [4, 3], out: 3, s: 3, pad: 'valid' },
  { x: [1, 10, 11, 2], k: [5, 5], out: 3, s: 3, pad: 'valid' },
  { x: [2, 28, 28, 1], k: [5, 5], out: 6, s: 1, pad: 'same' },
  { x: [2, 14, 14, 6], k: [5, 5], out: 16, s: 1, pad: 'valid' },
  { x: [4, 5, 5, 16], k: [5, 5], out: 12, s: 1, pad: 'valid' },
  { x: [2, 4, 4, 3], k: [5, 5], out: 4, s: 5, pad: 'same' },
  { x: [1, 6, 6, 2], k: [5, 5], out: 2, s: 1, pad: ex(2, 1, 0, 3) },
  { x: [2, 15, 13, 2], k: [5, 3], out: 3, s: 2, pad: 'same' },
  { x: [1, 17, 17, 2], k: [7, 7], out: 2, s: 2, pad: 'same' },
  { x: [2, 9, 11, 1], k: [7, 7], out: 3, s: 1, pad: 'valid' },
  { x: [1, 13, 13, 2], k: [7, 5], out: 2, s: 3, pad: ex(3, 3, 2, 2) },
  { x: [3, 7, 7, 2], k: [2, 2], out: 2, s: 1, pad: ex(3, 2, 3, 4) },
  { x: [1, 3, 3, 2], k: [3, 3], out: 3, s: 1, pad: 'valid' },
  { x: [2, 3, 5, 2], k: [3, 1], out: 2, s: [2, 1], pad: 'same' },
  { x: [1, 8, 8, 3], k: [6, 6], out: 2, s: 2, pad: ex(0, 0, 1, 1) },
  { x: [4, 9, 7, 2], k: [2, 3], out: 2, s: 3, pad: 'same' },
  { x: [1, 2, 2, 4], k: [1, 1], out: 3, s: 1, pad: 'same' },
  { x: [2, 6, 6, 2], k: [3, 3], out: 2, s: 1, pad: ex(1, 1, 1, 1) },
  { x: [1, 5, 5, 2], k: [5, 5], out: 2, s: 1, pad: ex(2, 2, 2, 2) },
];

// Depthwise geometries: out is the channel multiplier; strides > 1 never meet dilation > 1.
const depthwiseCases: Geometry[] = [
  { x: [1, 5, 5, 1], k: [1, 1], out: 1, s: 1, pad: 'valid' },
  { x: [2, 7, 7, 3], k: [1, 1], out: 2, s: 2, pad: 'same' },
  { x: [1, 6, 9, 2], k: [2, 2], out: 3, s: 1, pad: 'same' },
  { x: [3, 8, 8, 2], k: [2, 2], out: 1, s: 2, pad: 'valid' },
  { x: [2, 9, 9, 3], k: [3, 3], out: 1, s: 1, pad: 'same' },
  { x: [2, 9, 9, 3], k: [3, 3], out: 2, s: 1, d: 2, pad: 'same' },
  { x: [2, 9, 8, 3], k: [3, 2], out: 2, s: 2, pad: 'same' },
  { x: [4, 11, 11, 2], k: [3, 3], out: 3, s: 3, pad: 'same' },
  { x: [1, 10, 7, 1], k: [3, 3], out: 1, s: 1, d: 2, pad: 'valid' },
  { x: [2, 12, 12, 2], k: [3, 3], out: 2, s: [1, 2], pad: 'valid' },
  { x: [1, 13, 9, 3], k: [4, 4], out: 1, s: 1, pad: 'same' },
  { x: [3, 7, 7, 2], k: [4, 4], out: 2, s: 2, pad: ex(1, 2, 3, 0) },
  { x: [2, 10, 11, 2], k: [4, 3], out: 3, s: 3, pad: 'valid' },
  { x: [1, 10, 11, 2], k: [5, 5], out: 1, s: 3, pad: 'valid' },
  { x: [2, 14, 14, 3], k: [5, 5], out: 2, s: 1, d: 2, pad: 'same' },
  { x: [2, 15, 13, 2], k: [5, 3], out: 1, s: 2, pad: 'same' },
  { x: [1, 6, 6, 2], k: [5, 5], out: 2, s: 1, pad: ex(2, 1, 0, 3) },
  { x: [2, 4, 4, 3], k: [5, 5], out: 1, s: 5, pad: 'same' },
  { x: [1, 17, 17, 2], k: [7, 7], out: 1, s: 2, pad: 'same' },
  { x: [2, 9, 11, 1], k: [7, 7], out: 3, s: 1, pad: 'valid' },
  { x: [1, 19, 19, 2], k: [7, 7], out: 2, s: 1, d: 2, pad: 'same' },
  { x: [1, 13, 13, 2], k: [7, 5], out: 2, s: 3, pad: ex(3, 3, 2, 2) },
  { x: [3, 7, 7, 2], k: [2, 2], out: 1, s: 1, pad: ex(3, 2, 3, 4) },
  { x: [1, 3, 3, 2], k: [3, 3], out: 3, s: 1, pad: 'valid' },
  { x: [2, 3, 5, 2], k: [3, 1], out: 2, s: [2, 1], pad: 'same' },
  { x: [1, 8, 8, 3], k: [6, 6], out: 1, s: 2, pad: ex(0, 0, 1, 1) },
  { x: [4, 9, 7, 2], k: [2, 3], out: 2, s: 3, pad: 'same' },
  { x: [2, 11, 10, 2], k: [2, 3], out: 2, s: 1, d: 2, pad: ex(1, 2, 2, 1) },
  { x: [1, 9, 9, 4], k: [3, 3], out: 1, s: 1, d: 2, pad: 'valid' },
  { x: [3, 6, 6, 2], k: [3, 3], out: 3, s: 1, pad: ex(1, 1, 1, 1) },
];

const poolCases: Array<{ x: [number, number, number, number]; k: [number, number]; s: number | [number, number]; pad: Pad }> = [
  { x: [2, 28, 28, 6], k: [2, 2], s: 2, pad: 'valid' },
  { x: [2, 9, 9, 3], k: [3, 3], s: 1, pad: 'same' },
  { x: [2, 9, 8, 3], k: [3, 2], s: 2, pad: 'same' },
  { x: [1, 10, 11, 2], k: [5, 5], s: 3, pad: 'valid' },
  { x: [3, 7, 7, 2], k: [2, 2], s: 2, pad: 'same' },
  { x: [1, 5, 5, 1], k: [1, 1], s: 1, pad: 'valid' },
  { x: [4, 11, 11, 2], k: [3, 3], s: 3, pad: 'same' },
  { x: [1, 12, 12, 4], k: [3, 3], s: 2, pad: 'valid' },
  { x: [2, 6, 5, 2], k: [4, 4], s: 1, pad: 'same' },
  { x: [1, 13, 9, 2], k: [2, 3], s: [2, 3], pad: 'valid' },
  // Windows that tile the input exactly (the broadcast path).
  { x: [2, 12, 9, 3], k: [2, 3], s: [2, 3], pad: 'valid' },
  { x: [1, 6, 6, 2], k: [3, 3], s: 3, pad: 'valid' },
  { x: [3, 4, 4, 1], k: [2, 2], s: 2, pad: 'same' },
];

/** Deterministic values in [-1, 1) (a small LCG), so both backends see the same inputs. */
function values(shape: number[], seed: number): Float32Array {
  const out = new Float32Array(shape.reduce((a, b) => a * b, 1));
  let state = seed * 7919 + 17;
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    out[i] = state / 1073741824 - 1;
  }
  return out;
}

function pair(v: number | [number, number]): [number, number] {
  return typeof v === 'number' ? [v, v] : v;
}

/** Runs one kernel on `backend` with fresh inputs and returns its output values and shape, leak-checked. */
function runKernel(
  backend: string, kernel: string,
  inputs: Record<string, { shape: number[]; data: Float32Array }>, attrs: object,
): { data: Float32Array; shape: number[] } {
  tf.setBackend(backend);
  const numTensors = tf.memory().numTensors;
  const numDataIds = tf.engine().backend.numDataIds();
  const tensors: tf.NamedTensorMap = {};
  for (const [name, v] of Object.entries(inputs)) tensors[name] = tf.tensor(v.data, v.shape);
  const out = tf.engine().runKernel(kernel, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { data: out.dataSync() as Float32Array, shape: out.shape };
  out.dispose();
  tf.dispose(Object.values(tensors));
  expect(tf.memory().numTensors).toBe(numTensors);
  expect(tf.engine().backend.numDataIds()).toBe(numDataIds);
  return result;
}

function expectClose(actual: { data: Float32Array; shape: number[] }, expected: { data: Float32Array; shape: number[] }): void {
  expect(actual.shape).toEqual(expected.shape);
  let maxRef = 0;
  let maxErr = 0;
  for (let i = 0; i < expected.data.length; i++) {
    maxRef = Math.max(maxRef, Math.abs(expected.data[i]));
    maxErr = Math.max(maxErr, Math.abs(actual.data[i] - expected.data[i]));
  }
  expect(maxErr).toBeLessThanOrEqual(1e-4 * Math.max(1, maxRef));
  expect(maxRef).toBeGreaterThan(0); // the case exercises something
}

/** Output shape of the forward conv, from tfjs's own geometry. */
function forwardOut(g: Geometry, depthwise: boolean): [number, number, number, number] {
  const c = g.x[3];
  const filterShape: [number, number, number, number] = [g.k[0], g.k[1], c, g.out];
  const info = tf.backend_util.computeConv2DInfo(g.x, filterShape, g.s, g.d ?? 1, g.pad, undefined, depthwise);
  return info.outShape;
}

/**
 * A filter with dilation d equals an undilated filter of size (k - 1) * d + 1
 * with zeros between the taps. The cpu backprop kernels ignore dilations, so
 * dilated cases are checked against the cpu result for this expanded filter.
 */
function dilateFilter(f: Float32Array, shape: number[], d: number): { data: Float32Array; shape: number[] } {
  const [fh, fw, c, m] = shape;
  const eh = (fh - 1) * d + 1;
  const ew = (fw - 1) * d + 1;
  const out = new Float32Array(eh * ew * c * m);
  for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) {
    out.set(f.subarray((i * fw + j) * c * m, (i * fw + j + 1) * c * m), (i * d * ew + j * d) * c * m);
  }
  return { data: out, shape: [eh, ew, c, m] };
}

function undilateFilter(r: { data: Float32Array; shape: number[] }, d: number, fh: number, fw: number): { data: Float32Array; shape: number[] } {
  const [, ew, c, m] = r.shape;
  const out = new Float32Array(fh * fw * c * m);
  for (let i = 0; i < fh; i++) for (let j = 0; j < fw; j++) {
    const from = (i * d * ew + j * d) * c * m;
    out.set(r.data.subarray(from, from + c * m), (i * fw + j) * c * m);
  }
  return { data: out, shape: [fh, fw, c, m] };
}

const label = (g: Geometry): string =>
  `x=${g.x.join('x')} k=${g.k.join('x')} out=${g.out} s=${g.s} d=${g.d ?? 1} pad=${JSON.stringify(g.pad)}`;

beforeAll(async () => {
  registerWasmGradients(); // before the backend initialises ...
  await tf.setBackend('wasm');
  registerWasmGradients(); // ... and again after: idempotent
});

describe('registerWasmGradients', () => {
  it('registers the three missing wasm kernels, once', () => {
    const names = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'];
    const before = names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    expect(before.every((f) => f != null)).toBe(true);
    registerWasmGradients();
    expect(names.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc)).toEqual(before);
  });

  it('rejects NCHW with a message that names the fix', () => {
    const x = tf.zeros([1, 4, 4, 1]);
    const dy = tf.zeros([1, 4, 4, 1]);
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
      { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 1, 1] } as unknown as tf.NamedAttrMap))
      .toThrow(/NHWC/);
    tf.dispose([x, dy]);
  });
});

describe('Conv2DBackpropFilter (wasm) matches cpu', () => {
  it.each(convCases.map((g) => [label(g), g] as const))('%s', (_, g) => {
    const dyShape = forwardOut(g, false);
    const inputs = { x: { shape: g.x, data: values(g.x, 1) }, dy: { shape: dyShape, data: values(dyShape, 2) } };
    const attrs = { strides: g.s, pad: g.pad, dataFormat: 'NHWC', filterShape: [g.k[0], g.k[1], g.x[3], g.out] };
    expectClose(runKernel('wasm', 'Conv2DBackpropFilter', inputs, attrs), runKernel('cpu', 'Conv2DBackpropFilter', inputs, attrs));
  });
});

describe('Conv2DBackpropInput (wasm, composed) matches cpu', () => {
  it.each(convCases.map((g) => [label(g), g] as const))('%s', (_, g) => {
    const dyShape = forwardOut(g, false);
    const fShape = [g.k[0], g.k[1], g.x[3], g.out];
    const inputs = { dy: { shape: dyShape, data: values(dyShape, 3) }, filter: { shape: fShape, data: values(fShape, 4) } };
    const attrs = { strides: g.s, pad: g.pad, dataFormat: 'NHWC', inputShape: g.x };
    expectClose(runKernel('wasm', 'Conv2DBackpropInput', inputs, attrs), runKernel('cpu', 'Conv2DBackpropInput', inputs, attrs));
  });
});

describe('DepthwiseConv2dNativeBackpropFilter (wasm) matches cpu', () => {
  it.each(depthwiseCases.map((g) => [label(g), g] as const))('%s', (_, g) => {
    const d = g.d ?? 1;
    const dyShape = forwardOut(g, true);
    const inputs = { x: { shape: g.x, data: values(g.x, 5) }, dy: { shape: dyShape, data: values(dyShape, 6) } };
    const filterShape = [g.k[0], g.k[1], g.x[3], g.out];
    const attrs = { strides: g.s, dilations: d, pad: g.pad, filterShape };
    const wasm = runKernel('wasm', 'DepthwiseConv2dNativeBackpropFilter', inputs, attrs);
    const expanded = dilateFilter(new Float32Array(filterShape.reduce((a, b) => a * b)), filterShape, d).shape;
    const cpu = runKernel('cpu', 'DepthwiseConv2dNativeBackpropFilter', inputs, { ...attrs, dilations: 1, filterShape: expanded });
    expectClose(wasm, undilateFilter(cpu, d, g.k[0], g.k[1]));
  });
});

describe('DepthwiseConv2dNativeBackpropInput (wasm) matches cpu', () => {
  it.each(depthwiseCases.map((g) => [label(g), g] as const))('%s', (_, g) => {
    const d = g.d ?? 1;
    const dyShape = forwardOut(g, true);
    const fShape = [g.k[0], g.k[1], g.x[3], g.out];
    const filter = { shape: fShape, data: values(fShape, 8) };
    const dy = { shape: dyShape, data: values(dyShape, 7) };
    const attrs = { strides: g.s, dilations: d, pad: g.pad, inputShape: g.x };
    const wasm = runKernel('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, attrs);
    const cpu = runKernel('cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: dilateFilter(filter.data, fShape, d) },
      { ...attrs, dilations: 1 });
    expectClose(wasm, cpu);
  });
});

describe('AvgPoolGrad (wasm, composed) matches cpu', () => {
  it.each(poolCases.map((p) => [`x=${p.x.join('x')} k=${p.k.join('x')} s=${p.s} pad=${p.pad}`, p] as const))('%s', (_, p) => {
    const info = tf.backend_util.computePool2DInfo(p.x, p.k, p.s, 1, p.pad as 'same' | 'valid');
    const inputs = { dy: { shape: info.outShape, data: values(info.outShape, 9) }, input: { shape: p.x, data: values(p.x, 10) } };
    const attrs = { filterSize: p.k, strides: p.s, pad: p.pad };
    expectClose(runKernel('wasm', 'AvgPoolGrad', inputs, attrs), runKernel('cpu', 'AvgPoolGrad', inputs, attrs));
  });
});

describe('tf.grad through the composed kernels', () => {
  const gradCases: Array<[string, Geometry]> = [
    ['3x3 same', { x: [2, 8, 8, 3], k: [3, 3], out: 2, s: 1, pad: 'same' }],
    ['5x5 stride 2 valid', { x: [3, 11, 9, 2], k: [5, 5], out: 2, s: 2, pad: 'valid' }],
    ['4x2 stride 3 explicit', { x: [1, 10, 10, 2], k: [4, 2], out: 3, s: 3, pad: ex(1, 0, 2, 1) }],
  ];

  function convNetGrads(g: Geometry): { data: Float32Array; shape: number[] } {
    const [, , , c] = g.x;
    const numTensors = tf.memory().numTensors;
    const x = tf.tensor4d(values(g.x, 11), g.x);
    const dwFilter = tf.tidy(() => tf.variable(tf.tensor4d(values([g.k[0], g.k[1], c, g.out], 12), [g.k[0], g.k[1], c, g.out])));
    const pwFilter = tf.tidy(() => tf.variable(tf.tensor4d(values([1, 1, c * g.out, 4], 13), [1, 1, c * g.out, 4])));
    const { grads, value } = tf.variableGrads(() => {
      const h = tf.depthwiseConv2d(x, dwFilter, g.s, g.pad);
      return tf.sum(tf.square(tf.conv2d(tf.tanh(h), pwFilter, 1, 'same')));
    });
    const flat = tf.tidy(() => tf.concat([tf.reshape(grads[dwFilter.name], [-1]), tf.reshape(grads[pwFilter.name], [-1])]));
    const result = { data: flat.dataSync() as Float32Array, shape: flat.shape };
    tf.dispose([x, dwFilter, pwFilter, value, flat, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(numTensors);
    return result;
  }

  it.each(gradCases)('depthwise + pointwise net, %s', (_, g) => {
    tf.setBackend('wasm');
    const wasm = convNetGrads(g);
    tf.setBackend('cpu');
    const cpu = convNetGrads(g);
    tf.setBackend('wasm');
    expectClose(wasm, cpu);
  });
});

it('uses kernel shapes consistent with tfjs geometry helpers', () => {
  // Guard against a silently wrong table: every case yields a non-empty output.
  for (const g of convCases) expect(forwardOut(g, false).every((v) => v > 0)).toBe(true);
  for (const g of depthwiseCases) {
    expect(forwardOut(g, true).every((v) => v > 0)).toBe(true);
    expect(pair(g.s).some((v) => v > 1) && (g.d ?? 1) > 1).toBe(false);
  }
});
