// Stable orderings in O(n + range) with typed arrays: the building blocks that reproduce numpy's
// stable (mergesort) argsorts without a comparator sort per group.

/**
 * Stable counting sort: returns `seq` reordered by `key[seq[i]]` ascending, ties keeping their
 * order in `seq`. Keys are integers in `[0, range)`.
 */
export function sortByKey(seq: Int32Array, key: Int32Array, range: number): Int32Array {
  const start = new Int32Array(range + 1);
  for (let i = 0; i < seq.length; i++) start[key[seq[i]] + 1]++;
  for (let k = 0; k < range; k++) start[k + 1] += start[k];
  const out = new Int32Array(seq.length);
  for (let i = 0; i < seq.length; i++) out[start[key[seq[i]]]++] = seq[i];
  return out;
}

/**
 * `np.argsort(-scores, kind='mergesort')` and dense ranks: the order puts higher scores first, equal
 * scores (`-0` and `0` included) in input order; `rank` is 0 for the highest score, equal scores share
 * a rank, and `levels` is the number of distinct scores. Scores must not be NaN.
 *
 * An LSD radix sort over the 64 bits of each double, 8 bits a pass, each pass stable; the keys travel
 * with the indices so every pass reads sequentially and writes to 256 streams (cache-friendly).
 */
export function descendingRanks(score: Float64Array): { order: Int32Array; rank: Int32Array; levels: number } {
  const n = score.length;
  const f = new Float64Array(n);
  for (let i = 0; i < n; i++) f[i] = score[i] + 0; // -0 + 0 is +0
  // Bytes of each double, least significant first (little-endian), as an ascending key for descending
  // scores: negative doubles keep their bits, others flip all of them.
  let key = new Uint8Array(f.buffer);
  for (let i = 0; i < 8 * n; i += 8) {
    if ((key[i + 7] & 0x80) === 0) {
      for (let b = 0; b < 7; b++) key[i + b] ^= 0xff;
      key[i + 7] ^= 0x7f;
    }
  }
  let keyNext = new Uint8Array(8 * n);
  let order: Int32Array = iota(n);
  let next: Int32Array = new Int32Array(n);
  const count = new Int32Array(257);
  for (let b = 0; b < 8; b++) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[key[8 * i + b] + 1]++;
    if (n === 0 || count[key[b] + 1] === n) continue; // one digit value: nothing moves
    for (let d = 0; d < 256; d++) count[d + 1] += count[d];
    for (let i = 0; i < n; i++) {
      const to = count[key[8 * i + b]]++;
      next[to] = order[i];
      // Only the bytes later passes read need to move.
      for (let c = b + 1; c < 8; c++) keyNext[8 * to + c] = key[8 * i + c];
    }
    [order, next] = [next, order];
    [key, keyNext] = [keyNext, key];
  }
  const rank = new Int32Array(n);
  let levels = 0;
  for (let i = 0; i < n; i++) {
    const j = order[i];
    if (i > 0 && score[j] !== score[order[i - 1]]) levels++;
    rank[j] = levels;
  }
  return { order, rank, levels: n === 0 ? 0 : levels + 1 };
}

/** `0, 1, ..., n - 1`. */
export function iota(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
