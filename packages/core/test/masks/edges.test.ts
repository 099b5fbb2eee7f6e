import { describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { rleArea } from '../../src/masks/area.js';
import { rleFromBbox, rleToBbox } from '../../src/masks/bbox.js';
import { decodeCounts, encodeCounts } from '../../src/masks/counts.js';
import { rleDecode, rleEncode } from '../../src/masks/encode.js';
import { rleIou } from '../../src/masks/iou.js';
import { rleMerge } from '../../src/masks/merge.js';
import { rleFromPolygon } from '../../src/masks/polygon.js';
import type { RleInput } from '../../src/masks/rle.js';
import { firstDifference } from './fixture.js';

/** Row-major mask from rows of '0'/'1'. */
function mask(...rows: string[]): Uint8Array {
  return Uint8Array.from(rows.join('').split(''), Number);
}

describe('RLE hand cases', () => {
  it.each([
    // Column-major runs: the first column is read top to bottom before the second.
    ['2x3 corner', mask('011', '001'), 2, 3, [2, 1, 1, 2], 3, [1, 0, 2, 2]],
    ['1x1 off', mask('0'), 1, 1, [1], 0, [0, 0, 0, 0]],
    ['1x1 on', mask('1'), 1, 1, [0, 1], 1, [0, 0, 1, 1]],
    ['1x4 row', mask('0110'), 1, 4, [1, 2, 1], 2, [1, 0, 2, 1]],
    ['4x1 column', mask('0', '1', '1', '0'), 4, 1, [1, 2, 1], 2, [0, 1, 1, 2]],
    ['full 2x2', mask('11', '11'), 2, 2, [0, 4], 4, [0, 0, 2, 2]],
    ['column wrap', mask('01', '10'), 2, 2, [1, 2, 1], 2, [0, 0, 2, 2]],
    ['0x3 image', new Uint8Array(0), 0, 3, [0], 0, [0, 0, 0, 0]],
  ] as const)('%s', (_, m, h, w, runs, area, bbox) => {
    const rle = rleEncode(m, h, w);
    expect(rle).toEqual({ size: [h, w], counts: encodeCounts(runs) });
    expect(decodeCounts(rle.counts)).toEqual(runs);
    expect(firstDifference(rleDecode(rle), m)).toBe(-1);
    expect(rleArea(rle)).toBe(area);
    expect(rleToBbox(rle)).toEqual(bbox);
  });

  it('treats any non-zero value as foreground', () => {
    expect(rleEncode(Uint8Array.from([0, 255, 7, 0]), 2, 2)).toEqual(rleEncode(mask('01', '10'), 2, 2));
  });

  it('accepts the uncompressed form and an empty counts string for an image without pixels', () => {
    expect(rleArea({ size: [2, 2], counts: [1, 2, 1] })).toBe(2);
    expect(rleDecode({ size: [0, 0], counts: '' })).toEqual(new Uint8Array(0));
    expect(rleMerge([{ size: [0, 0], counts: '' }]).counts).toBe('0');
  });

  it('rasterises on an image without pixels to the empty RLE', () => {
    expect(rleFromPolygon([0, 0, 5, 0, 5, 5], 0, 4)).toEqual({ size: [0, 4], counts: '0' });
    expect(rleFromBbox([0, 0, 3, 3], 3, 0)).toEqual({ size: [3, 0], counts: '0' });
  });

  it('rleFromBbox fills whole pixels the box covers', () => {
    const expected = rleEncode(mask('0000', '0110', '0110'), 3, 4);
    expect(rleFromBbox([1, 1, 2, 2], 3, 4)).toEqual(expected);
  });

  it('rleIou: crowd divides by the detection area; empty masks score 0; D or G of 0 gives no values', () => {
    const gt = rleEncode(mask('1111', '1111'), 2, 4);
    const dt = [rleEncode(mask('0110', '0000'), 2, 4), rleEncode(mask('0000', '0000'), 2, 4)];
    expect(Array.from(rleIou(dt, [gt, gt], [false, true]))).toEqual([2 / 8, 1, 0, 0]);
    expect(Array.from(rleIou(dt, [gt]))).toEqual([2 / 8, 0]);
    expect(rleIou([], [gt], [true])).toEqual(new Float64Array(0));
    expect(rleIou(dt, [], [])).toEqual(new Float64Array(0));
  });

  it('rleMerge of one RLE returns its counts unchanged', () => {
    const a = rleEncode(mask('0110', '0011'), 2, 4);
    expect(rleMerge([a], true)).toEqual(a);
  });
});

describe('RLE ops against per-pixel references', () => {
  // A seeded LCG so the cases are the same on every run.
  let seed = 12345;
  const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const cases = Array.from({ length: 20 }, (_, i) => {
    const [h, w] = [1 + (i % 7), 1 + ((i * 3) % 11)];
    const p = [0.1, 0.5, 0.9][i % 3];
    const masks = Array.from({ length: 3 }, () => Uint8Array.from({ length: h * w }, () => (rand() < p ? 1 : 0)));
    return [i, h, w, masks] as const;
  });

  it.each(cases)('case %i (%i x %i)', (_, h, w, masks) => {
    const rles = masks.map((m) => rleEncode(m, h, w));
    const union = masks[0].map((_, i) => masks[0][i] | masks[1][i] | masks[2][i]);
    const inter = masks[0].map((_, i) => masks[0][i] & masks[1][i] & masks[2][i]);
    expect(rleMerge(rles)).toEqual(rleEncode(union, h, w));
    expect(rleMerge(rles, true)).toEqual(rleEncode(inter, h, w));

    const count = (m: Uint8Array): number => m.reduce((s, v) => s + v, 0);
    const [a, b] = masks;
    const i = count(a.map((v, k) => v & b[k]));
    const u = count(a.map((v, k) => v | b[k]));
    const iou = rleIou([rles[0]], [rles[1], rles[1]], [false, true]);
    expect(iou[0]).toBe(i === 0 ? 0 : i / u);
    expect(iou[1]).toBe(i === 0 ? 0 : i / count(a));

    let [x0, y0, x1, y1] = [w, h, -1, -1];
    a.forEach((v, k) => {
      if (!v) return;
      const [y, x] = [Math.floor(k / w), k % w];
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    });
    expect(rleToBbox(rles[0])).toEqual(x1 < 0 ? [0, 0, 0, 0] : [x0, y0, x1 - x0 + 1, y1 - y0 + 1]);
  });
});

describe('RLE bad input', () => {
  const ok = rleEncode(mask('01', '10'), 2, 2);
  const other = rleEncode(mask('011'), 1, 3);
  it.each([
    ['mask of the wrong length', () => rleEncode(new Uint8Array(5), 2, 3), 'E_INVALID_ARGUMENT'],
    ['negative height', () => rleEncode(new Uint8Array(0), -1, 3), 'E_INVALID_ARGUMENT'],
    ['fractional width', () => rleEncode(new Uint8Array(3), 2, 1.5), 'E_INVALID_ARGUMENT'],
    ['RLE that is not an object', () => rleDecode(null as unknown as RleInput), 'E_INVALID_ARGUMENT'],
    ['size of one number', () => rleDecode({ size: [4], counts: '4' }), 'E_INVALID_ARGUMENT'],
    ['counts summing past the size', () => rleDecode({ size: [2, 2], counts: '5' }), 'E_INVALID_RLE'],
    ['counts summing short of the size', () => rleArea({ size: [2, 2], counts: [1, 2] }), 'E_INVALID_RLE'],
    ['negative run', () => rleArea({ size: [2, 2], counts: [5, -1] }), 'E_INVALID_RLE'],
    ['fractional run', () => rleArea({ size: [1, 3], counts: [1.5, 1.5] }), 'E_INVALID_RLE'],
    ['counts of the wrong type', () => rleArea({ size: [1, 1], counts: 1 } as unknown as RleInput), 'E_INVALID_RLE'],
    ['character below 0', () => decodeCounts('2 1'), 'E_INVALID_RLE'],
    ['character above o', () => decodeCounts('2p'), 'E_INVALID_RLE'],
    ['string ending inside a number', () => decodeCounts('1P'), 'E_INVALID_RLE'],
    ['negative first run', () => decodeCounts('@'), 'E_INVALID_RLE'],
    ['negative run after the delta', () => decodeCounts('111@'), 'E_INVALID_RLE'],
    ['malformed counts in an RLE', () => rleToBbox({ size: [1, 1], counts: '1~' }), 'E_INVALID_RLE'],
    ['encoding a negative count', () => encodeCounts([3, -2]), 'E_INVALID_RLE'],
    ['encoding a count over 2^32 - 1', () => encodeCounts([2 ** 32]), 'E_INVALID_RLE'],
    ['merging nothing', () => rleMerge([]), 'E_INVALID_ARGUMENT'],
    ['merging different sizes', () => rleMerge([ok, other]), 'E_INVALID_ARGUMENT'],
    ['iou across sizes', () => rleIou([ok], [other], [false]), 'E_INVALID_ARGUMENT'],
    ['iou with too few crowd flags', () => rleIou([ok], [ok, ok], [false]), 'E_INVALID_ARGUMENT'],
    ['polygon of odd length', () => rleFromPolygon([1, 2, 3], 4, 4), 'E_INVALID_ARGUMENT'],
    ['polygon with NaN', () => rleFromPolygon([1, 2, NaN, 4, 5, 6], 4, 4), 'E_INVALID_ARGUMENT'],
    ['polygon beyond int range', () => rleFromPolygon([0, 0, 1e9, 0, 0, 5], 4, 4), 'E_INVALID_ARGUMENT'],
    ['box of three values', () => rleFromBbox([1, 2, 3], 4, 4), 'E_INVALID_ARGUMENT'],
    ['box with Infinity', () => rleFromBbox([0, 0, Infinity, 2], 4, 4), 'E_INVALID_ARGUMENT'],
  ] as const)('%s', (_, fn, code) => {
    const error = (() => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(FoveaError);
    expect((error as FoveaError).code).toBe(code);
  });
});
