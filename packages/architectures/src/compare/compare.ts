import * as tf from '@tensorflow/tfjs-core';
import { check, type BackendName } from '@fovea/core';
import { getArchitecture } from '../registry.js';
import { summarize } from '../summarize.js';
import { evaluate } from '../training/evaluate.js';
import { checkSchedule } from '../training/schedule.js';
import { train } from '../training/train.js';
import { DEFAULT_COMPARE_NAMES, buildScaled, scaledConfig } from './configs.js';
import { atLeast, loadSplits } from './data.js';
import { availableBackends, measureLatency, sizeOnDisk } from './measure.js';
import { preciseBatchNorm } from './precise-bn.js';
import type { ArchitectureComparison, CompareArchitecturesOptions, CompareBudget, CompareProgress, ComparisonRow } from './types.js';

export type { ArchitectureComparison, CompareArchitecturesOptions, CompareBudget, CompareProgress, ComparisonRow } from './types.js';

/**
 * The default per-architecture budget: two epochs over the training subset, or 75 s of training, whichever
 * ends first. The epochs make runs comparable (same images, same steps); the seconds bound the whole default
 * run to about 15-20 minutes on a 2-core machine, cutting short only the slowest learners.
 */
export const DEFAULT_COMPARE_BUDGET: Readonly<CompareBudget> = Object.freeze({ epochs: 2, seconds: 75 });

const positiveInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;

/**
 * The CNN chapter's "choosing the right architecture", measured: trains each architecture, scaled
 * down for Fashion-MNIST-sized grey images (`scaledConfig`), from scratch on the same training subset
 * under the same budget and recipe (Adam at 3e-3 cosine-annealed per epoch, shuffled mini-batches of 32,
 * on the current backend), re-estimates its BatchNorm statistics on training images ({@link
 * preciseBatchNorm}), then reports test accuracy, parameters, size on disk, FLOPs and single-image
 * latency per backend. Architectures run one after another, each disposed before the next.
 *
 * With the defaults (2,500 training images, {@link DEFAULT_COMPARE_BUDGET}) the twelve default
 * architectures take about 15 minutes on two cores with the wasm backend.
 *
 * @returns One row per name, in `names` order; format with `comparisonTable` and `plotComparison`.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown name or bad option; `E_DATASET_NOT_FOUND`
 *   without Fashion-MNIST (see core's `loadFashionMnist`).
 */
export async function compareArchitectures(options: CompareArchitecturesOptions = {}): Promise<ArchitectureComparison> {
  const {
    names = DEFAULT_COMPARE_NAMES, budget = DEFAULT_COMPARE_BUDGET, inputShape = [32, 32, 1], samples = 2500, testSamples = 1000,
    batchSize = 32, learningRate = 3e-3, lrSchedule = 'cosine', latencyRuns = 10, latencySeconds = 5, preciseBnSamples = 512, seed = 0,
    dataDir, onProgress,
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
  check(Number.isInteger(preciseBnSamples) && preciseBnSamples >= 0, `compareArchitectures: preciseBnSamples is ${preciseBnSamples}; give an integer >= 0.`);
  checkSchedule(lrSchedule);
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
  const schedule = typeof lrSchedule === 'function' ? 'custom' : typeof lrSchedule === 'string' ? lrSchedule : lrSchedule.type;
  return {
    rows, backends, trainBackend, budget: { ...budget }, inputShape: [...inputShape], samples: trainSet.x.shape[0], testSamples: testSet.x.shape[0],
    batchSize, learningRate, lrSchedule: schedule, preciseBnSamples: Math.min(preciseBnSamples, trainSet.x.shape[0]),
  };

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
        epochs: budget.epochs ?? Number.MAX_SAFE_INTEGER, batchSize, optimizer: 'adam', learningRate, lrSchedule, seed, signal,
        onProgress: (e) => {
          samplesSeen = e.epoch * n + Math.min(e.batch * batchSize, n);
          if (e.type === 'batch') report({ stage: 'train', samplesSeen, loss: e.loss, acc: e.acc });
        },
      });
      const trainSeconds = (performance.now() - start) / 1000;
      report({ stage: 'evaluate', samplesSeen });
      if (preciseBnSamples > 0) {
        const calibration = tf.slice(x, 0, Math.min(preciseBnSamples, n));
        try {
          preciseBatchNorm(model, calibration, { batchSize });
        } finally {
          calibration.dispose();
        }
      }
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
