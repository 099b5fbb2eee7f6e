import { check } from '../errors.js';
import { encodeCounts } from './counts.js';
import { type Rle, type RleInput, type Runs, readRle } from './rle.js';
import { walkRuns } from './walk.js';

/** Union (or intersection) of two checked run sequences: one pairwise step of pycocotools' merge. */
function mergeTwo(first: ArrayLike<number>, second: ArrayLike<number>, intersect: boolean): number[] {
  const out: number[] = [];
  let value = 0;
  let run = 0;
  walkRuns(first, second, (n, a, b) => {
    const v = intersect ? a & b : a | b;
    if (v !== value) {
      out.push(run);
      run = 0;
      value = v;
    }
    run += n;
  });
  out.push(run);
  return out;
}

/**
 * Union (default) or intersection of RLEs of one image size, as
 * `pycocotools.mask.merge(rles, intersect)`: counts string byte for byte.
 *
 * Porting note: pycocotools returns an empty `[0, 0]` RLE when sizes differ or the list is
 * empty; this throws instead, since either is a caller's mistake.
 *
 * @param rles One or more RLEs (either form), all with the same `size`.
 * @param intersect `false` for the union, `true` for the intersection.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an empty list or mismatched sizes;
 *   `E_INVALID_RLE` for a malformed RLE.
 */
export function rleMerge(rles: readonly RleInput[], intersect = false): Rle {
  check(Array.isArray(rles) && rles.length > 0, `rles has ${rles?.length} entries; rleMerge needs at least one RLE.`);
  const all: Runs[] = rles.map((r, i) => readRle(r, `rles[${i}]`));
  const { h, w } = all[0];
  let counts: ArrayLike<number> = all[0].counts;
  for (let i = 1; i < all.length; i++) {
    check(
      all[i].h === h && all[i].w === w,
      `rles[${i}].size is [${all[i].h}, ${all[i].w}] but rles[0].size is [${h}, ${w}]; merge masks of one image size.`,
    );
    counts = mergeTwo(counts, all[i].counts, intersect);
  }
  return { size: [h, w], counts: encodeCounts(counts) };
}
