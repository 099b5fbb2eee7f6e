import * as tf from '@tensorflow/tfjs-core';
import { check, type BackendName } from '@fovea/core';
import { getArchitecture } from '../registry.js';
import { summarize } from '../summarize.js';
import { evaluate } from '../training/evaluate.js';
import { train } from '../training/train.js';
import { DEFAULT_COMPARE_NAMES, buildScaled, scaledConfig } from './configs.js';
import { atLeast, loadSplits } from './data.js';
import { availableBackends, measureLatency, sizeOnDisk } from './measure.js';

/** Training budget per architecture: epochs over the training subset, seconds, or both (whichever ends first). */
export interface CompareBudget {
  epochs?: number;
  seconds?: number;
}

/** Options of {@link compareArchitectures}. */
export interface CompareArchitecturesOptions {
  /** Registry names; default {@link DEFAULT_COMPARE_NAMES} (one per family). */
  names?: readonly string[];
  /** Default `{ epochs: 1 }`. */
  budget?: CompareBudget;
  /**
   * `[height, width, channels]` the 28x28 Fashion-MNIST images are framed to (zero-padded, centred; 3
   * channels repeat the grey); default `[32, 32, 1]`. An architecture whose smallest input is larger
   * (AlexNet: 67) gets the framed images upsampled to it.
   */
  inputShape?: [number, number, number];
  /** Training images, the first of the training split; default 2000. */
  samples?: number;
  /** Test images, the first of the test split; default 1000. */
  testSamples?: number;
  /** Default 32. */
  batchSize?: number;
  /** Adam's learning rate; default 1e-3. */
  learningRate?: number;
  /** Backends to time inference on; default every one that starts here (tensorflow, wasm, cpu). */
  backends?: readonly BackendName[];
  /** Timed single-image runs per backend (median reported); default 10. */
  latencyRuns?: number;
  /** Cap on the seconds of timed runs per backend and architecture (one run at least); default 5. */
  latencySeconds?: number;
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
}

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/**
 * The CNN chapter's "choosing the right architecture", measured: trains each architecture, scaled
 * down for Fashion-MNIST-sized grey images (`scaledConfig`), from scratch on the same training subset
 * under the same budget (Adam, shuffled mini-batches, on the current backend), then reports test
 * accuracy, parameters, size on disk, FLOPs and single-image latency per backend. Architectures run one
 * after another, each disposed before the next.
 *
 * @returns One row per name, in `names` order; format with `comparisonTable` and `plotComparison`.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown name or bad option; `E_DATASET_NOT_FOUND`
 *   without Fashion-MNIST (see core's `loadFashionMnist`).
 */
export async function compareArchitectures(options: CompareArchitecturesOptions = {}): Promise<ArchitectureComparison> {
  const {
    names = DEFAULT_COMPARE_NAMES, budget = { epochs: 1 }, inputShape = [32, 32, 1], samples = 2000, testSamples = 1000,
    batchSize = 32, learningRate = 1e-3, latencyRuns = 10, latencySeconds = 5, seed = 0, dataDir, onProgress,
  } = options;
  check(Array.isArray(names) && names.length > 0, 'compareArchitectures: names is empty; give at least one registry name (e.g. lenet5).');
  names.forEach((n) => scaledConfig(n));
  check(budget.epochs !== undefined || budget.seconds !== undefined, 'compareArchitectures: budget needs epochs, seconds or both.');
  check(budget.epochs === undefined || positiveInt(budget.epochs), `compareArchitectures: budget.epochs is ${budget.epochs}; give a positive integer.`);
  check(budget.seconds === undefined || (Number.isFinite(budget.seconds) && budget.seconds > 0),
    `compareArchitectures: budget.seconds is ${budget.seconds}; give a positive number.`);
  check(Array.isArray(inputShape) && inputShape.length === 3 && inputShape.every(positiveInt),
    `compareArchitectures: inputShape must be [height, width, channels]; got ${JSON.stringify(inputShape)}.`);
  for (const [k, v] of Object.entries({ samples, testSamples, batchSize, latencyRuns })) {
    check(positiveInt(v), `compareArchitectures: ${k} is ${v}; give a positive integer.`);
  }
  check(Number.isFinite(learningRate) && learningRate > 0, `compareArchitectures: learningRate is ${learningRate}; give a positive number.`);
  check(Number.isFinite(latencySeconds) && latencySeconds > 0, `compareArchitectures: latencySeconds is ${latencySeconds}; give a positive number.`);

  const available = await availableBackends();
  const backends = options.backends === undefined ? available : available.filter((b) => options.backends!.includes(b));
  const missing = (options.backends ?? []).filter((b) => !available.includes(b));
  check(missing.length === 0, `compareArchitectures: backend ${missing.join(', ')} does not start here; use ${available.join(', ')}.`);
  const trainBackend = tf.getBackend();
  const { train: trainSet, test: testSet } = await loadSplits(inputShape, samples, testSamples, dataDir);
  const rows: ComparisonRow[] = [];
  try {
    for (const [index, name] of names.entries()) {
      const report = (event: Omit<CompareProgress, 'name' | 'index' | 'total'>) => onProgress?.({ name, index, total: names.length, ...event });
      rows.push(await compareOne(name, report));
    }
  } finally {
    tf.dispose([trainSet.x, trainSet.y, testSet.x, testSet.y]);
  }
  return { rows, backends, trainBackend, budget, inputShape: [...inputShape], samples: trainSet.x.shape[0], testSamples: testSet.x.shape[0] };

  async function compareOne(name: string, report: (e: Omit<CompareProgress, 'name' | 'index' | 'total'>) => void): Promise<ComparisonRow> {
    const entry = getArchitecture(name);
    const side = Math.max(inputShape[0], inputShape[1], entry.minInputSize);
    const shape: [number, number, number] = [Math.max(inputShape[0], side), Math.max(inputShape[1], side), inputShape[2]];
    const x = atLeast(trainSet.x, side);
    const xTest = atLeast(testSet.x, side);
    const model = buildScaled(name, shape, 10);
    try {
      const n = x.shape[0];
      let samplesSeen = 0;
      report({ stage: 'train', samplesSeen });
      const signal = budget.seconds === undefined ? undefined : AbortSignal.timeout(budget.seconds * 1000);
      const start = performance.now();
      await train(model, { x, y: trainSet.y }, {
        epochs: budget.epochs ?? Number.MAX_SAFE_INTEGER, batchSize, optimizer: 'adam', learningRate, seed, signal,
        onProgress: (e) => {
          samplesSeen = e.epoch * n + Math.min(e.batch * batchSize, n);
          if (e.type === 'batch') report({ stage: 'train', samplesSeen, loss: e.loss, acc: e.acc });
        },
      });
      const trainSeconds = (performance.now() - start) / 1000;
      report({ stage: 'evaluate', samplesSeen });
      const { acc } = evaluate(model, { x: xTest, y: testSet.y }, { batchSize: 100 });
      report({ stage: 'measure', samplesSeen });
      const latencyMs: Partial<Record<BackendName, number>> = {};
      for (const b of backends) latencyMs[b] = await measureLatency(model, b, { runs: latencyRuns, maxSeconds: latencySeconds });
      const row: ComparisonRow = {
        name, family: entry.family, note: scaledConfig(name).note, inputShape: shape,
        params: model.countParams(), sizeBytes: await sizeOnDisk(model), flops: summarize(model).flops,
        accuracy: acc, testSamples: xTest.shape[0], samplesSeen, trainSeconds, latencyMs,
      };
      report({ stage: 'done', samplesSeen, row });
      return row;
    } finally {
      model.dispose();
      if (x !== trainSet.x) x.dispose();
      if (xTest !== testSet.x) xTest.dispose();
    }
  }
}
