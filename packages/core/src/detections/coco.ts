import { FoveaError, check } from '../errors.js';
import type { RleInput } from '../masks/index.js';
import type { CategoryIds, CocoResult, DetectionsInit } from './types.js';
import type { Fields } from './validate.js';

/** A COCO result as read from JSON: `bbox` any array of 4, `segmentation` either RLE form. */
export interface CocoResultInput {
  image_id: number;
  category_id: number;
  bbox: ArrayLike<number>;
  score: number;
  segmentation?: RleInput | number[][];
}

function categoryOf(categoryIds: CategoryIds | undefined, classId: number, i: number): number {
  if (categoryIds === undefined) return classId;
  const id = typeof categoryIds === 'function' ? categoryIds(classId) : categoryIds[classId];
  check(
    Number.isInteger(id),
    `classId[${i}] = ${classId} maps to category ${id}; categoryIds must give an integer COCO category id for every class.`,
  );
  return id;
}

/** Writes validated fields as COCO results (see {@link Detections.toCocoResults}). */
export function fieldsToCoco(f: Fields, imageId: number, categoryIds?: CategoryIds): CocoResult[] {
  check(Number.isInteger(imageId), `imageId is ${imageId}; COCO image ids are integers.`);
  const out: CocoResult[] = [];
  for (let i = 0; i < f.confidence.length; i++) {
    const x1 = f.xyxy[4 * i];
    const y1 = f.xyxy[4 * i + 1];
    const result: CocoResult = {
      image_id: imageId,
      category_id: categoryOf(categoryIds, f.classId[i], i),
      bbox: [x1, y1, f.xyxy[4 * i + 2] - x1, f.xyxy[4 * i + 3] - y1],
      score: f.confidence[i],
    };
    if (f.masks) result.segmentation = { size: [f.masks[i].size[0], f.masks[i].size[1]], counts: f.masks[i].counts };
    out.push(result);
  }
  return out;
}

/** Reads COCO results into a {@link DetectionsInit} (see {@link Detections.fromCocoResults}). */
export function cocoToInit(
  results: readonly CocoResultInput[],
  imageId: number | undefined,
  categoryIds: ArrayLike<number> | undefined,
): DetectionsInit {
  check(Array.isArray(results), `results is ${results}; expected an array of COCO results.`);
  let classOf: Map<number, number> | undefined;
  if (categoryIds !== undefined) {
    classOf = new Map();
    for (let c = 0; c < categoryIds.length; c++) if (!classOf.has(categoryIds[c])) classOf.set(categoryIds[c], c);
  }
  const rows = imageId === undefined ? results.map((r, i) => [r, i] as const) : [];
  if (imageId !== undefined) results.forEach((r, i) => r?.image_id === imageId && rows.push([r, i]));
  const xyxy = new Float64Array(rows.length * 4);
  const confidence: number[] = [];
  const classId: number[] = [];
  const masks: RleInput[] = [];
  rows.forEach(([r, i], j) => {
    check(r != null && typeof r === 'object', `results[${i}] is ${r}; expected { image_id, category_id, bbox, score }.`);
    const b = r.bbox;
    const okBox = b != null && b.length === 4 && Array.from(b).every(Number.isFinite) && b[2] >= 0 && b[3] >= 0;
    check(okBox, `results[${i}].bbox is ${JSON.stringify(b)}; expected finite [x, y, width, height] with width, height >= 0.`);
    check(Number.isFinite(r.score), `results[${i}].score is ${r.score}; it must be a finite number.`);
    xyxy.set([b[0], b[1], b[0] + b[2], b[1] + b[3]], 4 * j);
    confidence.push(r.score);
    const cls = classOf ? classOf.get(r.category_id) : r.category_id;
    check(cls !== undefined, `results[${i}].category_id ${r.category_id} is not in categoryIds; add it or drop the result.`);
    classId.push(cls);
    const seg = r.segmentation;
    const hasMask = seg !== undefined;
    if (j > 0 && hasMask !== masks.length > 0) {
      const msg = `results[${i}] ${hasMask ? 'has' : 'lacks'} a segmentation but earlier results do not; give every result a mask or none.`;
      throw new FoveaError('E_INVALID_ARGUMENT', msg);
    }
    if (hasMask) {
      check(!Array.isArray(seg), `results[${i}].segmentation is a polygon; convert it first with rleFromPolygon(polygon, h, w).`);
      masks.push(seg as RleInput);
    }
  });
  const init: DetectionsInit = { xyxy, confidence, classId };
  if (masks.length > 0) init.masks = masks;
  return init;
}
