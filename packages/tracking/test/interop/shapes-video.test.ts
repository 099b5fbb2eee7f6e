// core's synthetic MOTChallenge export is a valid evaluation input: the ground truth tracks itself perfectly,
// and swapping two ids mid-sequence costs exactly the switches py-motmetrics would count.
import { shapesVideo } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { evaluateMot, readMotChallenge } from '../../src/index.js';

describe('shapesVideo().toMot() through evaluateMot', () => {
  const video = shapesVideo({ seed: 5, frames: 40, objects: 5 });
  const gt = readMotChallenge(video.toMot(), { minConfidence: 1 });

  it('ground truth against itself: MOTA 1, IDF1 1, no switches', () => {
    const m = evaluateMot(gt, readMotChallenge(video.toMot()));
    expect(m.mota).toBe(1);
    expect(m.idf1).toBe(1);
    expect(m.numSwitches).toBe(0);
    expect(m.motp).toBe(0);
    expect(m.numUniqueObjects).toBe(new Set(gt.map((r) => r.id)).size);
  });

  it('swapping ids 1 and 2 from frame 21 on adds switches and lowers IDF1', () => {
    const swapped = gt.map((r) => (r.frame >= 21 && (r.id === 1 || r.id === 2) ? { ...r, id: 3 - r.id } : r));
    const m = evaluateMot(gt, swapped);
    const bothPresent = gt.some((r) => r.frame === 21 && r.id === 1) && gt.some((r) => r.frame === 21 && r.id === 2);
    expect(bothPresent).toBe(true);
    expect(m.numSwitches).toBe(2);
    expect(m.idf1).toBeLessThan(1);
    expect(m.numMisses + m.numFalsePositives).toBe(0);
  });
});
