import { check } from '../errors.js';
import { Detections } from '../detections/index.js';

/** A point `[x, y]` in pixels. */
export type Point = [x: number, y: number];

/** Where on its box a track's trail point is taken. */
export type TrailAnchor = 'center' | 'bottomCenter';

export interface TrackTrailsOptions {
  /**
   * How many successive `update` calls (frames) a point stays in a trail. Default 30. A track not
   * seen for this many frames has no points left and is forgotten.
   */
  maxLength?: number;
  /** `'center'` (default) or `'bottomCenter'` of the box, where people and cars touch the ground. */
  anchor?: TrailAnchor;
}

/**
 * Accumulates the path of every track across frames for {@link annotate}'s `trackTrails`, as
 * supervision's `TraceAnnotator` does: call `update` once per frame with the tracker's output.
 * Points older than `maxLength` frames drop off, so a lost track's trail fades out.
 *
 * ```ts
 * const trails = new TrackTrails({ maxLength: 50 });
 * for (const frame of frames) {
 *   const tracked = tracker.update(detect(frame));
 *   trails.update(tracked);
 *   annotate(frame, tracked, { trackTrails: trails, colorBy: 'track' });
 * }
 * ```
 */
export class TrackTrails {
  readonly maxLength: number;
  readonly anchor: TrailAnchor;
  private frame = 0;
  private readonly tracks = new Map<number, { frames: number[]; points: Point[] }>();

  /** @throws FoveaError `E_INVALID_ARGUMENT` unless `maxLength` is a positive integer and `anchor` is known. */
  constructor(options: TrackTrailsOptions = {}) {
    const { maxLength = 30, anchor = 'center' } = options;
    check(Number.isInteger(maxLength) && maxLength > 0, `TrackTrails: maxLength is ${maxLength}; expected a positive integer (frames).`);
    check(anchor === 'center' || anchor === 'bottomCenter', `TrackTrails: anchor is '${anchor}'; expected 'center' or 'bottomCenter'.`);
    this.maxLength = maxLength;
    this.anchor = anchor;
  }

  /**
   * Adds this frame's anchor point of every tracked detection, then drops points older than
   * `maxLength` frames. Detections without `trackerId` only advance the frame count.
   *
   * @returns this, for chaining.
   * @throws FoveaError `E_INVALID_ARGUMENT` unless `detections` is a Detections.
   */
  update(detections: Detections): this {
    check(detections instanceof Detections, 'TrackTrails.update: expected a Detections; build one with Detections.from.');
    const frame = ++this.frame;
    const { xyxy, trackerId } = detections;
    if (trackerId) {
      for (let i = 0; i < trackerId.length; i++) {
        const x = (xyxy[4 * i] + xyxy[4 * i + 2]) / 2;
        const y = this.anchor === 'center' ? (xyxy[4 * i + 1] + xyxy[4 * i + 3]) / 2 : xyxy[4 * i + 3];
        let track = this.tracks.get(trackerId[i]);
        if (!track) this.tracks.set(trackerId[i], (track = { frames: [], points: [] }));
        track.frames.push(frame);
        track.points.push([x, y]);
      }
    }
    for (const [id, track] of this.tracks) {
      let old = 0;
      while (old < track.frames.length && track.frames[old] <= frame - this.maxLength) old++;
      if (old === track.frames.length) this.tracks.delete(id);
      else if (old > 0) {
        track.frames.splice(0, old);
        track.points.splice(0, old);
      }
    }
    return this;
  }

  /** The trail of `trackId`, oldest point first (a copy), or an empty array. */
  get(trackId: number): Point[] {
    return (this.tracks.get(trackId)?.points ?? []).map(([x, y]) => [x, y]);
  }

  /** All trails by track id, oldest point first (copies). */
  toMap(): Map<number, Point[]> {
    return new Map([...this.tracks.keys()].map((id) => [id, this.get(id)]));
  }

  /** Number of tracks with a trail. */
  get size(): number {
    return this.tracks.size;
  }

  /** Forgets every trail and the frame count. */
  reset(): void {
    this.tracks.clear();
    this.frame = 0;
  }
}
