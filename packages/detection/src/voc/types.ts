import type { BoxesInput, Detections } from '@fovea/core';

/**
 * How AP is read off the precision/recall curve: `'11point'` is VOC2007's mean of the interpolated
 * precision at recall 0, 0.1, ..., 1; `'area'` is VOC2010+'s area under the monotone (interpolated)
 * precision/recall curve.
 */
export type VocApMethod = '11point' | 'area';

/**
 * Which implementation of the VOC protocol to match where they differ:
 *
 * | | `'devkit'` (default) | `'py-faster-rcnn'` |
 * | --- | --- | --- |
 * | source | MATLAB devkit `VOCevaldet.m` / `VOCap.m` | `voc_eval.py` (also Detectron, mmdetection) |
 * | match when | IoU `>=` threshold | IoU `>` threshold |
 * | 11-point thresholds | MATLAB `0:0.1:1` (0.6, 0.7 are the literals) | `np.arange(0, 1.1, 0.1)` (0.6000000000000001, 0.7000000000000001) |
 *
 * The 11-point thresholds only matter when a recall lands exactly on 0.6 or 0.7 (3/5, 7/10, ...).
 */
export type VocVariant = 'devkit' | 'py-faster-rcnn';

/** The ground truth of one image. */
export interface VocGroundTruth {
  /** `xyxy` boxes in pixels: flat `4N` or N rows of 4. */
  boxes: BoxesInput;
  /** Class per box, N integers. */
  classIds: ArrayLike<number>;
  /** Per box, the VOC `difficult` flag (default: none difficult). */
  difficult?: ArrayLike<boolean | number>;
}

/** The detections of one image, as plain arrays (the alternative to a {@link Detections}). */
export interface VocDetectionArrays {
  /** `xyxy` boxes in pixels: flat `4N` or N rows of 4. */
  boxes: BoxesInput;
  /** Confidence per box, N finite numbers. */
  scores: ArrayLike<number>;
  /** Class per box, N integers. */
  classIds: ArrayLike<number>;
}

/** Arguments of {@link vocEval}. */
export interface VocEvalArgs {
  /** One entry per image. */
  groundTruth: readonly VocGroundTruth[];
  /** One entry per image, aligned with `groundTruth` (same length, same order). */
  detections: readonly (Detections | VocDetectionArrays)[];
  /** Minimum IoU for a match; default 0.5 (`VOCopts.minoverlap`). Compared with `>=` or `>` by `variant`. */
  iouThreshold?: number;
  /** Default `'area'` (VOC2010+); `'11point'` for VOC2007. */
  method?: VocApMethod;
  /** Count difficult objects as ordinary positives; default false (they are ignored). */
  useDifficult?: boolean;
  /**
   * Treat coordinates as inclusive pixel indices, so a box spans `x2 - x1 + 1` pixels, as the devkit
   * does; default true. `false` gives the continuous IoU of torchvision and COCO.
   */
  pixelInclusive?: boolean;
  /** Which implementation to match where they differ; default `'devkit'`. */
  variant?: VocVariant;
  /** Classes to evaluate, in this order; default every class in the ground truth or detections, ascending. */
  classIds?: readonly number[];
}

/** The result of one class. */
export interface VocClassResult {
  classId: number;
  /** Average precision; -1 when the class has no positives (no non-ignored ground truth). */
  ap: number;
  /** Recall after each detection of the class, by decreasing score (raw, not interpolated); 0s without positives. */
  recall: Float64Array;
  /** Precision after each detection, `tp / max(tp + fp, eps)` (0 while every detection so far was ignored). */
  precision: Float64Array;
  /** The class's detection scores, decreasing; aligned with `recall` and `precision`. */
  scores: Float64Array;
  /** Non-ignored ground truths of the class (`npos`). */
  nPositives: number;
}

/** The result of {@link vocEval}. */
export interface VocEvaluation {
  /** Mean of `ap` over classes with positives; -1 if none has any. */
  mAP: number;
  /** Per class, in `classIds` order. */
  perClass: VocClassResult[];
  iouThreshold: number;
  method: VocApMethod;
  variant: VocVariant;
}
