import type { DataColumn, TypedArray } from './types.js';

type TypedArrayConstructor = new (length: number) => TypedArray;

/** `out[j] = values[indices[j] * width + k]` for k < width: row gather on a flat typed array. */
export function gatherRows<T extends TypedArray>(values: T, indices: ArrayLike<number>, width = 1): T {
  const out = new (values.constructor as TypedArrayConstructor)(indices.length * width) as T;
  for (let j = 0; j < indices.length; j++) {
    const src = indices[j] * width;
    for (let k = 0; k < width; k++) out[j * width + k] = values[src + k];
  }
  return out;
}

/** Gathers one `data` column, keeping its kind (plain array or the same typed array). */
export function gatherColumn(column: DataColumn, indices: ArrayLike<number>): DataColumn {
  if (Array.isArray(column)) return Array.from(indices, (i) => column[i]);
  return gatherRows(column as TypedArray, indices);
}

/** Concatenates flat typed arrays of one type. */
export function concatTyped<T extends TypedArray>(parts: readonly T[]): T {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new (parts[0].constructor as TypedArrayConstructor)(total) as T;
  let offset = 0;
  for (const p of parts) {
    (out as Float64Array).set(p, offset);
    offset += p.length;
  }
  return out;
}

/** Concatenates `data` columns: typed when every part is the same typed array, a plain array otherwise. */
export function concatColumns(parts: readonly DataColumn[]): DataColumn {
  const first = parts[0];
  const sameTyped =
    ArrayBuffer.isView(first) && parts.every((p) => ArrayBuffer.isView(p) && p.constructor === first.constructor);
  if (sameTyped) return concatTyped(parts as readonly TypedArray[]);
  const out: unknown[] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i]);
  return out;
}
