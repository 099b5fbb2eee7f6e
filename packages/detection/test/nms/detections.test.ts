import { Detections } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { batchedNms, nms, nmsDetections } from '../../src/index.js';

const d = Detections.from({
  xyxy: [[0, 0, 10, 10], [1, 1, 11, 11], [0, 0, 10, 10], [50, 50, 60, 60]],
  confidence: [0.6, 0.9, 0.8, 0.7],
  classId: [0, 0, 1, 1],
  trackerId: [10, 11, 12, 13],
  data: { className: ['a', 'b', 'c', 'd'] },
});

describe('nmsDetections', () => {
  it('suppresses within each class by default, every field following', () => {
    const out = nmsDetections(d, 0.5);
    expect(Array.from(out.confidence)).toEqual([Math.fround(0.9), Math.fround(0.8), Math.fround(0.7)]);
    expect(Array.from(out.trackerId!)).toEqual([11, 12, 13]);
    expect(out.data.className).toEqual(['b', 'c', 'd']);
    expect(Array.from(out.classId)).toEqual(Array.from(batchedNms(d.xyxy, d.confidence, d.classId, 0.5), (i) => d.classId[i]));
  });

  it('classAgnostic suppresses across classes', () => {
    const out = nmsDetections(d, 0.5, { classAgnostic: true });
    expect(out.data.className).toEqual(Array.from(nms(d.xyxy, d.confidence, 0.5), (i) => d.data.className[i]));
    expect(out.data.className).toEqual(['b', 'd']);
  });

  it('passes maxOutputSize and scoreThreshold on', () => {
    expect(nmsDetections(d, 0.5, { maxOutputSize: 1 }).data.className).toEqual(['b']);
    expect(nmsDetections(d, 0.5, { scoreThreshold: 0.75 }).data.className).toEqual(['b', 'c']);
  });

  it('keeps an empty Detections empty', () => {
    expect(nmsDetections(Detections.empty(), 0.5).length).toBe(0);
  });

  it('rejects what is not a Detections', () => {
    expect(() => nmsDetections({} as Detections, 0.5)).toThrow(/not a Detections/);
  });
});
