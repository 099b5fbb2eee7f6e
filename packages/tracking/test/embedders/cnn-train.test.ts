// Training on a tiny budget (a few hundred crop steps on wasm): the loss falls, the features separate
// identities better than chance, runs are reproducible, and nothing leaks.
import { FoveaError, initBackend, tf } from '@fovea/core';
import type { TrainProgress } from '@fovea/architectures';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateReid } from '../../src/embedders/cnn-reid-eval.js';
import { reidSamples } from '../../src/embedders/cnn-shapes-samples.js';
import { trainReidEmbedder, type TrainReidOptions } from '../../src/embedders/cnn-train.js';
import { ColorHistogramEmbedder } from '../../src/embedders/color-histogram.js';

const video = { imageSize: 96, frames: 16, objects: 4, seed: 7 } as const;
const tiny: TrainReidOptions = { video, sequences: 2, epochs: 4, batchSize: 16, embedder: { widths: [8, 16], featureDim: 16 }, seed: 3 };
const heldOut = { video: { ...video, seed: 500 }, sequences: 2 };

describe('trainReidEmbedder', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });

  it('lowers the loss, reports progress, separates identities, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const events: TrainProgress[] = [];
    const { embedder, history, identities, samples } = await trainReidEmbedder({ ...tiny, onProgress: (e) => events.push(e) });
    const expected = reidSamples(tiny);
    expect(identities).toBe(expected.identities);
    expect(samples).toBe(expected.boxes);
    expect(history).toHaveLength(4);
    expect(history[3].loss).toBeLessThan(history[0].loss);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(4 * Math.ceil(samples / 16));

    const cnn = evaluateReid(embedder, heldOut);
    expect(cnn.meanSameDistance).toBeLessThan(cnn.meanDifferentDistance);
    expect(cnn.rank1).toBeGreaterThan(1 / cnn.identities);
    // Features are unit-norm after training too.
    const f = reidSamples(heldOut).frames[0];
    const features = embedder.embed(f.image, f.boxes);
    for (let i = 0; i < f.labels.length; i++) expect(Math.hypot(...features.subarray(16 * i, 16 * i + 16))).toBeCloseTo(1, 5);

    embedder.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the same seed gives the same weights', async () => {
    const short = { ...tiny, epochs: 1, sequences: 1 };
    const a = await trainReidEmbedder(short);
    const b = await trainReidEmbedder(short);
    expect(b.history[0].loss).toBe(a.history[0].loss);
    const [wa, wb] = [a.embedder.model.getWeights(), b.embedder.model.getWeights()];
    wa.forEach((w, i) => expect(Array.from(wb[i].dataSync())).toEqual(Array.from(w.dataSync())));
    a.embedder.dispose();
    b.embedder.dispose();
  });

  it.each([
    ['boxJitter', { boxJitter: 0.5 }],
    ['logitScale', { logitScale: 0 }],
    ['minVisibility', { minVisibility: 2 }],
    ['sequences', { sequences: 0 }],
    ['epochs', { epochs: 0 }],
  ])('rejects a bad %s before training', async (_, bad) => {
    const before = tf.memory().numTensors;
    await expect(trainReidEmbedder({ ...tiny, ...bad })).rejects.toThrow(FoveaError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('evaluateReid', () => {
  it('scores the colour histogram on the same protocol', () => {
    const m = evaluateReid(new ColorHistogramEmbedder(), heldOut);
    expect(m.queries).toBeGreaterThan(0);
    expect(m.rank1).toBeGreaterThanOrEqual(0);
    expect(m.rank1).toBeLessThanOrEqual(1);
    expect(m.mAP).toBeLessThanOrEqual(1);
    expect(m.meanSameDistance).toBeLessThan(m.meanDifferentDistance);
  });

  it('a constant feature ranks by gallery order: rank-1 is the share of queries matching gallery entry 0', () => {
    const constant = { featureDim: 2, embed: (_: unknown, boxes: ArrayLike<number>) => new Float32Array((boxes.length / 4) * 2).fill(1) };
    const m = evaluateReid(constant, heldOut);
    expect(m.meanSameDistance).toBeCloseTo(0, 6);
    expect(m.meanDifferentDistance).toBeCloseTo(0, 6);
    const { frames } = reidSamples(heldOut);
    const first = frames[0].labels[0];
    const half = (s: number) => frames.filter((f) => f.sequence === s).reduce((n, f) => Math.max(n, f.frame + 1), 0) * 0.5;
    const queries = frames.filter((f) => f.frame >= half(f.sequence)).flatMap((f) => Array.from(f.labels));
    const galleryIds = new Set(frames.filter((f) => f.frame < half(f.sequence)).flatMap((f) => Array.from(f.labels)));
    const scored = queries.filter((l) => galleryIds.has(l));
    expect(m.queries).toBe(scored.length);
    expect(m.rank1).toBeCloseTo(scored.filter((l) => l === first).length / scored.length, 12);
  });
});
