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
 * Dense rank of each score in descending order: the highest score gets 0, equal scores share a rank
 * (`-0` and `0` are equal, as in numpy's comparisons). Sorting by this rank with {@link sortByKey}
 * is `np.argsort(-scores, kind='mergesort')`.
 *
 * @returns `rank` per element and `levels`, the number of distinct scores.
 */
export function descendingRanks(score: Float64Array): { rank: Int32Array; levels: number } {
  const n = score.length;
  const sorted = score.slice().sort();
  const levels = new Float64Array(n);
  let u = 0;
  for (let i = n - 1; i >= 0; i--) if (u === 0 || sorted[i] !== levels[u - 1]) levels[u++] = sorted[i];
  const rank = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = score[i];
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (levels[mid] > s) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, levels: u };
}

/** `0, 1, ..., n - 1`. */
export function iota(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
