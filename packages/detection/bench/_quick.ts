import { nms, batchedNms } from '../src/index.js';
import { scoreOrder } from '../src/nms/order.js';
import { validateNms } from '../src/nms/validate.js';
import { clustered } from './clustered.js';
const T = (label: string, fn: () => unknown, reps = 10) => {
  for (let r = 0; r < 3; r++) fn();
  const ts: number[] = [];
  for (let s = 0; s < 9; s++) { const t0 = process.cpuUsage(); for (let r = 0; r < reps; r++) fn(); const d = process.cpuUsage(t0); ts.push((d.user + d.system) / 1e3 / reps); }
  ts.sort((a, b) => a - b); console.log(label, ts[4].toFixed(3));
};
for (const n of [1000, 5000, 20000]) {
  const c = clustered(n, n);
  const reps = n === 1000 ? 100 : n === 5000 ? 20 : 5;
  T(`validate ${n}`, () => validateNms(c.boxes, c.scores, 0.5, {}, 'nms'), reps);
  T(`order ${n}`, () => scoreOrder(c.scores, -Infinity), reps);
  T(`nms ${n}`, () => nms(c.boxes, c.scores, 0.5), reps);
  T(`batched ${n}`, () => batchedNms(c.boxes, c.scores, c.classIds, 0.5), reps);
}
