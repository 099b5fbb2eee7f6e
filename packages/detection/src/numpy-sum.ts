// numpy sums a contiguous float64 array in buffer-size chunks (8192), each chunk pairwise with
// 8 accumulators below 128 elements. Summing in the same order makes COCO's means and VOC's AP
// bit-identical to numpy's.
const NPY_BUFSIZE = 8192;
const PW_BLOCKSIZE = 128;

function pairwise(a: Float64Array, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    const r = a.slice(start, start + 8);
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += a[start + i + j];
    let res = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** `np.sum` of the first `n` values of a float64 array, to the last bit. */
export function numpySum(a: Float64Array, n = a.length): number {
  let sum = 0;
  for (let s = 0; s < n; s += NPY_BUFSIZE) sum += pairwise(a, s, Math.min(NPY_BUFSIZE, n - s));
  return sum;
}
