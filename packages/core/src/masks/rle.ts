import { FoveaError, check } from '../errors.js';
import { MAX_COUNT, decodeCounts } from './counts.js';

/**
 * A binary mask in COCO run-length encoding, compressed: what `pycocotools.mask.encode`
 * returns (with `counts` as a string rather than Python bytes) and what COCO JSON stores.
 *
 * - `size`: `[height, width]` in pixels.
 * - `counts`: run lengths over the mask in column-major order (down each column, columns left
 *   to right), alternating background and foreground and starting with background (so the first
 *   run may be 0), written with {@link encodeCounts}.
 */
export interface Rle {
  size: [h: number, w: number];
  counts: string;
}

/**
 * The uncompressed form (COCO JSON uses it for `iscrowd` annotations): the same runs as a
 * plain array. Every function that takes an RLE accepts it; outputs are always {@link Rle}.
 */
export interface UncompressedRle {
  size: [h: number, w: number];
  counts: number[];
}

/** Either RLE form, as read from COCO JSON or returned by Fovea. */
export type RleInput =
  | Rle
  | UncompressedRle
  | { readonly size: readonly number[]; readonly counts: string | ArrayLike<number> };

/** An RLE checked and decoded to plain run lengths (internal form). */
export interface Runs {
  h: number;
  w: number;
  counts: ArrayLike<number>;
}

/** Checks an image size in pixels; pycocotools caps the pixel count at 2^32 - 1. */
export function checkSize(h: number, w: number, name = 'size'): void {
  check(
    Number.isInteger(h) && Number.isInteger(w) && h >= 0 && w >= 0 && h * w <= MAX_COUNT,
    `${name} is [${h}, ${w}]; height and width must be non-negative integers with at most 2^32 - 1 pixels.`,
  );
}

/**
 * Validates an RLE of either form and returns its run lengths.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` if `size` is not `[h, w]` of non-negative integers;
 *   `E_INVALID_RLE` if `counts` is malformed, holds a negative or fractional run, or its runs do
 *   not add up to h * w (pycocotools would read or write past the mask there).
 */
export function readRle(rle: RleInput, name = 'rle'): Runs {
  check(rle != null && typeof rle === 'object', `${name} is ${rle}; expected { size: [h, w], counts }.`);
  const size = rle.size;
  check(Array.isArray(size) && size.length === 2, `${name}.size is ${JSON.stringify(size)}; expected [h, w].`);
  const [h, w] = size;
  checkSize(h, w, `${name}.size`);
  let counts: ArrayLike<number>;
  if (typeof rle.counts === 'string') {
    try {
      counts = decodeCounts(rle.counts);
    } catch (e) {
      throw new FoveaError('E_INVALID_RLE', `${name}.${(e as Error).message}`, { cause: e });
    }
  } else {
    counts = rle.counts;
    if (counts == null || typeof counts.length !== 'number') {
      const msg = `${name}.counts is ${counts}; expected a compressed string or an array of run lengths.`;
      throw new FoveaError('E_INVALID_RLE', msg);
    }
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i];
      if (!Number.isInteger(c) || c < 0 || c > MAX_COUNT) {
        const msg = `${name}.counts[${i}] is ${c}; run lengths must be integers in [0, 2^32 - 1].`;
        throw new FoveaError('E_INVALID_RLE', msg);
      }
    }
  }
  // pycocotools writes an image without pixels as '' or '0'; both are the single run [0].
  if (counts.length === 0) counts = [0];
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total !== h * w) {
    const msg = `${name}.counts add up to ${total} pixels but size [${h}, ${w}] has ${h * w}`;
    throw new FoveaError('E_INVALID_RLE', `${msg}; pass the size the RLE was encoded with.`);
  }
  return { h, w, counts };
}
