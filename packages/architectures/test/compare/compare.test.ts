import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareArchitectures, type CompareArchitecturesOptions, type CompareProgress } from '../../src/index.js';

describe('compareArchitectures', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([
    ['no names', { names: [] }, /names is empty/],
    ['an unknown name', { names: ['lenet5', 'resnet9'] }, /Unknown architecture "resnet9"/],
    ['an empty budget', { budget: {} }, /budget needs epochs, seconds or both/],
    ['fractional epochs', { budget: { epochs: 0.5 } }, /budget.epochs is 0.5/],
    ['negative seconds', { budget: { seconds: -1 } }, /budget.seconds is -1/],
    ['a 2-D input shape', { inputShape: [32, 32] as unknown as [number, number, number] }, /inputShape must be \[height, width, channels\]/],
    ['zero samples', { samples: 0 }, /samples is 0/],
    ['negative preciseBnSamples', { preciseBnSamples: -1 }, /preciseBnSamples is -1; give an integer >= 0/],
    ['an unknown schedule', { lrSchedule: 'linear' as 'cosine' }, /lrSchedule is "linear"/],
    ['a backend that does not start', { backends: ['tensorflow'] }, /backend tensorflow does not start here; use wasm, cpu/],
  ] as [string, CompareArchitecturesOptions, RegExp][])('rejects %s before loading data', async (label, options, message) => {
    if (label === 'a backend that does not start' && tf.findBackend('tensorflow') !== null) return; // tfjs-node is installed
    await expect(compareArchitectures(options)).rejects.toThrow(message);
  });

  it('trains LeNet-5 on a slice of Fashion-MNIST and measures it, leaking nothing', async () => {
    const before = tf.memory().numTensors;
    const events: CompareProgress[] = [];
    const result = await compareArchitectures({
      names: ['lenet5'], budget: { epochs: 1 }, samples: 64, testSamples: 50, batchSize: 16, backends: ['cpu'], latencyRuns: 2,
      onProgress: (e) => events.push(e),
    });
    expect(tf.getBackend()).toBe('wasm');
    expect(result).toMatchObject({
      backends: ['cpu'], trainBackend: 'wasm', samples: 64, testSamples: 50, inputShape: [32, 32, 1], budget: { epochs: 1 },
      // The default recipe; BatchNorm re-estimation is capped at the 64 training images.
      batchSize: 16, learningRate: 3e-3, lrSchedule: 'cosine', preciseBnSamples: 64,
    });
    const [row] = result.rows;
    // LeNet-5 at 32x32x1 (C1 'same', so C5 sees 6x6 and outputs 2x2x120): 156 + 2,416 + 48,120 + 40,404 + 850.
    expect(row.params).toBe(91_946);
    // MACs: C1 32*32*6*25 + C3 12*12*16*150 + C5 2*2*120*400 + F6 480*84 + F7 84*10; FLOPs twice that.
    expect(row.flops).toBe(2 * (153_600 + 345_600 + 192_000 + 40_320 + 840));
    // weights.bin is every parameter as float32; model.json adds a few kB.
    expect(row.sizeBytes).toBeGreaterThan(4 * 91_946);
    expect(row.sizeBytes).toBeLessThan(4 * 91_946 + 20_000);
    expect(row.samplesSeen).toBe(64);
    expect(row.testSamples).toBe(50);
    expect(row.accuracy).toBeGreaterThanOrEqual(0);
    expect(row.accuracy).toBeLessThanOrEqual(1);
    expect(Object.keys(row.latencyMs)).toEqual(['cpu']);
    expect(row.latencyMs.cpu).toBeGreaterThan(0);
    expect(row.note).toBe('as published');
    const stages = events.map((e) => e.stage).filter((s, i, all) => s !== all[i - 1]);
    expect(stages).toEqual(['train', 'evaluate', 'measure', 'done']);
    expect(events.at(-1)!.row).toBe(row);
    expect(tf.memory().numTensors).toBe(before);
  });
});
