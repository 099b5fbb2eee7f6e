/**
 * Where each output pixel of a separable geometric transform reads from: output column `j`
 * reads input column `srcX[j]` and output row `i` input row `srcY[i]`; -1 means "outside the
 * input" (background). Flips, shifts, crops and nearest resizes are all of this form.
 */
export interface PixelMap {
  srcX: Int32Array;
  srcY: Int32Array;
}

/** `[0, 1, ..., n-1]`. */
export function identityMap(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, j) => j);
}

/** Source index of each output index when the axis is shifted by `d` pixels (-1: uncovered). */
export function shiftMap(n: number, d: number): Int32Array {
  return Int32Array.from({ length: n }, (_, j) => (j - d >= 0 && j - d < n ? j - d : -1));
}

/**
 * Source index of each of `out` output indices when `[start, start + size)` of the axis is
 * resized to `out` by nearest neighbour with half-pixel centres, -1 outside an input of length
 * `n`. The index is `floor((size / out) * (j + 0.5))`, evaluated in that order as the tfjs cpu
 * `resizeNearestNeighbor` kernel does with `halfPixelCenters`, so masks land on the same pixels
 * as an image resized with `method: 'nearest'`.
 */
export function cropMap(n: number, start: number, size: number, out: number): Int32Array {
  const ratio = size / out;
  return Int32Array.from({ length: out }, (_, j) => {
    const s = start + Math.min(size - 1, Math.floor(ratio * (j + 0.5)));
    return s >= 0 && s < n ? s : -1;
  });
}

/** `[n-1, ..., 1, 0]`: the source index of each output index of a mirror of length n. */
export function mirrorMap(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, j) => n - 1 - j);
}
