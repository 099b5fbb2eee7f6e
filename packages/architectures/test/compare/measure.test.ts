import { readdirSync, statSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend, saveModel } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableBackends, measureLatency, median, sizeOnDisk } from '../../src/index.js';

function tiny(): tfl.LayersModel {
  const input = tfl.input({ shape: [8, 8, 1] });
  const conv = tfl.layers.conv2d({ filters: 4, kernelSize: 3 }).apply(input) as tfl.SymbolicTensor;
  const out = tfl.layers.dense({ units: 3, activation: 'softmax' }).apply(tfl.layers.flatten().apply(conv)) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: out });
}

describe('median', () => {
  it.each([
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[7, 7, 1, 7], 7],
  ])('of %j is %d', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('availableBackends, measureLatency, sizeOnDisk', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it('finds wasm and cpu, fastest first, and keeps the current backend', async () => {
    const found = await availableBackends();
    expect(found.filter((b) => b !== 'tensorflow')).toEqual(['wasm', 'cpu']);
    expect(tf.getBackend()).toBe('wasm');
  });

  it.each(['cpu', 'wasm'] as const)('times one image on %s and restores the backend, leaking nothing', async (backend) => {
    const model = tiny();
    const before = tf.memory().numTensors;
    const ms = await measureLatency(model, backend, { runs: 3 });
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
    expect(tf.getBackend()).toBe('wasm');
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('sizes the files saveModel writes', async () => {
    const model = tiny();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fovea-size-'));
    try {
      await saveModel(model, dir);
      const expected = readdirSync(dir).reduce((n, f) => n + statSync(path.join(dir, f)).size, 0);
      expect(await sizeOnDisk(model)).toBe(expected);
      // weights.bin holds every parameter as float32: (3*3*1*4 + 4) + (6*6*4*3 + 3) = 475.
      expect(statSync(path.join(dir, 'weights.bin')).size).toBe(475 * 4);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      model.dispose();
    }
  });
});
