import type { RleInput } from '@fovea/core';

/** One entry of a COCO dataset's `images`. `height` and `width` (pixels) are needed to rasterise polygons. */
export interface CocoImage {
  id: number;
  height?: number;
  width?: number;
  file_name?: string;
  [key: string]: unknown;
}

/** One entry of a COCO dataset's `categories`. */
export interface CocoCategory {
  id: number;
  name?: string;
  supercategory?: string;
  [key: string]: unknown;
}

/** A COCO `segmentation`: polygons (flat `[x0, y0, x1, y1, ...]` lists, one per part) or an RLE of either form. */
export type CocoSegmentation = number[][] | RleInput;

/**
 * One entry of a COCO dataset's `annotations`. COCOeval reads `area` (pixels), not the box or mask, to
 * decide an object's area range, so evaluation needs it; `iscrowd` defaults to 0.
 */
export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** `[x, y, width, height]` in pixels. */
  bbox?: number[];
  area?: number;
  iscrowd?: number | boolean;
  /** Read but, as in pycocotools, replaced by `iscrowd` for evaluation. */
  ignore?: number | boolean;
  segmentation?: CocoSegmentation;
  /** Present when the dataset holds detections (a results file loaded as a dataset). */
  score?: number;
  [key: string]: unknown;
}

/** A COCO dataset (`instances_*.json`): what `pycocotools.coco.COCO` reads. */
export interface CocoDataset {
  images: CocoImage[];
  annotations: CocoAnnotation[];
  categories: CocoCategory[];
  info?: unknown;
  licenses?: unknown;
  [key: string]: unknown;
}

/**
 * One entry of a COCO results file, as `COCO.loadRes` reads it: `bbox` `[x, y, width, height]` in pixels
 * and/or `segmentation` (an RLE). Like pycocotools, the first entry decides the format: if it has a
 * non-empty `bbox`, every entry needs one (area = width * height); otherwise every entry needs an RLE
 * `segmentation` (area = its pixel count, box = its tight box).
 */
export interface CocoResultLike {
  image_id: number;
  category_id: number;
  score: number;
  bbox?: ArrayLike<number>;
  segmentation?: CocoSegmentation;
  [key: string]: unknown;
}

/** What {@link evaluateCoco} compares with: `'bbox'` boxes, `'segm'` masks. */
export type CocoIouType = 'bbox' | 'segm';

/** Options of {@link evaluateCoco}; the defaults are COCOeval's `Params` for detection. */
export interface CocoEvalOptions {
  /** Compare boxes (`'bbox'`) or masks (`'segm'`). Required. */
  iouType: CocoIouType;
  /** IoU thresholds, T <= 32 values; default `np.linspace(.5, .95, 10)` as numpy computes it (not decimal literals). */
  iouThrs?: ArrayLike<number>;
  /** Recall thresholds, R values; default `np.linspace(0, 1, 101)`. */
  recThrs?: ArrayLike<number>;
  /** Maximum detections per image and category, sorted ascending as COCOeval does; default `[1, 10, 100]`. */
  maxDets?: readonly number[];
  /** Area ranges `[min, max]` in pixels, inclusive at both ends; default all, small, medium, large. */
  areaRng?: readonly (readonly [number, number])[];
  /** A label per area range (`summary()` and `stats` look up `'all'`, `'small'`, `'medium'`, `'large'`). */
  areaRngLbl?: readonly string[];
  /** Match only within a category (default `true`); `false` pools all categories, as for proposals. */
  useCats?: boolean;
  /** Images to evaluate (default: every image of `gt`); sorted and deduplicated. */
  imgIds?: readonly number[];
  /** Categories to evaluate (default: every category of `gt`); sorted and deduplicated when `useCats`. */
  catIds?: readonly number[];
}

/** The parameters an evaluation ran with, after defaults, sorting and deduplication. */
export interface CocoEvalParams {
  iouType: CocoIouType;
  iouThrs: Float64Array;
  recThrs: Float64Array;
  maxDets: number[];
  areaRng: [number, number][];
  areaRngLbl: string[];
  useCats: boolean;
  imgIds: number[];
  catIds: number[];
}

/** The 12 summary numbers of one category (same order as {@link CocoEvaluation.stats}). */
export interface CocoCategoryStats {
  categoryId: number;
  stats: number[];
}

/**
 * The result of {@link evaluateCoco}: COCOeval's `eval` dictionary and `stats`.
 *
 * Arrays are flat, C order (numpy's layout), with `counts = [T, R, K, A, M]`: T IoU thresholds,
 * R recall thresholds, K categories (1 when `useCats` is false), A area ranges, M max-detection limits.
 */
export interface CocoEvaluation {
  /** AP@[.5:.95], AP50, AP75, AP small/medium/large, AR@1, AR@10, AR@100, AR small/medium/large; -1 if undefined. */
  stats: number[];
  /** `[T, R, K, A, M]`. */
  counts: [T: number, R: number, K: number, A: number, M: number];
  /** Interpolated precision, shape `[T, R, K, A, M]`; -1 where a setting has no (non-ignored) ground truth. */
  precision: Float64Array;
  /** Maximum recall, shape `[T, K, A, M]`; -1 where a setting has no (non-ignored) ground truth. */
  recall: Float64Array;
  /** Score of the detection at each precision point, shape `[T, R, K, A, M]`; -1 like `precision`. */
  scores: Float64Array;
  /** The 12 stats restricted to each category, in `params.catIds` order (one entry `-1` when `useCats` is false). */
  perCategory: CocoCategoryStats[];
  params: CocoEvalParams;
  /** The 12 lines COCOeval.summarize() prints. */
  summary(): string;
}
