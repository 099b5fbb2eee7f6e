import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as wasm from '@tensorflow/tfjs-backend-wasm';
import { FoveaError } from '../errors.js';
import { registerWasmGradients } from './wasm-gradients.js';
import { configureWasmThreads } from './wasm-threads.js';

/** tfjs backend names, fastest first. `tensorflow` is `@tensorflow/tfjs-node`'s native backend. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

export interface InitBackendOptions {
  /**
   * Use this backend (and fail with `E_BACKEND_UNAVAILABLE` if it cannot start) instead of the
   * fastest available. The `FOVEA_BACKEND` environment variable overrides it.
   */
  prefer?: BackendName;
  /**
   * wasm threads (default 1). More than 1 loads tfjs's threaded-simd build, in Node through
   * {@link configureWasmThreads}; it only applies if wasm has not been initialised yet.
   */
  threads?: number;
  /** Print the one-line choice to stderr. Default true; printed once per process either way. */
  verbose?: boolean;
}

export interface BackendInfo {
  name: BackendName;
  /** tfjs-core version. */
  version: string;
  threads: number;
  simd: boolean;
  /** Whether every conv-net gradient kernel is registered, so `model.fit` works. */
  canTrain: boolean;
}

const ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];
const TFJS_NODE_HINT = 'pnpm add @tensorflow/tfjs-node';
let announced = false;

/**
 * Picks and starts the fastest tfjs backend: `@tensorflow/tfjs-node` when it loads, else wasm
 * (made trainable by {@link registerWasmGradients}), else cpu. Says once, on stderr, which it chose.
 *
 * @example
 * const info = await initBackend(); // { name: 'wasm', version: '4.22.0', threads: 1, simd: true, canTrain: true }
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const forced = readEnvBackend() ?? options.prefer;
  const candidates = forced ? [forced] : ORDER;
  const failures: string[] = [];
  for (const name of candidates) {
    const error = await tryStart(name, options);
    if (error === undefined) {
      const info = await describe(name);
      if (options.verbose !== false && !announced) announce(info, failures);
      announced = true;
      return info;
    }
    failures.push(`${name}: ${error}`);
  }
  throw new FoveaError(
    'E_BACKEND_UNAVAILABLE',
    `No tfjs backend could start (${failures.join('; ')}). ` +
      (forced ? `Unset FOVEA_BACKEND / options.prefer or pick one of ${ORDER.join(', ')}.` : ''),
  );
}

function readEnvBackend(): BackendName | undefined {
  const value = typeof process !== 'undefined' ? process.env.FOVEA_BACKEND : undefined;
  if (value === undefined || value === '') return undefined;
  if (!(ORDER as readonly string[]).includes(value)) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `FOVEA_BACKEND=${JSON.stringify(value)} is not a backend; use one of ${ORDER.join(', ')}.`,
    );
  }
  return value as BackendName;
}

async function tryStart(name: BackendName, options: InitBackendOptions): Promise<string | undefined> {
  try {
    if (name === 'tensorflow') {
      // The native addon is missing whenever its install could not download libtensorflow.
      await import('@tensorflow/tfjs-node' as string);
    }
    if (name === 'wasm') {
      registerWasmGradients();
      // Threads must be set before wasm initialises; a later call keeps what it has.
      const fresh = tf.engine().registry['wasm'] == null;
      if (fresh && options.threads !== undefined && options.threads > 1) await configureWasmThreads(options.threads);
    }
    if (tf.findBackend(name) === null && tf.findBackendFactory(name) === null) {
      return 'not registered';
    }
    const ok = await tf.setBackend(name);
    if (!ok) return 'failed to initialise';
    await tf.ready();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}

async function describe(name: BackendName): Promise<BackendInfo> {
  const env = tf.env();
  const isWasm = name === 'wasm';
  return {
    name,
    version: tf.version_core,
    threads: isWasm ? wasm.getThreadsCount() : name === 'tensorflow' ? 0 : 1,
    simd: isWasm ? Boolean(await env.getAsync('WASM_HAS_SIMD_SUPPORT')) : name === 'tensorflow',
    canTrain: hasTrainingKernels(name),
  };
}

const TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'DepthwiseConv2dNativeBackpropFilter',
  'DepthwiseConv2dNativeBackpropInput',
  'MaxPoolGrad',
  'AvgPoolGrad',
];

function hasTrainingKernels(name: BackendName): boolean {
  const kernels = new Set(tf.getKernelsForBackend(name).map((k) => k.kernelName));
  return TRAINING_KERNELS.every((k) => kernels.has(k));
}

function announce(info: BackendInfo, failures: string[]): void {
  const detail = info.name === 'wasm' ? `, ${info.threads} thread(s), simd ${info.simd ? 'on' : 'off'}` : '';
  let line = `fovea: tfjs backend '${info.name}' (tfjs ${info.version}${detail}${info.canTrain ? '' : ', inference only'})`;
  if (info.name !== 'tensorflow' && failures.some((f) => f.startsWith('tensorflow'))) {
    line += `; @tensorflow/tfjs-node is not available, for native speed run: ${TFJS_NODE_HINT}`;
  }
  if (typeof process !== 'undefined' && process.stderr) process.stderr.write(line + '\n');
  else console.info(line);
}

/** For tests: lets the next initBackend announce again. */
export function resetAnnouncement(): void {
  announced = false;
}
