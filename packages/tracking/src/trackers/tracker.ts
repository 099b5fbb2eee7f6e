import type { Detections } from '@fovea/core';

/**
 * A multi-object tracker: feed it each frame's detections in order, get back the tracked ones with
 * `trackerId` set (supervision's tracker contract).
 */
export interface Tracker {
  /**
   * Advances the tracker by one frame.
   *
   * @param detections - This frame's detections (`xyxy` in pixels); may be empty.
   * @returns The tracks the tracker reports for this frame, with `trackerId`; which tracks, and whether
   *   their boxes are the detections' or the filter's, is stated by each tracker.
   */
  update(detections: Detections): Detections;
  /** Forgets every track and restarts ids at 1. */
  reset(): void;
}
