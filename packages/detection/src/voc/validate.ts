import { Detections, FoveaError, check } from '@fovea/core';
import type { BoxesInput } from '@fovea/core';
import type { VocDetectionArrays, VocGroundTruth } from './types.js';

/** One image's boxes (float64, xyxy, 4N), class ids and a per-box flag (difficult, or unused). */
export interface ImageBoxes {
  boxes: Float64Array;
  classIds: Int32Array;
  /** Difficult flags (ground truth) or scores (detections). */
  extra: Float64Array;
}

function toBoxes(boxes: BoxesInput, name: string): Float64Array {
  check(boxes != null && typeof boxes.length === 'number', `${name} is ${boxes}; pass xyxy boxes, flat 4N or N rows of 4.`);
  let out: Float64Array;
  if (boxes.length > 0 && typeof boxes[0] !== 'number') {
    const rows = boxes as ArrayLike<ArrayLike<number>>;
    out = new Float64Array(rows.length * 4);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      check(row != null && row.length === 4, `${name}[${i}] has ${row?.length} values; each box needs exactly 4.`);
      for (let k = 0; k < 4; k++) out[4 * i + k] = row[k];
    }
  } else {
    out = Float64Array.from(boxes as ArrayLike<number>);
    check(out.length % 4 === 0, `${name} has length ${out.length}, not a multiple of 4; pass 4N numbers or N rows of 4.`);
  }
  for (let i = 0; i < out.length; i += 4) {
    const [x1, y1, x2, y2] = [out[i], out[i + 1], out[i + 2], out[i + 3]];
    if (![x1, y1, x2, y2].every(Number.isFinite) || x2 < x1 || y2 < y1) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `${name}[${i / 4}] is [${x1}, ${y1}, ${x2}, ${y2}]; boxes must be finite xyxy with x2 >= x1 and y2 >= y1.`,
      );
    }
  }
  return out;
}

function toIds(ids: ArrayLike<number>, n: number, name: string): Int32Array {
  check(ids != null && ids.length === n, `${name} has ${ids?.length} entries but there are ${n} boxes; give one class id per box.`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    check(Number.isInteger(ids[i]) && ids[i] === (ids[i] | 0), `${name}[${i}] is ${ids[i]}; class ids must be int32 integers.`);
    out[i] = ids[i];
  }
  return out;
}

/** Checks and normalises one image's ground truth. */
export function groundTruthOf(gt: VocGroundTruth, name: string): ImageBoxes {
  check(gt != null && typeof gt === 'object', `${name} is ${gt}; pass { boxes, classIds, difficult? }.`);
  const boxes = toBoxes(gt.boxes, `${name}.boxes`);
  const n = boxes.length / 4;
  const classIds = toIds(gt.classIds, n, `${name}.classIds`);
  const extra = new Float64Array(n);
  if (gt.difficult !== undefined) {
    check(
      gt.difficult != null && gt.difficult.length === n,
      `${name}.difficult has ${gt.difficult?.length} entries but there are ${n} boxes; give one flag per box.`,
    );
    for (let i = 0; i < n; i++) extra[i] = gt.difficult[i] ? 1 : 0;
  }
  return { boxes, classIds, extra };
}

/** Checks and normalises one image's detections (a Detections or plain arrays). */
export function detectionsOf(dt: Detections | VocDetectionArrays, name: string): ImageBoxes {
  if (dt instanceof Detections) {
    return { boxes: Float64Array.from(dt.xyxy), classIds: dt.classId, extra: Float64Array.from(dt.confidence) };
  }
  check(dt != null && typeof dt === 'object', `${name} is ${dt}; pass a Detections or { boxes, scores, classIds }.`);
  const boxes = toBoxes(dt.boxes, `${name}.boxes`);
  const n = boxes.length / 4;
  const classIds = toIds(dt.classIds, n, `${name}.classIds`);
  check(dt.scores != null && dt.scores.length === n, `${name}.scores has ${dt.scores?.length} entries but there are ${n} boxes; give one score per box.`);
  const extra = Float64Array.from(dt.scores);
  extra.forEach((s, i) => check(Number.isFinite(s), `${name}.scores[${i}] is ${s}; scores must be finite.`));
  return { boxes, classIds, extra };
}
