import { check } from '@fovea/core';

/** The built-in learning-rate schedules, each a closed form of the epoch (PyTorch's names in brackets). */
export type LrScheduleName = 'constant' | 'step' | 'cosine' | 'exponential';

/**
 * A learning-rate schedule with its parameters.
 * - `constant`: `lr`.
 * - `step` (StepLR): `lr * gamma ** floor(e / stepSize)`; defaults `stepSize` 10, `gamma` 0.1.
 * - `exponential` (ExponentialLR): `lr * gamma ** e`; default `gamma` 0.9.
 * - `cosine` (CosineAnnealingLR's closed form): `minLr + (lr - minLr) * (1 + cos(pi * e / T)) / 2`, `T` the
 *   epochs after warmup; default `minLr` 0.
 */
export type LrScheduleSpec =
  | { type: 'constant' }
  | { type: 'step'; stepSize?: number; gamma?: number }
  | { type: 'exponential'; gamma?: number }
  | { type: 'cosine'; minLr?: number };

/** A custom schedule: the learning rate of 0-based `epoch`, given the base rate. */
export type LrScheduleFn = (epoch: number, baseLr: number) => number;

export type LrSchedule = LrScheduleName | LrScheduleSpec | LrScheduleFn;

export interface LearningRateOptions {
  /** The base (peak) learning rate. */
  learningRate: number;
  /** Total epochs of the run; `cosine` anneals over `epochs - warmupEpochs`. */
  epochs: number;
  /**
   * Linear warmup: epoch `e < warmupEpochs` uses `lr * (e + 1) / warmupEpochs`, and the schedule then starts at
   * its epoch 0. Default 0. Ignored by custom functions, which see the raw epoch.
   */
  warmupEpochs?: number;
}

/** Checks a schedule; throws `E_INVALID_ARGUMENT` naming the bad field. */
export function checkSchedule(schedule: LrSchedule): void {
  if (typeof schedule === 'function') return;
  const spec: LrScheduleSpec = typeof schedule === 'string' ? ({ type: schedule } as LrScheduleSpec) : schedule;
  check(spec != null && ['constant', 'step', 'cosine', 'exponential'].includes(spec.type),
    `lrSchedule is ${JSON.stringify(schedule)}; use 'constant', 'step', 'cosine', 'exponential', { type, ... } or a function (epoch, baseLr) => lr.`);
  if (spec.type === 'step') {
    const { stepSize = 10, gamma = 0.1 } = spec;
    check(Number.isInteger(stepSize) && stepSize > 0, `lrSchedule step: stepSize is ${stepSize}; give a positive integer (epochs).`);
    check(Number.isFinite(gamma) && gamma > 0, `lrSchedule step: gamma is ${gamma}; give a positive factor such as 0.1.`);
  }
  if (spec.type === 'exponential') {
    const { gamma = 0.9 } = spec;
    check(Number.isFinite(gamma) && gamma > 0, `lrSchedule exponential: gamma is ${gamma}; give a positive factor such as 0.9.`);
  }
  if (spec.type === 'cosine') {
    const { minLr = 0 } = spec;
    check(Number.isFinite(minLr) && minLr >= 0, `lrSchedule cosine: minLr is ${minLr}; give a non-negative rate.`);
  }
}

/**
 * The learning rate of 0-based `epoch` under `schedule` (closed forms in {@link LrScheduleSpec}), after
 * the optional linear warmup. Used once at the start of each epoch.
 *
 * @example learningRateAt('step', 25, { learningRate: 0.1, epochs: 30 }) // 0.1 * 0.1 ** 2 = 0.001
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad schedule or a custom function returning a negative or non-finite rate.
 */
export function learningRateAt(schedule: LrSchedule, epoch: number, options: LearningRateOptions): number {
  const { learningRate: lr, epochs, warmupEpochs = 0 } = options;
  if (typeof schedule === 'function') {
    const value = schedule(epoch, lr);
    check(Number.isFinite(value) && value >= 0, `lrSchedule(${epoch}) returned ${value}; a learning rate is a finite number >= 0.`);
    return value;
  }
  checkSchedule(schedule);
  if (epoch < warmupEpochs) return (lr * (epoch + 1)) / warmupEpochs;
  const e = epoch - warmupEpochs;
  const spec: LrScheduleSpec = typeof schedule === 'string' ? ({ type: schedule } as LrScheduleSpec) : schedule;
  switch (spec.type) {
    case 'constant':
      return lr;
    case 'step':
      return lr * (spec.gamma ?? 0.1) ** Math.floor(e / (spec.stepSize ?? 10));
    case 'exponential':
      return lr * (spec.gamma ?? 0.9) ** e;
    case 'cosine': {
      const minLr = spec.minLr ?? 0;
      const span = Math.max(1, epochs - warmupEpochs);
      return minLr + ((lr - minLr) * (1 + Math.cos((Math.PI * Math.min(e, span)) / span))) / 2;
    }
  }
}
