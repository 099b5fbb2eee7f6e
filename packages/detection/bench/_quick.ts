import { batchedNms, nms } from '/work/main/packages/detection/src/index.js';
function random(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function clustered(n: number, seed: number) {
  const rand = random(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const objects = Math.max(1, Math.round(n / 10));
  const obj = Array.from({ length: objects }, () => { const size = Math.exp(Math.log(16) + rand() * Math.log(400 / 16)); const aspect = Math.exp((rand() * 2 - 1) * 0.7); return { cx: rand() * 1280, cy: rand() * 1280, w: size * aspect, h: size / aspect, conf: 0.3 + 0.7 * rand(), cls: Math.floor(rand() * 20) }; });
  const boxes = new Float32Array(4 * n), scores = new Float32Array(n), classIds = new Int32Array(n);
  const clip = (v: number) => Math.min(Math.max(v, 0), 1280);
  for (let i = 0; i < n; i++) { const o = obj[Math.floor(rand() * objects)]; const w = o.w * Math.exp(0.12 * normal()); const h = o.h * Math.exp(0.12 * normal()); const x = o.cx + 0.12 * normal() * o.w; const y = o.cy + 0.12 * normal() * o.h; boxes.set([clip(x - w / 2), clip(y - h / 2), clip(x + w / 2), clip(y + h / 2)], 4 * i); scores[i] = o.conf * (0.05 + 0.95 * rand()); classIds[i] = o.cls; }
  return { boxes, scores, classIds };
}
for (const n of [1000, 5000, 20000]) {
  const c = clustered(n, n);
  const reps = n <= 1000 ? 200 : n <= 5000 ? 30 : 8;
  for (const op of ['nms', 'batched']) {
    const fn = op === 'nms' ? () => nms(c.boxes, c.scores, 0.5) : () => batchedNms(c.boxes, c.scores, c.classIds, 0.5);
    for (let r = 0; r < 5; r++) fn();
    const ts: number[] = [];
    for (let s = 0; s < 9; s++) { const t0 = performance.now(); for (let r = 0; r < reps; r++) fn(); ts.push((performance.now() - t0) / reps); }
    ts.sort((a, b) => a - b);
    console.log(op, n, ts[4].toFixed(3), 'ms');
  }
}
