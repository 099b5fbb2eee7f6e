import { Detections, FoveaError } from '@fovea/core';
import { checkDetections, iouXyxy } from './boxes64.js';
import { assignLikeScipy } from './scipy-assignment.js';
import { SortKalman } from './sort-kalman.js';
import type { Tracker } from './tracker.js';
import { collapseInverted } from './output-boxes.js';

/** Options of {@link Sort}; defaults are sort.py's. */
export interface SortOptions {
  /** Frames a track survives without a detection. Default 1. */
  maxAge?: number;
  /** Consecutive matched frames before a track is reported (waived during the first `minHits` frames). Default 3. */
  minHits?: number;
  /** Smallest IoU of a detection-track match. Default 0.3. */
  iouThreshold?: number;
}

interface SortTrack {
  id: number;
  kf: SortKalman;
  timeSinceUpdate: number;
  hitStreak: number;
  confidence: number;
  classId: number;
  detectionIndex: number;
}

/**
 * SORT (Bewley et al., "Simple Online and Realtime Tracking", 2016): IoU-only association of detections
 * to Kalman-predicted boxes. Variant: abewley/sort's current `sort.py` (read for semantics; no code
 * shared): its 7-state filter over `(cx, cy, area, aspect)`, one optimal assignment on IoU (maximised),
 * matches below `iouThreshold` rejected, tracks dropped after `maxAge` missed frames or when their predicted
 * box becomes invalid, and a track reported only in frames where it was matched, once its hit streak
 * reaches `minHits` (or while the stream is in its first `minHits` frames). Detection scores are ignored:
 * threshold them first. Ids start at 1 per tracker (sort.py counts across instances).
 */
export class Sort implements Tracker {
  readonly maxAge: number;
  readonly minHits: number;
  readonly iouThreshold: number;
  private tracks: SortTrack[] = [];
  private frameCount = 0;
  private nextId = 1;

  constructor(options: SortOptions = {}) {
    this.maxAge = options.maxAge ?? 1;
    this.minHits = options.minHits ?? 3;
    this.iouThreshold = options.iouThreshold ?? 0.3;
    const bad = (name: string, v: unknown, want: string) => {
      throw new FoveaError('E_INVALID_ARGUMENT', `Sort option ${name} is ${v}; it must be ${want}.`);
    };
    if (!(Number.isInteger(this.maxAge) && this.maxAge >= 0)) bad('maxAge', this.maxAge, 'an integer >= 0');
    if (!(Number.isInteger(this.minHits) && this.minHits >= 0)) bad('minHits', this.minHits, 'an integer >= 0');
    if (!(this.iouThreshold >= 0 && this.iouThreshold <= 1)) bad('iouThreshold', this.iouThreshold, 'in [0, 1]');
  }

  /**
   * Tracks one frame.
   *
   * @returns The tracks matched in this frame that pass the `minHits` rule, with the filter's corrected
   *   box (not the detection's), `trackerId`, the matched detection's `confidence` and `classId`, and
   *   `data.detectionIndex`; in sort.py's order (newest track first).
   * @throws FoveaError `E_INVALID_ARGUMENT` for a box with zero width or height; the tracker is unchanged.
   */
  update(detections: Detections): Detections {
    checkDetections(detections, 'Sort');
    this.frameCount++;
    const n = detections.length;
    const dets = detections.xyxy;

    // Predict; drop tracks whose predicted box is not a number.
    const predicted: number[] = [];
    const alive: SortTrack[] = [];
    for (const t of this.tracks) {
      const x = t.kf.x;
      if (x[6] + x[2] <= 0) x[6] = 0; // keep the area positive
      t.kf.predict();
      if (t.timeSinceUpdate > 0) t.hitStreak = 0;
      t.timeSinceUpdate++;
      t.detectionIndex = -1;
      const box = toXyxy(t.kf.x);
      if (box.some((v) => Number.isNaN(v))) continue;
      alive.push(t);
      predicted.push(...box);
    }
    this.tracks = alive;

    const matches = this.associate(dets, n, predicted);
    const matchedDet = new Uint8Array(n);
    for (const [d, ti] of matches) {
      const t = alive[ti];
      t.kf.update(toZ(dets, d));
      t.timeSinceUpdate = 0;
      t.hitStreak++;
      t.confidence = detections.confidence[d];
      t.classId = detections.classId[d];
      t.detectionIndex = d;
      matchedDet[d] = 1;
    }
    for (let d = 0; d < n; d++) {
      if (matchedDet[d]) continue;
      this.tracks.push({
        id: this.nextId++,
        kf: new SortKalman(toZ(dets, d)),
        timeSinceUpdate: 0,
        hitStreak: 0,
        confidence: detections.confidence[d],
        classId: detections.classId[d],
        detectionIndex: d,
      });
    }

    const shown: SortTrack[] = [];
    for (let i = this.tracks.length - 1; i >= 0; i--) {
      const t = this.tracks[i];
      if (t.timeSinceUpdate < 1 && (t.hitStreak >= this.minHits || this.frameCount <= this.minHits)) shown.push(t);
    }
    this.tracks = this.tracks.filter((t) => t.timeSinceUpdate <= this.maxAge);
    return Detections.from({
      xyxy: collapseInverted(Float32Array.from(shown.flatMap((t) => toXyxy(t.kf.x)))),
      confidence: Float32Array.from(shown, (t) => t.confidence),
      classId: Int32Array.from(shown, (t) => t.classId),
      trackerId: Int32Array.from(shown, (t) => t.id),
      data: { detectionIndex: Int32Array.from(shown, (t) => t.detectionIndex) },
    });
  }

  reset(): void {
    this.tracks = [];
    this.frameCount = 0;
    this.nextId = 1;
  }

  /** sort.py's `associate_detections_to_trackers`: `[detection, track]` pairs with IoU >= threshold. */
  private associate(dets: Float32Array, n: number, predicted: number[]): [number, number][] {
    const m = predicted.length / 4;
    if (n === 0 || m === 0) return [];
    const iou = new Float64Array(n * m);
    for (let d = 0; d < n; d++) for (let t = 0; t < m; t++) iou[d * m + t] = iouXyxy(dets, d, predicted, t);
    // If every detection and track overlaps at most one partner above the threshold, pair them directly.
    const rowHits = new Int32Array(n);
    const colHits = new Int32Array(m);
    for (let d = 0; d < n; d++) for (let t = 0; t < m; t++) if (iou[d * m + t] > this.iouThreshold) {
      rowHits[d]++;
      colHits[t]++;
    }
    let pairs: [number, number][] = [];
    if (Math.max(...rowHits) === 1 && Math.max(...colHits) === 1) {
      for (let d = 0; d < n; d++) for (let t = 0; t < m; t++) if (iou[d * m + t] > this.iouThreshold) pairs.push([d, t]);
    } else {
      const cost = iou.map((v) => -v);
      const a = assignLikeScipy(cost, n, m);
      pairs = Array.from(a.rows, (d, k) => [d, a.cols[k]] as [number, number]);
    }
    return pairs.filter(([d, t]) => !(iou[d * m + t] < this.iouThreshold));
  }
}

/** `xyxy` row `i` to sort.py's measurement `[cx, cy, area, w / h]`. */
function toZ(b: Float32Array, i: number): number[] {
  const w = b[4 * i + 2] - b[4 * i];
  const h = b[4 * i + 3] - b[4 * i + 1];
  return [b[4 * i] + w / 2, b[4 * i + 1] + h / 2, w * h, w / h];
}

/** sort.py's `convert_x_to_bbox`: state to `xyxy`. */
function toXyxy(x: Float64Array): [number, number, number, number] {
  const w = Math.sqrt(x[2] * x[3]);
  const h = x[2] / w;
  return [x[0] - w / 2, x[1] - h / 2, x[0] + w / 2, x[1] + h / 2];
}
