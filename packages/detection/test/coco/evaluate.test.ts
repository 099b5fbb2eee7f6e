import { afterAll, describe, expect, it } from 'vitest';
import { evaluateCoco, COCO_IOU_THRS, COCO_REC_THRS } from '../../src/coco/index.js';
import { numpyMean } from '../../src/coco/summarize.js';
import { SET_NAMES, loadSet, readFixture, unpack } from './fixtures.js';

const cases = SET_NAMES.flatMap((set) => loadSet(set).cases.map((c) => [set, c.name] as const));
let worst = 0;

/** Largest |a - b|, and whether every entry is the same double (Object.is). */
function compare(ours: ArrayLike<number>, ref: ArrayLike<number>): { maxDiff: number; identical: boolean } {
  let maxDiff = 0;
  let identical = ours.length === ref.length;
  for (let i = 0; i < Math.min(ours.length, ref.length); i++) {
    maxDiff = Math.max(maxDiff, Math.abs(ours[i] - ref[i]));
    if (!Object.is(ours[i], ref[i])) identical = false;
  }
  worst = Math.max(worst, maxDiff);
  return { maxDiff, identical };
}

describe('evaluateCoco against pycocotools (fixtures from generate.py)', () => {
  it.each(cases)('%s / %s: 12 stats, precision, recall and scores bit-identical', (set, name) => {
    const { gt, dt, cases: all } = loadSet(set);
    const { options, expected } = all.find((c) => c.name === name)!;
    const ev = evaluateCoco(gt, dt, options);
    expect(ev.counts).toEqual(expected.counts);
    expect(compare(ev.params.iouThrs, expected.iouThrs)).toEqual({ maxDiff: 0, identical: true });
    expect(compare(ev.params.recThrs, expected.recThrs)).toEqual({ maxDiff: 0, identical: true });
    expect(compare(ev.stats, expected.stats)).toEqual({ maxDiff: 0, identical: true });
    expect(compare(ev.precision, unpack(expected.precision))).toEqual({ maxDiff: 0, identical: true });
    expect(compare(ev.recall, unpack(expected.recall))).toEqual({ maxDiff: 0, identical: true });
    expect(compare(ev.scores, unpack(expected.scores))).toEqual({ maxDiff: 0, identical: true });
    expect(ev.summary()).toBe(expected.summary);
  });

  afterAll(() => {
    console.log(`evaluateCoco vs pycocotools: worst |diff| over all stats and arrays = ${worst}`);
  });
});

describe('COCOeval numerics', () => {
  it('default thresholds are numpy linspace doubles, not decimal literals', () => {
    const ref = loadSet('bbox-basic').cases[0].expected;
    expect(Array.from(COCO_IOU_THRS)).toEqual(ref.iouThrs);
    expect(Array.from(COCO_REC_THRS)).toEqual(ref.recThrs);
  });

  const means = readFixture('numpy-mean.json') as { n: number; mean: number }[];
  it.each(means)('np.mean of $n values (8192-element chunks, pairwise within)', ({ n, mean }) => {
    const a = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) / 997);
    expect(Object.is(numpyMean(a), mean)).toBe(true);
  });
});
