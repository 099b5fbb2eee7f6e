import { FoveaError, check } from '../errors.js';
import type { Rle } from '../masks/index.js';
import { cocoToInit, fieldsToCoco, type CocoResultInput } from './coco.js';
import { concatColumns, concatTyped, gatherColumn, gatherRows } from './columns.js';
import type { CategoryIds, CocoResult, DataColumn, DetectionItem, DetectionsInit } from './types.js';
import { toInt32, validate, type Fields } from './validate.js';

/**
 * The detections of one image: the one type detectors return and NMS, segmentation, trackers,
 * annotators and evaluation take and return (supervision's `sv.Detections`).
 *
 * N detections are stored column-wise in typed arrays, named as in supervision, camelCased:
 *
 * | Fovea        | supervision  | storage                                                        |
 * | ------------ | ------------ | -------------------------------------------------------------- |
 * | `xyxy`       | `xyxy`       | `Float32Array` 4N: x1, y1, x2, y2 in pixels, x2 >= x1, y2 >= y1 |
 * | `confidence` | `confidence` | `Float32Array` N (required here, optional in supervision)      |
 * | `classId`    | `class_id`   | `Int32Array` N (required here, optional in supervision)        |
 * | `masks`      | `mask`       | COCO RLE per detection, not an (N, H, W) bool array            |
 * | `trackerId`  | `tracker_id` | `Int32Array` N                                                 |
 * | `features`   | —            | `Float32Array` N x `featureDim`, appearance embeddings (deep_sort) |
 * | `data`       | `data`       | per-detection columns, e.g. `data.className` for `class_name`   |
 *
 * Instances are immutable: every method returns a new `Detections` and never changes this one.
 * Instances may share arrays, so treat the typed arrays as read-only. An empty Detections (N = 0) is valid input to every method. Optional
 * fields are either present for all detections or absent.
 */
export class Detections implements Iterable<DetectionItem> {
  /** Boxes, `xyxy`, flat Float32Array of 4N, pixels. */
  readonly xyxy: Float32Array;
  /** Score per detection, Float32Array of N. */
  readonly confidence: Float32Array;
  /** Class index per detection, Int32Array of N. */
  readonly classId: Int32Array;
  /** COCO RLE mask per detection (all of one image size), or undefined. */
  readonly masks?: readonly Rle[];
  /** Track id per detection, Int32Array of N, or undefined. */
  readonly trackerId?: Int32Array;
  /** Appearance features, Float32Array of N x `featureDim` row-major, or undefined. */
  readonly features?: Float32Array;
  /** D, the length of one feature; undefined without features. */
  readonly featureDim?: number;
  /** Per-detection extras: each column has N entries. */
  readonly data: Readonly<Record<string, DataColumn>>;

  private constructor(f: Fields) {
    this.xyxy = f.xyxy;
    this.confidence = f.confidence;
    this.classId = f.classId;
    if (f.masks) this.masks = Object.freeze(f.masks.slice());
    if (f.trackerId) this.trackerId = f.trackerId;
    if (f.features) {
      this.features = f.features;
      this.featureDim = f.featureDim;
    }
    this.data = Object.freeze({ ...f.data });
    Object.freeze(this);
  }

  /**
   * Builds Detections from plain arrays or typed arrays, validating them (see {@link DetectionsInit}).
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` naming the field and index when lengths disagree, a
   *   box or score is NaN or infinite, a box is inverted (x2 < x1 or y2 < y1), a class or tracker
   *   id is not an int32 integer, masks differ in size; `E_INVALID_RLE` for a malformed mask.
   */
  static from(init: DetectionsInit): Detections {
    return new Detections(validate(init));
  }

  /** No detections (and no optional fields). */
  static empty(): Detections {
    return new Detections({
      xyxy: new Float32Array(0),
      confidence: new Float32Array(0),
      classId: new Int32Array(0),
      data: {},
    });
  }

  /**
   * Joins detections end to end, in list order (supervision's `Detections.merge`). Empty members
   * are skipped, as supervision does, so `concat([d, Detections.empty()])` works whatever `d`
   * holds. An optional field (`masks`, `trackerId`, `features`, each `data` key) must be present
   * in every non-empty member or in none.
   *
   * @returns A new Detections; `Detections.empty()` for an empty list, the first member if all are empty.
   * @throws FoveaError `E_INVALID_ARGUMENT` if members disagree on optional fields, feature
   *   length or mask size.
   */
  static concat(list: readonly Detections[]): Detections {
    check(Array.isArray(list), `Detections.concat got ${list}; expected an array of Detections.`);
    list.forEach((d, i) => check(d instanceof Detections, `list[${i}] is not a Detections; build it with Detections.from.`));
    const parts = list.filter((d) => d.length > 0);
    if (parts.length === 0) return list[0] ?? Detections.empty();
    const first = parts[0];
    const whichFirst = list.indexOf(first);
    const same = (field: string, has: (d: Detections) => boolean) => {
      for (const d of parts) {
        if (has(d) !== has(first)) {
          const msg = `Detections.concat: list[${list.indexOf(d)}] ${has(d) ? 'has' : 'lacks'} ${field} but list[${whichFirst}] does not; give ${field} to all non-empty members or to none.`;
          throw new FoveaError('E_INVALID_ARGUMENT', msg);
        }
      }
    };
    same('masks', (d) => d.masks !== undefined);
    same('trackerId', (d) => d.trackerId !== undefined);
    same('features', (d) => d.features !== undefined);
    const keys = new Set(parts.flatMap((d) => Object.keys(d.data)));
    for (const key of keys) same(`data.${key}`, (d) => key in d.data);
    for (const d of parts) {
      check(
        d.featureDim === first.featureDim,
        `Detections.concat: list[${list.indexOf(d)}] has featureDim ${d.featureDim} but list[${whichFirst}] has ${first.featureDim}; features must have one length.`,
      );
      const [h, w] = d.masks?.[0].size ?? [0, 0];
      const [h0, w0] = first.masks?.[0].size ?? [0, 0];
      check(
        h === h0 && w === w0,
        `Detections.concat: list[${list.indexOf(d)}] has masks of size [${h}, ${w}] but list[${whichFirst}] has [${h0}, ${w0}]; concatenate detections of one image size.`,
      );
    }
    const fields: Fields = {
      xyxy: concatTyped(parts.map((d) => d.xyxy)),
      confidence: concatTyped(parts.map((d) => d.confidence)),
      classId: concatTyped(parts.map((d) => d.classId)),
      data: Object.fromEntries([...keys].map((k) => [k, concatColumns(parts.map((d) => d.data[k]))])),
    };
    if (first.masks) fields.masks = parts.flatMap((d) => d.masks!);
    if (first.trackerId) fields.trackerId = concatTyped(parts.map((d) => d.trackerId!));
    if (first.features) {
      fields.features = concatTyped(parts.map((d) => d.features!));
      fields.featureDim = first.featureDim;
    }
    return new Detections(fields);
  }

  /**
   * Reads COCO results (the list `pycocotools` `COCO.loadRes` takes) back into Detections:
   * `bbox` `[x, y, w, h]` becomes `xyxy`, `score` becomes `confidence`, `segmentation` (RLE)
   * becomes `masks`. The inverse of {@link toCocoResults}.
   *
   * @param imageId Keep only results of this image (all results when omitted), in their order.
   * @param options.categoryIds The table given to {@link toCocoResults}: `classId` is the index of
   *   `category_id` in it (the first, if repeated). Without it `classId = category_id`.
   * @throws FoveaError `E_INVALID_ARGUMENT` for a malformed result, a category missing from
   *   `categoryIds`, a polygon segmentation, or masks on some results but not others.
   */
  static fromCocoResults(
    results: readonly CocoResultInput[],
    imageId?: number,
    options: { categoryIds?: ArrayLike<number> } = {},
  ): Detections {
    return Detections.from(cocoToInit(results, imageId, options.categoryIds));
  }

  /** N, the number of detections. */
  get length(): number {
    return this.confidence.length;
  }

  /**
   * Detection `i` as a plain object (copies, safe to keep).
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` unless `0 <= i < length`.
   */
  at(i: number): DetectionItem {
    check(Number.isInteger(i) && i >= 0 && i < this.length, `index ${i} is out of range; this Detections has ${this.length}.`);
    const b = this.xyxy;
    const item: DetectionItem = {
      xyxy: [b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]],
      confidence: this.confidence[i],
      classId: this.classId[i],
      data: {},
    };
    if (this.trackerId) item.trackerId = this.trackerId[i];
    if (this.masks) item.mask = { size: [this.masks[i].size[0], this.masks[i].size[1]], counts: this.masks[i].counts };
    if (this.features) item.feature = this.features.slice(i * this.featureDim!, (i + 1) * this.featureDim!);
    for (const [key, column] of Object.entries(this.data)) item.data[key] = column[i];
    return item;
  }

  /** Yields every detection in order, as {@link at} returns it. */
  *[Symbol.iterator](): IterableIterator<DetectionItem> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /**
   * The detections at `indices`, in that order; an index may repeat (numpy fancy indexing, as
   * `detections[indices]` in supervision).
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` for an index that is not an integer in `[0, length)`.
   */
  select(indices: ArrayLike<number>): Detections {
    check(indices != null && typeof indices.length === 'number', `indices is ${indices}; expected an array of integers.`);
    for (let j = 0; j < indices.length; j++) {
      const i = indices[j];
      check(
        Number.isInteger(i) && i >= 0 && i < this.length,
        `indices[${j}] is ${i}; indices must be integers in [0, ${this.length}).`,
      );
    }
    const f: Fields = {
      xyxy: gatherRows(this.xyxy, indices, 4),
      confidence: gatherRows(this.confidence, indices),
      classId: gatherRows(this.classId, indices),
      data: Object.fromEntries(Object.entries(this.data).map(([k, c]) => [k, gatherColumn(c, indices)])),
    };
    if (this.masks) f.masks = Array.from(indices, (i) => this.masks![i]);
    if (this.trackerId) f.trackerId = gatherRows(this.trackerId, indices);
    if (this.features) {
      f.features = gatherRows(this.features, indices, this.featureDim);
      f.featureDim = this.featureDim;
    }
    return new Detections(f);
  }

  /**
   * The detections where `keep` holds, in order: a boolean per detection (supervision's
   * `detections[mask]`) or a predicate over {@link DetectionItem}s.
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` if a boolean mask has the wrong length.
   */
  filter(keep: ArrayLike<boolean | number> | ((d: DetectionItem, index: number) => boolean)): Detections {
    const kept: number[] = [];
    if (typeof keep === 'function') {
      for (let i = 0; i < this.length; i++) if (keep(this.at(i), i)) kept.push(i);
    } else {
      check(
        keep != null && keep.length === this.length,
        `filter mask has ${keep?.length} entries but there are ${this.length} detections; give one boolean per detection.`,
      );
      for (let i = 0; i < this.length; i++) if (keep[i]) kept.push(i);
    }
    return this.select(kept);
  }

  /** Detections `start` to `end` (exclusive), with `Array.prototype.slice` semantics (negatives count from the end). */
  slice(start?: number, end?: number): Detections {
    const n = this.length;
    const clamp = (v: number) => (v < 0 ? Math.max(n + v, 0) : Math.min(v, n));
    const from = start === undefined ? 0 : clamp(Math.trunc(start) || 0);
    const to = end === undefined ? n : clamp(Math.trunc(end) || 0);
    const indices: number[] = [];
    for (let i = from; i < to; i++) indices.push(i);
    return this.select(indices);
  }

  /** Sorted by decreasing `confidence`; the sort is stable, so equal scores keep their order. */
  sortByScore(): Detections {
    const order = Array.from({ length: this.length }, (_, i) => i);
    const c = this.confidence;
    order.sort((a, b) => c[b] - c[a]);
    return this.select(order);
  }

  /**
   * The same detections with track ids set (replacing any there were); what a tracker returns.
   *
   * @throws FoveaError `E_INVALID_ARGUMENT` unless there is one int32 integer per detection.
   */
  withTrackerIds(ids: ArrayLike<number>): Detections {
    const trackerId = toInt32(ids, this.length, 'trackerId');
    const { xyxy, confidence, classId, masks, features, featureDim, data } = this;
    return new Detections({
      xyxy, confidence, classId, masks, features, featureDim, data, trackerId,
    });
  }

  /**
   * The detections as COCO results, the list `pycocotools` `COCO.loadRes` reads and
   * `evaluateCoco` takes: `bbox` is `[x, y, w, h]` (float32 values widened to numbers),
   * `score` the confidence, `segmentation` the RLE when masks are present.
   *
   * @param imageId The COCO `image_id` of every result (an integer).
   * @param options.categoryIds `category_id` per class: a table indexed by `classId` (for
   *   example the 80 contiguous COCO classes to their 91-id categories) or a function. Without
   *   it `category_id = classId`.
   * @throws FoveaError `E_INVALID_ARGUMENT` if `imageId` is not an integer or a class has no category.
   */
  toCocoResults(imageId: number, options: { categoryIds?: CategoryIds } = {}): CocoResult[] {
    return fieldsToCoco(this, imageId, options.categoryIds);
  }
}
