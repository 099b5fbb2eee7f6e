import { Detections, FoveaError } from '@fovea/core';
import { checkDetections, iouXyxy } from './boxes64.js';
import { assignLikeScipy } from './scipy-assignment.js';
import type { Tracker } from './tracker.js';
import * as kalman from './xyah-kalman.js';
import { collapseInverted } from './output-boxes.js';

/** Options of {@link ByteTrack}; defaults are ByteTrack's (`track_thresh` 0.5, `match_thresh` 0.8, ...). */
export interface ByteTrackOptions {
  /** Detections scoring above this are "high" and matched first. Default 0.5 (`track_thresh`). */
  trackThreshold?: number;
  /** Detections scoring above this (and below `trackThreshold`) are matched second, to tracks left over. Default 0.1. */
  lowThreshold?: number;
  /** Unmatched high detections start a track only above this. Default `trackThreshold + 0.1` (`det_thresh`). */
  newTrackThreshold?: number;
  /** Largest cost (1 - IoU x score) of a first-round match. Default 0.8 (`match_thresh`). */
  matchThreshold?: number;
  /** Largest `1 - IoU` of a second-round (low-score) match. Default 0.5. */
  secondMatchThreshold?: number;
  /** Largest cost of matching a not yet activated track. Default 0.7. */
  unconfirmedMatchThreshold?: number;
  /** Frames a lost track is kept for re-identification, at 30 fps. Default 30 (`track_buffer`). */
  lostTrackBuffer?: number;
  /** Video frame rate; scales `lostTrackBuffer`. Default 30. */
  frameRate?: number;
  /** Multiply IoU by the detection score in the first and unconfirmed rounds (off for MOT20). Default true. */
  fuseScore?: boolean;
}

const TRACKED = 1;
const LOST = 2;
const REMOVED = 3;

interface STrack {
  id: number;
  mean: Float64Array;
  cov: Float64Array;
  proj: Float64Array;
  chol: Float64Array;
  state: number;
  activated: boolean;
  score: number;
  classId: number;
  /** Last frame the track was matched (`frame_id`, `end_frame`). */
  frameId: number;
  startFrame: number;
  detectionIndex: number;
}

/**
 * ByteTrack (Zhang et al., "ByteTrack: Multi-Object Tracking by Associating Every Detection Box", 2022):
 * high-score detections are matched to tracks first; the tracks left over then get a second chance
 * with the low-score detections (occluded objects often score low), which other trackers discard.
 * Semantics of ifzhang/ByteTrack's `BYTETracker` (MIT; read, not copied), with deep_sort's xyah Kalman
 * filter as there. Differences: IoU is computed without the +1 pixel convention of `cython_bbox`;
 * thresholded assignments are solved as an optimal assignment with a "leave unmatched" option costing
 * the threshold (the problem `lap.lapjv(..., cost_limit)` solves; ties may go another way); removed tracks
 * are forgotten rather than kept in an ever-growing list.
 *
 * Ids are given when a track starts (so a track that is never activated leaves a gap, as in ByteTrack).
 */
export class ByteTrack implements Tracker {
  readonly trackThreshold: number;
  readonly lowThreshold: number;
  readonly newTrackThreshold: number;
  readonly matchThreshold: number;
  readonly secondMatchThreshold: number;
  readonly unconfirmedMatchThreshold: number;
  readonly lostTrackBuffer: number;
  readonly frameRate: number;
  readonly fuseScore: boolean;
  private tracked: STrack[] = [];
  private lost: STrack[] = [];
  private frameId = 0;
  private nextId = 1;

  constructor(options: ByteTrackOptions = {}) {
    this.trackThreshold = options.trackThreshold ?? 0.5;
    this.lowThreshold = options.lowThreshold ?? 0.1;
    this.newTrackThreshold = options.newTrackThreshold ?? this.trackThreshold + 0.1;
    this.matchThreshold = options.matchThreshold ?? 0.8;
    this.secondMatchThreshold = options.secondMatchThreshold ?? 0.5;
    this.unconfirmedMatchThreshold = options.unconfirmedMatchThreshold ?? 0.7;
    this.lostTrackBuffer = options.lostTrackBuffer ?? 30;
    this.frameRate = options.frameRate ?? 30;
    this.fuseScore = options.fuseScore ?? true;
    for (const [name, v] of Object.entries({
      trackThreshold: this.trackThreshold,
      lowThreshold: this.lowThreshold,
      newTrackThreshold: this.newTrackThreshold,
      matchThreshold: this.matchThreshold,
      secondMatchThreshold: this.secondMatchThreshold,
      unconfirmedMatchThreshold: this.unconfirmedMatchThreshold,
      lostTrackBuffer: this.lostTrackBuffer,
      frameRate: this.frameRate,
    })) {
      if (!Number.isFinite(v) || v < 0) {
        throw new FoveaError('E_INVALID_ARGUMENT', `ByteTrack option ${name} is ${v}; it must be a finite number >= 0.`);
      }
    }
  }

  /** Frames a lost track is kept: `int(frameRate / 30 * lostTrackBuffer)`. */
  get maxTimeLost(): number {
    return Math.trunc((this.frameRate / 30) * this.lostTrackBuffer);
  }

  /**
   * Tracks one frame.
   *
   * @returns The activated tracks matched or started this frame, in ByteTrack's order, with the Kalman
   *   filter's box, `trackerId`, the last matched detection's `confidence` and `classId`, and
   *   `data.detectionIndex` (the input index matched this frame).
   * @throws FoveaError `E_INVALID_ARGUMENT` for a box with zero width or height; the tracker is unchanged.
   */
  update(detections: Detections): Detections {
    checkDetections(detections, 'ByteTrack');
    const frame = ++this.frameId;
    const boxes = detections.xyxy;
    const scores = detections.confidence;
    const high: number[] = [];
    const low: number[] = [];
    for (let i = 0; i < detections.length; i++) {
      if (scores[i] > this.trackThreshold) high.push(i);
      else if (scores[i] > this.lowThreshold && scores[i] < this.trackThreshold) low.push(i);
    }

    const activated: STrack[] = [];
    const refound: STrack[] = [];
    const newlyLost: STrack[] = [];
    const unconfirmed = this.tracked.filter((t) => !t.activated);
    const confirmed = this.tracked.filter((t) => t.activated);

    // First round: confirmed and lost tracks, predicted, against high-score detections.
    const pool = joint(confirmed, this.lost);
    for (const t of pool) {
      if (t.state !== TRACKED) t.mean[7] = 0;
      kalman.predict(t.mean, t.cov);
    }
    const first = this.assign(pool, high, boxes, scores, this.matchThreshold, this.fuseScore);
    const take = (t: STrack, d: number) => {
      this.correct(t, d, detections, frame);
      if (t.state === TRACKED) activated.push(t);
      else refound.push(t);
      t.state = TRACKED;
      t.activated = true;
    };
    for (const [ti, di] of first.matches) take(pool[ti], high[di]);

    // Second round: tracks still tracked but unmatched, against low-score detections, IoU only.
    const rest = first.unmatchedTracks.map((ti) => pool[ti]).filter((t) => t.state === TRACKED);
    const second = this.assign(rest, low, boxes, scores, this.secondMatchThreshold, false);
    for (const [ti, di] of second.matches) take(rest[ti], low[di]);
    for (const ti of second.unmatchedTracks) {
      const t = rest[ti];
      if (t.state !== LOST) {
        t.state = LOST;
        newlyLost.push(t);
      }
    }

    // Tracks seen once (not yet activated) against the high detections left over.
    const leftHigh = first.unmatchedDetections.map((di) => high[di]);
    const third = this.assign(unconfirmed, leftHigh, boxes, scores, this.unconfirmedMatchThreshold, this.fuseScore);
    for (const [ti, di] of third.matches) {
      this.correct(unconfirmed[ti], leftHigh[di], detections, frame);
      unconfirmed[ti].activated = true;
      activated.push(unconfirmed[ti]);
    }
    for (const ti of third.unmatchedTracks) unconfirmed[ti].state = REMOVED;

    // New tracks from confident leftovers.
    for (const di of third.unmatchedDetections) {
      const d = leftHigh[di];
      if (scores[d] < this.newTrackThreshold) continue;
      activated.push(this.start(d, detections, frame));
    }
    for (const t of this.lost) if (frame - t.frameId > this.maxTimeLost) t.state = REMOVED;

    let tracked = this.tracked.filter((t) => t.state === TRACKED);
    tracked = joint(joint(tracked, activated), refound);
    let lost = this.lost.filter((t) => !tracked.some((u) => u.id === t.id));
    lost.push(...newlyLost);
    lost = lost.filter((t) => t.state !== REMOVED);
    [this.tracked, this.lost] = removeDuplicates(tracked, lost);
    for (const t of this.tracked) if (t.frameId !== frame) t.detectionIndex = -1;
    return this.output();
  }

  reset(): void {
    this.tracked = [];
    this.lost = [];
    this.frameId = 0;
    this.nextId = 1;
  }

  private start(d: number, detections: Detections, frame: number): STrack {
    const mean = new Float64Array(8);
    const cov = new Float64Array(64);
    kalman.initiate(xyahOf(detections.xyxy, d), 0, mean, cov);
    return {
      id: this.nextId++,
      mean,
      cov,
      proj: new Float64Array(4),
      chol: new Float64Array(16),
      state: TRACKED,
      activated: frame === 1,
      score: detections.confidence[d],
      classId: detections.classId[d],
      frameId: frame,
      startFrame: frame,
      detectionIndex: d,
    };
  }

  private correct(t: STrack, d: number, detections: Detections, frame: number): void {
    kalman.project(t.mean, t.cov, t.proj, t.chol);
    kalman.update(t.mean, t.cov, t.proj, t.chol, xyahOf(detections.xyxy, d), 0);
    t.score = detections.confidence[d];
    t.classId = detections.classId[d];
    t.frameId = frame;
    t.detectionIndex = d;
  }

  /**
   * ByteTrack's `linear_assignment(cost, thresh)`: the cheapest matching where leaving a track and a
   * detection unmatched costs `thresh` (so pairs above it are never taken). Cost is `1 - IoU`, or
   * `1 - IoU x score` when fused.
   */
  private assign(
    tracks: readonly STrack[],
    dets: readonly number[],
    boxes: Float32Array,
    scores: Float32Array,
    thresh: number,
    fuse: boolean,
  ): { matches: [number, number][]; unmatchedTracks: number[]; unmatchedDetections: number[] } {
    const n = tracks.length;
    const m = dets.length;
    if (n === 0 || m === 0) {
      return { matches: [], unmatchedTracks: [...Array(n).keys()], unmatchedDetections: [...Array(m).keys()] };
    }
    const trackBoxes = tracks.flatMap((t) => toXyxy(t.mean));
    // lapjv's extend_cost: [[C, L/2], [L/2, 0]] of size (n + m), L = thresh.
    const size = n + m;
    const c = new Float64Array(size * size).fill(thresh / 2);
    for (let i = n; i < size; i++) for (let j = m; j < size; j++) c[i * size + j] = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        const iou = iouXyxy(trackBoxes, i, boxes, dets[j]);
        c[i * size + j] = 1 - (fuse ? iou * scores[dets[j]] : iou);
      }
    }
    const a = assignLikeScipy(c, size, size);
    const matches: [number, number][] = [];
    const trackUsed = new Uint8Array(n);
    const detUsed = new Uint8Array(m);
    for (let k = 0; k < a.rows.length; k++) {
      const i = a.rows[k];
      const j = a.cols[k];
      if (i < n && j < m && c[i * size + j] <= thresh) {
        matches.push([i, j]);
        trackUsed[i] = 1;
        detUsed[j] = 1;
      }
    }
    const unmatchedTracks = [...Array(n).keys()].filter((i) => !trackUsed[i]);
    const unmatchedDetections = [...Array(m).keys()].filter((j) => !detUsed[j]);
    return { matches, unmatchedTracks, unmatchedDetections };
  }

  private output(): Detections {
    const shown = this.tracked.filter((t) => t.activated);
    return Detections.from({
      xyxy: collapseInverted(Float32Array.from(shown.flatMap((t) => toXyxy(t.mean)))),
      confidence: Float32Array.from(shown, (t) => t.score),
      classId: Int32Array.from(shown, (t) => t.classId),
      trackerId: Int32Array.from(shown, (t) => t.id),
      data: { detectionIndex: Int32Array.from(shown, (t) => t.detectionIndex) },
    });
  }
}

/** `a` followed by the tracks of `b` whose id is not in `a` (ByteTrack's `joint_stracks`). */
function joint(a: readonly STrack[], b: readonly STrack[]): STrack[] {
  const ids = new Set(a.map((t) => t.id));
  return a.concat(b.filter((t) => !ids.has(t.id)));
}

/** ByteTrack's `remove_duplicate_stracks`: of a tracked and a lost track overlapping IoU > 0.85, keep the older. */
function removeDuplicates(tracked: STrack[], lost: STrack[]): [STrack[], STrack[]] {
  const dropA = new Set<number>();
  const dropB = new Set<number>();
  const aBoxes = tracked.flatMap((t) => toXyxy(t.mean));
  const bBoxes = lost.flatMap((t) => toXyxy(t.mean));
  for (let p = 0; p < tracked.length; p++) {
    for (let q = 0; q < lost.length; q++) {
      if (1 - iouXyxy(aBoxes, p, bBoxes, q) >= 0.15) continue;
      const timeP = tracked[p].frameId - tracked[p].startFrame;
      const timeQ = lost[q].frameId - lost[q].startFrame;
      if (timeP > timeQ) dropB.add(q);
      else dropA.add(p);
    }
  }
  return [tracked.filter((_, i) => !dropA.has(i)), lost.filter((_, i) => !dropB.has(i))];
}

function xyahOf(b: Float32Array, i: number): [number, number, number, number] {
  const w = b[4 * i + 2] - b[4 * i];
  const h = b[4 * i + 3] - b[4 * i + 1];
  return [b[4 * i] + w / 2, b[4 * i + 1] + h / 2, w / h, h];
}

/** The filter's box (`STrack.tlbr`): `(cx, cy, aspect, h)` to `xyxy`. */
function toXyxy(mean: Float64Array): [number, number, number, number] {
  const w = mean[2] * mean[3];
  const h = mean[3];
  const x = mean[0] - w / 2;
  const y = mean[1] - h / 2;
  return [x, y, x + w, y + h];
}
