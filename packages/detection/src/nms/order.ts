/**
 * Indices of the boxes with `scores[i] > scoreThreshold` (all when it is -Infinity), by decreasing score, ties by increasing
 * index: the order of torchvision's stable descending `scores.sort`.
 *
 * Each float32 score maps to a uint32 key whose unsigned order is the score's descending order
 * (-0 and +0 map alike, as they tie in torch); an LSD radix sort of the keys is stable, so equal
 * scores keep increasing index order. O(N), several times faster than a comparison sort here.
 */
export function scoreOrder(scores: Float32Array, scoreThreshold: number): Int32Array {
  const n = scores.length;
  const bits = new Uint32Array(1);
  const f32 = new Float32Array(bits.buffer);
  let keys = new Uint32Array(n);
  let order = new Int32Array(n);
  let m = 0;
  const all = scoreThreshold === -Infinity; // the default keeps -Infinity scores too
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (!all && !(s > scoreThreshold)) continue;
    f32[0] = s === 0 ? 0 : s;
    const u = bits[0];
    // Ascending map of float32 to uint32 (negatives flipped, positives above them), then inverted.
    const ascending = u & 0x80000000 ? ~u >>> 0 : (u | 0x80000000) >>> 0;
    keys[m] = ~ascending >>> 0;
    order[m++] = i;
  }
  if (m < n) {
    keys = keys.slice(0, m);
    order = order.slice(0, m);
  }
  if (m < 64) return insertionSort(keys, order);
  let keys2 = new Uint32Array(m);
  let order2 = new Int32Array(m);
  const counts = new Int32Array(RADIX);
  for (let shift = 0; shift < 32; shift += BITS) {
    counts.fill(0);
    for (let k = 0; k < m; k++) counts[(keys[k] >>> shift) & MASK]++;
    if (counts[(keys[0] >>> shift) & MASK] === m) continue; // every key has this digit: nothing to do
    for (let d = 0, sum = 0; d < RADIX; d++) {
      const c = counts[d];
      counts[d] = sum;
      sum += c;
    }
    for (let k = 0; k < m; k++) {
      const slot = counts[(keys[k] >>> shift) & MASK]++;
      keys2[slot] = keys[k];
      order2[slot] = order[k];
    }
    [keys, keys2] = [keys2, keys];
    [order, order2] = [order2, order];
  }
  return order;
}

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;

/** Stable insertion sort of `order` by ascending `keys`, for short inputs. */
function insertionSort(keys: Uint32Array, order: Int32Array): Int32Array {
  for (let k = 1; k < keys.length; k++) {
    const key = keys[k];
    const idx = order[k];
    let p = k - 1;
    while (p >= 0 && keys[p] > key) {
      keys[p + 1] = keys[p];
      order[p + 1] = order[p];
      p--;
    }
    keys[p + 1] = key;
    order[p + 1] = idx;
  }
  return order;
}
