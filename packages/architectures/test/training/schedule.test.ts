import { describe, expect, it } from 'vitest';
import { FoveaError } from '@fovea/core';
import { learningRateAt, type LrSchedule } from '../../src/training/schedule.js';

const base = { learningRate: 0.1, epochs: 10 };

describe('learningRateAt', () => {
  it.each<[string, LrSchedule, number, number]>([
    ['constant', 'constant', 7, 0.1],
    ['step, before the first drop', { type: 'step', stepSize: 3, gamma: 0.5 }, 2, 0.1],
    ['step, after two drops', { type: 'step', stepSize: 3, gamma: 0.5 }, 7, 0.1 * 0.25],
    ['step defaults (10 epochs, 0.1)', 'step', 10, 0.1 * 0.1],
    ['exponential', { type: 'exponential', gamma: 0.5 }, 3, 0.1 * 0.125],
    ['exponential default gamma 0.9', 'exponential', 2, 0.1 * 0.81],
    ['cosine start', 'cosine', 0, 0.1],
    ['cosine middle', 'cosine', 5, 0.05],
    ['cosine quarter', 'cosine', 2.5, 0.05 * (1 + Math.SQRT1_2)],
    ['cosine end', 'cosine', 10, 0],
    ['cosine with a floor', { type: 'cosine', minLr: 0.01 }, 5, 0.01 + 0.09 / 2],
    ['custom function', (e: number, lr: number) => lr / (e + 1), 4, 0.02],
  ])('%s', (_, schedule, epoch, want) => {
    expect(learningRateAt(schedule, epoch, base)).toBeCloseTo(want, 12);
  });

  it.each([
    [0, 0.025], [1, 0.05], [3, 0.1], // linear warmup over 4 epochs: lr (e + 1) / 4
    [4, 0.1], [10, 0.1 * (1 + Math.cos(Math.PI * 6 / 10)) / 2], // then cosine over the remaining 10 epochs
  ])('warmup then cosine, epoch %i', (epoch, want) => {
    expect(learningRateAt('cosine', epoch, { learningRate: 0.1, epochs: 14, warmupEpochs: 4 })).toBeCloseTo(want, 12);
  });

  it.each<[string, LrSchedule]>([
    ['unknown name', 'linear' as LrSchedule],
    ['step size 0', { type: 'step', stepSize: 0 }],
    ['negative gamma', { type: 'exponential', gamma: -1 }],
    ['negative floor', { type: 'cosine', minLr: -0.1 }],
    ['function returning NaN', () => Number.NaN],
  ])('rejects %s', (_, schedule) => {
    expect(() => learningRateAt(schedule, 0, base)).toThrow(FoveaError);
    try {
      learningRateAt(schedule, 0, base);
    } catch (e) {
      expect((e as FoveaError).code).toBe('E_INVALID_ARGUMENT');
    }
  });
});
