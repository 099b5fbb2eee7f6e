/**
 * The appearance samples of one track for deep_sort's nearest-neighbour cosine metric: the last `budget`
 * features matched to the track, stored unit-length so a distance is one dot product per sample.
 *
 * deep_sort keeps raw samples and normalises them at every query; normalising once on insert gives the
 * same values. The nearest-neighbour distance `min over samples (1 - s·d)` is computed as `1 - max s·d`,
 * which is the same number since `1 - x` is monotone.
 */
export class AppearanceGallery {
  /** Unit-length samples, `capacity x dim` row-major; a ring buffer once `budget` is reached. */
  private samples: Float64Array;
  private capacity: number;
  private next = 0;
  /** Samples stored, at most `budget`. */
  size = 0;

  constructor(
    readonly dim: number,
    /** Samples kept per track (oldest dropped first); `Infinity` keeps all. */
    readonly budget: number,
  ) {
    this.capacity = Number.isFinite(budget) ? budget : 16;
    this.samples = new Float64Array(this.capacity * dim);
  }

  /** Appends one unit-length feature (`features[offset .. offset + dim)`), dropping the oldest past the budget. */
  add(features: Float64Array, offset: number): void {
    if (this.size === this.capacity && !Number.isFinite(this.budget)) {
      const grown = new Float64Array(this.samples.length * 2);
      grown.set(this.samples);
      this.samples = grown;
      this.capacity *= 2;
    }
    this.samples.set(features.subarray(offset, offset + this.dim), this.next * this.dim);
    this.next = this.next + 1 === this.capacity && Number.isFinite(this.budget) ? 0 : this.next + 1;
    if (this.size < this.capacity) this.size++;
  }

  /** Smallest cosine distance `1 - s·d` from the unit-length query `query[offset ..]` to any sample. */
  minCosineDistance(query: Float64Array, offset: number): number {
    const { samples, dim, size } = this;
    const tail = dim & ~3;
    let best = -Infinity;
    for (let s = 0, base = 0; s < size; s++, base += dim) {
      // Four accumulators let the multiplies overlap; about twice as fast as one running sum.
      let a = 0, b = 0, c = 0, d = 0;
      let k = 0;
      for (; k < tail; k += 4) {
        a += samples[base + k] * query[offset + k];
        b += samples[base + k + 1] * query[offset + k + 1];
        c += samples[base + k + 2] * query[offset + k + 2];
        d += samples[base + k + 3] * query[offset + k + 3];
      }
      for (; k < dim; k++) a += samples[base + k] * query[offset + k];
      const dot = a + b + (c + d);
      if (dot > best) best = dot;
    }
    return 1 - best;
  }
}
