import { check, shapesVideo, type ShapesVideo, type ShapesVideoOptions } from '@fovea/core';

/** Which synthetic sequences re-ID training or evaluation reads. */
export interface ReidVideoOptions {
  /**
   * `shapesVideo` options (sequence i uses seed `video.seed + i`), or the videos themselves.
   * Default `{ imageSize: 128, frames: 60, objects: 6 }`, seed 0.
   */
  video?: ShapesVideoOptions | readonly ShapesVideo[];
  /** Sequences to generate when `video` is options. Default 8. */
  sequences?: number;
  /**
   * Keep an object's box in a frame only when at least this fraction of the object is visible
   * (occlusion and image border both count). Default 0.5: heavily occluded crops show another object.
   */
  minVisibility?: number;
}

/** The labelled boxes of one frame. */
export interface ReidFrame {
  /** Index of the sequence in the list, and the frame in it. */
  sequence: number;
  frame: number;
  image: { data: Uint8Array; height: number; width: number; channels: 3 };
  /** Flat `xyxy`, 4N. */
  boxes: Float32Array;
  /** Identity of each box, unique over all sequences: `0 .. identities - 1`, numbered by first sight. */
  labels: Int32Array;
}

/** Labelled crops of synthetic sequences, identities numbered over all of them. */
export interface ReidSamples {
  frames: ReidFrame[];
  /** Number of distinct identities (ground-truth tracks) with at least one kept box. */
  identities: number;
  /** Number of boxes over all frames. */
  boxes: number;
}

/** The videos `options` name. */
export function reidVideos(options: ReidVideoOptions): ShapesVideo[] {
  const { video = {}, sequences = 8 } = options;
  if (Array.isArray(video)) {
    check(video.length > 0 && video.every((v) => typeof v?.frame === 'function'), 'video is an empty list or holds something other than shapesVideo results; give shapesVideo options or videos.');
    return [...video];
  }
  check(Number.isInteger(sequences) && sequences >= 1, `sequences is ${sequences}; give a positive integer such as 8.`);
  const o = video as ShapesVideoOptions;
  const base = { imageSize: 128, frames: 60, objects: 6, ...o };
  const seed = o.seed ?? 0;
  return Array.from({ length: sequences }, (_, i) => shapesVideo({ ...base, seed: seed + i }));
}

/**
 * Renders every frame of the sequences and keeps the ground-truth boxes visible enough, labelled by
 * identity (a ground-truth track of one sequence).
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for bad options or when no box is kept.
 */
export function reidSamples(options: ReidVideoOptions): ReidSamples {
  const { minVisibility = 0.5 } = options;
  check(Number.isFinite(minVisibility) && minVisibility >= 0 && minVisibility <= 1, `minVisibility is ${minVisibility}; give a fraction from 0 to 1.`);
  const videos = reidVideos(options);
  const ids = new Map<string, number>();
  const frames: ReidFrame[] = [];
  let count = 0;
  videos.forEach((video, sequence) => {
    for (let t = 0; t < video.length; t++) {
      const f = video.frame(t);
      const d = f.detections;
      const visibility = d.data.visibility as Float32Array | undefined;
      const keep: number[] = [];
      for (let i = 0; i < d.length; i++) if ((visibility?.[i] ?? 1) >= minVisibility) keep.push(i);
      if (keep.length === 0) continue;
      const boxes = new Float32Array(4 * keep.length);
      const labels = new Int32Array(keep.length);
      keep.forEach((i, k) => {
        boxes.set(d.xyxy.subarray(4 * i, 4 * i + 4), 4 * k);
        const key = `${sequence}:${d.trackerId![i]}`;
        if (!ids.has(key)) ids.set(key, ids.size);
        labels[k] = ids.get(key)!;
      });
      frames.push({ sequence, frame: t, image: { data: f.image, height: f.height, width: f.width, channels: 3 }, boxes, labels });
      count += keep.length;
    }
  });
  check(count > 0, `no box has visibility >= ${minVisibility}; lower minVisibility or use more frames or objects.`);
  return { frames, identities: ids.size, boxes: count };
}
