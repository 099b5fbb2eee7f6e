import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { lenet5, vggStack } from './test/memory/models.js';
await tf.setBackend('cpu');
for (const [name, build] of [['lenet', lenet5], ['vgg', vggStack]] as const) {
  const model = build();
  const shape = model.inputs[0].shape.slice(1) as number[];
  const xs = tf.randomNormal([1, ...shape]);
  const ys = tf.oneHot(tf.tensor1d([3], 'int32'), 10);
  let t = performance.now();
  const pi = await tf.profile(() => model.predict(xs) as tf.Tensor);
  console.log(name, 'predict ms', (performance.now() - t).toFixed(0));
  tf.dispose(pi.result as tf.Tensor);
  model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  t = performance.now();
  const start = tf.memory().numBytes;
  const p = await tf.profile(async () => { await model.trainOnBatch(xs, ys); return []; });
  console.log(name, 'train ms', (performance.now() - t).toFixed(0), 'start', start, 'peak', p.peakBytes, 'kernels', p.kernels.length);
  const top = [...p.kernels].sort((a, b) => b.bytesAdded - a.bytesAdded).slice(0, 8);
  for (const k of top) console.log(k.name, k.bytesAdded, k.totalBytesSnapshot, JSON.stringify(k.inputShapes), JSON.stringify(k.outputShapes));
  const i = p.kernels.findIndex(k => k.totalBytesSnapshot === p.peakBytes);
  console.log('peak at', i, p.kernels[i].name, p.kernels.slice(Math.max(0,i-3), i+2).map(k=>k.name+':'+k.totalBytesSnapshot));
  tf.dispose([xs, ys]); model.dispose();
}
