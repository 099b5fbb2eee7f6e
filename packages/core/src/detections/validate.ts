import { FoveaError, check } from '../errors.js';
import { toValidBoxes } from '../geometry/boxes.js';
import { encodeCounts, type Rle, type RleInput } from '../masks/index.js';
import { readRle } from '../masks/rle.js';
import type { DataColumn, DetectionsInit } from './types.js';

/** The validated storage of a Detections (every array has N entries, or N x 4 / N x D). */
export interface Fields {
  xyxy: Float32Array;
  confidence: Float32Array;
  classId: Int32Array;
  masks?: readonly Rle[];
  trackerId?: Int32Array;
  features?: Float32Array;
  featureDim?: number;
  data: Readonly<Record<string, DataColumn>>;
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

function checkLength(values: { length: number } | null | undefined, n: number, name: string): void {
  check(
    values != null && typeof values.length === 'number',
    () => `${name} is ${values}; expected an array with one entry per detection (${n}).`,
  );
  check(
    values.length === n,
    () => `${name} has ${values.length} entries but there are ${n} boxes; give one entry per detection.`,
  );
}

/** Copies to float32 (adopting a Float32Array) and rejects NaN and infinities, naming the index. */
export function toFiniteFloat32(values: ArrayLike<number>, n: number, name: string): Float32Array {
  checkLength(values, n, name);
  const out = values instanceof Float32Array ? values : Float32Array.from(values);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      throw new FoveaError('E_INVALID_ARGUMENT', `${name}[${i}] is ${values[i]}; it must be a finite float32 number.`);
    }
  }
  return out;
}

/** Copies to int32 (adopting an Int32Array) after checking every value is an integer in range. */
export function toInt32(values: ArrayLike<number>, n: number, name: string): Int32Array {
  checkLength(values, n, name);
  if (values instanceof Int32Array) return values;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) {
      throw new FoveaError('E_INVALID_ARGUMENT', `${name}[${i}] is ${v}; it must be an integer in the int32 range.`);
    }
  }
  return Int32Array.from(values);
}

/** Validates RLEs (one per detection, one image size for all) and returns them compressed. */
export function toMasks(masks: readonly RleInput[], n: number): Rle[] {
  check(Array.isArray(masks), () => `masks is ${masks}; expected an array of COCO RLE objects, one per detection.`);
  checkLength(masks, n, 'masks');
  const out: Rle[] = [];
  for (let i = 0; i < n; i++) {
    const name = `masks[${i}]`;
    const runs = readRle(masks[i], name);
    if (i > 0) {
      const [h0, w0] = out[0].size;
      check(
        runs.h === h0 && runs.w === w0,
        () => `${name}.size is [${runs.h}, ${runs.w}] but masks[0].size is [${h0}, ${w0}]; all masks of one Detections cover the same image.`,
      );
    }
    const counts = masks[i].counts;
    out.push({ size: [runs.h, runs.w], counts: typeof counts === 'string' ? counts : encodeCounts(runs.counts) });
  }
  return out;
}

/** Features as a flat float32 N x D array and D (from the rows, or `featureDim` for a flat array). */
export function toFeatures(
  features: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  featureDim: number | undefined,
  n: number,
): { features: Float32Array; featureDim: number } {
  check(features != null && typeof features.length === 'number', () => `features is ${features}; expected N rows of D numbers.`);
  const nested = features.length > 0 && typeof features[0] !== 'number';
  if (nested) {
    const rows = features as ArrayLike<ArrayLike<number>>;
    checkLength(rows, n, 'features');
    const d = featureDim ?? rows[0]?.length;
    check(Number.isInteger(d) && d > 0, () => `features[0] has ${d} values; a feature needs at least one.`);
    const flat = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const row = rows[i];
      check(row != null && row.length === d, () => `features[${i}] has ${row?.length} values; every feature needs ${d}.`);
      for (let k = 0; k < d; k++) flat[i * d + k] = row[k];
    }
    return { features: toFiniteFloat32(flat, n * d, 'features'), featureDim: d };
  }
  check(
    Number.isInteger(featureDim) && featureDim! > 0,
    () => `featureDim is ${featureDim}; a flat features array needs featureDim = D, the length of one feature.`,
  );
  const d = featureDim!;
  check(
    features.length === n * d,
    () => `features has ${features.length} values but ${n} detections x featureDim ${d} = ${n * d}; give N x D values.`,
  );
  return { features: toFiniteFloat32(features as ArrayLike<number>, n * d, 'features'), featureDim: d };
}

/** Checks every column is an array or typed array with one entry per detection. */
export function toData(data: Readonly<Record<string, DataColumn>>, n: number): Record<string, DataColumn> {
  check(data != null && typeof data === 'object', () => `data is ${data}; expected { [key]: array with one entry per detection }.`);
  const out: Record<string, DataColumn> = {};
  for (const [key, column] of Object.entries(data)) {
    check(
      Array.isArray(column) || (ArrayBuffer.isView(column) && !(column instanceof DataView)),
      () => `data.${key} is ${typeof column}; each data column must be an array or typed array.`,
    );
    checkLength(column, n, `data.${key}`);
    out[key] = column;
  }
  return out;
}

/** Validates and normalises everything {@link Detections.from} accepts. */
export function validate(init: DetectionsInit): Fields {
  check(init != null && typeof init === 'object', () => `Detections.from got ${init}; expected { xyxy, confidence, classId, ... }.`);
  check(init.xyxy != null, 'xyxy is missing; give boxes as [[x1, y1, x2, y2], ...] or a flat Float32Array of 4N.');
  const xyxy = toValidBoxes(init.xyxy, 'xyxy', 'xyxy');
  const n = xyxy.length / 4;
  const fields: Fields = {
    xyxy,
    confidence: toFiniteFloat32(init.confidence, n, 'confidence'),
    classId: toInt32(init.classId, n, 'classId'),
    data: init.data === undefined ? {} : toData(init.data, n),
  };
  if (init.masks !== undefined) fields.masks = toMasks(init.masks, n);
  if (init.trackerId !== undefined) fields.trackerId = toInt32(init.trackerId, n, 'trackerId');
  if (init.features !== undefined) {
    Object.assign(fields, toFeatures(init.features, init.featureDim, n));
  } else {
    check(init.featureDim === undefined, () => `featureDim is ${init.featureDim} but no features were given; drop it or add features.`);
  }
  return fields;
}
