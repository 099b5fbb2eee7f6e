import { describe, expect, it } from 'vitest';
import { pythonSetDifference } from '../../src/trackers/python-set-order.js';

// Expected orders printed by CPython 3.11: list(set(a) - set(b)). (The module was also checked on 20,000
// random inputs against CPython while it was written.)
describe('pythonSetDifference', () => {
  it.each([
    [[], [], []],
    [[0, 5, 9, 20], [], [0, 9, 20, 5]],
    [[0, 5, 9, 20], [5], [0, 9, 20]],
    [[0, 3, 6, 9, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57], [3, 6, 9],
      [0, 12, 15, 18, 21, 24, 27, 30, 33, 36, 39, 42, 45, 48, 51, 54, 57]],
    [[1, 2, 3, 17, 33, 40, 41, 48], [2, 40], [1, 33, 3, 41, 48, 17]],
    [Array.from({ length: 45 }, (_, i) => i), Array.from({ length: 23 }, (_, i) => 2 * i),
      Array.from({ length: 22 }, (_, i) => 2 * i + 1)],
    [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], [0, 1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11]],
  ])('set(%j) - set(%j) iterates as %j', (a, b, want) => {
    expect(pythonSetDifference(a, b)).toEqual(want);
  });
});
