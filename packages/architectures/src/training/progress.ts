/** Measures training speed in this session and estimates the time left. */
export class ProgressClock {
  private readonly start = performance.now();
  private trainingMs = 0;
  private samples = 0;
  private lastValidationMs: number | undefined;
  private batchStart = 0;

  beginBatch(): void {
    this.batchStart = performance.now();
  }

  endBatch(samples: number): void {
    this.trainingMs += performance.now() - this.batchStart;
    this.samples += samples;
  }

  recordValidation(ms: number): void {
    this.lastValidationMs = ms;
  }

  /** Training samples per second so far (0 before the first batch). */
  get samplesPerSecond(): number {
    return this.trainingMs > 0 ? (this.samples / this.trainingMs) * 1000 : 0;
  }

  /** Seconds since the clock started. */
  get elapsedSeconds(): number {
    return (performance.now() - this.start) / 1000;
  }

  /**
   * Seconds to train `samplesLeft` more samples and run `validationsLeft` more validation passes, or undefined
   * before there is a measured speed.
   */
  eta(samplesLeft: number | undefined, validationsLeft: number): number | undefined {
    const speed = this.samplesPerSecond;
    if (speed === 0 || samplesLeft === undefined) return undefined;
    return samplesLeft / speed + (validationsLeft * (this.lastValidationMs ?? 0)) / 1000;
  }
}
