import { type RleInput, readRle } from './rle.js';

/**
 * Foreground pixel count of an RLE (either form): the sum of its odd-indexed runs, as
 * `pycocotools.mask.area`.
 *
 * @throws FoveaError `E_INVALID_RLE` for a malformed RLE.
 */
export function rleArea(rle: RleInput): number {
  const { counts } = readRle(rle);
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}
