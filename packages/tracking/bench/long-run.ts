// Long run: DeepSort over 10,000 frames of core's shapesVideo (12 objects entering, leaving, hidden for
// longer than maxAge at times; misses and false positives; see long-run-scene.ts), with deep_sort's
// defaults (nnBudget 100, maxAge 30). Every 500 frames it samples the heap (after a full GC when run with
// --expose-gc), the live tracks and the appearance samples they hold, to show that memory stays bounded
// while track ids keep being issued. Run from packages/tracking:
// `node --expose-gc --import tsx bench/long-run.ts` (or `pnpm exec tsx bench/long-run.ts`, heap without GC).
import { DeepSort } from '../src/trackers/deep-sort.js';
import { longRunDetections } from './long-run-scene.js';

const FRAMES = 10_000;
const EVERY = 500;
const NN_BUDGET = 100;

const gc = (globalThis as { gc?: () => void }).gc;
const tracker = new DeepSort({ nnBudget: NN_BUDGET });
const rows: string[] = [];
let frame = 0;
let maxId = 0;
let outputs = 0;
const t0 = performance.now();
for (const detections of longRunDetections({ seed: 3, frames: FRAMES, objects: 12 })) {
  const out = tracker.update(detections);
  outputs += out.length;
  for (const id of out.trackerId!) maxId = Math.max(maxId, id);
  frame++;
  if (frame % EVERY !== 0) continue;
  gc?.();
  const tracks = tracker.tracks;
  const confirmed = tracks.filter((t) => t.state === 'confirmed');
  const samples = tracks.reduce((s, t) => s + t.gallerySize, 0);
  const largest = tracks.reduce((m, t) => Math.max(m, t.gallerySize), 0);
  const heap = process.memoryUsage().heapUsed / 2 ** 20;
  rows.push(
    `| ${frame} | ${heap.toFixed(2)} | ${tracks.length} | ${confirmed.length} | ${samples} | ${largest} | ${maxId} |`,
  );
}
const seconds = (performance.now() - t0) / 1e3;
console.log(
  `DeepSort over ${FRAMES} frames of shapesVideo (12 objects, nnBudget ${NN_BUDGET}, maxAge 30); ` +
    `heap ${gc ? 'after a full GC' : 'without GC (run with --expose-gc for settled figures)'}; ` +
    `${outputs} confirmed outputs, ${seconds.toFixed(1)} s including scene generation\n`,
);
console.log('| frame | heapUsed MiB | live tracks | confirmed | gallery samples | largest gallery | ids issued (max output id) |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(row);
