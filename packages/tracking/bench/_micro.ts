import { AppearanceGallery } from '../src/trackers/appearance-gallery.js';
import { KalmanFilter } from '../src/kalman/kalman-filter.js';
const g = new AppearanceGallery(32, 100);
const f = new Float64Array(32 * 100).map(() => Math.random() - 0.5);
for (let i = 0; i < 100; i++) g.add(f, i * 32);
const q = new Float64Array(32 * 40).map(() => Math.random() - 0.5);
let s = 0;
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  for (let it = 0; it < 1000; it++) for (let j = 0; j < 38; j++) s += g.minCosineDistance(q, j * 32);
  console.log('gallery 38 calls', ((performance.now() - t0) / 1000 * 1000).toFixed(1), 'us');
}
const kf = new KalmanFilter();
let st = kf.initiate([100, 100, 0.5, 100]);
const meas = new Float64Array(160).map((_, i) => 100 + (i % 4 === 2 ? -99.5 : Math.random() * 10));
for (let rep = 0; rep < 5; rep++) {
  const t0 = performance.now();
  for (let it = 0; it < 1000; it++) for (let j = 0; j < 40; j++) {
    const p = kf.predict(st.mean, st.covariance);
    const d = kf.gatingDistance(p.mean, p.covariance, meas);
    st = kf.update(p.mean, p.covariance, [100, 100, 0.5, 100]);
    s += d[0];
  }
  console.log('kalman 40x predict+gate(40)+update', ((performance.now() - t0) / 1000 * 1000).toFixed(1), 'us');
}
console.log(s > 0);
