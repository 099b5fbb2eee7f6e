import { Detections } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { ByteTrack, DeepSort, Sort } from '../../src/index.js';
import { collapseInverted } from '../../src/trackers/output-boxes.js';

describe('collapseInverted', () => {
  it.each([
    ['valid boxes are untouched', [0, 0, 10, 20], [0, 0, 10, 20]],
    ['negative width collapses at the centre', [10, 0, 6, 20], [8, 0, 8, 20]],
    ['negative height collapses at the centre', [0, 30, 10, 10], [0, 20, 10, 20]],
    ['zero size stays', [5, 5, 5, 5], [5, 5, 5, 5]],
  ])('%s', (_, input, expected) => {
    expect(Array.from(collapseInverted(Float32Array.from(input)))).toEqual(expected);
  });
});

// An object that shrinks fast and then vanishes: the constant-velocity prediction for the missed frame has a
// negative size. The trackers must still answer with valid Detections.
const heights = [200, 170, 140, 110, 80, 50, 20];
function frame(t: number): Detections {
  if (t >= heights.length) return Detections.from({ xyxy: [], confidence: [], classId: [], features: [], featureDim: 4 });
  const h = heights[t];
  return Detections.from({ xyxy: [[100, 300 - h, 100 + h / 2, 300]], confidence: [0.9], classId: [0], features: [[1, 0, 0, 0]] });
}

describe.each([
  ['DeepSort', () => new DeepSort()],
  ['Sort', () => new Sort({ minHits: 1 })],
  ['ByteTrack', () => new ByteTrack()],
])('%s with a box whose predicted size goes negative', (_, make) => {
  it('returns valid detections instead of throwing', () => {
    const tracker = make();
    for (let t = 0; t < heights.length + 3; t++) {
      const out = tracker.update(frame(t));
      for (let k = 0; k < out.xyxy.length; k += 4) {
        expect(out.xyxy[k + 2]).toBeGreaterThanOrEqual(out.xyxy[k]);
        expect(out.xyxy[k + 3]).toBeGreaterThanOrEqual(out.xyxy[k + 1]);
      }
    }
  });
});
