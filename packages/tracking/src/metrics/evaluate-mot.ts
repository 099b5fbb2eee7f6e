import { FoveaError, type Detections } from '@fovea/core';
import { motRowsFromDetections, type MotRow } from '../io/mot-challenge.js';
import { iouDistanceMatrix } from './iou-distance.js';
import { MotAccumulator, type MotAccumulatorOptions } from './mot-accumulator.js';
import type { MotMetrics } from './mot-metrics.js';

/** What {@link evaluateMot} reads of a row: frame, id and the 0-based `x, y, width, height` box. */
export type MotBoxRow = Pick<MotRow, 'frame' | 'id' | 'x' | 'y' | 'width' | 'height'>;

/**
 * A sequence: MOT rows (as {@link readMotChallenge} returns them), or one `Detections` per frame with
 * `trackerId` (frame `t + 1` for element `t`; boxes `xyxy`).
 */
export type MotSequence = readonly MotBoxRow[] | readonly Detections[];

/** Options for {@link evaluateMot} and {@link compareToGroundTruth}. */
export interface EvaluateMotOptions {
  /**
   * Pairs with IoU below this cannot match. Default 0.5. Applied as py-motmetrics'
   * `compare_to_groundtruth(gt, hyp, 'iou', distth=1 - iouThreshold)`: a pair is dropped when
   * `1 - IoU > 1 - iouThreshold` (both in float64), so IoU exactly at the threshold matches.
   */
  iouThreshold?: number;
  /** See {@link MotAccumulatorOptions.maxSwitchTime}. Default `Infinity`. */
  maxSwitchTime?: number;
}

/**
 * Runs the frame-by-frame matching of a tracker's output against ground truth, with the semantics of
 * py-motmetrics' `utils.compare_to_groundtruth` with IoU distances: every frame number that appears in `gt`
 * or `hyp` is visited in increasing order (frames in neither are skipped, so they do not interrupt
 * correspondences); within a frame, ids keep their input order; distances are `1 - IoU` of the boxes.
 *
 * @returns The accumulator, for its events or its metrics.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a non-finite frame, id or box value, an id repeated within a
 *   frame (from {@link MotAccumulator.update}), `Detections` without `trackerId`, or an `iouThreshold` outside [0, 1].
 */
export function compareToGroundTruth(gt: MotSequence, hyp: MotSequence, options: EvaluateMotOptions = {}): MotAccumulator {
  const iouThreshold = options.iouThreshold ?? 0.5;
  if (typeof iouThreshold !== 'number' || !(iouThreshold >= 0 && iouThreshold <= 1)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `evaluateMot: iouThreshold is ${String(iouThreshold)}; use a number in [0, 1] such as 0.5.`);
  }
  const maxDistance = 1 - iouThreshold;
  const gtFrames = byFrame(toRows(gt, 'gt'), 'gt');
  const hypFrames = byFrame(toRows(hyp, 'hyp'), 'hyp');
  const frames = [...new Set([...gtFrames.keys(), ...hypFrames.keys()])].sort((a, b) => a - b);
  const acc = new MotAccumulator({ maxSwitchTime: options.maxSwitchTime });
  for (const frame of frames) {
    const g = gtFrames.get(frame) ?? EMPTY;
    const h = hypFrames.get(frame) ?? EMPTY;
    acc.update(g.ids, h.ids, iouDistanceMatrix(g.boxes, h.boxes, maxDistance), frame);
  }
  return acc;
}

/**
 * CLEAR-MOT (MOTA, MOTP, switches, fragmentations, MT/PT/ML) and identity (IDF1, IDP, IDR) metrics of a
 * tracker's output against ground truth, equal to py-motmetrics 1.4.0's for
 * `metrics.create().compute(utils.compare_to_groundtruth(gt, hyp, 'iou', distth=1 - iouThreshold))`.
 *
 * Load MOTChallenge files with {@link readMotChallenge} (ground truth with `minConfidence: 1` to drop rows
 * flagged "ignore"), or pass per-frame `Detections` straight from a tracker. MOTP is a distance (`1 - IoU`,
 * lower is better), as py-motmetrics reports it; MOTChallenge's percentage is `(1 - motp) * 100`.
 *
 * @param gt - Ground truth: rows, or per-frame `Detections` with `trackerId` as object ids.
 * @param hyp - Tracker output, the same way.
 * @returns {@link MotMetrics}; combine several sequences with {@link overallMotMetrics}.
 * @throws FoveaError as {@link compareToGroundTruth}.
 */
export function evaluateMot(gt: MotSequence, hyp: MotSequence, options: EvaluateMotOptions = {}): MotMetrics {
  return compareToGroundTruth(gt, hyp, options).metrics();
}

interface FrameRows {
  ids: number[];
  boxes: number[];
}

const EMPTY: FrameRows = { ids: [], boxes: [] };

function toRows(seq: MotSequence, name: string): readonly MotBoxRow[] {
  if (!Array.isArray(seq)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `evaluateMot: ${name} must be an array of MOT rows or of per-frame Detections.`);
  }
  if (seq.length > 0 && 'xyxy' in seq[0]) {
    try {
      return motRowsFromDetections(seq as readonly Detections[]);
    } catch (e) {
      throw new FoveaError('E_INVALID_ARGUMENT', `evaluateMot: ${name}: ${(e as Error).message}`, { cause: e });
    }
  }
  return seq as readonly MotBoxRow[];
}

function byFrame(rows: readonly MotBoxRow[], name: string): Map<number, FrameRows> {
  const frames = new Map<number, FrameRows>();
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k];
    for (const key of ['frame', 'id', 'x', 'y', 'width', 'height'] as const) {
      if (typeof r?.[key] !== 'number' || !Number.isFinite(r[key])) {
        throw new FoveaError('E_INVALID_ARGUMENT', `evaluateMot: ${name}[${k}].${key} is ${String(r?.[key])}; frame, id, x, y, width and height must be finite numbers.`);
      }
    }
    let f = frames.get(r.frame);
    if (!f) frames.set(r.frame, (f = { ids: [], boxes: [] }));
    f.ids.push(r.id);
    f.boxes.push(r.x, r.y, r.width, r.height);
  }
  return frames;
}
