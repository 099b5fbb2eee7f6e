import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend, loadFashionMnist, fashionMnistTensors } from '@fovea/core';

function lenet() {
  const m = tfl.sequential();
  m.add(tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 6, kernelSize: 5, padding: 'same', activation: 'tanh' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  m.add(tfl.layers.conv2d({ filters: 16, kernelSize: 5, activation: 'tanh' }));
  m.add(tfl.layers.averagePooling2d({ poolSize: 2 }));
  m.add(tfl.layers.conv2d({ filters: 120, kernelSize: 5, activation: 'tanh' }));
  m.add(tfl.layers.flatten());
  m.add(tfl.layers.dense({ units: 84, activation: 'tanh' }));
  m.add(tfl.layers.dense({ units: 10, activation: 'softmax' }));
  return m;
}
const info = await initBackend({ prefer: 'wasm', verbose: false, threads: Number(process.env.T ?? 1) });
console.log(info);
const ds = await loadFashionMnist({ limit: 64 * 100 });
const { xs, ys } = fashionMnistTensors(ds);
const B = 64, N = 100;
const xb: tf.Tensor[] = [], yb: tf.Tensor[] = [];
for (let i = 0; i < N; i++) { xb.push(tf.slice(xs, i * B, B)); yb.push(tf.slice(ys, i * B, B)); }
const m = lenet(); console.log(m.countParams());
const opt = tf.train.adam(1e-3);
m.compile({ optimizer: opt, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const lossFn = tfl.losses? null : null;
for (let rep = 0; rep < 2; rep++) {
  let t = performance.now();
  for (let i = 0; i < N; i++) await m.trainOnBatch(xb[i], yb[i]);
  const a = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const [l, c] = tf.tidy(() => {
      let pred: tf.Tensor | undefined;
      const loss = opt.minimize(() => {
        pred = m.apply(xb[i], { training: true }) as tf.Tensor;
        return tf.losses.softmaxCrossEntropy(yb[i], pred) as tf.Scalar;
      }, true)!;
      return [loss];
    });
    l.dataSync(); l.dispose();
  }
  const b = performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N; i++) {
    const l = tf.tidy(() => opt.minimize(() => {
      const pred = m.apply(xb[i], { training: true }) as tf.Tensor;
      const p = tf.clipByValue(pred, 1e-7, 1 - 1e-7);
      return tf.neg(tf.mean(tf.sum(tf.mul(yb[i], tf.log(p)), -1))) as tf.Scalar;
    }, true)!);
    l.dataSync(); l.dispose();
  }
  const c = performance.now() - t;
  console.log(`trainOnBatch ${(a / N).toFixed(2)} ms/batch, minimize(tf.losses) ${(b / N).toFixed(2)}, minimize(manual CE) ${(c / N).toFixed(2)}; tensors ${tf.memory().numTensors}`);
}
