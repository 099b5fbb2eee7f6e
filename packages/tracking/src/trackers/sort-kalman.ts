/**
 * SORT's box Kalman filter (Bewley et al. 2016, abewley/sort `KalmanBoxTracker` on filterpy): state
 * `[cx, cy, s, r, vcx, vcy, vs]` with `s` the box area and `r` its aspect ratio (w / h, constant), measurement
 * `[cx, cy, s, r]`; noise as sort.py sets it (R = diag(1, 1, 10, 10), P0 = diag(10, 10, 10, 10, 1e4, 1e4,
 * 1e4), Q = diag(1, 1, 1, 1, 0.01, 0.01, 1e-4)); filterpy's update with the Joseph-form covariance.
 */
export class SortKalman {
  /** State, 7. */
  readonly x = new Float64Array(7);
  /** Covariance, 7x7 row-major. */
  readonly p = new Float64Array(49);

  constructor(z: ArrayLike<number>) {
    for (let k = 0; k < 4; k++) this.x[k] = z[k];
    const p0 = [10, 10, 10, 10, 1e4, 1e4, 1e4];
    for (let k = 0; k < 7; k++) this.p[k * 8] = p0[k];
  }

  /** `x = F x`, `P = F P Fᵀ + Q`, where F adds the velocities to cx, cy and s. */
  predict(): void {
    const { x, p } = this;
    for (let k = 0; k < 3; k++) x[k] += x[k + 4];
    for (let r = 0; r < 3; r++) for (let c = 0; c < 7; c++) p[r * 7 + c] += p[(r + 4) * 7 + c];
    for (let r = 0; r < 7; r++) for (let c = 0; c < 3; c++) p[r * 7 + c] += p[r * 7 + c + 4];
    const q = [1, 1, 1, 1, 0.01, 0.01, 1e-4];
    for (let k = 0; k < 7; k++) p[k * 8] += q[k];
  }

  /** Corrects with a measurement `[cx, cy, s, r]`. */
  update(z: ArrayLike<number>): void {
    const { x, p } = this;
    const rDiag = [1, 1, 10, 10];
    // S = H P Hᵀ + R is the top-left 4x4 of P plus R; K = P Hᵀ S⁻¹ (7x4).
    const s = new Float64Array(16);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) s[a * 4 + b] = p[a * 7 + b] + (a === b ? rDiag[a] : 0);
    const si = invert4(s);
    const k = new Float64Array(28);
    for (let i = 0; i < 7; i++) {
      for (let b = 0; b < 4; b++) {
        let acc = 0;
        for (let a = 0; a < 4; a++) acc += p[i * 7 + a] * si[a * 4 + b];
        k[i * 4 + b] = acc;
      }
    }
    const y = [z[0] - x[0], z[1] - x[1], z[2] - x[2], z[3] - x[3]];
    for (let i = 0; i < 7; i++) x[i] += k[i * 4] * y[0] + k[i * 4 + 1] * y[1] + k[i * 4 + 2] * y[2] + k[i * 4 + 3] * y[3];
    // Joseph form: P = (I - K H) P (I - K H)ᵀ + K R Kᵀ.
    const ikh = new Float64Array(49);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) ikh[i * 7 + j] = (i === j ? 1 : 0) - (j < 4 ? k[i * 4 + j] : 0);
    const t = new Float64Array(49);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
      let acc = 0;
      for (let m = 0; m < 7; m++) acc += ikh[i * 7 + m] * p[m * 7 + j];
      t[i * 7 + j] = acc;
    }
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
      let acc = 0;
      for (let m = 0; m < 7; m++) acc += t[i * 7 + m] * ikh[j * 7 + m];
      let krk = 0;
      for (let a = 0; a < 4; a++) krk += k[i * 4 + a] * rDiag[a] * k[j * 4 + a];
      p[i * 7 + j] = acc + krk;
    }
  }
}

/** Inverse of a 4x4 row-major matrix by Gauss-Jordan elimination with partial pivoting. */
function invert4(m: Float64Array): Float64Array {
  const a = Float64Array.from(m);
  const inv = new Float64Array(16);
  for (let i = 0; i < 4; i++) inv[i * 5] = 1;
  for (let c = 0; c < 4; c++) {
    let piv = c;
    for (let r = c + 1; r < 4; r++) if (Math.abs(a[r * 4 + c]) > Math.abs(a[piv * 4 + c])) piv = r;
    if (piv !== c) {
      for (let k = 0; k < 4; k++) {
        [a[c * 4 + k], a[piv * 4 + k]] = [a[piv * 4 + k], a[c * 4 + k]];
        [inv[c * 4 + k], inv[piv * 4 + k]] = [inv[piv * 4 + k], inv[c * 4 + k]];
      }
    }
    const d = a[c * 5];
    for (let k = 0; k < 4; k++) {
      a[c * 4 + k] /= d;
      inv[c * 4 + k] /= d;
    }
    for (let r = 0; r < 4; r++) {
      if (r === c) continue;
      const f = a[r * 4 + c];
      for (let k = 0; k < 4; k++) {
        a[r * 4 + k] -= f * a[c * 4 + k];
        inv[r * 4 + k] -= f * inv[c * 4 + k];
      }
    }
  }
  return inv;
}
