import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { CocoDataset, CocoEvalOptions, CocoResultLike } from '../../src/coco/index.js';

const DIR = new URL('../fixtures/coco/', import.meta.url);

export interface Expected {
  stats: number[];
  summary: string;
  iouThrs: number[];
  recThrs: number[];
  counts: number[];
  precision: string;
  recall: string;
  scores: string;
}

export interface FixtureSet {
  gt: CocoDataset;
  dt: CocoResultLike[];
  cases: { name: string; options: CocoEvalOptions; expected: Expected }[];
}

export const SET_NAMES = ['bbox-basic', 'bbox-many', 'segm-basic', 'segm-box-results', 'segm-box-only'];

export function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, DIR), 'utf8'));
}

/** Reads a set; a fresh parse each time, so no test sees another's objects. */
export function loadSet(name: string): FixtureSet {
  return readFixture(`${name}.json`) as FixtureSet;
}

/** Decodes the generator's zlib + base64 little-endian float64 arrays. */
export function unpack(b64: string): Float64Array {
  const bytes = inflateSync(Buffer.from(b64, 'base64'));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float64Array(bytes.byteLength / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
  return out;
}
