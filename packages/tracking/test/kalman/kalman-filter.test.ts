import { FoveaError } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { KalmanFilter, chi2inv95 } from '../../src/kalman/kalman-filter.js';
import { decode, loadFixture } from '../fixtures/load.js';

type Values = (number | string)[];
type Step =
  | { op: 'initiate'; measurement: Values; mean: Values; covariance: Values }
  | { op: 'predict' | 'project'; mean: Values; covariance: Values }
  | { op: 'update'; measurement: Values; mean: Values; covariance: Values }
  | { op: 'gating'; measurements: Values; onlyPosition: boolean; distances: Values };

const fixture = loadFixture<{ chi2inv95: Record<string, number>; sequences: { name: string; steps: Step[] }[] }>(
  'kalman.json',
);

/** Within 1e-6 relative to each entry, or to the array's largest entry for the ones that cancel to ~0. */
function expectClose(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (const x of expected) scale = Math.max(scale, Math.abs(x));
  for (let k = 0; k < expected.length; k++) {
    const tol = 1e-6 * Math.max(Math.abs(expected[k]), 1e-6 * scale);
    if (!(Math.abs(actual[k] - expected[k]) <= tol)) {
      expect.fail(`entry ${k}: ${actual[k]} vs reference ${expected[k]} (tolerance ${tol})`);
    }
  }
}

describe('KalmanFilter against deep_sort kalman_filter.py (kalman.json)', () => {
  it('has the same chi2inv95 table', () => {
    expect(fixture.sequences.length).toBeGreaterThanOrEqual(20);
    for (const [k, v] of Object.entries(fixture.chi2inv95)) expect(chi2inv95[Number(k)]).toBe(v);
  });

  it.each(fixture.sequences.map((s) => [s.name, s.steps] as const))('%s', (_, steps) => {
    const kf = new KalmanFilter();
    let mean: Float64Array = new Float64Array(8);
    let covariance: Float64Array = new Float64Array(64);
    for (const step of steps) {
      // The chain runs on this implementation's own state, as a tracker would.
      switch (step.op) {
        case 'initiate':
          ({ mean, covariance } = kf.initiate(decode(step.measurement)));
          break;
        case 'predict':
          ({ mean, covariance } = kf.predict(mean, covariance));
          break;
        case 'update':
          ({ mean, covariance } = kf.update(mean, covariance, decode(step.measurement)));
          break;
        case 'project': {
          const projected = kf.project(mean, covariance);
          expectClose(projected.mean, decode(step.mean));
          expectClose(projected.covariance, decode(step.covariance));
          continue;
        }
        case 'gating': {
          const measurements = decode(step.measurements);
          const d = kf.gatingDistance(mean, covariance, measurements, step.onlyPosition);
          expectClose(d, decode(step.distances));
          const rows = Array.from({ length: measurements.length / 4 }, (_, n) =>
            Array.from(measurements.subarray(4 * n, 4 * n + 4)),
          );
          expect(kf.gatingDistance(mean, covariance, rows, step.onlyPosition)).toEqual(d);
          continue;
        }
      }
      expectClose(mean, decode(step.mean));
      expectClose(covariance, decode(step.covariance));
    }
  });
});

describe('KalmanFilter closed forms and contracts', () => {
  const kf = new KalmanFilter();

  it('initiate: measurement with zero velocity, diagonal covariance from the height', () => {
    const { mean, covariance } = kf.initiate([10, 20, 0.5, 100]);
    expect(Array.from(mean)).toEqual([10, 20, 0.5, 100, 0, 0, 0, 0]);
    const diag = Array.from({ length: 8 }, (_, k) => covariance[k * 9]);
    const expected = [10, 10, 1e-2, 10, 100 / 16, 100 / 16, 1e-5, 100 / 16].map((s) => s * s);
    diag.forEach((d, k) => expect(d).toBeCloseTo(expected[k], 12));
    expect(covariance.filter((x) => x !== 0).length).toBe(8);
  });

  it('predict moves the mean by its velocity and leaves its inputs alone', () => {
    const mean = Float64Array.from([10, 20, 0.5, 100, 1, -2, 0, 3]);
    const { covariance } = kf.initiate([10, 20, 0.5, 100]);
    const before = covariance.slice();
    const next = kf.predict(mean, covariance);
    expect(Array.from(next.mean)).toEqual([11, 18, 0.5, 103, 1, -2, 0, 3]);
    expect(covariance).toEqual(before);
    // P00 + 2 P04 + P44 + (h/20)^2 with P04 = 0: (2h/20)^2 + (10h/160)^2 + (h/20)^2.
    expect(next.covariance[0]).toBeCloseTo(100 + 39.0625 + 25, 10);
  });

  it('an update at the predicted position keeps the mean and shrinks the variance', () => {
    const s = kf.predict(...Object.values(kf.initiate([50, 60, 1, 80])) as [Float64Array, Float64Array]);
    const u = kf.update(s.mean, s.covariance, s.mean.subarray(0, 4));
    expect(Array.from(u.mean)).toEqual(Array.from(s.mean));
    for (let k = 0; k < 8; k++) expect(u.covariance[k * 9]).toBeLessThan(s.covariance[k * 9]);
  });

  it('gating distance is 0 at the projected mean and grows with offset; onlyPosition ignores a and h', () => {
    const { mean, covariance } = kf.initiate([0, 0, 1, 100]);
    const d = kf.gatingDistance(mean, covariance, [
      [0, 0, 1, 100],
      [10, 0, 1, 100],
      [0, 0, 2, 150],
    ]);
    expect(d[0]).toBe(0);
    // Projected variance of cx is (2 h/20)^2 + (h/20)^2 = 125: distance 10^2 / 125.
    expect(d[1]).toBeCloseTo(100 / 125, 12);
    expect(kf.gatingDistance(mean, covariance, [[0, 0, 2, 150]], true)[0]).toBe(0);
    expect(d[2]).toBeGreaterThan(chi2inv95[4]);
  });

  it('gating distance of no measurements is empty', () => {
    const { mean, covariance } = kf.initiate([0, 0, 1, 100]);
    expect(kf.gatingDistance(mean, covariance, []).length).toBe(0);
  });

  it.each([
    ['short measurement', () => kf.initiate([1, 2, 3]), 'measurement must have length 4'],
    ['short mean', () => kf.predict(new Float64Array(7), new Float64Array(64)), 'mean must have length 8'],
    ['short covariance', () => kf.project(new Float64Array(8), new Float64Array(16)), 'covariance must have length 64'],
    [
      'zero height: singular projection',
      () => kf.update(new Float64Array(8), new Float64Array(64), [0, 0, 1, 0]),
      'not positive definite',
    ],
    [
      'ragged measurements',
      () => kf.gatingDistance(...Object.values(kf.initiate([0, 0, 1, 9])) as [Float64Array, Float64Array], [[1, 2]]),
      'measurements[0] must have length 4',
    ],
    [
      'flat measurements not a multiple of 4',
      () => kf.gatingDistance(new Float64Array(8), new Float64Array(64), new Float64Array(6)),
      'length 6',
    ],
  ])('%s throws FoveaError E_INVALID_ARGUMENT', (_, run, message) => {
    let error: unknown;
    try {
      run();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FoveaError);
    expect((error as FoveaError).code).toBe('E_INVALID_ARGUMENT');
    expect((error as FoveaError).message).toContain(message);
  });
});
