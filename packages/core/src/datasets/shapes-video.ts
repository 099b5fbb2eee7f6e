import type { Detections } from '../detections/index.js';
import { check } from '../errors.js';
import { Random, mixSeed } from './random.js';
import { type ShapesCommonOptions, intOption, resolveCommon } from './shapes-options.js';
import { makeShape, type ShapeClass } from './shapes-raster.js';
import { type SceneObject, fullExtent, paint, rasterise, sceneDetections, semanticMap, visibleExtents } from './shapes-scene.js';
import { simulateTracks, type Track } from './shapes-tracks.js';
import { makeBackground } from './shapes-texture.js';

export interface ShapesVideoOptions extends ShapesCommonOptions {
  /** Number of frames. Default 60. */
  frames?: number;
  /** Number of objects (ground-truth tracks) over the whole sequence. Default 6. */
  objects?: number;
  /** `[min, max]` speed in pixels per frame. Default 1% to 2.5% of the shorter side. */
  speedRange?: readonly [min: number, max: number];
  /** Standard deviation of the Gaussian jitter added to every centre, pixels. Default 0.3. */
  jitter?: number;
  /** An object is annotated in a frame when at least this many of its pixels are visible. Default 1. */
  minVisibleArea?: number;
}

/** One frame of a synthetic video with its ground truth. */
export interface ShapesFrame {
  /** H x W x 3 RGB, row-major. */
  image: Uint8Array;
  height: number;
  width: number;
  /**
   * Visible objects, far to near: `xyxy` tight around the visible pixels (x2 = last column + 1),
   * `confidence` 1, `classId`, `trackerId` = ground-truth id (from 1, stable across frames), `masks`
   * (visible pixels, COCO RLE), and `data.visibility` (Float32Array): visible pixels over all the
   * object's pixels, counting both occlusion and the parts outside the image.
   */
  detections: Detections;
  /** H x W row-major: `classId + 1` of the visible object, 0 for background. */
  semantic: Uint8Array;
}

/** Options of {@link ShapesVideo.toMot}. */
export interface ToMotOptions {
  /**
   * `'visible'` (default): one row per annotated object and frame, the box of `frame(t).detections`.
   * `'full'`: the amodal box of the whole shape (as MOT17 annotates: it may extend past the image
   * and covers hidden parts), one row per frame in which the shape's box meets the image, even when
   * nothing of it is visible (visibility 0).
   */
  boxes?: 'visible' | 'full';
}

/** What {@link shapesVideo} returns. */
export interface ShapesVideo {
  /** Number of frames. */
  readonly length: number;
  readonly height: number;
  readonly width: number;
  readonly classes: readonly ShapeClass[];
  /** Frame `t` (0-based), rendered on demand from (seed, t). */
  frame(t: number): ShapesFrame;
  /**
   * The ground truth as a MOTChallenge `gt.txt`: lines `frame,id,bb_left,bb_top,bb_width,bb_height,
   * conf,class,visibility`, sorted by frame then id, each ending in a newline. `frame` is 1-based
   * (`t + 1`); `bb_left`/`bb_top` are 1-based pixel columns/rows (the top-left pixel is (1, 1)), so
   * `bb_left = x1 + 1`, `bb_width = x2 - x1` for a box of `frame(t).detections`; py-motmetrics'
   * `load_motchallenge` subtracts the 1 again. `conf` is 1, `class` is `classId + 1`, visibility is
   * in [0, 1] to six decimals.
   *
   * Note: MOTChallenge's own evaluation (and TrackEval) keeps only class 1 (pedestrian) and treats
   * some other classes as distractors; to evaluate such a file with them, use one class.
   */
  toMot(options?: ToMotOptions): string;
}

/** A shape of a track at frame f. */
function shapeAt(t: Track, f: number) {
  return makeShape(t.kind, t.cx[f], t.cy[f], t.r, t.angle0 + t.spin * f, t.aspect);
}

/**
 * Synthetic multi-object tracking sequences: shapes (as in {@link shapesDataset}) moving at
 * constant velocity with a little jitter over a static textured background, bouncing off the
 * borders or leaving through them, entering mid-sequence, crossing and occluding one another in a
 * fixed depth order. Every frame carries ground-truth track ids, masks and visibility, and
 * {@link ShapesVideo.toMot} writes the MOTChallenge ground truth.
 *
 * With at least 2 objects, objects 1 and 2 meet mid-sequence (one hides part of the other); with
 * at least 3, object 3 enters through a border after the first frame; with at least 4, object 4
 * leaves through a border by 60% of the sequence. The rest wander.
 *
 * Trajectories are computed up front from the seed; frames are rendered lazily and
 * deterministically from (seed, t), in any order.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad option (see also {@link shapesDataset}).
 */
export function shapesVideo(options: ShapesVideoOptions = {}): ShapesVideo {
  const { seed, h, w, classes, noise, sizeRange } = resolveCommon(options, 'shapesVideo', [0.1, 0.3]);
  const frames = intOption(options.frames, 60, 'shapesVideo: frames', 1);
  const count = intOption(options.objects, 6, 'shapesVideo: objects');
  check(count < 65535, `shapesVideo: objects is ${count}; use fewer than 65535 objects.`);
  const side = Math.min(h, w);
  const speedRange = options.speedRange ?? [0.01 * side, 0.025 * side];
  check(
    Array.isArray(speedRange) && speedRange.length === 2 && speedRange.every(Number.isFinite) && speedRange[0] >= 0 && speedRange[1] >= speedRange[0],
    `shapesVideo: speedRange is ${JSON.stringify(options.speedRange)}; expected [min, max] pixels per frame with 0 <= min <= max.`,
  );
  const jitter = options.jitter ?? 0.3;
  check(Number.isFinite(jitter) && jitter >= 0, `shapesVideo: jitter is ${options.jitter}; it must be a standard deviation >= 0 in pixels.`);
  const minVisibleArea = intOption(options.minVisibleArea, 1, 'shapesVideo: minVisibleArea', 1);

  const tracks = simulateTracks(new Random(mixSeed(seed, -1)), {
    frames, count, h, w, classes, sizeRange, jitter, speedRange: [speedRange[0], speedRange[1]],
  });
  const drawOrder = [...tracks].sort((a, b) => a.depth - b.depth);
  let background: Float32Array | undefined;

  /** The tracks whose box meets the image at frame f, far to near, with their shapes. */
  function scene(f: number): { present: Track[]; objects: SceneObject[] } {
    const present: Track[] = [];
    const objects: SceneObject[] = [];
    for (const t of drawOrder) {
      if (f < t.start) continue;
      const [cx, cy, r] = [t.cx[f], t.cy[f], t.r];
      if (cx + r <= 0 || cy + r <= 0 || cx - r >= w || cy - r >= h) continue;
      present.push(t);
      objects.push({ shape: shapeAt(t, f), classId: t.classId, color: t.color, light: t.light });
    }
    return { present, objects };
  }

  function checkFrame(f: number, fn: string): void {
    check(Number.isInteger(f) && f >= 0 && f < frames, `shapesVideo.${fn}(${f}): frame out of range; the video has frames 0 to ${frames - 1}.`);
  }

  function render(f: number, withImage: boolean) {
    const { present, objects } = scene(f);
    const owner = rasterise(objects, h, w);
    const { area, boxes } = visibleExtents(owner, h, w, objects.length);
    const full = objects.map((o) => fullExtent(o.shape));
    const which = objects.map((_, k) => k).filter((k) => area[k] >= minVisibleArea);
    const visibility = objects.map((_, k) => (full[k].area > 0 ? area[k] / full[k].area : 0));
    let image: Uint8Array | undefined;
    if (withImage) {
      background ??= makeBackground(new Random(mixSeed(seed, -2)), h, w);
      image = paint(background, objects, owner, h, w, noise, new Random(mixSeed(seed, f)));
    }
    return { present, owner, objects, boxes, full, which, visibility, image };
  }

  function frame(f: number): ShapesFrame {
    checkFrame(f, 'frame');
    const { present, owner, objects, boxes, which, visibility, image } = render(f, true);
    const detections = sceneDetections(owner, h, w, objects, which, boxes, {
      trackerId: which.map((k) => present[k].id),
      data: { visibility: Float32Array.from(which, (k) => visibility[k]) },
    });
    return { image: image!, height: h, width: w, detections, semantic: semanticMap(owner, objects) };
  }

  function toMot(o: ToMotOptions = {}): string {
    const mode = o.boxes ?? 'visible';
    check(mode === 'visible' || mode === 'full', `shapesVideo.toMot: boxes is '${o.boxes}'; use 'visible' or 'full'.`);
    const lines: string[] = [];
    for (let f = 0; f < frames; f++) {
      const r = render(f, false);
      const rows = mode === 'visible' ? r.which : r.objects.map((_, k) => k);
      const byId = [...rows].sort((a, b) => r.present[a].id - r.present[b].id);
      for (const k of byId) {
        const b = mode === 'visible' ? Array.from(r.boxes.subarray(4 * k, 4 * k + 4)) : r.full[k].box;
        if (mode === 'full' && (b[2] <= 0 || b[3] <= 0 || b[0] >= w || b[1] >= h)) continue;
        const vis = Math.round(r.visibility[k] * 1e6) / 1e6;
        const t = r.present[k];
        lines.push(`${f + 1},${t.id},${b[0] + 1},${b[1] + 1},${b[2] - b[0]},${b[3] - b[1]},1,${t.classId + 1},${vis}\n`);
      }
    }
    return lines.join('');
  }

  return { length: frames, height: h, width: w, classes, frame, toMot };
}
