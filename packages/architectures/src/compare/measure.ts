import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { initBackend, saveModel, type BackendName } from '@fovea/core';

const FASTEST_FIRST: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

/**
 * The tfjs backends that start here, fastest first (`tensorflow` only when `@tensorflow/tfjs-node` loads),
 * through core's `initBackend`; the current backend is restored afterwards.
 */
export async function availableBackends(): Promise<BackendName[]> {
  const previous = tf.getBackend();
  const found: BackendName[] = [];
  for (const name of FASTEST_FIRST) {
    try {
      if ((await initBackend({ prefer: name, verbose: false })).name === name) found.push(name);
    } catch {
      // Not available here (tfjs-node without its native library, most often).
    }
  }
  if (previous !== undefined) await tf.setBackend(previous);
  return found;
}

/** Options of {@link measureLatency}. */
export interface LatencyOptions {
  /** Timed runs after one warm-up run; default 10. */
  runs?: number;
  /** Stop early once this many seconds went into timed runs (one run at least); default 5. */
  maxSeconds?: number;
}

/**
 * Median wall time of `model.predict` on one image (batch 1), in milliseconds, on `backend`, from the
 * call to the output's data on the CPU side. One warm-up run first (kernel set-up, moving the weights to
 * that backend); the current backend is restored afterwards. Leaves no tensors behind.
 */
export async function measureLatency(model: tfl.LayersModel, backend: BackendName, options: LatencyOptions = {}): Promise<number> {
  const { runs = 10, maxSeconds = 5 } = options;
  const previous = tf.getBackend();
  await tf.setBackend(backend);
  const x = tf.randomUniform([1, ...(model.inputs[0].shape.slice(1) as number[])], 0, 1, 'float32', 3);
  try {
    const once = async () => {
      const start = performance.now();
      const y = model.predict(x) as tf.Tensor;
      await y.data();
      y.dispose();
      return performance.now() - start;
    };
    await once();
    const times: number[] = [];
    let spent = 0;
    while (times.length < runs && (times.length === 0 || spent < maxSeconds * 1000)) {
      const t = await once();
      times.push(t);
      spent += t;
    }
    return median(times);
  } finally {
    x.dispose();
    await tf.setBackend(previous);
  }
}

/** The middle value (mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Bytes `model` takes on disk as core's `saveModel` writes it (`model.json` + `weights.bin`). */
export async function sizeOnDisk(model: tfl.LayersModel): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fovea-compare-'));
  try {
    await saveModel(model, dir);
    let bytes = 0;
    for (const file of await readdir(dir)) bytes += (await stat(path.join(dir, file))).size;
    return bytes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
