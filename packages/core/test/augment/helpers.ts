import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { AugmentSample } from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { FoveaError } from '../../src/errors.js';
import { rleDecode, rleFromBbox } from '../../src/masks/index.js';

export { rng } from '../image/helpers.js';

/** Runs the file on the cpu backend and checks every test leaves the tensor count as it found it. */
export function useCpuAndCheckLeaks(): void {
  let before = 0;
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });
}

/** Random HWC int32 pixels 0-255 from a seeded generator. */
export function randomImage(random: () => number, h: number, w: number, c = 3): tf.Tensor3D {
  return tf.tensor3d(Int32Array.from({ length: h * w * c }, () => Math.floor(random() * 256)), [h, w, c], 'int32');
}

/**
 * `n` random integer-cornered boxes inside an h x w image, each with a rectangle mask (the box
 * rasterised), so that mask geometry and box geometry can be compared exactly.
 */
export function randomDetections(random: () => number, h: number, w: number, n: number): Detections {
  const xyxy: number[][] = [];
  for (let i = 0; i < n; i++) {
    const x1 = Math.floor(random() * (w - 1));
    const y1 = Math.floor(random() * (h - 1));
    const x2 = x1 + 1 + Math.floor(random() * (w - x1 - 1));
    const y2 = y1 + 1 + Math.floor(random() * (h - y1 - 1));
    xyxy.push([x1, y1, x2, y2]);
  }
  return Detections.from({
    xyxy,
    confidence: xyxy.map((_, i) => 1 - i / (n + 1)),
    classId: xyxy.map((_, i) => i % 3),
    trackerId: xyxy.map((_, i) => 100 + i),
    masks: xyxy.map(([x1, y1, x2, y2]) => rleFromBbox([x1, y1, x2 - x1, y2 - y1], h, w)),
    data: { name: xyxy.map((_, i) => `obj${i}`) },
  });
}

/** A sample of a random image and random detections with masks. */
export function randomSample(random: () => number, h: number, w: number, n: number, c = 3): AugmentSample {
  return { image: randomImage(random, h, w, c), detections: randomDetections(random, h, w, n) };
}

/** Disposes a sample's image (and so its whole tensor content). */
export function disposeSample(sample: AugmentSample): void {
  sample.image.dispose();
}

/** Box i of a Detections as a plain array. */
export function box(d: Detections, i: number): number[] {
  return Array.from(d.xyxy.subarray(4 * i, 4 * i + 4));
}

/** Tight [x1, y1, x2, y2] (exclusive ends) of a row-major mask, or null for an empty one. */
export function maskBox(mask: Uint8Array, h: number, w: number): number[] | null {
  let [x1, y1, x2, y2] = [w, h, 0, 0];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!mask[y * w + x]) continue;
      x1 = Math.min(x1, x);
      y1 = Math.min(y1, y);
      x2 = Math.max(x2, x + 1);
      y2 = Math.max(y2, y + 1);
    }
  }
  return x2 > x1 ? [x1, y1, x2, y2] : null;
}

/** Number of foreground pixels of a decoded mask. */
export function maskArea(rle: Parameters<typeof rleDecode>[0]): number {
  return rleDecode(rle).reduce((s, v) => s + v, 0);
}

/** Runs `fn` and returns the FoveaError code it throws (fails if it does not throw one). */
export function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(FoveaError);
    return (e as FoveaError).code;
  }
  throw new Error('expected a FoveaError');
}

/** Every box of `d` lies inside an h x w image and has positive area. */
export function expectBoxesInside(d: Detections, h: number, w: number): void {
  for (let i = 0; i < d.length; i++) {
    const [x1, y1, x2, y2] = box(d, i);
    expect(x1).toBeGreaterThanOrEqual(0);
    expect(y1).toBeGreaterThanOrEqual(0);
    expect(x2).toBeLessThanOrEqual(w);
    expect(y2).toBeLessThanOrEqual(h);
    expect(x2).toBeGreaterThan(x1);
    expect(y2).toBeGreaterThan(y1);
  }
}
