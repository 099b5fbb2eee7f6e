// Clustered, detector-like boxes for the NMS benchmark.

import { mulberry32 } from '@fovea/core';

/** Classes the objects are drawn from (for batchedNms). */
export const CLASSES = 20;

export interface Case {
  boxes: Float32Array;
  scores: Float32Array;
  classIds: Int32Array;
}

/**
 * N proposals around N / 10 objects in a 1280 x 1280 image: object sizes log-uniform in 16..400 px,
 * aspect ratios e^±0.7; each proposal's centre moves by N(0, 0.12) object sizes and its sides scale by
 * e^N(0, 0.12); score = object confidence x U(0.05, 1). Each object has one class of 20.
 */
export function clustered(n: number, seed: number): Case {
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const objects = Math.max(1, Math.round(n / 10));
  const obj = Array.from({ length: objects }, () => {
    const size = Math.exp(Math.log(16) + rand() * Math.log(400 / 16));
    const aspect = Math.exp((rand() * 2 - 1) * 0.7);
    return { cx: rand() * 1280, cy: rand() * 1280, w: size * aspect, h: size / aspect, conf: 0.3 + 0.7 * rand(), cls: Math.floor(rand() * CLASSES) };
  });
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  const classIds = new Int32Array(n);
  const clip = (v: number) => Math.min(Math.max(v, 0), 1280);
  for (let i = 0; i < n; i++) {
    const o = obj[Math.floor(rand() * objects)];
    const w = o.w * Math.exp(0.12 * normal());
    const h = o.h * Math.exp(0.12 * normal());
    const x = o.cx + 0.12 * normal() * o.w;
    const y = o.cy + 0.12 * normal() * o.h;
    boxes.set([clip(x - w / 2), clip(y - h / 2), clip(x + w / 2), clip(y + h / 2)], 4 * i);
    scores[i] = o.conf * (0.05 + 0.95 * rand());
    classIds[i] = o.cls;
  }
  return { boxes, scores, classIds };
}

