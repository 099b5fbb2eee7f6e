import { describe, expect, it } from 'vitest';
import { descendingRanks, iota, sortByKey } from '../../src/coco/order.js';

/** Slow reference: a comparator sort by score descending, ties by index (numpy's stable argsort of -score). */
function reference(score: number[]): number[] {
  return score.map((_, i) => i).sort((a, b) => (score[b] > score[a] ? 1 : score[b] < score[a] ? -1 : a - b));
}

describe('descendingRanks (radix argsort of -score, stable)', () => {
  let seed = 7;
  const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  it.each([
    ['empty', []],
    ['one', [0.5]],
    ['ties keep input order', [0.5, 0.9, 0.5, 0.9, 0.5]],
    ['-0 and 0 are equal', [0, -0, 0.1, -0, 0]],
    ['negatives, infinities, subnormals', [-1, Infinity, -Infinity, 5e-324, -5e-324, 1e308, -2.5, 0]],
    ['random with many ties', Array.from({ length: 2000 }, () => Math.round(rand() * 50) / 50 - 0.3)],
    ['random doubles', Array.from({ length: 2000 }, () => rand() * 1e6 - 5e5)],
  ])('%s', (_, score) => {
    const { order, rank, levels } = descendingRanks(Float64Array.from(score));
    const ref = reference(score);
    expect(Array.from(order)).toEqual(ref);
    expect(levels).toBe(new Set(score.map((s) => s + 0)).size);
    // Sorting by rank stably gives the same order.
    expect(Array.from(sortByKey(iota(score.length), rank, levels))).toEqual(ref);
  });
});
