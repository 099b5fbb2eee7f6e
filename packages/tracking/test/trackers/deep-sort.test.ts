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
