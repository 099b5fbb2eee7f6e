import { FoveaError } from '@fovea/core';
import type { CocoDataset, CocoResultLike } from './types.js';

// Objects that passed validation unchanged; evaluateCoco skips re-checking them (a 500k-result file
// costs tens of milliseconds to walk).
const validated = new WeakSet<object>();

/** Whether `value` was returned by a validator in this process. */
export function isValidated(value: object): boolean {
  return validated.has(value);
}

/** Throws `E_COCO_FORMAT` naming the JSON path of the bad value. */
export function formatError(path: string, message: string, cause?: unknown): never {
  throw new FoveaError('E_COCO_FORMAT', `${path} ${message}`, cause === undefined ? undefined : { cause });
}

function show(value: unknown): string {
  const s = JSON.stringify(value);
  return s === undefined ? String(value) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function isId(v: unknown): v is number {
  return Number.isSafeInteger(v);
}

function checkId(v: unknown, path: string): void {
  if (!isId(v)) formatError(path, `is ${show(v)}; COCO ids are integers.`);
}

/** `[x, y, width, height]`: four finite numbers, width and height >= 0. */
export function checkBbox(b: unknown, path: string): void {
  const ok =
    b != null &&
    typeof b === 'object' &&
    (b as ArrayLike<number>).length === 4 &&
    Number.isFinite((b as ArrayLike<number>)[0]) &&
    Number.isFinite((b as ArrayLike<number>)[1]) &&
    (b as ArrayLike<number>)[2] >= 0 &&
    (b as ArrayLike<number>)[3] >= 0 &&
    Number.isFinite((b as ArrayLike<number>)[2]) &&
    Number.isFinite((b as ArrayLike<number>)[3]);
  if (!ok) formatError(path, `is ${show(b)}; expected [x, y, width, height] of finite numbers with width, height >= 0.`);
}

/** Polygons (list of flat even-length vertex lists) or an RLE object; run lengths are checked when used. */
export function checkSegmentation(s: unknown, path: string): void {
  if (Array.isArray(s)) {
    if (s.length === 0) formatError(path, 'is an empty polygon list; give at least one polygon or omit segmentation.');
    s.forEach((part: unknown, j) => {
      const p = `${path}[${j}]`;
      if (!Array.isArray(part)) formatError(p, `is ${show(part)}; a polygon is a flat list [x0, y0, x1, y1, ...].`);
      if (part.length % 2 !== 0) formatError(p, `has ${part.length} values; a polygon needs an even count (x, y pairs).`);
      // pycocotools reads a list whose first part has 4 values as boxes and then fails; fewer is no polygon.
      if (j === 0 && part.length < 6) formatError(p, `has ${part.length} values; a polygon needs at least 3 points (6 values).`);
      for (let i = 0; i < part.length; i++) {
        if (!Number.isFinite(part[i])) formatError(`${p}[${i}]`, `is ${show(part[i])}; polygon coordinates must be finite numbers.`);
      }
    });
    return;
  }
  const rle = s as { size?: unknown; counts?: unknown } | null;
  const size = rle?.size as unknown[] | undefined;
  if (rle == null || typeof rle !== 'object' || !Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && (v as number) >= 0)) {
    formatError(path, `is ${show(s)}; expected polygons [[x0, y0, ...], ...] or an RLE { size: [h, w], counts }.`);
  }
  if (typeof rle.counts !== 'string' && !Array.isArray(rle.counts)) {
    formatError(`${path}.counts`, `is ${show(rle.counts)}; expected a compressed string or a list of run lengths.`);
  }
}

function checkArray(v: unknown, path: string, what: string): asserts v is unknown[] {
  if (!Array.isArray(v)) formatError(path, `is ${show(v)}; expected an array of ${what}.`);
}

function checkObject(v: unknown, path: string, what: string): asserts v is Record<string, unknown> {
  if (v == null || typeof v !== 'object' || Array.isArray(v)) formatError(path, `is ${show(v)}; expected ${what}.`);
}

function checkUnique(ids: Map<number, number>, id: number, i: number, path: string, list: string): void {
  const first = ids.get(id);
  if (first !== undefined) formatError(`${path}.id`, `${id} duplicates ${list}[${first}].id; ids must be unique.`);
  ids.set(id, i);
}

/**
 * Checks a COCO dataset and returns it unchanged: `images`, `annotations`, `categories` arrays; unique
 * integer ids; every annotation's `image_id` and `category_id` listed; boxes of four finite numbers with
 * non-negative size; finite `area`; `iscrowd` 0/1; well-formed segmentations.
 *
 * @param name Prefix of the JSON paths in error messages (a file name, or `gt`).
 * @throws FoveaError `E_COCO_FORMAT` naming the JSON path of the first bad value.
 */
export function validateCocoDataset(value: unknown, name = 'gt'): CocoDataset {
  checkObject(value, name, 'a COCO dataset { images, annotations, categories }');
  if (validated.has(value)) return value as CocoDataset;
  const { images, annotations, categories } = value;
  checkArray(images, `${name}.images`, 'images { id, height, width }');
  checkArray(categories, `${name}.categories`, 'categories { id, name }');
  checkArray(annotations, `${name}.annotations`, 'annotations { id, image_id, category_id, bbox, area }');
  const imageIds = new Map<number, number>();
  images.forEach((img, i) => {
    const p = `${name}.images[${i}]`;
    checkObject(img, p, 'an image { id, height, width }');
    checkId(img.id, `${p}.id`);
    checkUnique(imageIds, img.id as number, i, p, `${name}.images`);
    for (const k of ['height', 'width'] as const) {
      const v = img[k];
      if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0)) formatError(`${p}.${k}`, `is ${show(v)}; expected a non-negative integer (pixels).`);
    }
  });
  const catIds = new Map<number, number>();
  categories.forEach((cat, i) => {
    const p = `${name}.categories[${i}]`;
    checkObject(cat, p, 'a category { id, name }');
    checkId(cat.id, `${p}.id`);
    checkUnique(catIds, cat.id as number, i, p, `${name}.categories`);
  });
  const annIds = new Map<number, number>();
  for (let i = 0; i < annotations.length; i++) {
    const a = annotations[i] as Record<string, unknown>;
    const p = `${name}.annotations[${i}]`;
    checkObject(a, p, 'an annotation { id, image_id, category_id, bbox, area }');
    checkId(a.id, `${p}.id`);
    checkUnique(annIds, a.id as number, i, p, `${name}.annotations`);
    if (!imageIds.has(a.image_id as number)) formatError(`${p}.image_id`, `${show(a.image_id)} is not the id of any image in ${name}.images; add the image or fix the id.`);
    if (!catIds.has(a.category_id as number)) formatError(`${p}.category_id`, `${show(a.category_id)} is not the id of any category in ${name}.categories; add the category or fix the id.`);
    if (a.bbox !== undefined) checkBbox(a.bbox, `${p}.bbox`);
    if (a.area !== undefined && !Number.isFinite(a.area)) formatError(`${p}.area`, `is ${show(a.area)}; expected a finite number of pixels.`);
    const c = a.iscrowd;
    if (c !== undefined && c !== 0 && c !== 1 && c !== true && c !== false) formatError(`${p}.iscrowd`, `is ${show(c)}; expected 0 or 1.`);
    if (a.score !== undefined && !Number.isFinite(a.score)) formatError(`${p}.score`, `is ${show(a.score)}; scores must be finite numbers.`);
    if (a.segmentation !== undefined) checkSegmentation(a.segmentation, `${p}.segmentation`);
  }
  validated.add(value);
  return value as CocoDataset;
}

/**
 * Checks a COCO results list (`[{ image_id, category_id, bbox | segmentation, score }, ...]`) and
 * returns it unchanged. An empty list is valid. The first entry decides the format, as in
 * `COCO.loadRes`: with a non-empty `bbox` every entry needs a box; otherwise every entry needs an RLE
 * `segmentation`. Image and category ids are checked against the ground truth by {@link evaluateCoco}.
 *
 * @param name Prefix of the JSON paths in error messages (a file name, or `dt`).
 * @throws FoveaError `E_COCO_FORMAT` naming the JSON path of the first bad value (NaN score, negative
 *   box size, missing field, ...).
 */
export function validateCocoResults(value: unknown, name = 'dt'): CocoResultLike[] {
  checkArray(value, name, 'results { image_id, category_id, bbox, score }');
  if (validated.has(value)) return value as CocoResultLike[];
  const first = value[0] as Record<string, unknown> | undefined;
  const boxes = first != null && typeof first === 'object' && first.bbox != null && (first.bbox as unknown[]).length !== 0;
  for (let i = 0; i < value.length; i++) {
    const r = value[i] as Record<string, unknown>;
    const p = `${name}[${i}]`;
    if (r == null || typeof r !== 'object' || Array.isArray(r)) formatError(p, `is ${show(r)}; expected a result { image_id, category_id, bbox, score }.`);
    if (!isId(r.image_id)) checkId(r.image_id, `${p}.image_id`);
    if (!isId(r.category_id)) checkId(r.category_id, `${p}.category_id`);
    if (!Number.isFinite(r.score)) formatError(`${p}.score`, `is ${show(r.score)}; scores must be finite numbers.`);
    if (boxes) {
      if (r.bbox === undefined) formatError(`${p}.bbox`, `is missing; ${name}[0] has a bbox, so every result needs one (the first result decides the format).`);
      checkBbox(r.bbox, `${p}.bbox`);
      if (r.segmentation !== undefined) checkSegmentation(r.segmentation, `${p}.segmentation`);
    } else {
      const s = r.segmentation as { counts?: unknown } | undefined;
      if (s === undefined) formatError(`${p}.segmentation`, `is missing; give every result a non-empty bbox or an RLE segmentation.`);
      checkSegmentation(s, `${p}.segmentation`);
      if (Array.isArray(s)) formatError(`${p}.segmentation`, 'is a polygon; results without a bbox need an RLE mask (encode it with rleFromPolygon).');
      if (r.bbox !== undefined && (r.bbox as unknown[]).length !== 0) checkBbox(r.bbox, `${p}.bbox`);
    }
  }
  validated.add(value);
  return value as CocoResultLike[];
}
