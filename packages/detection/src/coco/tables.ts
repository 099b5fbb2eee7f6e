import { rleArea, rleToBbox, type RleInput } from '@fovea/core';
import type { CocoAnnotation, CocoDataset, CocoEvalParams, CocoResultLike } from './types.js';
import { formatError } from './validate.js';

/** Integer id -> position, dense when the ids are compact (the usual case), else a Map. */
export class IdIndex {
  private readonly dense: Int32Array | null;
  private readonly min: number;
  private readonly map: Map<number, number> | null;

  constructor(ids: readonly number[]) {
    let min = Infinity;
    let max = -Infinity;
    for (const id of ids) {
      if (id < min) min = id;
      if (id > max) max = id;
    }
    this.min = min;
    if (ids.length > 0 && max - min < 8 * ids.length + 1024) {
      this.dense = new Int32Array(max - min + 1).fill(-1);
      ids.forEach((id, i) => (this.dense![id - min] = i));
      this.map = null;
    } else {
      this.dense = null;
      this.map = new Map(ids.map((id, i) => [id, i]));
    }
  }

  /** Position of `id`, or -1. */
  get(id: number): number {
    if (this.dense !== null) {
      const j = id - this.min;
      return j >= 0 && j < this.dense.length ? this.dense[j] : -1;
    }
    return this.map!.get(id) ?? -1;
  }
}

/**
 * Annotations selected for evaluation, one column per field (no per-object work in the hot path).
 * `img` and `cat` index `params.imgIds` and `params.catIds`; `src` indexes the input list.
 */
export interface AnnTable {
  n: number;
  img: Int32Array;
  cat: Int32Array;
  id: Float64Array;
  area: Float64Array;
  /** `[x, y, w, h]` per row (bbox evaluation only). */
  box: Float64Array;
  src: Int32Array;
  /** Ground truth: `iscrowd` as 0/1. Detections: unused. */
  crowd: Uint8Array;
  /** Detections: score. Ground truth: unused. */
  score: Float64Array;
}

function table(n: number, withBox: boolean): AnnTable {
  return {
    n: 0,
    img: new Int32Array(n),
    cat: new Int32Array(n),
    id: new Float64Array(n),
    area: new Float64Array(n),
    box: new Float64Array(withBox ? 4 * n : 0),
    src: new Int32Array(n),
    crowd: new Uint8Array(n),
    score: new Float64Array(n),
  };
}

/** Lookups shared by the ground-truth and detection tables. */
export interface Lookups {
  /** Position in `params.imgIds`, or -1. */
  img: IdIndex;
  /** Position in `params.catIds`, or -1. */
  cat: IdIndex;
  /** Every image and category id of the ground truth (a detection must use one of them). */
  gtImg: IdIndex;
  gtCat: IdIndex;
}

export function lookups(gt: CocoDataset, p: CocoEvalParams): Lookups {
  return {
    img: new IdIndex(p.imgIds),
    cat: new IdIndex(p.catIds),
    gtImg: new IdIndex(gt.images.map((im) => im.id)),
    gtCat: new IdIndex(gt.categories.map((c) => c.id)),
  };
}

function setBox(t: AnnTable, row: number, b: ArrayLike<number>): void {
  t.box[4 * row] = b[0];
  t.box[4 * row + 1] = b[1];
  t.box[4 * row + 2] = b[2];
  t.box[4 * row + 3] = b[3];
}

/**
 * Ground truth of the selected images and categories, in file order, as COCOeval's `_prepare` sees it.
 * Crowd flags come from `iscrowd` (which also decides `ignore`, overriding any `ignore` field).
 */
export function gtTable(gt: CocoDataset, p: CocoEvalParams, ids: Lookups, name: string): AnnTable {
  const anns = gt.annotations;
  const boxes = p.iouType === 'bbox';
  const t = table(anns.length, boxes);
  let n = 0;
  for (let i = 0; i < anns.length; i++) {
    const a = anns[i];
    const img = ids.img.get(a.image_id);
    const cat = ids.cat.get(a.category_id);
    if (img < 0 || cat < 0) continue;
    if (a.area === undefined) formatError(`${name}.annotations[${i}].area`, 'is missing; COCOeval reads object areas from the file (for a box, width * height).');
    if (boxes) {
      if (a.bbox === undefined) formatError(`${name}.annotations[${i}].bbox`, "is missing; iouType 'bbox' needs a box for every annotation.");
      setBox(t, n, a.bbox);
    }
    t.img[n] = img;
    t.cat[n] = cat;
    t.id[n] = a.id;
    t.area[n] = a.area;
    t.crowd[n] = a.iscrowd ? 1 : 0;
    t.src[n] = i;
    n++;
  }
  t.n = n;
  return t;
}

function checkDtIds(r: { image_id: number; category_id: number }, ids: Lookups, path: string, gtName: string): void {
  if (ids.gtImg.get(r.image_id) < 0) formatError(`${path}.image_id`, `${r.image_id} is not the id of any image in ${gtName}; results must refer to ground-truth images.`);
  if (ids.gtCat.get(r.category_id) < 0) formatError(`${path}.category_id`, `${r.category_id} is not the id of any category in ${gtName}; map class indices to the dataset's category ids.`);
}

function maskArea(seg: RleInput, path: string): number {
  try {
    return rleArea(seg);
  } catch (e) {
    return formatError(path, `is not a valid RLE (${(e as Error).message}).`, e);
  }
}

/**
 * Detections as `COCO.loadRes` prepares them: ids 1..N in list order, `iscrowd` 0, and, decided by the
 * first result, either area = box width * height (box results) or area = mask pixel count and box =
 * the mask's tight box (mask-only results). Only selected images and categories are kept.
 */
export function resultsTable(results: readonly CocoResultLike[], p: CocoEvalParams, ids: Lookups, name: string, gtName: string): AnnTable {
  const boxes = p.iouType === 'bbox';
  const t = table(results.length, boxes);
  const first = results[0];
  const boxResults = first !== undefined && first.bbox != null && first.bbox.length !== 0;
  let n = 0;
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    const img = ids.img.get(r.image_id);
    const cat = ids.cat.get(r.category_id);
    if (img < 0 || cat < 0) {
      checkDtIds(r, ids, `${name}[${i}]`, gtName);
      continue;
    }
    let area: number;
    if (boxResults) {
      const b = r.bbox!;
      area = b[2] * b[3];
      if (boxes) setBox(t, n, b);
    } else {
      const seg = r.segmentation as RleInput;
      area = maskArea(seg, `${name}[${i}].segmentation`);
      if (boxes) setBox(t, n, r.bbox != null && r.bbox.length !== 0 ? r.bbox : rleToBbox(seg));
    }
    t.img[n] = img;
    t.cat[n] = cat;
    t.id[n] = i + 1;
    t.area[n] = area;
    t.score[n] = r.score;
    t.src[n] = i;
    n++;
  }
  t.n = n;
  return t;
}

/**
 * Detections given as a COCO dataset (what `COCOeval(cocoGt, COCO(dt_file))` sees): ids, areas and
 * boxes as stored, `score` required.
 */
export function datasetDtTable(dt: CocoDataset, p: CocoEvalParams, ids: Lookups, name: string, gtName: string): AnnTable {
  const anns: CocoAnnotation[] = dt.annotations;
  const boxes = p.iouType === 'bbox';
  const t = table(anns.length, boxes);
  let n = 0;
  for (let i = 0; i < anns.length; i++) {
    const a = anns[i];
    const path = `${name}.annotations[${i}]`;
    const img = ids.img.get(a.image_id);
    const cat = ids.cat.get(a.category_id);
    if (img < 0 || cat < 0) {
      checkDtIds(a, ids, path, gtName);
      continue;
    }
    if (a.score === undefined) formatError(`${path}.score`, 'is missing; detections need a score.');
    if (a.area === undefined) formatError(`${path}.area`, 'is missing; a detections dataset must store areas (or pass a results list instead).');
    if (boxes) {
      if (a.bbox === undefined) formatError(`${path}.bbox`, "is missing; iouType 'bbox' needs a box for every detection.");
      setBox(t, n, a.bbox);
    }
    t.img[n] = img;
    t.cat[n] = cat;
    t.id[n] = a.id;
    t.area[n] = a.area;
    t.score[n] = a.score;
    t.src[n] = i;
    n++;
  }
  t.n = n;
  return t;
}
