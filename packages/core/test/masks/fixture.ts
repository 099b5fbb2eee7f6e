import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One RLE of rle.json (see fixtures/masks/generate.py) and what pycocotools made of it. */
export interface FixtureRle {
  id: string;
  h: number;
  w: number;
  bits?: string;
  poly?: number[];
  box?: number[];
  uncompressed?: number[];
  counts: string;
  area: number;
  bbox: [number, number, number, number];
}

export interface Fixture {
  rles: FixtureRle[];
  codec: { counts: number[]; string: string }[];
  merges: { ids: string[]; intersect: boolean; counts: string }[];
  ious: { dt: string[]; gt: string[]; iscrowd: boolean[]; iou: number[] }[];
}

export const fixture: Fixture = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/masks/rle.json', import.meta.url)), 'utf8'),
);

/** The RLE pycocotools produced for `id`, as an input to Fovea. */
export function rleOf(id: string): { size: [number, number]; counts: string } {
  const e = fixture.rles.find((r) => r.id === id);
  if (!e) throw new Error(`no fixture RLE ${id}`);
  return { size: [e.h, e.w], counts: e.counts };
}

/** Unpacks a fixture mask (row-major, 8 pixels a byte, most significant bit first). */
export function unpackBits(b64: string, h: number, w: number): Uint8Array {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Uint8Array(h * w);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[i >> 3] >> (7 - (i & 7))) & 1;
  return out;
}

/** Index of the first differing element, or -1 (fast on large masks, unlike a deep equal). */
export function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}
