// `pnpm bench`: one LeNet-5 training epoch on the Fashion-MNIST train set (batch 64, adam 1e-3, categorical
// cross-entropy), tfjs-wasm against PyTorch CPU measured in the same run, as a markdown table; then the
// per-kernel split of a wasm training step.
//
// Each configuration runs in its own process (wasm threads are fixed when the backend starts), one after the
// other, so they share the machine's load equally. Wall and CPU time (process-wide, all threads) are reported.
// FOVEA_BENCH_SAMPLES=<n> limits both sides to the first n images (quick iterations).
// Python: /usr/bin/python3 with torch (Debian's python3-torch); its rows are skipped if it is missing.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers';
import { fashionMnistTensors, initBackend, loadFashionMnist, type BackendName } from '@fovea/core';
import { createModel } from '../src/index.js';
import { installKernelTimer, type KernelTime } from './kernel-profile.js';

const BATCH = 64;
/** The recorded PyTorch CPU epoch (60,000 images, batch 64) on this class of machine, in ms. */
const RECORDED_TORCH_EPOCH_MS = 2400;
/** The target: a wasm epoch within this many times PyTorch's. */
const TARGET_RATIO = 3;
const WARMUP_STEPS = 5;
const EPSILON = 1e-7; // Keras's probability clip, as the architectures package's training loop uses
const here = path.dirname(fileURLToPath(import.meta.url));

interface EpochResult {
  wallMs: number;
  cpuMs: number;
  steps: number;
  loss: number;
  kernels?: KernelTime[];
  error?: string;
}

/** Mean categorical cross-entropy of softmax probabilities `p` against one-hot `y`, Keras-style. */
function crossEntropy(y: tf.Tensor, p: tf.Tensor): tf.Scalar {
  const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
  return tf.mean(tf.neg(tf.sum(tf.mul(y, tf.log(clipped)), -1)));
}

/** One epoch in this process on `backend`; `profile` also splits the time by kernel. */
async function runEpoch(backend: BackendName, threads: number, samples: number, profile: boolean): Promise<EpochResult> {
  await initBackend({ prefer: backend, threads, verbose: false });
  const data = await loadFashionMnist({ split: 'train', limit: samples });
  const { xs, ys } = fashionMnistTensors(data);
  const model = createModel('lenet5');
  const optimizer = tf.train.adam(1e-3);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const n = xs.shape[0];
  const step = (start: number): number => {
    const size = Math.min(BATCH, n - start);
    const [x, y] = [tf.slice(xs, [start, 0, 0, 0], [size, 28, 28, 1]), tf.slice(ys, [start, 0], [size, 10])];
    const cost = optimizer.minimize(() => crossEntropy(y, model.apply(x, { training: true }) as tf.Tensor), true, variables)!;
    const value = cost.dataSync()[0];
    tf.dispose([x, y, cost]);
    return value;
  };
  for (let i = 0; i < WARMUP_STEPS; i++) step((i * BATCH) % n);
  const timer = profile ? installKernelTimer(backend) : undefined;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let total = 0;
  let steps = 0;
  for (let start = 0; start < n; start += BATCH, steps++) total += step(start);
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  const kernels = timer?.read();
  timer?.uninstall();
  tf.dispose([xs, ys]);
  optimizer.dispose();
  model.dispose();
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, steps, loss: total / steps, kernels };
}

/** Runs `args` as a child process that prints one JSON line of {@link EpochResult}. */
function child(command: string, args: string[]): EpochResult {
  const out = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = out.stdout?.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as EpochResult;
  } catch {
    const why = (out.stderr || out.error?.message || `exit ${out.status}`).trim().split('\n').slice(-1)[0];
    return { wallMs: NaN, cpuMs: NaN, steps: 0, loss: NaN, error: why };
  }
}

function tfjsChild(backend: BackendName, threads: number, samples: number, profile = false): EpochResult {
  const flags = ['--child', backend, String(threads), String(samples), profile ? 'profile' : ''];
  return child(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ...flags]);
}

function torchChild(threads: number, samples: number, dataDir: string): EpochResult {
  const script = path.join(here, 'lenet_torch.py');
  return child('/usr/bin/python3', [script, dataDir, String(samples), String(BATCH), String(threads), String(WARMUP_STEPS)]);
}

const fmt = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(0) : '-');

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

async function main(): Promise<void> {
  const samples = Number(process.env.FOVEA_BENCH_SAMPLES ?? 60000);
  const { dir: dataDir } = await loadFashionMnist({ split: 'train', limit: 1 });
  const runs: Array<[string, () => EpochResult]> = [
    ['PyTorch CPU, 2 threads', () => torchChild(2, samples, dataDir)],
    ['PyTorch CPU, 1 thread', () => torchChild(1, samples, dataDir)],
    ['tfjs wasm, 1 thread', () => tfjsChild('wasm', 1, samples)],
    ['tfjs wasm, 2 threads', () => tfjsChild('wasm', 2, samples)],
    ['tfjs-node (native TensorFlow)', () => tfjsChild('tensorflow', 0, samples)],
  ];
  const results: Array<[string, EpochResult]> = [];
  for (const [name, run] of runs) {
    process.stderr.write(`${name} ...\n`);
    results.push([name, run()]);
  }
  const torch = results.filter(([name, r]) => name.startsWith('PyTorch') && !r.error);
  const best = torch.length > 0 ? Math.min(...torch.map(([, r]) => r.wallMs)) : NaN;
  const recorded = RECORDED_TORCH_EPOCH_MS * samples / 60000;
  const rows = results.map(([name, r]) => r.error
    ? [name, '-', '-', '-', '-', '-', `not run: ${r.error.slice(0, 80)}`]
    : [name, fmt(r.wallMs), fmt(r.cpuMs), (r.wallMs / best).toFixed(2) + 'x', (r.wallMs / recorded).toFixed(1) + 'x', r.loss.toFixed(4), `${r.steps} steps`]);
  console.log(`LeNet-5, one epoch, ${samples} Fashion-MNIST train images, batch ${BATCH}, adam 1e-3; ` +
    'ratio = wall time / fastest PyTorch row (same run); vs recorded = wall time / the recorded PyTorch epoch ' +
    `(${RECORDED_TORCH_EPOCH_MS} ms per 60,000 images, scaled to ${samples})\n`);
  console.log(table(['configuration', 'wall ms/epoch', 'cpu ms/epoch', 'ratio', 'vs recorded', 'mean loss', 'note'], rows));
  const wasm = results.filter(([name, r]) => name.startsWith('tfjs wasm') && !r.error).map(([, r]) => r.wallMs);
  if (wasm.length > 0) {
    const fastest = Math.min(...wasm);
    const verdict = (ratio: number) => `${ratio.toFixed(2)}x (${ratio <= TARGET_RATIO ? 'met' : 'not met'})`;
    console.log(`\ntarget <= ${TARGET_RATIO}x PyTorch on wasm: fastest wasm row ${Number.isFinite(best) ? verdict(fastest / best) : 'n/a'} ` +
      `against PyTorch in this run, ${verdict(fastest / recorded)} against the recorded figure`);
  }

  process.stderr.write('per-kernel profile, tfjs wasm 1 thread ...\n');
  const profiled = tfjsChild('wasm', 1, samples, true);
  if (profiled.kernels) {
    const { kernels, steps, wallMs, cpuMs } = profiled;
    const total = (key: 'ms' | 'cpuMs' | 'calls'): number => kernels.reduce((a, k) => a + k[key], 0);
    const perStep = (ms: number): string => (ms / steps).toFixed(3);
    const share = (ms: number): string => `${(100 * ms / cpuMs).toFixed(1)}%`;
    const kernelRows = kernels.filter((k) => k.cpuMs / cpuMs > 0.002)
      .map((k) => [k.kernel, String(Math.round(k.calls / steps)), perStep(k.cpuMs), perStep(k.ms), share(k.cpuMs)]);
    kernelRows.push(['(all kernels)', String(Math.round(total('calls') / steps)), perStep(total('cpuMs')), perStep(total('ms')), share(total('cpuMs'))]);
    kernelRows.push(['(outside kernels: engine, tape, JS)', '', perStep(cpuMs - total('cpuMs')), perStep(wallMs - total('ms')), share(cpuMs - total('cpuMs'))]);
    console.log(`\nwasm, 1 thread, profiled run (the timer adds overhead): ${perStep(cpuMs)} cpu ms/step, ${perStep(wallMs)} wall ms/step\n`);
    console.log(table(['kernel', 'calls/step', 'cpu ms/step', 'wall ms/step', 'share of cpu'], kernelRows));
  }
}

if (process.argv[2] === '--child') {
  const [, , , backend, threads, samples, profile] = process.argv;
  let result: EpochResult;
  try {
    result = await runEpoch(backend as BackendName, Number(threads), Number(samples), profile === 'profile');
  } catch (error) {
    result = { wallMs: NaN, cpuMs: NaN, steps: 0, loss: NaN, error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
  console.log(JSON.stringify(result));
  process.exit(0); // wasm pthread workers keep the event loop alive
} else {
  await main();
}
