// Benchmark: the CNN re-ID embedder against the colour histogram. Trains a CnnEmbedder on shapesVideo
// sequences (seeds 0..), then scores both embedders on held-out sequences (other seeds): rank-1 and mAP of
// re-identification, mean cosine distance of same-id and different-id pairs, extraction time, and IDF1 of
// DeepSort fed ground-truth boxes with each embedder's features. Run from packages/tracking:
// `node --conditions=source --import tsx bench/reid.ts` (environment: REID_EPOCHS, REID_SEQUENCES, REID_FRAMES, REID_OBJECTS,
// REID_SAVE=dir to keep the trained model, REID_LOAD=dir to score a saved one instead of training).
import { Detections, initBackend, shapesVideo, tf } from '@fovea/core';
import { evaluateReid } from '../src/embedders/cnn-reid-eval.js';
import { CnnEmbedder } from '../src/embedders/cnn-embedder.js';
import { trainReidEmbedder } from '../src/embedders/cnn-train.js';
import { ColorHistogramEmbedder } from '../src/embedders/color-histogram.js';
import type { Embedder } from '../src/embedders/embedder.js';
import { evaluateMot } from '../src/metrics/evaluate-mot.js';
import { DeepSort } from '../src/trackers/deep-sort.js';

const EPOCHS = Number(process.env.REID_EPOCHS ?? 10);
const SEQUENCES = Number(process.env.REID_SEQUENCES ?? 16);
/** Training sequences: many objects and short sequences give many identities per crop. */
const TRAIN_VIDEO = { imageSize: 128, frames: Number(process.env.REID_FRAMES ?? 24), objects: Number(process.env.REID_OBJECTS ?? 16) };
/** Held-out sequences for re-identification. */
const VIDEO = { imageSize: 128, frames: 60, objects: 6 } as const;

const backend = await initBackend({ prefer: 'wasm' });
let cnn: CnnEmbedder;
let trained = '';
if (process.env.REID_LOAD) {
  cnn = await CnnEmbedder.load(process.env.REID_LOAD);
  trained = `loaded from ${process.env.REID_LOAD}`;
} else {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await trainReidEmbedder({
    video: { ...TRAIN_VIDEO, seed: 0 }, sequences: SEQUENCES, epochs: EPOCHS, seed: 0,
    onProgress: (e) => {
      if (e.type === 'epoch') console.error(`epoch ${e.epoch + 1}/${e.epochs}: loss ${e.loss.toFixed(4)} acc ${e.acc.toFixed(3)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    },
  });
  const cpu = process.cpuUsage(cpu0);
  cnn = result.embedder;
  const last = result.history.at(-1)!;
  trained = `trained on ${SEQUENCES} sequences (seeds 0-${SEQUENCES - 1}, ${TRAIN_VIDEO.imageSize}x${TRAIN_VIDEO.imageSize}, ${TRAIN_VIDEO.frames} frames, `
    + `${TRAIN_VIDEO.objects} objects): ${result.identities} identities, ${result.samples} crops/epoch, ${EPOCHS} epochs in `
    + `${((performance.now() - started) / 1000).toFixed(0)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU; `
    + `final loss ${last.loss.toFixed(4)}, identity accuracy ${last.acc.toFixed(3)}`;
  if (process.env.REID_SAVE) await cnn.save(process.env.REID_SAVE);
}

const embedders: [string, Embedder][] = [
  [`CnnEmbedder (D=${cnn.featureDim}, ${cnn.model.countParams()} params)`, cnn],
  ['ColorHistogram hsv x16 (D=48)', new ColorHistogramEmbedder({ colorSpace: 'hsv', bins: 16 })],
  ['ColorHistogram rgb x16 (D=48)', new ColorHistogramEmbedder({ colorSpace: 'rgb', bins: 16 })],
];

console.log(`backend ${backend.name} (${backend.threads} thread(s)); CnnEmbedder ${trained}`);

const settings = [
  { name: `held-out: 8 sequences x ${VIDEO.objects} objects (seeds 1000-1007)`, options: { video: { ...VIDEO, seed: 1000 }, sequences: 8 } },
  { name: 'held-out crowded: 4 sequences x 16 objects (seeds 2000-2003)', options: { video: { ...VIDEO, objects: 16, seed: 2000 }, sequences: 4 } },
];
for (const s of settings) {
  console.log(`\n${s.name}; gallery = first half of each sequence, queries = second half, pooled`);
  console.log('| embedder | rank-1 | mAP | mean d(same id) | mean d(other id) | queries | gallery | ids |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, e] of embedders) {
    const m = evaluateReid(e, s.options);
    console.log(`| ${name} | ${m.rank1.toFixed(4)} | ${m.mAP.toFixed(4)} | ${m.meanSameDistance.toFixed(4)} | ${m.meanDifferentDistance.toFixed(4)} | ${m.queries} | ${m.gallery} | ${m.identities} |`);
  }
}

// DeepSort on ground-truth boxes: appearance decides identities through crossings and occlusions. Centre
// jitter makes motion a weaker cue. The oracle feature (one-hot ground-truth id) bounds what appearance can add.
const constant: Embedder = { featureDim: 1, embed: (_, boxes) => new Float32Array(boxes.length / 4).fill(1) };
const trackSeeds = [3000, 3001, 3002, 3003];
const tracked: [string, Embedder | 'oracle'][] = [
  ...embedders.slice(0, 2), ['none (constant feature: Kalman and IoU only)', constant], ['oracle (one-hot ground-truth id)', 'oracle'],
];
for (const jitter of [0.3, 2]) {
  const trackVideo = { imageSize: 128, frames: 150, objects: 12, jitter } as const;
  console.log(`\nDeepSort (deep_sort defaults) on the ground-truth boxes of objects at least half visible, ${trackSeeds.length} held-out sequences `
    + `(seeds ${trackSeeds[0]}-${trackSeeds.at(-1)}, ${trackVideo.frames} frames, ${trackVideo.objects} objects, centre jitter ${jitter} px); metrics pooled`);
  console.log('| features | IDF1 | MOTA | ID switches | fragmentations | embed ms/frame |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, e] of tracked) {
    const gt: Detections[] = [];
    const hyp: Detections[] = [];
    let embedMs = 0;
    const trackerErrors: string[] = [];
    for (const seed of trackSeeds) {
      const video = shapesVideo({ ...trackVideo, seed });
      const tracker = new DeepSort();
      // Sequences follow one another; ids are offset per sequence so they never meet.
      const offset = 1000 * (seed - trackSeeds[0]);
      for (let t = 0; t < video.length; t++) {
        const f = video.frame(t);
        // A detector's view: objects at least half visible (the rest are missed).
        const visibility = f.detections.data.visibility as Float32Array;
        const d = f.detections.filter(Array.from(visibility, (v) => v >= 0.5));
        const t0 = performance.now();
        const features = e === 'oracle' ? oneHot(d.trackerId!, 16) : e.embed({ data: f.image, height: f.height, width: f.width, channels: 3 }, d.xyxy);
        embedMs += performance.now() - t0;
        const featureDim = e === 'oracle' ? 16 : e.featureDim;
        gt.push(Detections.from({ xyxy: d.xyxy, confidence: d.confidence, classId: d.classId, trackerId: Array.from(d.trackerId!, (id) => id + offset) }));
        let out: Detections;
        try {
          out = tracker.update(Detections.from({ xyxy: d.xyxy, confidence: d.confidence, classId: d.classId, features, featureDim }));
        } catch (error) {
          // DeepSort rejects its own output when a Kalman box comes out inverted; count it as an empty frame.
          trackerErrors.push(`seed ${seed} frame ${t}: ${(error as Error).message}`);
          out = Detections.from({ xyxy: [], confidence: [], classId: [], trackerId: [] });
        }
        hyp.push(Detections.from({ xyxy: out.xyxy, confidence: out.confidence, classId: out.classId, trackerId: Array.from(out.trackerId!, (id) => id + offset) }));
      }
    }
    const m = evaluateMot(gt, hyp, { iouThreshold: 0.5 });
    const ms = e === 'oracle' ? '-' : (embedMs / gt.length).toFixed(2);
    console.log(`| ${name} | ${m.idf1.toFixed(4)} | ${m.mota.toFixed(4)} | ${m.numSwitches} | ${m.numFragmentations} | ${ms} |`);
    for (const message of trackerErrors) console.error(`  ${name}: DeepSort.update threw at ${message}`);
  }
}

/** One-hot rows of `dim` from ids (ids below `dim` per sequence stay distinct). */
function oneHot(ids: Int32Array, dim: number): Float32Array {
  const out = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => (out[i * dim + (id % dim)] = 1));
  return out;
}
cnn.dispose();
console.error(`tensors left: ${tf.memory().numTensors}`);
