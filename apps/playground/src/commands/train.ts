import path from 'node:path';
import { parseArgs } from 'node:util';
import { FoveaError, fashionMnistTensors, initBackend, loadFashionMnist, saveModel, tf } from '@fovea/core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Normalization, createModel, evaluate, train as trainModel, type TrainProgress } from '@fovea/architectures';

const USAGE = `usage: fovea train <architecture> --dataset fashion-mnist [options]

Trains an architecture from the registry (e.g. lenet5) on Fashion-MNIST, validating on the test split after
every epoch, checkpointing every epoch; Ctrl-C stops after the current batch with a checkpoint (--resume
continues it). Prints the test accuracy and where the checkpoint, history.csv and history.png are.

options:
  --dataset fashion-mnist  the only dataset so far (read from $FOVEA_DATA or /usr/share/datasets/fashion-mnist)
  --epochs N               epochs to train to (default 10)
  --batch-size N           default 64
  --lr X                   base learning rate (default 2e-3)
  --optimizer NAME         sgd, momentum, adam, rmsprop, adagrad, adadelta (default adam)
  --schedule NAME          constant, step, cosine, exponential (default cosine)
  --normalize KIND         standard: a Normalization layer first in the model standardises pixels with the
                           training set's mean and variance; unit: pixels in [0, 1] only (default standard)
  --out DIR                run directory (default runs/<architecture>)
  --resume                 continue from the checkpoint in --out
  --limit N                use only the first N training and N test images (quick checks)
  --seed N                 shuffle seed (default 0)
  --threads N              wasm threads (default 1)`;

interface TrainArgs {
  arch: string;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: string;
  schedule: string;
  normalize: 'standard' | 'unit';
  out: string;
  resume: boolean;
  limit?: number;
  seed: number;
  threads: number;
}

/** `fovea train <architecture> --dataset fashion-mnist [...]`: trains, checkpoints, reports test accuracy. */
export async function train(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const a = parse(args);
  await initBackend({ threads: a.threads });
  const trainSet = await loadFashionMnist({ split: 'train', limit: a.limit });
  const testSet = await loadFashionMnist({ split: 'test', limit: a.limit });
  const trainT = fashionMnistTensors(trainSet);
  const testT = fashionMnistTensors(testSet);
  const model = buildModel(a.arch, a.normalize === 'standard' ? pixelStats(trainSet.images) : undefined);
  const controller = new AbortController();
  let sigints = 0;
  const onSigint = () => {
    sigints++;
    if (sigints > 1) process.exit(130);
    process.stderr.write('\nfovea train: interrupting after this batch (Ctrl-C again to quit without a checkpoint)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const trainable = model.trainableWeights.reduce((n, w) => n + w.shape.reduce<number>((p, d) => p * (d ?? 1), 1), 0);
    process.stderr.write(`fovea train: ${a.arch} (${trainable.toLocaleString('en-US')} trainable params) on ${trainSet.count} Fashion-MNIST images, ` +
      `validating on ${testSet.count} test images, ${a.epochs} epochs, batch ${a.batchSize}, ${a.optimizer} lr ${a.lr} ${a.schedule}, ` +
      `${a.normalize} inputs\n`);
    const result = await trainModel(model, { x: trainT.xs, y: trainT.ys }, {
      epochs: a.epochs,
      batchSize: a.batchSize,
      optimizer: a.optimizer as 'adam',
      learningRate: a.lr,
      lrSchedule: a.schedule as 'constant',
      validation: { x: testT.xs, y: testT.ys },
      checkpointDir: a.out,
      resume: a.resume,
      seed: a.seed,
      signal: controller.signal,
      onProgress: progressPrinter(),
    });
    const files = result.files!;
    if (result.interrupted) {
      console.log(`interrupted; checkpoint in ${files.checkpoint}\nresume with: fovea train ${args.filter((x) => x !== '--resume').join(' ')} --resume`);
      return 130;
    }
    const test = evaluate(model, { x: testT.xs, y: testT.ys }, { batchSize: 500 });
    const modelDir = path.join(a.out, 'model');
    await saveModel(model, modelDir);
    const last = result.history.at(-1);
    const perEpoch = result.history.map((r) => r.seconds);
    const meanSeconds = perEpoch.reduce((s, x) => s + x, 0) / Math.max(1, perEpoch.length);
    console.log(`test accuracy ${(100 * test.acc).toFixed(2)}% on ${test.samples} test images (loss ${test.loss.toFixed(4)})`);
    console.log(`epochs ${result.history.length}, last train acc ${last ? (100 * last.acc).toFixed(2) : '-'}%, ${meanSeconds.toFixed(1)} s per epoch (mean, validation included)`);
    console.log(`model       ${modelDir}\ncheckpoint  ${files.checkpoint}\nhistory     ${files.csv}\ncurves      ${files.png}`);
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
    model.dispose();
    tf.dispose([trainT.xs, trainT.ys, testT.xs, testT.ys]);
  }
}

/**
 * The registry's architecture for 28x28x1 inputs and 10 classes; with `stats`, behind a Normalization layer
 * holding the training pixels' mean and variance (in 0-1 units), so the saved model takes plain 0-1 images.
 */
function buildModel(arch: string, stats?: { mean: number; variance: number }): tfl.LayersModel {
  const base = createModel(arch, { inputShape: [28, 28, 1], classes: 10 });
  if (stats === undefined) return base;
  const input = tfl.input({ shape: [28, 28, 1], name: 'pixels' });
  const normalized = new Normalization({ mean: [stats.mean], variance: [stats.variance], name: 'standardize' }).apply(input) as tfl.SymbolicTensor;
  return tfl.model({ inputs: input, outputs: base.apply(normalized) as tfl.SymbolicTensor, name: `${base.name}_standardized` });
}

/** Mean and (population) variance of 0-255 pixels, in 0-1 units. */
function pixelStats(pixels: Uint8Array): { mean: number; variance: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < pixels.length; i++) {
    sum += pixels[i];
    sq += pixels[i] * pixels[i];
  }
  const mean = sum / pixels.length;
  return { mean: mean / 255, variance: (sq / pixels.length - mean * mean) / 255 ** 2 };
}

function parse(args: string[]): TrainArgs {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        dataset: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' }, lr: { type: 'string' },
        optimizer: { type: 'string' }, schedule: { type: 'string' }, normalize: { type: 'string' }, out: { type: 'string' }, resume: { type: 'boolean' },
        limit: { type: 'string' }, seed: { type: 'string' }, threads: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new FoveaError('E_INVALID_ARGUMENT', `${(error as Error).message}\n\n${USAGE}`);
  }
  const bad = (msg: string) => new FoveaError('E_INVALID_ARGUMENT', `${msg}\n\n${USAGE}`);
  if (positionals.length !== 1) throw bad(`expected one architecture name (e.g. lenet5), got ${positionals.length ? positionals.join(' ') : 'none'}.`);
  const dataset = (values.dataset as string | undefined) ?? 'fashion-mnist';
  if (dataset !== 'fashion-mnist') throw bad(`--dataset ${dataset} is not available; use fashion-mnist.`);
  const num = (name: string, fallback: number | undefined, integer: boolean): number | undefined => {
    const raw = values[name] as string | undefined;
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < 0) throw bad(`--${name} ${raw} is not a ${integer ? 'non-negative integer' : 'non-negative number'}.`);
    return v;
  };
  const arch = positionals[0];
  const normalize = (values.normalize as string | undefined) ?? 'standard';
  if (normalize !== 'standard' && normalize !== 'unit') throw bad(`--normalize ${normalize} is not known; use standard or unit.`);
  return {
    arch,
    epochs: num('epochs', 10, true)!,
    batchSize: num('batch-size', 64, true)!,
    lr: num('lr', 2e-3, false)!,
    optimizer: (values.optimizer as string | undefined) ?? 'adam',
    schedule: (values.schedule as string | undefined) ?? 'cosine',
    normalize,
    out: (values.out as string | undefined) ?? path.join('runs', arch),
    resume: values.resume === true,
    limit: num('limit', undefined, true),
    seed: num('seed', 0, true)!,
    threads: num('threads', 1, true)!,
  };
}

/** Progress on stderr: a line every 5 s within an epoch, and one per finished epoch. */
function progressPrinter(): (e: TrainProgress) => void {
  let last = 0;
  return (e) => {
    const now = performance.now();
    const head = `epoch ${e.epoch + 1}/${e.epochs}`;
    if (e.type === 'epoch') {
      const val = e.val_loss === undefined ? '' : `  val_loss ${e.val_loss.toFixed(4)}  val_acc ${pct(e.val_acc!)}`;
      process.stderr.write(`${head}  loss ${e.loss.toFixed(4)}  acc ${pct(e.acc)}${val}  lr ${e.lr.toPrecision(3)}  ${e.row!.seconds.toFixed(1)} s` +
        `  ETA ${duration(e.etaSeconds)}\n`);
      last = now;
      return;
    }
    if (now - last < 5000) return;
    last = now;
    process.stderr.write(`${head}  batch ${e.batch}/${e.batches ?? '?'}  loss ${e.loss.toFixed(4)}  acc ${pct(e.acc)}  ` +
      `${Math.round(e.samplesPerSecond)} samples/s  epoch ETA ${duration(e.epochEtaSeconds)}  ETA ${duration(e.etaSeconds)}\n`);
  };
}

function pct(x: number): string {
  return Number.isNaN(x) ? '-' : `${(100 * x).toFixed(2)}%`;
}

function duration(s: number | undefined): string {
  if (s === undefined) return '?';
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${String(Math.round(s - 60 * m)).padStart(2, '0')}s` : `${Math.round(s)}s`;
}
