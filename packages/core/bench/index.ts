// `pnpm bench`: wasm vs cpu training speed, printed as a markdown table.
// FOVEA_BENCH_CPU_SAMPLES=<n> times the cpu epoch on the first n samples only
// and scales it to 2,048 (the cpu epoch alone takes minutes).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-layers'; // registers tfjs-core's gradients
import { wasmGradientKernels } from '../src/backend/wasm-gradient-kernels.js';
import { registerWasmGradients } from '../src/backend/wasm-gradients.js';
import { lenet5 } from './lenet5.js';

const SAMPLES = 2048;
const BATCH = 64;
const rows: string[][] = [];

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(2);
}

/** One epoch of LeNet-5 on `samples` seeded random 28x28x1 images; returns wall ms. */
async function lenetEpoch(backend: string, samples: number): Promise<number> {
  await tf.setBackend(backend);
  const model = lenet5();
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const xs = tf.randomUniform([samples, 28, 28, 1], 0, 1, 'float32', 1);
  const labels = tf.randomUniform([samples], 0, 10, 'int32', 2);
  const ys = tf.oneHot(labels, 10);
  const warm = Math.min(2 * BATCH, samples);
  const warmX = tf.slice(xs, 0, warm);
  const warmY = tf.slice(ys, 0, warm);
  await model.fit(warmX, warmY, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const start = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0 });
  const ms = performance.now() - start;
  tf.dispose([xs, labels, ys, warmX, warmY]);
  model.dispose();
  return ms;
}

/** Mean ms of one call of a wasm kernel function on fixed inputs (after 3 warm-up calls). */
function timeKernel(kernelFunc: tf.KernelFunc, inputs: tf.NamedTensorInfoMap, attrs: object, reps = 20): number {
  const backend = tf.engine().findBackend('wasm');
  const once = (): void => {
    backend.disposeData((kernelFunc({ inputs, attrs: attrs as tf.NamedAttrMap, backend }) as tf.TensorInfo).dataId);
  };
  for (let i = 0; i < 3; i++) once();
  const start = performance.now();
  for (let i = 0; i < reps; i++) once();
  return (performance.now() - start) / reps;
}

/** Mean ms of one `runKernel` on the active backend. */
function timeRunKernel(name: string, inputs: tf.NamedTensorMap, attrs: object, reps: number): number {
  const once = (): void => (tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor).dispose();
  once();
  const start = performance.now();
  for (let i = 0; i < reps; i++) once();
  return (performance.now() - start) / reps;
}

async function main(): Promise<void> {
  await tf.setBackend('wasm');
  // Stage 1: only the kernels wasm lacks, with its own Conv2DBackpropInput and AvgPoolGrad.
  const native = {
    conv2DBackpropInput: tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc,
    avgPoolGrad: tf.getKernel('AvgPoolGrad', 'wasm')!.kernelFunc,
  };
  for (const config of wasmGradientKernels) {
    if (tf.getKernel(config.kernelName, 'wasm') == null) tf.registerKernel(config);
  }
  process.stderr.write('lenet-5 epoch on wasm (missing kernels only) ...\n');
  const wasmBasic = await lenetEpoch('wasm', SAMPLES);
  // Stage 2: everything registerWasmGradients installs.
  registerWasmGradients();
  process.stderr.write('lenet-5 epoch on wasm (registerWasmGradients) ...\n');
  const wasmFast = await lenetEpoch('wasm', SAMPLES);

  const cpuSamples = Number(process.env.FOVEA_BENCH_CPU_SAMPLES ?? SAMPLES);
  process.stderr.write(`lenet-5 epoch on cpu (${cpuSamples} samples; takes minutes) ...\n`);
  const cpu = (await lenetEpoch('cpu', cpuSamples)) * (SAMPLES / cpuSamples);
  const cpuNote = cpuSamples === SAMPLES ? '' : ` (${cpuSamples} samples, scaled)`;

  rows.push([`LeNet-5, 1 epoch, ${SAMPLES} samples, batch ${BATCH}, adam`, fmt(wasmFast), `cpu ${fmt(cpu)}${cpuNote}`, `${(cpu / wasmFast).toFixed(1)}x`]);
  rows.push(['same, wasm with only the 3 missing kernels added', fmt(wasmFast), `wasm ${fmt(wasmBasic)}`, `${(wasmBasic / wasmFast).toFixed(2)}x`]);

  // Single gradient kernels at LeNet-5 shapes (batch 64).
  await tf.setBackend('wasm');
  const seeded = (shape: number[], seed: number): tf.Tensor => tf.randomUniform(shape, -1, 1, 'float32', seed);
  const dyC3 = seeded([BATCH, 10, 10, 16], 3);
  const wC3 = seeded([5, 5, 6, 16], 4);
  const c3Attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [BATCH, 14, 14, 6] };
  const fastInput = tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc;
  const c3Native = timeKernel(native.conv2DBackpropInput, { dy: dyC3, filter: wC3 }, c3Attrs);
  const c3Fast = timeKernel(fastInput, { dy: dyC3, filter: wC3 }, c3Attrs);
  rows.push(['Conv2DBackpropInput, C3 (dy 64x10x10x16, 5x5x6x16)', fmt(c3Fast), `wasm native ${fmt(c3Native)}`, `${(c3Native / c3Fast).toFixed(1)}x`]);

  const dyC5 = seeded([BATCH, 1, 1, 120], 5);
  const wC5 = seeded([5, 5, 16, 120], 6);
  const c5Attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', inputShape: [BATCH, 5, 5, 16] };
  const c5Native = timeKernel(native.conv2DBackpropInput, { dy: dyC5, filter: wC5 }, c5Attrs);
  const c5Fast = timeKernel(fastInput, { dy: dyC5, filter: wC5 }, c5Attrs);
  rows.push(['Conv2DBackpropInput, C5 (dy 64x1x1x120, 5x5x16x120)', fmt(c5Fast), `wasm native ${fmt(c5Native)}`, `${(c5Native / c5Fast).toFixed(1)}x`]);

  const dyS2 = seeded([BATCH, 14, 14, 6], 7);
  const xS2 = seeded([BATCH, 28, 28, 6], 8);
  const poolAttrs = { filterSize: 2, strides: 2, pad: 'valid' };
  const poolNative = timeKernel(native.avgPoolGrad, { dy: dyS2, input: xS2 }, poolAttrs);
  const poolFast = timeKernel(tf.getKernel('AvgPoolGrad', 'wasm')!.kernelFunc, { dy: dyS2, input: xS2 }, poolAttrs);
  rows.push(['AvgPoolGrad, S2 (dy 64x14x14x6, 2x2/2)', fmt(poolFast), `wasm native ${fmt(poolNative)}`, `${(poolNative / poolFast).toFixed(1)}x`]);

  const xC1 = seeded([BATCH, 28, 28, 1], 9);
  const dyC1 = seeded([BATCH, 28, 28, 6], 10);
  const c1Attrs = { strides: 1, pad: 'same', dataFormat: 'NHWC', filterShape: [5, 5, 1, 6] };
  const filterWasm = timeRunKernel('Conv2DBackpropFilter', { x: xC1, dy: dyC1 }, c1Attrs, 20);
  const xv = xC1.dataSync();
  const dyv = dyC1.dataSync();
  await tf.setBackend('cpu');
  const xCpu = tf.tensor(xv, xC1.shape);
  const dyCpu = tf.tensor(dyv, dyC1.shape);
  const filterCpu = timeRunKernel('Conv2DBackpropFilter', { x: xCpu, dy: dyCpu }, c1Attrs, 3);
  rows.push(['Conv2DBackpropFilter, C1 (x 64x28x28x1, 5x5x1x6 same)', fmt(filterWasm), `cpu ${fmt(filterCpu)}`, `${(filterCpu / filterWasm).toFixed(1)}x`]);
  tf.dispose([dyC3, wC3, dyC5, wC5, dyS2, xS2, xC1, dyC1, xCpu, dyCpu]);

  const header = ['benchmark', 'fovea wasm (ms)', 'baseline (ms)', 'speed-up'];
  const lines = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`);
  console.log(lines.join('\n'));
}

await main();
