import { FoveaError, mulberry32 } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { nms } from '../../src/index.js';
import { fixture } from './fixture.js';
import { randomCase, referenceNms } from './reference.js';

const ids = (a: Int32Array) => Array.from(a);

describe('nms matches torchvision.ops.nms', () => {
  it('has the fixture cases the issue asks for', () => {
    expect(fixture.single.length).toBeGreaterThanOrEqual(30);
    expect(Math.max(...fixture.single.map((c) => c.scores.length))).toBe(5000);
  });

  it.each(fixture.single.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const keep = nms(Float32Array.from(c.boxes), Float32Array.from(c.scores), c.iouThreshold);
    expect(keep).toBeInstanceOf(Int32Array);
    expect(ids(keep)).toEqual(c.keep);
  });

  it('equals the slow reference on the fixture cases', () => {
    for (const c of fixture.single.filter((c) => c.scores.length <= 1000)) {
      expect(referenceNms(c.boxes, c.scores, c.iouThreshold), c.name).toEqual(c.keep);
    }
  });
});

describe('nms against the slow reference on random cases', () => {
  const thresholds = [0, 0.1, 0.25, 0.3, 0.5, 0.7, 0.9, 1, -0.2];
  it.each([
    [1, 20, 10],
    [2, 60, 40],
    [3, 200, 100],
    [4, 400, 60],
  ])('seed %i: %i cases of up to %i boxes', (seed, count, maxN) => {
    const rand = mulberry32(seed);
    for (let t = 0; t < count; t++) {
      const n = Math.floor(rand() * maxN);
      const { boxes, scores } = randomCase(rand, n, 20 + rand() * 80);
      const thr = thresholds[t % thresholds.length];
      expect(ids(nms(boxes, scores, thr)), `case ${t}, n=${n}, thr=${thr}`).toEqual(referenceNms(boxes, scores, thr));
    }
  });
});

describe('nms score order', () => {
  it.each([[40], [500]])('mixed signs, signed zeros and infinities, %i boxes (short and radix paths)', (n) => {
    const rand = mulberry32(n);
    const pool = [-Infinity, -1.5, -0, 0, 1e-30, 0.25, 0.5, 3, Infinity];
    const scores = Array.from({ length: n }, () => (rand() < 0.5 ? pool[Math.floor(rand() * pool.length)] : rand() * 4 - 2));
    // Disjoint unit boxes: nothing is suppressed, so the result is the score order itself.
    const boxes = Array.from({ length: n }, (_, i) => [2 * i, 0, 2 * i + 1, 1]);
    expect(ids(nms(boxes, scores, 0.5))).toEqual(referenceNms(boxes.flat(), scores, 0.5));
    expect(ids(nms(boxes, scores, 0.5, { scoreThreshold: 0 }))).toEqual(
      referenceNms(boxes.flat(), scores, 0.5).filter((i) => scores[i] > 0),
    );
  });
});

describe('nms edge cases', () => {
  const square = [0, 0, 10, 10];
  it.each([
    ['empty', [], [], 0.5, []],
    ['one box', [square], [0.3], 0.5, [0]],
    ['all identical, distinct scores', [square, square, square], [0.1, 0.9, 0.5], 0.5, [1]],
    ['all identical, tied scores', [square, square, square], [0.5, 0.5, 0.5], 0.5, [0]],
    ['threshold 0: any overlap suppresses', [square, [9, 9, 20, 20], [10, 0, 20, 10]], [0.9, 0.8, 0.7], 0, [0, 2]],
    ['threshold 1: nothing suppresses', [square, square], [0.9, 0.8], 1, [0, 1]],
    ['threshold 1.5', [square, square], [0.9, 0.8], 1.5, [0, 1]],
    ['negative threshold: disjoint boxes suppress', [square, [50, 50, 60, 60]], [0.8, 0.9], -0.5, [1]],
    ['Infinity threshold', [square, square], [0.9, 0.8], Infinity, [0, 1]],
    ['infinite scores', [square, [20, 0, 30, 10], square], [-Infinity, Infinity, Infinity], 0.5, [1, 2]],
    ['scores tie in float32', [[0, 0, 1, 1], [2, 2, 3, 3]], [0.1, 0.1 + 1e-12], 0.5, [0, 1]],
    ['zero-area boxes never suppress', [[5, 5, 5, 5], [5, 5, 5, 5], [0, 0, 10, 10]], [0.9, 0.8, 0.7], 0.5, [0, 1, 2]],
  ] as const)('%s', (_, boxes, scores, thr, expected) => {
    const keep = ids(nms(boxes as unknown as number[][], scores as unknown as number[], thr));
    expect(keep).toEqual(expected);
    expect(keep).toEqual(referenceNms((boxes as unknown as number[][]).flat(), scores as unknown as number[], thr));
  });

  it('accepts flat number arrays and Float32Array alike', () => {
    const flat = [0, 0, 10, 10, 1, 1, 11, 11, 30, 30, 40, 40];
    expect(ids(nms(flat, [0.5, 0.9, 0.1], 0.5))).toEqual([1, 2]);
    expect(ids(nms(Float32Array.from(flat), Float32Array.of(0.5, 0.9, 0.1), 0.5))).toEqual([1, 2]);
  });

  it('maxOutputSize keeps a prefix and scoreThreshold drops scores <= threshold', () => {
    const { boxes, scores } = randomCase(mulberry32(9), 300, 100);
    const full = ids(nms(boxes, scores, 0.5));
    expect(ids(nms(boxes, scores, 0.5, { maxOutputSize: 7 }))).toEqual(full.slice(0, 7));
    expect(ids(nms(boxes, scores, 0.5, { maxOutputSize: 0 }))).toEqual([]);
    const t = scores[full[5]];
    expect(ids(nms(boxes, scores, 0.5, { scoreThreshold: t }))).toEqual(full.filter((i) => scores[i] > t));
  });

  it.each([
    ['NaN score', [[0, 0, 1, 1]], [NaN], 0.5, {}, /scores\[0\] is NaN/],
    ['NaN threshold', [[0, 0, 1, 1]], [1], NaN, {}, /iouThreshold is NaN/],
    ['inverted box', [[0, 0, -1, 1]], [1], 0.5, {}, /inverted/],
    ['non-finite box', [[0, 0, Infinity, 1]], [1], 0.5, {}, /finite/],
    ['length not a multiple of 4', [0, 0, 1], [1], 0.5, {}, /multiple of 4/],
    ['score count mismatch', [[0, 0, 1, 1]], [1, 2], 0.5, {}, /scores has 2 entries but there are 1 boxes/],
    ['fractional maxOutputSize', [[0, 0, 1, 1]], [1], 0.5, { maxOutputSize: 1.5 }, /maxOutputSize/],
    ['NaN scoreThreshold', [[0, 0, 1, 1]], [1], 0.5, { scoreThreshold: NaN }, /scoreThreshold/],
  ] as const)('%s throws FoveaError', (_, boxes, scores, thr, options, message) => {
    const call = () => nms(boxes as unknown as number[], scores as unknown as number[], thr, options);
    expect(call).toThrow(FoveaError);
    expect(call).toThrow(message);
  });
});
