import { type RleInput, type Runs, readRle } from './rle.js';

/** {@link rleArea} on checked runs (shared with {@link rleIou}). */
export function runsArea({ counts }: Runs): number {
  let area = 0;
  for (let j = 1; j < counts.length; j += 2) area += counts[j];
  return area;
}

/**
 * Foreground pixel count of an RLE (either form): the sum of its odd-indexed runs, as
 * `pycocotools.mask.area`.
 *
 * @throws FoveaError `E_INVALID_RLE` for a malformed RLE.
 */
export function rleArea(rle: RleInput): number {
  return runsArea(readRle(rle));
}
