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
    let best = -Infinity;
    let s = 0;
    // Four samples per pass share each query load and keep four independent sums in flight: about twice
    // as fast as one sample at a time.
    for (; s + 4 <= size; s += 4) {
      const b0 = s * dim, b1 = b0 + dim, b2 = b1 + dim, b3 = b2 + dim;
      let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
      for (let k = 0; k < dim; k++) {
        const x = query[offset + k];
        d0 += samples[b0 + k] * x;
        d1 += samples[b1 + k] * x;
        d2 += samples[b2 + k] * x;
        d3 += samples[b3 + k] * x;
      }
      if (d0 > best) best = d0;
      if (d1 > best) best = d1;
      if (d2 > best) best = d2;
      if (d3 > best) best = d3;
    }
    for (; s < size; s++) {
      let dot = 0;
      for (let k = 0, base = s * dim; k < dim; k++) dot += samples[base + k] * query[offset + k];
      if (dot > best) best = dot;
    }
    return 1 - best;
  }
}
