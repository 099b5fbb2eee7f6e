// Slow, obviously-correct NMS for tests: torchvision's CPU loop transcribed literally (every kept box
// against every later box), float32 rounding through a Float32Array rather than Math.fround.


const r32 = new Float32Array(1);
const f32 = (x: number) => ((r32[0] = x), r32[0]);

/** Indices by decreasing float32 score, ties by index: a stable sort, as torch's. */
export function stableOrder(scores: ArrayLike<number>): number[] {
  const s = Float32Array.from(scores);
  return Array.from(s.keys()).sort((a, b) => (s[a] === s[b] ? a - b : s[a] > s[b] ? -1 : 1));
}

export function iou32(b: Float32Array, i: number, j: number): number {
  const area = (k: number) => f32(f32(b[4 * k + 2] - b[4 * k]) * f32(b[4 * k + 3] - b[4 * k + 1]));
  const w = Math.max(0, f32(Math.min(b[4 * i + 2], b[4 * j + 2]) - Math.max(b[4 * i], b[4 * j])));
  const h = Math.max(0, f32(Math.min(b[4 * i + 3], b[4 * j + 3]) - Math.max(b[4 * i + 1], b[4 * j + 1])));
  const inter = f32(w * h);
  return f32(inter / f32(f32(area(i) + area(j)) - inter));
}

export function referenceNms(boxes: ArrayLike<number>, scores: ArrayLike<number>, thr: number): number[] {
  const b = Float32Array.from(boxes);
  const order = stableOrder(scores);
  const suppressed = new Uint8Array(order.length);
  const keep: number[] = [];
  for (let a = 0; a < order.length; a++) {
    const i = order[a];
    if (suppressed[i]) continue;
    keep.push(i);
    for (let c = a + 1; c < order.length; c++) {
      const j = order[c];
      if (!suppressed[j] && iou32(b, i, j) > thr) suppressed[j] = 1;
    }
  }
  return keep;
}

/** Per-class reference NMS, results merged in stable score order. */
export function referenceBatchedNms(boxes: ArrayLike<number>, scores: ArrayLike<number>, ids: ArrayLike<number>, thr: number): number[] {
  const kept = new Set<number>();
  for (const c of new Set(Array.from(ids))) {
    const members = Array.from(ids.length ? Array.from(ids).keys() : []).filter((i) => ids[i] === c);
    const sub = members.flatMap((i) => [boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]]);
    for (const k of referenceNms(sub, members.map((i) => scores[i]), thr)) kept.add(members[k]);
  }
  return stableOrder(scores).filter((i) => kept.has(i));
}

/**
 * Random boxes built to hit the edge cases: coordinates on a 1/4 grid (exact IoUs, shared edges,
 * duplicates), some zero-area, scores from a few values (ties) or continuous.
 */
export function randomCase(rand: () => number, n: number, extent: number) {
  const boxes = new Float32Array(4 * n);
  const scores = new Float32Array(n);
  const grid = (x: number) => Math.round(x * 4) / 4;
  const tied = rand() < 0.5;
  for (let i = 0; i < n; i++) {
    if (i > 0 && rand() < 0.1) {
      boxes.copyWithin(4 * i, 4 * Math.floor(rand() * i), 4 * Math.floor(rand() * i) + 4); // a duplicate-ish
    } else {
      const x = grid(rand() * extent), y = grid(rand() * extent);
      const zero = rand() < 0.05;
      const scale = rand() < 0.05 ? 1.5 : 0.3; // a few boxes span most of the image
      const w = zero ? 0 : grid(rand() * extent * scale);
      const h = zero ? grid(rand() * 3) : grid(rand() * extent * scale);
      boxes.set([x, y, x + w, y + h], 4 * i);
    }
    scores[i] = tied ? Math.floor(rand() * 4) / 4 : rand();
  }
  return { boxes, scores };
}
