import { describe, expect, it } from 'vitest';
import { elevenPointThresholds, vocAp } from '../../src/voc/index.js';

describe('vocAp', () => {
  it.each([
    // [name, recall, precision, area AP, 11-point AP (devkit)]
    ['empty curve', [], [], 0, 0],
    ['perfect, one positive', [1], [1], 1, 1],
    ['half recall at full precision', [0.5], [1], 0.5, 6 / 11],
    ['one TP then one FP', [1, 1], [1, 0.5], 1, 1],
    ['FP first then TP', [0, 1], [0, 0.5], 0.5, 0.5],
    ['two of two after a miss', [0.5, 0.5, 1], [1, 0.5, 2 / 3], 0.5 + 0.5 * (2 / 3), (6 + 5 * (2 / 3)) / 11],
    ['never recalls', [0, 0], [0, 0], 0, 0],
  ])('%s', (_name, recall, precision, area, eleven) => {
    expect(vocAp(recall, precision, 'area')).toBeCloseTo(area, 15);
    expect(vocAp(recall, precision, '11point')).toBeCloseTo(eleven, 15);
  });

  it('makes precision monotone before integrating (a dip is bridged by later higher precision)', () => {
    // rec 0.25 @ 1, 0.5 @ 0.5, 0.75 @ 0.6, 1 @ 0.5 -> envelope 1, 0.6, 0.6, 0.5
    expect(vocAp([0.25, 0.5, 0.75, 1], [1, 0.5, 0.6, 0.5], 'area')).toBeCloseTo(0.25 * (1 + 0.6 + 0.6 + 0.5), 15);
  });

  it('uses MATLAB 0:0.1:1 (devkit) or np.arange (py-faster-rcnn) thresholds for 11 points', () => {
    expect(elevenPointThresholds('devkit').map(String)).toEqual(['0', '0.1', '0.2', '0.30000000000000004', '0.4', '0.5', '0.6', '0.7', '0.8', '0.9', '1']);
    expect(elevenPointThresholds('py-faster-rcnn')[6]).toBe(0.6000000000000001);
    // Recall reaching exactly 0.6 (3/5) counts for t = 0.6 only in the devkit.
    const recall = [0.2, 0.4, 3 / 5];
    const precision = [1, 1, 1];
    expect(vocAp(recall, precision, '11point', 'devkit')).toBeCloseTo(7 / 11, 15);
    expect(vocAp(recall, precision, '11point', 'devkit') - vocAp(recall, precision, '11point', 'py-faster-rcnn')).toBeCloseTo(1 / 11, 15);
  });

  it.each([
    ['lengths differ', () => vocAp([0.5], [])],
    ['NaN recall', () => vocAp([Number.NaN], [1])],
    ['unknown method', () => vocAp([1], [1], 'trapezoid' as never)],
  ])('throws E_INVALID_ARGUMENT when %s', (_name, fn) => {
    expect(fn).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
