import { describe, expect, it } from 'vitest';
import { rleArea } from '../../src/masks/area.js';
import { rleFromBbox, rleToBbox } from '../../src/masks/bbox.js';
import { decodeCounts, encodeCounts } from '../../src/masks/counts.js';
import { rleDecode, rleEncode } from '../../src/masks/encode.js';
import { rleIou } from '../../src/masks/iou.js';
import { rleMerge } from '../../src/masks/merge.js';
import { rleFromPolygon } from '../../src/masks/polygon.js';
import { firstDifference, fixture, rleOf, unpackBits } from './fixture.js';

// Reference: pycocotools.mask built from cocodataset/cocoapi (fixtures/masks/generate.py).
const masks = fixture.rles.filter((r) => r.bits !== undefined);
const polys = fixture.rles.filter((r) => r.poly !== undefined);
const boxes = fixture.rles.filter((r) => r.box !== undefined);
const uncompressed = fixture.rles.filter((r) => r.uncompressed !== undefined);

describe('pycocotools RLE fixture', () => {
  it('covers at least 100 masks of every kind', () => {
    expect(fixture.rles.length).toBeGreaterThanOrEqual(100);
    expect(masks.length).toBeGreaterThan(50);
    expect(polys.length).toBeGreaterThan(20);
    expect(boxes.length).toBeGreaterThan(10);
  });

  it.each(masks.map((r) => [r.id, r] as const))('encode, decode, area, toBbox: %s', (_, r) => {
    const mask = unpackBits(r.bits!, r.h, r.w);
    const rle = rleEncode(mask, r.h, r.w);
    expect(rle).toEqual({ size: [r.h, r.w], counts: r.counts });
    expect(firstDifference(rleDecode(rle), mask)).toBe(-1);
    expect(rleArea(rle)).toBe(r.area);
    expect(rleToBbox(rle)).toEqual(r.bbox);
  });

  it.each(polys.map((r) => [r.id, r] as const))('frPyObjects polygon: %s', (_, r) => {
    const rle = rleFromPolygon(r.poly!, r.h, r.w);
    expect(rle.counts).toBe(r.counts);
    expect(rleArea(rle)).toBe(r.area);
    expect(rleToBbox(rle)).toEqual(r.bbox);
  });

  it.each(boxes.map((r) => [r.id, r] as const))('frPyObjects box: %s', (_, r) => {
    const rle = rleFromBbox(r.box!, r.h, r.w);
    expect(rle.counts).toBe(r.counts);
    expect(rleArea(rle)).toBe(r.area);
    expect(rleToBbox(rle)).toEqual(r.bbox);
  });

  it.each(uncompressed.map((r) => [r.id, r] as const))('uncompressed input: %s', (_, r) => {
    const rle = { size: [r.h, r.w] as [number, number], counts: r.uncompressed! };
    expect(encodeCounts(r.uncompressed!)).toBe(r.counts);
    expect(rleArea(rle)).toBe(r.area);
    expect(rleToBbox(rle)).toEqual(r.bbox);
    expect(firstDifference(rleDecode(rle), rleDecode(rleOf(r.id)))).toBe(-1);
  });

  it.each(fixture.rles.map((r) => [r.id, r] as const))('decode round trip of pycocotools counts: %s', (_, r) => {
    const decoded = rleDecode(rleOf(r.id));
    expect(rleEncode(decoded, r.h, r.w).counts).toBe(encodeCounts(canonical(decodeCounts(r.counts))));
  });

  it.each(fixture.codec.map((c) => [c.string, c] as const))('counts codec: %s', (_, c) => {
    expect(encodeCounts(c.counts)).toBe(c.string);
    expect(decodeCounts(c.string)).toEqual(c.counts);
  });

  it.each(fixture.merges.map((m, i) => [i, m.intersect ? 'intersect' : 'union', m.ids.join(' + '), m] as const))(
    'merge %i (%s): %s',
    (_, __, ___, m) => {
      expect(rleMerge(m.ids.map(rleOf), m.intersect).counts).toBe(m.counts);
    },
  );

  it.each(fixture.ious.map((c, i) => [i, c.dt.length, c.gt.length, c] as const))(
    'iou %i (%i x %i)',
    (_, __, ___, c) => {
      const iou = rleIou(c.dt.map(rleOf), c.gt.map(rleOf), c.iscrowd);
      expect(iou.length).toBe(c.iou.length);
      for (let i = 0; i < iou.length; i++) expect(Math.abs(iou[i] - c.iou[i])).toBeLessThanOrEqual(1e-12);
    },
  );
});

/** Runs without zero-length runs inside (what encoding a decoded mask gives). */
function canonical(counts: number[]): number[] {
  const out = [counts[0]];
  for (let j = 1; j < counts.length; j++) {
    if (counts[j] === 0 && j + 1 < counts.length) {
      out[out.length - 1] += counts[++j];
    } else if (counts[j] > 0) {
      out.push(counts[j]);
    }
  }
  return out;
}
