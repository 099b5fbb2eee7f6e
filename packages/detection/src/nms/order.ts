/**
 * Indices of the boxes with `scores[i] > scoreThreshold`, by decreasing score, ties by increasing
 * index: the order of torchvision's stable descending `scores.sort`.
 *
 * Sorting a Float64Array of packed keys (order-preserving bits of the float32 score, then the index)
 * is several times faster than a comparator sort and stable by construction.
 */
export function scoreOrder(scores: Float32Array, scoreThreshold: number): Int32Array {
  const n = scores.length;
  if (n > INDEX_SPAN) return comparatorOrder(scores, scoreThreshold);
  const bits = new Uint32Array(1);
  const f32 = new Float32Array(bits.buffer);
  const keys = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (!(s > scoreThreshold)) continue;
    f32[0] = s === 0 ? 0 : s; // -0 and +0 tie, as they do in torch's sort
    const u = bits[0];
    // Monotone map of float32 to uint32 (negatives flipped), then reversed so larger scores come first.
    const ascending = u & 0x80000000 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
    keys[m++] = (0xffffffff - ascending) * INDEX_SPAN + i; // < 2^53, exact
  }
  const sorted = keys.subarray(0, m).sort();
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = sorted[k] % INDEX_SPAN;
  return order;
}

const INDEX_SPAN = 2 ** 21;

function comparatorOrder(scores: Float32Array, scoreThreshold: number): Int32Array {
  const kept: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i] > scoreThreshold) kept.push(i);
  // Infinity - Infinity is NaN, so equal infinities also fall through to the index.
  kept.sort((a, b) => scores[b] - scores[a] || a - b);
  return Int32Array.from(kept);
}
