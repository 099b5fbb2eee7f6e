import { Detections, FoveaError } from '@fovea/core';
import { chi2inv95 } from '../kalman/kalman-filter.js';
import { AppearanceGallery } from './appearance-gallery.js';
import { GATED_COST, iouTlwh, minCostMatching, type CostFunction } from './deep-sort-matching.js';
import { pythonSetDifference } from './python-set-order.js';
import type { Tracker } from './tracker.js';
import * as kalman from './xyah-kalman.js';
import { collapseInverted } from './output-boxes.js';

/** Options of {@link DeepSort}; defaults are deep_sort's (`deep_sort_app.py` and `Tracker`). */
export interface DeepSortOptions {
  /** Largest cosine distance (1 - cosine similarity) an appearance match may have. Default 0.2. */
  maxCosineDistance?: number;
  /** Appearance samples kept per track, oldest dropped first; `null` keeps all. Default 100. */
  nnBudget?: number | null;
  /** Largest `1 - IoU` of the IoU matching round. Default 0.7. */
  maxIouDistance?: number;
  /** Frames a confirmed track survives without a detection. Default 30. */
  maxAge?: number;
  /** Consecutive detections that confirm a new track. Default 3. */
  nInit?: number;
}

/** A track as {@link DeepSort.tracks} reports it (copies). */
export interface DeepSortTrack {
  trackerId: number;
  state: 'tentative' | 'confirmed';
  /** Detections matched so far, the first included. */
  hits: number;
  /** Frames since the track started. */
  age: number;
  /** Frames since the last matched detection (0 when matched this frame). */
  timeSinceUpdate: number;
  /** The Kalman filter's box, `xyxy` pixels. */
  xyxy: [number, number, number, number];
  /** Appearance samples in the track's gallery. */
  gallerySize: number;
}

const TENTATIVE = 1;
const CONFIRMED = 2;
const DELETED = 3;

interface Track {
  id: number;
  mean: Float64Array;
  covariance: Float64Array;
  /** The predicted state's projection and the Cholesky factor of its covariance, refreshed every frame. */
  proj: Float64Array;
  chol: Float64Array;
  hits: number;
  age: number;
  timeSinceUpdate: number;
  state: number;
  /** Unit-length features matched since the last gallery update (deep_sort's `track.features`). */
  pending: Float64Array[];
  /** Appearance samples; created when the track is confirmed (deep_sort keeps samples of active targets only). */
  gallery: AppearanceGallery | null;
  confidence: number;
  classId: number;
  /** Index of this frame's matched detection in the input, -1 if none. */
  detectionIndex: number;
}

/** One frame's detections in the forms the tracker uses, all float64. */
interface Frame {
  n: number;
  tlwh: Float64Array;
  xyah: Float64Array;
  /** Unit-length features, n x dim. */
  features: Float64Array;
}

/**
 * DeepSORT (Wojke et al. 2017): Kalman-filtered boxes associated to detections by appearance first, then
 * by IoU. Same outputs as nwojke/deep_sort's `Tracker` driven by `deep_sort_app.py` (read for semantics; no
 * code is shared), checked frame by frame against it: ids exactly, boxes to 1e-4.
 *
 * Each frame, every track is predicted one step; confirmed tracks are matched to detections by a matching
 * cascade (most recently seen first, levels 1..maxAge) on the nearest-neighbour cosine distance to their
 * gallery of past features, with pairs outside the Kalman 95% gate (`chi2inv95[4]`) ruled out; then
 * tentative tracks and tracks missed only last frame are matched on `1 - IoU`. Matched tracks are
 * corrected; a tentative track is confirmed after `nInit` hits and deleted at its first miss; a
 * confirmed one is deleted after `maxAge` misses. Unmatched detections start tentative tracks, with ids
 * from 1 in the order deep_sort creates them.
 *
 * Detection preprocessing of `deep_sort_app.py` (confidence threshold, NMS) is not part of the tracker:
 * filter before calling `update`.
 */
export class DeepSort implements Tracker {
  readonly maxCosineDistance: number;
  readonly nnBudget: number | null;
  readonly maxIouDistance: number;
  readonly maxAge: number;
  readonly nInit: number;

  private tracksList: Track[] = [];
  private nextId = 1;
  private featureDim: number | undefined;

  constructor(options: DeepSortOptions = {}) {
    this.maxCosineDistance = options.maxCosineDistance ?? 0.2;
    this.nnBudget = options.nnBudget === undefined ? 100 : options.nnBudget;
    this.maxIouDistance = options.maxIouDistance ?? 0.7;
    this.maxAge = options.maxAge ?? 30;
    this.nInit = options.nInit ?? 3;
    checkOption(this.maxCosineDistance >= 0 && Number.isFinite(this.maxCosineDistance), 'maxCosineDistance', this.maxCosineDistance, 'a finite number >= 0');
    checkOption(this.nnBudget === null || (Number.isInteger(this.nnBudget) && this.nnBudget >= 1), 'nnBudget', this.nnBudget, 'an integer >= 1, or null for no limit');
    checkOption(this.maxIouDistance >= 0 && Number.isFinite(this.maxIouDistance), 'maxIouDistance', this.maxIouDistance, 'a finite number >= 0');
    checkOption(Number.isInteger(this.maxAge) && this.maxAge >= 1, 'maxAge', this.maxAge, 'an integer >= 1');
    checkOption(Number.isInteger(this.nInit) && this.nInit >= 1, 'nInit', this.nInit, 'an integer >= 1');
  }

  /**
   * Tracks one frame (deep_sort's `tracker.predict()` then `tracker.update(detections)`).
   *
   * @param detections - This frame's detections with appearance `features` (any length D, fixed while
   *   tracks live); boxes need a positive height. May be empty (then features may be absent).
   * @returns The confirmed tracks that were matched this frame or last frame (`time_since_update <= 1`),
   *   in track order, as `deep_sort_app.py` writes them: `xyxy` is the Kalman filter's box
   *   (`track.to_tlwh()`), not the detection's; `trackerId` from 1; `confidence` and `classId` of the
   *   track's last matched detection; `data.detectionIndex` the input index matched this frame, or -1.
   * @throws FoveaError `E_INVALID_ARGUMENT` for detections without features, a feature length that
   *   differs from the live tracks', an all-zero feature, or a box of height 0; the tracker is unchanged.
   */
  update(detections: Detections): Detections {
    const frame = this.prepare(detections);
    const tracks = this.tracksList;
    for (const t of tracks) {
      kalman.predict(t.mean, t.covariance);
      kalman.project(t.mean, t.covariance, t.proj, t.chol);
      t.age++;
      t.timeSinceUpdate++;
      t.detectionIndex = -1;
    }

    const { matches, unmatchedTracks, unmatchedDetections } = this.match(frame);
    for (const [ti, di] of matches) this.updateTrack(tracks[ti], frame, di, detections);
    for (const ti of unmatchedTracks) {
      const t = tracks[ti];
      if (t.state === TENTATIVE || t.timeSinceUpdate > this.maxAge) t.state = DELETED;
    }
    for (const di of unmatchedDetections) this.startTrack(frame, di, detections);
    this.tracksList = tracks.filter((t) => t.state !== DELETED);
    this.fitGalleries();
    return this.output();
  }

  /** Forgets every track; ids start again at 1. */
  reset(): void {
    this.tracksList = [];
    this.nextId = 1;
    this.featureDim = undefined;
  }

  /** The live tracks (tentative and confirmed), in deep_sort's track order. */
  get tracks(): DeepSortTrack[] {
    return this.tracksList.map((t) => ({
      trackerId: t.id,
      state: t.state === CONFIRMED ? 'confirmed' : 'tentative',
      hits: t.hits,
      age: t.age,
      timeSinceUpdate: t.timeSinceUpdate,
      xyxy: toXyxy(t.mean),
      gallerySize: t.gallery?.size ?? 0,
    }));
  }

  /** Validates and converts the input; throws before any state changes. */
  private prepare(detections: Detections): Frame {
    if (!(detections instanceof Detections)) {
      throw new FoveaError('E_INVALID_ARGUMENT', `DeepSort.update got ${detections}; pass a Detections (Detections.from({...})).`);
    }
    const n = detections.length;
    const dim = detections.featureDim ?? 0;
    if (n > 0 && detections.features === undefined) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `DeepSort.update got ${n} detections without features; DeepSORT matches by appearance, so give each detection a feature (Detections.from({ ..., features })), e.g. from an Embedder.`,
      );
    }
    if (n > 0 && this.tracksList.length > 0 && this.featureDim !== undefined && dim !== this.featureDim) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `DeepSort.update got features of length ${dim} but the live tracks have length ${this.featureDim}; keep one embedder per stream, or call reset() first.`,
      );
    }
    const tlwh = new Float64Array(4 * n);
    const xyah = new Float64Array(4 * n);
    const features = new Float64Array(n * dim);
    const b = detections.xyxy;
    for (let i = 0; i < n; i++) {
      const x = b[4 * i], y = b[4 * i + 1], w = b[4 * i + 2] - x, h = b[4 * i + 3] - y;
      if (!(h > 0)) {
        throw new FoveaError(
          'E_INVALID_ARGUMENT',
          `detection ${i} has height ${h} (xyxy [${Array.from(b.subarray(4 * i, 4 * i + 4))}]); DeepSort needs boxes of positive height (the Kalman state holds width / height), so drop degenerate boxes first.`,
        );
      }
      tlwh[4 * i] = x;
      tlwh[4 * i + 1] = y;
      tlwh[4 * i + 2] = w;
      tlwh[4 * i + 3] = h;
      xyah[4 * i] = x + w / 2;
      xyah[4 * i + 1] = y + h / 2;
      xyah[4 * i + 2] = w / h;
      xyah[4 * i + 3] = h;
      let norm = 0;
      const f = detections.features!;
      for (let k = 0; k < dim; k++) norm += f[i * dim + k] * f[i * dim + k];
      norm = Math.sqrt(norm);
      if (!(norm > 0)) {
        throw new FoveaError('E_INVALID_ARGUMENT', `detection ${i} has an all-zero feature; a cosine distance needs a nonzero feature.`);
      }
      for (let k = 0; k < dim; k++) features[i * dim + k] = f[i * dim + k] / norm;
    }
    if (n > 0) this.featureDim = dim;
    return { n, tlwh, xyah, features };
  }

  /** deep_sort's `Tracker._match`: the appearance cascade over confirmed tracks, then IoU matching. */
  private match(frame: Frame): { matches: [number, number][]; unmatchedTracks: number[]; unmatchedDetections: number[] } {
    const tracks = this.tracksList;
    const confirmed: number[] = [];
    const unconfirmed: number[] = [];
    tracks.forEach((t, i) => (t.state === CONFIRMED ? confirmed : unconfirmed).push(i));

    // Matching cascade: confirmed tracks by time since update, 1..maxAge.
    const byLevel = new Map<number, number[]>();
    for (const i of confirmed) {
      const level = tracks[i].timeSinceUpdate;
      if (level <= this.maxAge) {
        if (!byLevel.has(level)) byLevel.set(level, []);
        byLevel.get(level)!.push(i);
      }
    }
    const levels = [...byLevel.keys()].sort((a, b) => a - b);
    let unmatchedDetections = Array.from({ length: frame.n }, (_, i) => i);
    const matchesA: [number, number][] = [];
    const appearance = this.appearanceCost(frame);
    for (const level of levels) {
      if (unmatchedDetections.length === 0) break;
      const round = minCostMatching(appearance, this.maxCosineDistance, byLevel.get(level)!, unmatchedDetections);
      matchesA.push(...round.matches);
      unmatchedDetections = round.unmatchedDetections;
    }
    const leftA = pythonSetDifference(confirmed, matchesA.map(([t]) => t));

    // IoU round: tentative tracks and confirmed ones missed only this frame.
    const candidates = unconfirmed.concat(leftA.filter((k) => tracks[k].timeSinceUpdate === 1));
    const roundB = minCostMatching(this.iouCost(frame), this.maxIouDistance, candidates, unmatchedDetections);
    const unmatchedTracks = leftA.filter((k) => tracks[k].timeSinceUpdate !== 1).concat(roundB.unmatchedTracks);
    return { matches: matchesA.concat(roundB.matches), unmatchedTracks, unmatchedDetections: roundB.unmatchedDetections };
  }

  /** Gated nearest-neighbour cosine cost (deep_sort's `gated_metric`). */
  private appearanceCost(frame: Frame): CostFunction {
    const dim = this.featureDim ?? 0;
    const threshold = chi2inv95[4];
    return (trackIdx, detIdx, out) => {
      const cols = detIdx.length;
      for (let r = 0; r < trackIdx.length; r++) {
        const t = this.tracksList[trackIdx[r]];
        // Gated pairs cost GATED_COST whatever their appearance, so their distance is never computed.
        for (let j = 0; j < cols; j++) {
          const d = detIdx[j];
          out[r * cols + j] =
            kalman.gatingDistance(t.proj, t.chol, frame.xyah, 4 * d) > threshold
              ? GATED_COST
              : t.gallery!.minCosineDistance(frame.features, d * dim);
        }
      }
    };
  }

  /** `1 - IoU` between the tracks' predicted boxes and the detections (deep_sort's `iou_cost`). */
  private iouCost(frame: Frame): CostFunction {
    return (trackIdx, detIdx, out) => {
      const cols = detIdx.length;
      for (let r = 0; r < trackIdx.length; r++) {
        const t = this.tracksList[trackIdx[r]];
        if (t.timeSinceUpdate > 1) {
          out.fill(GATED_COST, r * cols, (r + 1) * cols);
          continue;
        }
        const box = toTlwh(t.mean);
        for (let j = 0; j < cols; j++) out[r * cols + j] = 1 - iouTlwh(box, frame.tlwh, detIdx[j]);
      }
    };
  }

  private updateTrack(t: Track, frame: Frame, di: number, detections: Detections): void {
    kalman.update(t.mean, t.covariance, t.proj, t.chol, frame.xyah, 4 * di);
    // A confirmed track's feature would reach its gallery at this frame's partial_fit, and galleries are
    // only read in the next frame's matching: adding it now is the same and saves a copy.
    if (t.gallery) t.gallery.add(frame.features, di * this.featureDim!);
    else t.pending.push(this.featureOf(frame, di));
    t.hits++;
    t.timeSinceUpdate = 0;
    if (t.state === TENTATIVE && t.hits >= this.nInit) t.state = CONFIRMED;
    t.confidence = detections.confidence[di];
    t.classId = detections.classId[di];
    t.detectionIndex = di;
  }

  private startTrack(frame: Frame, di: number, detections: Detections): void {
    const mean = new Float64Array(8);
    const covariance = new Float64Array(64);
    kalman.initiate(frame.xyah, 4 * di, mean, covariance);
    this.tracksList.push({
      id: this.nextId++,
      mean,
      covariance,
      proj: new Float64Array(4),
      chol: new Float64Array(16),
      hits: 1,
      age: 1,
      timeSinceUpdate: 0,
      state: TENTATIVE,
      pending: [this.featureOf(frame, di)],
      gallery: null,
      confidence: detections.confidence[di],
      classId: detections.classId[di],
      detectionIndex: di,
    });
  }

  private featureOf(frame: Frame, di: number): Float64Array {
    const dim = this.featureDim!;
    return frame.features.slice(di * dim, (di + 1) * dim);
  }

  /**
   * deep_sort's `metric.partial_fit` with the active targets: confirmed tracks move their pending
   * features into their gallery (budget applied); only confirmed tracks keep one.
   */
  private fitGalleries(): void {
    const budget = this.nnBudget ?? Infinity;
    for (const t of this.tracksList) {
      if (t.state !== CONFIRMED) continue;
      t.gallery ??= new AppearanceGallery(this.featureDim!, budget);
      for (const f of t.pending) t.gallery.add(f, 0);
      t.pending = [];
    }
  }

  private output(): Detections {
    const shown = this.tracksList.filter((t) => t.state === CONFIRMED && t.timeSinceUpdate <= 1);
    const n = shown.length;
    const xyxy = new Float32Array(4 * n);
    const confidence = new Float32Array(n);
    const classId = new Int32Array(n);
    const trackerId = new Int32Array(n);
    const detectionIndex = new Int32Array(n);
    shown.forEach((t, i) => {
      xyxy.set(toXyxy(t.mean), 4 * i);
      confidence[i] = t.confidence;
      classId[i] = t.classId;
      trackerId[i] = t.id;
      detectionIndex[i] = t.detectionIndex;
    });
    return Detections.from({ xyxy: collapseInverted(xyxy), confidence, classId, trackerId, data: { detectionIndex } });
  }
}

/** deep_sort's `Track.to_tlwh`: `(cx, cy, aspect, h)` to top-left x, y, width, height. */
function toTlwh(mean: Float64Array): [number, number, number, number] {
  const w = mean[2] * mean[3];
  const h = mean[3];
  return [mean[0] - w / 2, mean[1] - h / 2, w, h];
}

function toXyxy(mean: Float64Array): [number, number, number, number] {
  const [x, y, w, h] = toTlwh(mean);
  return [x, y, x + w, y + h];
}

function checkOption(ok: boolean, name: string, value: unknown, want: string): void {
  if (!ok) throw new FoveaError('E_INVALID_ARGUMENT', `DeepSort option ${name} is ${value}; it must be ${want}.`);
}
