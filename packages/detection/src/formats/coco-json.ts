import { FoveaError } from '@fovea/core';
import type { CocoDataset, CocoResultLike } from '../coco/types.js';
import { validateCocoDataset, validateCocoResults } from '../coco/validate.js';

/** Options of {@link toCocoJson}. */
export interface ToCocoJsonOptions {
  /** Spaces per level, or 0 (default) for one line as the COCO files. Arrays of numbers stay on one line. */
  indent?: number;
}

// Known keys first, in this order; any other key follows, sorted by code point.
const ORDER: Record<string, readonly string[]> = {
  dataset: ['info', 'licenses', 'images', 'annotations', 'categories'],
  image: ['id', 'file_name', 'width', 'height'],
  annotation: ['id', 'image_id', 'category_id', 'bbox', 'area', 'iscrowd', 'segmentation', 'score'],
  category: ['id', 'name', 'supercategory'],
  result: ['image_id', 'category_id', 'bbox', 'score', 'segmentation'],
  rle: ['size', 'counts'],
  other: [],
};

function kindOf(parent: string, key: string): string {
  if (parent === 'dataset') return { images: 'image', annotations: 'annotation', categories: 'category' }[key] ?? 'other';
  if ((parent === 'annotation' || parent === 'result') && key === 'segmentation') return 'rle';
  return 'other';
}

function orderedKeys(obj: Record<string, unknown>, kind: string): string[] {
  const known = ORDER[kind].filter((k) => k in obj);
  const rest = Object.keys(obj).filter((k) => !known.includes(k)).sort();
  return [...known, ...rest].filter((k) => obj[k] !== undefined);
}

function write(value: unknown, kind: string, path: string, indent: number, level: number): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new FoveaError('E_COCO_FORMAT', `${path} is ${value}; JSON has no ${value}, write a finite number.`);
    return JSON.stringify(value);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  const pad = indent > 0 ? `\n${' '.repeat(indent * (level + 1))}` : '';
  const close = indent > 0 ? `\n${' '.repeat(indent * level)}` : '';
  const sep = indent > 0 ? ': ' : ':';
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const flat = items.every((v) => typeof v !== 'object' || v === null);
    const parts = items.map((v, i) => write(v, kind, `${path}[${i}]`, flat ? 0 : indent, level + 1));
    if (flat || parts.length === 0) return `[${parts.join(',')}]`;
    return `[${pad}${parts.join(`,${pad}`)}${close}]`;
  }
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const parts = orderedKeys(obj, kind).map((k) => `${JSON.stringify(k)}${sep}${write(obj[k], kindOf(kind, k), `${path}.${k}`, indent, level + 1)}`);
    if (parts.length === 0) return '{}';
    return `{${pad}${parts.join(`,${pad}`)}${close}}`;
  }
  throw new FoveaError('E_COCO_FORMAT', `${path} is a ${typeof value}; COCO JSON holds only numbers, strings, booleans, arrays and objects.`);
}

/**
 * Serialises a COCO dataset (`{ images, annotations, categories }`) or a results list to JSON text
 * with a stable key order, so the same data always gives the same bytes whatever order its objects
 * were built in: top level `info, licenses, images, annotations, categories`; images `id, file_name,
 * width, height`; annotations `id, image_id, category_id, bbox, area, iscrowd, segmentation, score`;
 * categories `id, name, supercategory`; results `image_id, category_id, bbox, score, segmentation`;
 * RLEs `size, counts`; any other key after these, sorted. Typed arrays are written as arrays;
 * `undefined` members are left out, as `JSON.stringify` does.
 *
 * The input is validated as {@link loadCocoJson} validates, so what is written loads back.
 *
 * @throws FoveaError `E_COCO_FORMAT` naming the JSON path of a bad value (for example
 *   `dataset.annotations[3].bbox`, or a NaN anywhere).
 */
export function toCocoJson(data: CocoDataset | readonly CocoResultLike[], options: ToCocoJsonOptions = {}): string {
  const { indent = 0 } = options;
  if (!(Number.isInteger(indent) && indent >= 0 && indent <= 10)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `toCocoJson: indent is ${indent}; pass an integer 0-10.`);
  }
  if (Array.isArray(data)) {
    validateCocoResults(data, 'results');
    return write(data, 'result', 'results', indent, 0);
  }
  validateCocoDataset(data, 'dataset');
  return write(data, 'dataset', 'dataset', indent, 0);
}
