// Detections for long DeepSort runs, built from core's shapesVideo ground truth: each object's box with a
// little noise and a synthetic appearance feature (a fixed random direction per ground-truth id, plus
// noise), missed now and then, hidden for 40 to 80 frames at times (longer than maxAge, so its track is
// deleted and a new one started), and random false positives. Used by bench/long-run.ts and its test.
import { Detections, mulberry32, shapesVideo } from '@fovea/core';

export interface LongRunOptions {
  seed?: number;
  frames: number;
  objects: number;
  /** Square image side, pixels. Default 128 (shapesVideo's). */
  imageSize?: number;
  dim?: number;
}

/** Yields one `Detections` (with `features`) per frame. */
export function* longRunDetections(o: LongRunOptions): Generator<Detections> {
  const { seed = 0, frames, objects, imageSize = 128, dim = 32 } = o;
  const video = shapesVideo({ seed, frames, objects, imageSize });
  // Ground truth by frame, from the MOTChallenge export (renders no images).
  const rows: number[][][] = Array.from({ length: frames }, () => []);
  for (const line of video.toMot().split('\n')) {
    if (line === '') continue;
    const [f, id, left, top, w, h] = line.split(',').map(Number);
    rows[f - 1].push([id, left - 1, top - 1, w, h]);
  }
  const rand = mulberry32(seed + 1);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const bases = new Map<number, Float32Array>();
  const baseOf = (id: number) => {
    let b = bases.get(id);
    if (!b) bases.set(id, (b = Float32Array.from({ length: dim }, normal)));
    return b;
  };
  const hiddenUntil = new Map<number, number>();
  for (let f = 0; f < frames; f++) {
    const xyxy: number[] = [];
    const features: number[] = [];
    for (const [id, x, y, w, h] of rows[f]) {
      if ((hiddenUntil.get(id) ?? -1) > f) continue;
      if (rand() < 1 / 400) {
        hiddenUntil.set(id, f + 40 + Math.floor(rand() * 41));
        continue;
      }
      if (rand() < 0.05 || w < 6 || h < 6) continue; // a miss, or too small to track
      const jitter = () => normal() * 0.5;
      xyxy.push(x + jitter(), y + jitter(), x + w + jitter(), y + h + jitter());
      const base = baseOf(id);
      for (let k = 0; k < dim; k++) features.push(base[k] + normal() * 0.15);
    }
    const falsePositives = rand() < 0.3 ? 1 + Math.floor(rand() * 2) : 0;
    for (let k = 0; k < falsePositives; k++) {
      const x = rand() * (imageSize - 20);
      const y = rand() * (imageSize - 20);
      xyxy.push(x, y, x + 8 + rand() * 12, y + 8 + rand() * 12);
      for (let q = 0; q < dim; q++) features.push(normal());
    }
    const n = xyxy.length / 4;
    yield Detections.from({
      xyxy: Float32Array.from(xyxy),
      confidence: new Float32Array(n).fill(1),
      classId: new Int32Array(n),
      features: Float32Array.from(features),
      featureDim: dim,
    });
  }
}
