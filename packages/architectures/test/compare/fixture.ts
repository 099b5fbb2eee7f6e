import type { ArchitectureComparison, ComparisonRow } from '../../src/index.js';

const row = (name: string, accuracy: number, sizeBytes: number, wasm: number, cpu: number, extra: Partial<ComparisonRow> = {}): ComparisonRow => ({
  name, family: name, note: 'as published', inputShape: [32, 32, 1], params: Math.round(sizeBytes / 4), sizeBytes, flops: 2e6,
  accuracy, testSamples: 100, samplesSeen: 200, trainSeconds: 3.2, latencyMs: { wasm, cpu }, ...extra,
});

/** A hand-made comparison: three rows whose sizes are 1 : 4 : 100. */
export const COMPARISON: ArchitectureComparison = {
  rows: [
    row('lenet5', 0.82, 400_000, 2, 40),
    row('vgg16', 0.61, 1_600_000, 120, 2400, { params: 1_234_567, flops: 654_321_000, samplesSeen: 100, inputShape: [32, 32, 1] }),
    row('alexnet', 0.5, 40_000_000, 30, 700, { inputShape: [67, 67, 1] }),
  ],
  backends: ['wasm', 'cpu'],
  trainBackend: 'wasm',
  budget: { epochs: 1 },
  inputShape: [32, 32, 1],
  samples: 200,
  testSamples: 100,
  batchSize: 32,
  learningRate: 0.002,
  lrSchedule: 'cosine',
  preciseBnSamples: 128,
};
