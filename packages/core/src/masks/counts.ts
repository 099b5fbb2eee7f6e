import { FoveaError } from '../errors.js';

/** The largest run length an RLE can hold: pycocotools stores counts as 32-bit unsigned ints. */
export const MAX_COUNT = 0xffffffff;

// The compressed form writes each count as a signed number in 5-bit groups, least significant
// first, one character per group (character code 48 + group, plus 32 when another group
// follows). From the third count on it stores the difference to the count two places back,
// which is small for neighbouring columns of a blob. Arithmetic (not bitwise) ops keep values
// beyond 32 bits exact.

/**
 * Writes run lengths as a COCO compressed `counts` string, byte for byte what
 * `pycocotools.mask.encode` (C `rleToString`) returns.
 *
 * @param counts Run lengths, alternating background and foreground, starting with background.
 * @returns An ASCII string over the characters `0` (48) to `o` (111).
 * @throws FoveaError `E_INVALID_RLE` if a count is negative, fractional or above 2^32 - 1.
 */
export function encodeCounts(counts: ArrayLike<number>): string {
  const parts: string[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (!Number.isInteger(c) || c < 0 || c > MAX_COUNT) {
      throw new FoveaError('E_INVALID_RLE', `counts[${i}] is ${c}; run lengths must be integers in [0, 2^32 - 1].`);
    }
    let x = i > 2 ? c - counts[i - 2] : c;
    for (;;) {
      const group = x - Math.floor(x / 32) * 32; // x mod 32 in [0, 32), two's-complement style
      x = Math.floor(x / 32);
      const more = group & 0x10 ? x !== -1 : x !== 0;
      parts.push(String.fromCharCode(48 + group + (more ? 0x20 : 0)));
      if (!more) break;
    }
  }
  return parts.join('');
}

/**
 * Reads a COCO compressed `counts` string back into run lengths (pycocotools' C `rleFrString`).
 *
 * @param s A compressed counts string such as COCO JSON stores for `iscrowd` annotations.
 * @returns The run lengths, alternating background and foreground, starting with background.
 * @throws FoveaError `E_INVALID_RLE` if a character lies outside `0`..`o`, the string ends
 *   inside a number, or a decoded run length is negative or above 2^32 - 1.
 */
export function decodeCounts(s: string): number[] {
  if (typeof s !== 'string') {
    throw new FoveaError('E_INVALID_RLE', `counts is ${typeof s}; expected a compressed counts string.`);
  }
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let scale = 1;
    for (;;) {
      if (p >= s.length) {
        throw new FoveaError('E_INVALID_RLE', `counts string ends inside a number at offset ${p}; it is truncated.`);
      }
      const code = s.charCodeAt(p) - 48;
      if (code < 0 || code > 63) {
        const ch = JSON.stringify(s[p]);
        throw new FoveaError('E_INVALID_RLE', `counts has ${ch} at offset ${p}; only characters '0' to 'o' occur.`);
      }
      p++;
      x += (code & 0x1f) * scale;
      scale *= 32;
      if (!(code & 0x20)) {
        if (code & 0x10) x -= scale; // sign-extend the last group
        break;
      }
    }
    const m = counts.length;
    if (m > 2) x += counts[m - 2];
    if (x < 0 || x > MAX_COUNT) {
      const msg = `counts string decodes run ${m} to ${x}; run lengths must lie in [0, 2^32 - 1].`;
      throw new FoveaError('E_INVALID_RLE', msg);
    }
    counts.push(x);
  }
  return counts;
}
