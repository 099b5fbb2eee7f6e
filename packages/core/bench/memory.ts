// Estimated vs tfjs-measured memory of LeNet-5 and a VGG-style stack (inference, and one adam
// training step that creates the optimizer's slots), as a markdown table:
//   pnpm exec tsx bench/memory.ts
// FOVEA_BENCH_BATCH sets the batch (default 8); FOVEA_BENCH_BACKEND=cpu|wasm (default wasm, with
// Fovea's gradient kernels; cpu's Conv2DBackpropFilter makes the VGG step take minutes there).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import type * as tfl from '@tensorflow/tfjs-layers';
import { registerWasmGradients } from '../src/backend/wasm-gradients.js';
import { estimateMemory } from '../src/memory/estimate.js';
import { measurePeakBytes } from '../src/memory/measure.js';
import { lenet5, vggStack } from '../test/memory/models.js';

const BATCH = Number(process.env.FOVEA_BENCH_BATCH ?? 8);
const BACKEND = process.env.FOVEA_BENCH_BACKEND ?? 'wasm';
const mb = (bytes: number) => (bytes / 1e6).toFixed(2);

/** Two rows per model (inference, training): estimate parts next to the measured peak. */
async function compare(name: string, build: () => tfl.LayersModel): Promise<string[][]> {
  const model = build();
  const shape = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([BATCH, ...shape], 0, 1, 'float32', 1);
  const ys = tf.tidy(() => tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32', 2), 10));
  const est = estimateMemory(model, { batchSize: BATCH, optimizer: 'adam' });
  const largest = mb(Math.max(...est.layers.map((l) => l.bytes)));
  const inference = await measurePeakBytes(() => model.predict(xs) as tf.Tensor);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  const training = await measurePeakBytes(async () => {
    await model.trainOnBatch(xs, ys);
    return [];
  });
  tf.dispose([xs, ys]);
  model.dispose();
  const { inference: i, training: t } = est;
  const title = `${name}, ${est.params.toLocaleString('en-US')} params`;
  return [
    [title, 'inference', largest, `${mb(i.peakBytes)} peak + ${mb(i.paramBytes)} params = **${mb(i.totalBytes)}**`,
      mb(inference.peakBytes), mb(inference.peakAboveStart)],
    [title, 'training step (adam)', largest,
      `${mb(t.activationBytes)} act + ${mb(t.paramBytes)} params + ${mb(t.gradientBytes)} grads + ` +
        `${mb(t.optimizerBytes)} slots = **${mb(t.totalBytes)}**`,
      mb(training.peakBytes), mb(training.peakAboveStart)],
  ];
}

if (BACKEND === 'wasm') registerWasmGradients();
await tf.setBackend(BACKEND);
const rows = [...(await compare('LeNet-5 28x28x1', lenet5)), ...(await compare('VGG-style 64x64x3', () => vggStack()))];
console.log(`\nBatch ${BATCH}, float32, tfjs ${tf.version_core} on ${tf.getBackend()}; MB = 10^6 bytes. ` +
  'Measured peaks include the weights and the batch alive before the call.\n');
console.log('| model | mode | largest activation (MB) | estimate (MB) | measured peak (MB) | measured above start (MB) |');
console.log('| --- | --- | ---: | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
