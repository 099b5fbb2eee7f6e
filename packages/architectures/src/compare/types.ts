import type { BackendName } from '@fovea/core';
import type { LrSchedule } from '../training/schedule.js';

// The option and result types of compareArchitectures (compare.ts), apart so that file stays about the procedure.

/** Training budget per architecture: epochs over the training subset, seconds, or both (whichever ends first). */
export interface CompareBudget {
  epochs?: number;
  seconds?: number;
}

/** Options of {@link compareArchitectures}. */
export interface CompareArchitecturesOptions {
  /** Registry names; default {@link DEFAULT_COMPARE_NAMES} (one per family). */
  names?: readonly string[];
  /** Default {@link DEFAULT_COMPARE_BUDGET}. */
  budget?: CompareBudget;
  /**
   * `[height, width, channels]` the 28x28 Fashion-MNIST images are framed to (zero-padded, centred; 3
   * channels repeat the grey); default `[32, 32, 1]`. An architecture whose smallest input is larger
   * (AlexNet: 67) gets the framed images upsampled to it.
   */
  inputShape?: [number, number, number];
  /** Training images, the first of the training split; default 2500. */
  samples?: number;
  /** Test images, the first of the test split; default 1000. */
  testSamples?: number;
  /** Default 32. */
  batchSize?: number;
  /**
   * Adam's (peak) learning rate; default 3e-3, the best of 1e-3, 2e-3, 3e-3 and 5e-3 tried over the default set
   * under the default budget: the BatchNorm networks gain up to 3e-3, AlexNet (no BN) collapses at 5e-3.
   */
  learningRate?: number;
  /**
   * Per-epoch learning-rate schedule, as `train`'s; default `'cosine'`, annealed over `budget.epochs` (a
   * seconds-only budget has no end to anneal to, so its rate stays at `learningRate`).
   */
  lrSchedule?: LrSchedule;
  /** Backends to time inference on; default every one that starts here (tensorflow, wasm, cpu). */
  backends?: readonly BackendName[];
  /** Timed single-image runs per backend (median reported); default 10. */
  latencyRuns?: number;
  /** Cap on the seconds of timed runs per backend and architecture (one run at least); default 5. */
  latencySeconds?: number;
  /**
   * Training images (the first of the subset) whose batch statistics replace every BatchNorm layer's moving
   * averages after training, {@link preciseBatchNorm}; 0 keeps the moving averages. Default 512.
   */
  preciseBnSamples?: number;
  /** Shuffle seed; default 0. */
  seed?: number;
  /** Fashion-MNIST directory; default core's search path. */
  dataDir?: string;
  onProgress?: (event: CompareProgress) => void;
}

/** One progress report: an architecture starting a stage, or finished (`stage: 'done'`, with its row). */
export interface CompareProgress {
  name: string;
  /** 0-based position in `names`, and their number. */
  index: number;
  total: number;
  stage: 'train' | 'evaluate' | 'measure' | 'done';
  /** Training: samples seen so far and the running loss and accuracy. */
  samplesSeen?: number;
  loss?: number;
  acc?: number;
  row?: ComparisonRow;
}

/** One architecture's results. */
export interface ComparisonRow {
  name: string;
  family: string;
  /** What the scaled-down configuration changes (see `scaledConfig`). */
  note: string;
  inputShape: [number, number, number];
  /** Weights, BN moving statistics included. */
  params: number;
  /** Bytes of `model.json` + `weights.bin` as core's `saveModel` writes them. */
  sizeBytes: number;
  /** FLOPs per image (2 x MACs, `summarize`). */
  flops: number;
  /** Test accuracy, 0-1, on `testSamples` images. */
  accuracy: number;
  testSamples: number;
  /** Training images seen (over all epochs) and the seconds it took. */
  samplesSeen: number;
  trainSeconds: number;
  /** Median milliseconds per image at batch 1, per measured backend. */
  latencyMs: Partial<Record<BackendName, number>>;
}

/** What {@link compareArchitectures} returns. */
export interface ArchitectureComparison {
  rows: ComparisonRow[];
  /** Backends latency was measured on, fastest first. */
  backends: BackendName[];
  /** The backend the models trained on (the current one at the call). */
  trainBackend: string;
  budget: CompareBudget;
  inputShape: [number, number, number];
  samples: number;
  testSamples: number;
  /** The training recipe: batch size, Adam's peak learning rate, the schedule's name (`'custom'` for a function). */
  batchSize: number;
  learningRate: number;
  lrSchedule: string;
  /** Images BatchNorm statistics were re-estimated on (0: not re-estimated). */
  preciseBnSamples: number;
}
