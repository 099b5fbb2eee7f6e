import type { BoxesInput } from '../geometry/boxes.js';
import type { Rle, RleInput } from '../masks/index.js';

/** Any typed array a per-detection `data` column may be stored in. */
export type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array;

/** One column of per-detection extras (class names, keypoint ids, ...): one entry per detection. */
export type DataColumn = readonly unknown[] | TypedArray;

/**
 * What {@link Detections.from} accepts. Typed arrays of the stored type (`Float32Array` boxes,
 * confidences and features, `Int32Array` ids) are adopted without a copy, so do not mutate them
 * afterwards; anything else (`number[]`, `number[][]`, other typed arrays) is copied.
 */
export interface DetectionsInit {
  /** Boxes in pixels, `xyxy` (x1, y1, x2, y2): flat, length 4N, or N rows of 4. */
  xyxy: BoxesInput;
  /** Score per detection, length N. Any finite number (probabilities or logits). */
  confidence: ArrayLike<number>;
  /** Class index per detection, length N, integers in the int32 range. */
  classId: ArrayLike<number>;
  /** Instance mask per detection as COCO RLE, all of one image size. Uncompressed RLE is compressed. */
  masks?: readonly RleInput[];
  /** Track id per detection, length N, integers in the int32 range. */
  trackerId?: ArrayLike<number>;
  /** Appearance feature per detection: N rows of D, or flat N x D with `featureDim`. */
  features?: ArrayLike<number> | ArrayLike<ArrayLike<number>>;
  /** D, the length of one feature. Required when `features` is flat; checked against rows otherwise. */
  featureDim?: number;
  /** Per-detection extras, each column of length N (supervision's `data`). */
  data?: Readonly<Record<string, DataColumn>>;
}

/** One detection, as iteration and {@link Detections.at} yield it (plain values, copies). */
export interface DetectionItem {
  xyxy: [x1: number, y1: number, x2: number, y2: number];
  confidence: number;
  classId: number;
  trackerId?: number;
  mask?: Rle;
  feature?: Float32Array;
  /** This detection's entry of every `data` column. */
  data: Record<string, unknown>;
}

/**
 * One entry of a COCO results file, the list `pycocotools.coco.COCO.loadRes` reads: `bbox` is
 * `[x, y, width, height]` in pixels, `segmentation` a compressed RLE.
 */
export interface CocoResult {
  image_id: number;
  category_id: number;
  bbox: [x: number, y: number, w: number, h: number];
  score: number;
  segmentation?: Rle;
}

/** Maps a class index to a COCO category id: a table indexed by class id, or a function. */
export type CategoryIds = ArrayLike<number> | ((classId: number) => number);
