/**
 * DeepSORT's xyah Kalman filter (the model of `KalmanFilter`, same noise and equations) as in-place steps on
 * one track's buffers, for the trackers' per-frame loops: no allocation, and the innovation covariance and
 * its Cholesky factor are computed once per frame and shared by gating and the update.
 *
 * State `mean` (8: cx, cy, aspect, height and their velocities), `cov` 8x8 row-major; `proj` (4) and
 * `chol` (4x4 lower, row-major) hold the projection of the predicted state.
 */

const POSITION = 1 / 20;
const VELOCITY = 1 / 160;

/** Starts a state from a measurement `xyah[at .. at + 4)`, writing `mean` and `cov`. */
export function initiate(xyah: ArrayLike<number>, at: number, mean: Float64Array, cov: Float64Array): void {
  const h = xyah[at + 3];
  for (let k = 0; k < 4; k++) {
    mean[k] = xyah[at + k];
    mean[k + 4] = 0;
  }
  cov.fill(0);
  const p = 2 * POSITION * h;
  const v = 10 * VELOCITY * h;
  const std = [p, p, 1e-2, p, v, v, 1e-5, v];
  for (let k = 0; k < 8; k++) cov[k * 9] = std[k] * std[k];
}

/** One constant-velocity step: `mean = F mean`, `cov = F cov Fᵀ + Q(height)`. */
export function predict(mean: Float64Array, cov: Float64Array): void {
  const p = POSITION * mean[3];
  const v = VELOCITY * mean[3];
  for (let k = 0; k < 4; k++) mean[k] += mean[k + 4];
  // F = [[I, I], [0, I]]: add the velocity rows to the position rows, then the same for columns.
  for (let r = 0; r < 4; r++) for (let c = 0; c < 8; c++) cov[r * 8 + c] += cov[(r + 4) * 8 + c];
  for (let r = 0; r < 8; r++) for (let c = 0; c < 4; c++) cov[r * 8 + c] += cov[r * 8 + c + 4];
  cov[0] += p * p;
  cov[9] += p * p;
  cov[18] += 1e-4;
  cov[27] += p * p;
  cov[36] += v * v;
  cov[45] += v * v;
  cov[54] += 1e-10;
  cov[63] += v * v;
}

/**
 * Projects to measurement space (`proj = H mean`, `S = H cov Hᵀ + R(height)`) and factors `S = L Lᵀ`.
 * Returns false when S is not positive definite.
 */
export function project(mean: Float64Array, cov: Float64Array, proj: Float64Array, chol: Float64Array): boolean {
  const p = POSITION * mean[3];
  const r = [p * p, p * p, 1e-2, p * p];
  for (let a = 0; a < 4; a++) proj[a] = mean[a];
  for (let j = 0; j < 4; j++) {
    let d = cov[j * 9] + r[j];
    for (let k = 0; k < j; k++) d -= chol[j * 4 + k] * chol[j * 4 + k];
    if (!(d > 0)) return false;
    const ljj = Math.sqrt(d);
    chol[j * 5] = ljj;
    for (let i = j + 1; i < 4; i++) {
      let x = cov[i * 8 + j];
      for (let k = 0; k < j; k++) x -= chol[i * 4 + k] * chol[j * 4 + k];
      chol[i * 4 + j] = x / ljj;
    }
  }
  return true;
}

/** Squared Mahalanobis distance of the measurement `xyah[at .. at + 4)` to a projection. */
export function gatingDistance(proj: Float64Array, chol: Float64Array, xyah: ArrayLike<number>, at: number): number {
  const z0 = (xyah[at] - proj[0]) / chol[0];
  const z1 = (xyah[at + 1] - proj[1] - chol[4] * z0) / chol[5];
  const z2 = (xyah[at + 2] - proj[2] - chol[8] * z0 - chol[9] * z1) / chol[10];
  const z3 = (xyah[at + 3] - proj[3] - chol[12] * z0 - chol[13] * z1 - chol[14] * z2) / chol[15];
  return z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3;
}

const gain = new Float64Array(32); // K, 8x4
const ks = new Float64Array(32); // K S, 8x4
const x = new Float64Array(4);

/**
 * Corrects the state with the measurement `xyah[at .. at + 4)`, using the projection of this same state:
 * `K = P Hᵀ S⁻¹`, `mean += K (z - H mean)`, `cov -= K S Kᵀ`.
 */
export function update(
  mean: Float64Array,
  cov: Float64Array,
  proj: Float64Array,
  chol: Float64Array,
  xyah: ArrayLike<number>,
  at: number,
): void {
  // Kᵀ = S⁻¹ (H P), one column of H P at a time.
  for (let c = 0; c < 8; c++) {
    for (let a = 0; a < 4; a++) {
      let y = cov[a * 8 + c];
      for (let k = 0; k < a; k++) y -= chol[a * 4 + k] * x[k];
      x[a] = y / chol[a * 5];
    }
    for (let a = 3; a >= 0; a--) {
      let y = x[a];
      for (let k = a + 1; k < 4; k++) y -= chol[k * 4 + a] * x[k];
      x[a] = y / chol[a * 5];
    }
    for (let a = 0; a < 4; a++) gain[c * 4 + a] = x[a];
  }
  // S = L Lᵀ, rebuilt from the factor's inputs: S = H P Hᵀ + R.
  const p = POSITION * mean[3];
  const r = [p * p, p * p, 1e-2, p * p];
  for (let i = 0; i < 8; i++) {
    for (let b = 0; b < 4; b++) {
      let acc = 0;
      for (let a = 0; a < 4; a++) acc += gain[i * 4 + a] * (cov[a * 8 + b] + (a === b ? r[a] : 0));
      ks[i * 4 + b] = acc;
    }
  }
  const i0 = xyah[at] - proj[0];
  const i1 = xyah[at + 1] - proj[1];
  const i2 = xyah[at + 2] - proj[2];
  const i3 = xyah[at + 3] - proj[3];
  for (let i = 0; i < 8; i++) {
    mean[i] += gain[i * 4] * i0 + gain[i * 4 + 1] * i1 + gain[i * 4 + 2] * i2 + gain[i * 4 + 3] * i3;
  }
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      cov[i * 8 + j] -= ks[i * 4] * gain[j * 4] + ks[i * 4 + 1] * gain[j * 4 + 1] + ks[i * 4 + 2] * gain[j * 4 + 2] + ks[i * 4 + 3] * gain[j * 4 + 3];
    }
  }
}
