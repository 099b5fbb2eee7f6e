import { Detections, FoveaError } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { DeepSort, type DeepSortOptions } from '../../src/trackers/deep-sort.js';
import { loadFixture } from '../fixtures/load.js';

interface Frame {
  tlwh: number[][];
  confidence: number[];
  features: number[][];
  /** deep_sort_app's rows: [track_id, x, y, w, h]. */
  tracks: number[][];
}
interface Scenario {
  name: string;
  options: DeepSortOptions;
  featureDim: number;
  frames: Frame[];
}

const { scenarios } = loadFixture<{ scenarios: Scenario[] }>('deepsort/deepsort.json');

function detectionsOf(frame: Frame, featureDim: number): Detections {
  if (frame.tlwh.length === 0) return Detections.empty();
  return Detections.from({
    xyxy: frame.tlwh.map(([x, y, w, h]) => [x, y, x + w, y + h]),
    confidence: frame.confidence,
    classId: frame.confidence.map(() => 0),
    features: frame.features,
    featureDim,
  });
}

describe('DeepSort against nwojke/deep_sort', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))('%s: same ids and boxes every frame', (_name, scenario) => {
    const tracker = new DeepSort(scenario.options);
    scenario.frames.forEach((frame, f) => {
      const out = tracker.update(detectionsOf(frame, scenario.featureDim));
      const want = frame.tracks;
      expect(Array.from(out.trackerId!), `frame ${f} ids`).toEqual(want.map((t) => t[0]));
      for (let i = 0; i < want.length; i++) {
        const [, x, y, w, h] = want[i];
        const got = Array.from(out.xyxy.subarray(4 * i, 4 * i + 4));
        const ref = [x, y, x + w, y + h];
        for (let k = 0; k < 4; k++) {
          if (Math.abs(got[k] - ref[k]) > 1e-4) {
            expect.fail(`frame ${f} track ${want[i][0]}: xyxy ${got} vs deep_sort ${ref}`);
          }
        }
      }
    });
  });

  it('covers what the issue asks: occlusions past maxAge, re-identification, false positives', () => {
    const ids = (name: string) => new Set(scenarios.find((s) => s.name === name)!.frames.flatMap((f) => f.tracks.map((t) => t[0])));
    expect(ids('crossings').size).toBeGreaterThan(7); // the 40-frame occlusion outlives maxAge 30
    expect(ids('crowd').size).toBeGreaterThanOrEqual(40);
  });
});

describe('DeepSort input checks and lifecycle', () => {
  const feature = (seed: number, dim = 4) => Array.from({ length: dim }, (_, k) => Math.cos(seed * 7.1 + k * 1.3) + 1.5);
  const frameAt = (f: number, dim = 4) =>
    Detections.from({
      xyxy: [[10 + 2 * f, 10, 50 + 2 * f, 90], [300 - f, 50, 340 - f, 150]],
      confidence: [0.9, 0.8],
      classId: [0, 1],
      features: [feature(1, dim), feature(2, dim)],
    });

  it('confirms after nInit hits, ids from 1, Kalman boxes, class and index of the matched detection', () => {
    const ds = new DeepSort();
    expect(ds.update(frameAt(0)).length).toBe(0);
    expect(ds.update(frameAt(1)).length).toBe(0);
    const out = ds.update(frameAt(2));
    expect(Array.from(out.trackerId!)).toEqual([1, 2]);
    expect(Array.from(out.classId)).toEqual([0, 1]);
    expect(Array.from(out.data.detectionIndex as Int32Array)).toEqual([0, 1]);
    expect(ds.tracks.map((t) => t.state)).toEqual(['confirmed', 'confirmed']);
  });

  it.each([
    ['no features', () => Detections.from({ xyxy: [[0, 0, 10, 10]], confidence: [1], classId: [0] })],
    ['another feature length', () => frameAt(3, 6)],
    ['an all-zero feature', () => Detections.from({ xyxy: [[0, 0, 10, 10]], confidence: [1], classId: [0], features: [[0, 0, 0, 0]] })],
    ['a box of height 0', () => Detections.from({ xyxy: [[0, 5, 10, 5]], confidence: [1], classId: [0], features: [[1, 0, 0, 0]] })],
  ])('rejects %s with a FoveaError and leaves the tracker unchanged', (_name, make) => {
    const a = new DeepSort();
    const b = new DeepSort();
    for (let f = 0; f < 3; f++) {
      a.update(frameAt(f));
      b.update(frameAt(f));
    }
    expect(() => a.update(make())).toThrow(FoveaError);
    expect(a.tracks).toEqual(b.tracks);
    const outA = a.update(frameAt(3));
    const outB = b.update(frameAt(3));
    expect(Array.from(outA.xyxy)).toEqual(Array.from(outB.xyxy));
    expect(Array.from(outA.trackerId!)).toEqual(Array.from(outB.trackerId!));
  });

  it('accepts empty frames without features, and a new feature length after reset()', () => {
    const ds = new DeepSort();
    ds.update(frameAt(0));
    expect(ds.update(Detections.empty()).length).toBe(0);
    ds.reset();
    expect(ds.tracks).toEqual([]);
    ds.update(frameAt(0, 6));
    expect(ds.tracks.map((t) => t.trackerId)).toEqual([1, 2]);
  });

  it('keeps memory bounded over a long stream: galleries capped at nnBudget, dead tracks freed', () => {
    const ds = new DeepSort({ nnBudget: 20 });
    let maxTracks = 0;
    for (let f = 0; f < 3000; f++) {
      // Objects live 100 frames each, 5 at a time, then leave; a false positive every 7th frame.
      const boxes: number[][] = [];
      const feats: number[][] = [];
      for (let k = 0; k < 5; k++) {
        const id = Math.floor((f + 20 * k) / 100) * 5 + k;
        const t = (f + 20 * k) % 100;
        boxes.push([50 + 150 * k + t, 100 + t, 90 + 150 * k + t, 180 + t]);
        feats.push(feature(id, 8));
      }
      if (f % 7 === 0) {
        boxes.push([900, 600, 930, 660]);
        feats.push(feature(10_000 + f, 8));
      }
      ds.update(Detections.from({ xyxy: boxes, confidence: boxes.map(() => 1), classId: boxes.map(() => 0), features: feats }));
      const tracks = ds.tracks;
      maxTracks = Math.max(maxTracks, tracks.length);
      for (const t of tracks) expect(t.gallerySize).toBeLessThanOrEqual(20);
    }
    expect(maxTracks).toBeLessThanOrEqual(5 * 2 + 2); // live objects, ones awaiting deletion, clutter
  });
});
