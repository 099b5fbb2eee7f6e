// Estimated vs measured memory of LeNet-5 and a VGG-style stack on the cpu backend, as a
// markdown table (`pnpm exec tsx bench/memory.ts`; FOVEA_BENCH_BATCH sets the batch, default 2).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type * as tfl from '@tensorflow/tfjs-layers';
import { estimateMemory } from '../src/memory/estimate.js';
import { measurePeakBytes } from '../src/memory/measure.js';
import { lenet5, vggStack } from '../test/memory/models.js';

const BATCH = Number(process.env.FOVEA_BENCH_BATCH ?? 2);
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

/** One row per (model, mode): estimate parts, measured peak (absolute and above the start). */
async function compare(name: string, build: () => tfl.LayersModel, classes: number): Promise<string[][]> {
  const t0 = performance.now();
  const model = build();
  const shape = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH], 0, classes, 'int32', 2), classes));
  const est = estimateMemory(model, { batchSize: BATCH, optimizer: 'adam' });
  const largest = Math.max(...est.layers.map((l) => l.bytes));
  const inference = await measurePeakBytes(() => model.predict(xs) as tf.Tensor);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const training = await measurePeakBytes(() => model.trainOnBatch(xs, ys).then(() => []));
  tf.dispose([xs, ys]);
  model.dispose();
  const { inference: i, training: t } = est;
  return [
    [name, 'inference', mb(largest), `${mb(i.peakBytes)} + ${mb(i.paramBytes)} params = ${mb(i.totalBytes)}`,
      `${i.peakBetween.join(' + ')}`, mb(inference.peakBytes), mb(inference.peakAboveStart)],
    [name, 'training (adam)', mb(largest),
      `${mb(t.activationBytes)} act + ${mb(t.paramBytes)} params + ${mb(t.gradientBytes)} grads + ${mb(t.optimizerBytes)} adam = ${mb(t.totalBytes)}`,
      '', mb(training.peakBytes), mb(training.peakAboveStart)],
  ];
}

await tf.setBackend('cpu');
const rows = [
  ...(await compare('LeNet-5 (28x28x1)', lenet5, 10)),
  ...(await compare('VGG-style (64x64x3)', vggStack, 10)),
];
console.log(`\nMemory of one batch of ${BATCH}, float32, tfjs ${tf.version_core} on ${tf.getBackend()} (MB = 10^6 bytes)\n`);
console.log('| model | mode | largest activation | estimate | peak between | measured peak | measured above start |');
console.log('| --- | --- | ---: | --- | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
