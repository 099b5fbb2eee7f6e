import { FoveaError } from '@fovea/core';

/**
 * 0.95 quantile of the chi-square distribution with N degrees of freedom, N = 1..9: the Mahalanobis gating
 * thresholds deep_sort uses (`chi2inv95[4]` for full measurements, `chi2inv95[2]` for positions only).
 */
export const chi2inv95: Readonly<Record<number, number>> = Object.freeze({
  1: 3.8415,
  2: 5.9915,
  3: 7.8147,
  4: 9.4877,
  5: 11.07,
  6: 12.592,
  7: 14.067,
  8: 15.507,
  9: 16.919,
});

/** A Gaussian over the 8-D state: `mean` (length 8) and row-major `covariance` (8x8, length 64). */
export interface KalmanState {
  mean: Float64Array;
  covariance: Float64Array;
}

/** A Gaussian over the 4-D measurement space: `mean` (length 4) and row-major `covariance` (4x4). */
export interface KalmanProjection {
  mean: Float64Array;
  covariance: Float64Array;
}

const N = 8;
const M = 4;

/**
 * DeepSORT's constant-velocity Kalman filter for boxes in image space, with the same model and noise as
 * nwojke/deep_sort's `kalman_filter.py`.
 *
 * State (8): `cx, cy, aspect, height, vcx, vcy, vaspect, vheight`: box centre, aspect ratio (width /
 * height), height, and their velocities per frame. Measurement (4): `cx, cy, aspect, height`. Noise
 * standard deviations scale with the box height: 1/20 of it for positions, 1/160 for velocities (aspect
 * terms are fixed: 1e-2 and 1e-5 in the motion model, 1e-1 in the measurement model).
 *
 * Methods are pure: they return new arrays and never modify their arguments. Covariances are row-major
 * `Float64Array`s.
 */
export class KalmanFilter {
  /** Position noise relative to box height (deep_sort `_std_weight_position`). */
  readonly stdWeightPosition = 1 / 20;
  /** Velocity noise relative to box height (deep_sort `_std_weight_velocity`). */
  readonly stdWeightVelocity = 1 / 160;

  /**
   * Starts a track from an unassociated measurement `[cx, cy, aspect, height]`: mean is the measurement
   * with zero velocities, covariance diagonal.
   */
  initiate(measurement: ArrayLike<number>): KalmanState {
    checkLength(measurement, M, 'measurement', '[cx, cy, aspect, height]');
    const h = measurement[3];
    const mean = new Float64Array(N);
    for (let k = 0; k < M; k++) mean[k] = measurement[k];
    const p = 2 * this.stdWeightPosition * h;
    const vel = 10 * this.stdWeightVelocity * h;
    const std = [p, p, 1e-2, p, vel, vel, 1e-5, vel];
    const covariance = new Float64Array(N * N);
    for (let k = 0; k < N; k++) covariance[k * N + k] = std[k] * std[k];
    return { mean, covariance };
  }

  /** Advances a state by one frame: `mean' = F mean`, `cov' = F cov Fᵀ + Q` with Q scaled by the height. */
  predict(mean: ArrayLike<number>, covariance: ArrayLike<number>): KalmanState {
    checkState(mean, covariance);
    const h = mean[3];
    const p = this.stdWeightPosition * h;
    const vel = this.stdWeightVelocity * h;
    const q = [p, p, 1e-2, p, vel, vel, 1e-5, vel];

    const next = new Float64Array(N);
    for (let k = 0; k < M; k++) next[k] = mean[k] + mean[k + M];
    for (let k = M; k < N; k++) next[k] = mean[k];

    // F = [[I, I], [0, I]]: F P adds the velocity rows to the position rows; (F P) Fᵀ does the same to columns.
    const fp = new Float64Array(N * N);
    for (let r = 0; r < N; r++) {
      for (let col = 0; col < N; col++) {
        fp[r * N + col] = r < M ? covariance[r * N + col] + covariance[(r + M) * N + col] : covariance[r * N + col];
      }
    }
    const cov = new Float64Array(N * N);
    for (let r = 0; r < N; r++) {
      for (let col = 0; col < N; col++) {
        const x = col < M ? fp[r * N + col] + fp[r * N + col + M] : fp[r * N + col];
        cov[r * N + col] = r === col ? x + q[r] * q[r] : x;
      }
    }
    return { mean: next, covariance: cov };
  }

  /** Maps a state to measurement space: `H mean` and `H cov Hᵀ + R` (R scaled by the height). */
  project(mean: ArrayLike<number>, covariance: ArrayLike<number>): KalmanProjection {
    checkState(mean, covariance);
    const h = mean[3];
    const p = this.stdWeightPosition * h;
    const r = [p, p, 1e-1, p];
    const projMean = new Float64Array(M);
    const projCov = new Float64Array(M * M);
    for (let a = 0; a < M; a++) {
      projMean[a] = mean[a];
      for (let b = 0; b < M; b++) projCov[a * M + b] = covariance[a * N + b];
      projCov[a * M + a] += r[a] * r[a];
    }
    return { mean: projMean, covariance: projCov };
  }

  /**
   * Corrects a predicted state with a measurement `[cx, cy, aspect, height]`: Kalman gain
   * `K = P Hᵀ S⁻¹` through a Cholesky factorisation of the innovation covariance S.
   */
  update(mean: ArrayLike<number>, covariance: ArrayLike<number>, measurement: ArrayLike<number>): KalmanState {
    checkLength(measurement, M, 'measurement', '[cx, cy, aspect, height]');
    const { mean: projMean, covariance: s } = this.project(mean, covariance);
    const l = cholesky(s, M);

    // Kᵀ = S⁻¹ (H P): solve L Lᵀ X = H P, one column of the 4x8 right-hand side at a time.
    const gain = new Float64Array(N * M); // K, 8x4 row-major
    const x = new Float64Array(M);
    for (let col = 0; col < N; col++) {
      for (let a = 0; a < M; a++) x[a] = covariance[a * N + col];
      choleskySolve(l, x, M);
      for (let a = 0; a < M; a++) gain[col * M + a] = x[a];
    }

    const innovation = new Float64Array(M);
    for (let a = 0; a < M; a++) innovation[a] = measurement[a] - projMean[a];
    const nextMean = new Float64Array(N);
    for (let r = 0; r < N; r++) {
      let acc = 0;
      for (let a = 0; a < M; a++) acc += gain[r * M + a] * innovation[a];
      nextMean[r] = mean[r] + acc;
    }

    // P - K S Kᵀ.
    const ks = new Float64Array(N * M);
    for (let r = 0; r < N; r++) {
      for (let b = 0; b < M; b++) {
        let acc = 0;
        for (let a = 0; a < M; a++) acc += gain[r * M + a] * s[a * M + b];
        ks[r * M + b] = acc;
      }
    }
    const nextCov = new Float64Array(N * N);
    for (let r = 0; r < N; r++) {
      for (let col = 0; col < N; col++) {
        let acc = 0;
        for (let b = 0; b < M; b++) acc += ks[r * M + b] * gain[col * M + b];
        nextCov[r * N + col] = covariance[r * N + col] - acc;
      }
    }
    return { mean: nextMean, covariance: nextCov };
  }

  /**
   * Squared Mahalanobis distance between a state's projection and each measurement, for gating against
   * `chi2inv95[4]` (or `chi2inv95[2]` with `onlyPosition`).
   *
   * @param measurements - N measurements `[cx, cy, aspect, height]`: `number[][]` or a flat `Float64Array`
   *   of length 4N.
   * @param onlyPosition - Compare the box centres `(cx, cy)` only.
   * @returns Length-N distances, in the order of `measurements`.
   */
  gatingDistance(
    mean: ArrayLike<number>,
    covariance: ArrayLike<number>,
    measurements: Float64Array | readonly (readonly number[])[],
    onlyPosition = false,
  ): Float64Array {
    const flat = measurements instanceof Float64Array;
    if (flat && measurements.length % M !== 0) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `measurements must hold 4 numbers per box [cx, cy, aspect, height], got a Float64Array of length ` +
          `${measurements.length}`,
      );
    }
    const count = flat ? measurements.length / M : measurements.length;
    const { mean: projMean, covariance: projCov } = this.project(mean, covariance);
    const dim = onlyPosition ? 2 : M;
    const s = new Float64Array(dim * dim);
    for (let a = 0; a < dim; a++) for (let b = 0; b < dim; b++) s[a * dim + b] = projCov[a * M + b];
    const l = cholesky(s, dim);

    const out = new Float64Array(count);
    const z = new Float64Array(dim);
    for (let n = 0; n < count; n++) {
      if (flat) {
        for (let a = 0; a < dim; a++) z[a] = measurements[n * M + a] - projMean[a];
      } else {
        const row = (measurements as readonly (readonly number[])[])[n];
        checkLength(row, M, `measurements[${n}]`, '[cx, cy, aspect, height]');
        for (let a = 0; a < dim; a++) z[a] = row[a] - projMean[a];
      }
      forwardSubstitute(l, z, dim);
      let acc = 0;
      for (let a = 0; a < dim; a++) acc += z[a] * z[a];
      out[n] = acc;
    }
    return out;
  }
}

/** Lower Cholesky factor of a symmetric positive-definite `dim x dim` row-major matrix. */
function cholesky(a: Float64Array, dim: number): Float64Array {
  const l = new Float64Array(dim * dim);
  for (let j = 0; j < dim; j++) {
    let d = a[j * dim + j];
    for (let k = 0; k < j; k++) d -= l[j * dim + k] * l[j * dim + k];
    if (!(d > 0)) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `projected covariance is not positive definite (pivot ${d} at ${j}); check that the state's ` +
          'covariance is finite and its height mean[3] is not 0',
      );
    }
    const ljj = Math.sqrt(d);
    l[j * dim + j] = ljj;
    for (let i = j + 1; i < dim; i++) {
      let x = a[i * dim + j];
      for (let k = 0; k < j; k++) x -= l[i * dim + k] * l[j * dim + k];
      l[i * dim + j] = x / ljj;
    }
  }
  return l;
}

/** Solves `L z' = z` in place. */
function forwardSubstitute(l: Float64Array, z: Float64Array, dim: number): void {
  for (let i = 0; i < dim; i++) {
    let x = z[i];
    for (let k = 0; k < i; k++) x -= l[i * dim + k] * z[k];
    z[i] = x / l[i * dim + i];
  }
}

/** Solves `L Lᵀ x' = x` in place. */
function choleskySolve(l: Float64Array, x: Float64Array, dim: number): void {
  forwardSubstitute(l, x, dim);
  for (let i = dim - 1; i >= 0; i--) {
    let y = x[i];
    for (let k = i + 1; k < dim; k++) y -= l[k * dim + i] * x[k];
    x[i] = y / l[i * dim + i];
  }
}

function checkLength(x: ArrayLike<number>, length: number, name: string, layout: string): void {
  if (x == null || x.length !== length) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `${name} must have length ${length} (${layout}), got ${x == null ? String(x) : `length ${x.length}`}`,
    );
  }
}

function checkState(mean: ArrayLike<number>, covariance: ArrayLike<number>): void {
  checkLength(mean, N, 'mean', '[cx, cy, aspect, height, vcx, vcy, vaspect, vheight]');
  checkLength(covariance, N * N, 'covariance', '8x8 row-major');
}
