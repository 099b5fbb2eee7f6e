import { Detections, check } from '@fovea/core';
import { batchedNms, nms } from './nms.js';
import type { NmsOptions } from './validate.js';

/** Options of {@link nmsDetections}. */
export interface NmsDetectionsOptions extends NmsOptions {
  /** Suppress across classes (plain {@link nms}) instead of within each class. Default false. */
  classAgnostic?: boolean;
}

/**
 * NMS over a {@link Detections}: {@link batchedNms} on `xyxy`, `confidence` and `classId` (or
 * {@link nms} when `classAgnostic`), supervision's `Detections.with_nms`. Every field (masks,
 * tracker ids, features, data) follows the kept detections.
 *
 * @returns The kept detections by decreasing confidence, ties by original order.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a NaN threshold or a bad option.
 */
export function nmsDetections(detections: Detections, iouThreshold: number, options: NmsDetectionsOptions = {}): Detections {
  check(detections instanceof Detections, 'nmsDetections: the first argument is not a Detections; build one with Detections.from.');
  const { classAgnostic = false, ...rest } = options ?? {};
  const keep = classAgnostic
    ? nms(detections.xyxy, detections.confidence, iouThreshold, rest)
    : batchedNms(detections.xyxy, detections.confidence, detections.classId, iouThreshold, rest);
  return detections.select(keep);
}
