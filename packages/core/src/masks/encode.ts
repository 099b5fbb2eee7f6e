import { check } from '../errors.js';
import { encodeCounts } from './counts.js';
import { type Rle, type RleInput, checkSize, readRle } from './rle.js';

/**
 * Encodes a binary mask as a compressed COCO RLE, equal to `pycocotools.mask.encode` on the
 * same mask (counts string byte for byte).
 *
 * Porting note: pycocotools takes a column-major (Fortran-order) H x W uint8 array; this takes
 * the row-major layout JavaScript code holds (`mask[y * w + x]`) and walks it column by column
 * itself. Any non-zero value is foreground (pycocotools expects exactly 0 and 1).
 *
 * @param mask Row-major H x W mask, length `h * w`.
 * @param h Height in pixels.
 * @param w Width in pixels.
 * @throws FoveaError `E_INVALID_ARGUMENT` if `h`, `w` are not non-negative integers or
 *   `mask.length !== h * w`.
 */
export function rleEncode(mask: ArrayLike<number>, h: number, w: number): Rle {
  checkSize(h, w, 'mask size');
  check(
    mask != null && mask.length === h * w,
    `mask has ${mask?.length} values but h * w = ${h} * ${w} = ${h * w}; pass a row-major mask of h * w values.`,
  );
  const counts: number[] = [];
  let value = 0;
  let run = 0;
  const area = h * w;
  for (let x = 0; x < w; x++) {
    for (let i = x; i < area; i += w) {
      const v = mask[i] !== 0 ? 1 : 0;
      if (v !== value) {
        counts.push(run);
        run = 0;
        value = v;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [h, w], counts: encodeCounts(counts) };
}

/**
 * Decodes an RLE (either form) to a binary mask, as `pycocotools.mask.decode` does, but in
 * row-major order: `out[y * w + x]` is 1 for foreground, 0 for background.
 *
 * @returns A `Uint8Array` of length `h * w`.
 * @throws FoveaError `E_INVALID_RLE` for a malformed RLE (see {@link readRle}).
 */
export function rleDecode(rle: RleInput): Uint8Array {
  const { h, w, counts } = readRle(rle);
  const out = new Uint8Array(h * w);
  let x = 0;
  let y = 0;
  for (let j = 0; j < counts.length; j++) {
    let n = counts[j];
    if (j % 2 === 0) {
      // Background: skip n pixels down the columns.
      const pos = x * h + y + n;
      if (h > 0) {
        x = Math.floor(pos / h);
        y = pos - x * h;
      }
      continue;
    }
    while (n > 0) {
      const take = Math.min(n, h - y);
      for (let k = 0, i = y * w + x; k < take; k++, i += w) out[i] = 1;
      n -= take;
      y += take;
      if (y === h) {
        y = 0;
        x++;
      }
    }
  }
  return out;
}
