import { describe, expect, it } from 'vitest';
import { Detections } from '../../src/detections/index.js';
import type { DetectionsInit } from '../../src/detections/index.js';
import { rleEncode } from '../../src/masks/index.js';

const invalid = (field: string) => expect.objectContaining({ code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(field) });

/** Three detections with every optional field. */
function full(): Detections {
  return Detections.from({
    xyxy: [[0, 0, 10, 10], [5, 5, 20, 25], [1, 2, 3, 4]],
    confidence: [0.5, 0.9, 0.7],
    classId: [1, 2, 1],
    trackerId: [7, 8, 9],
    features: [[1, 0], [0, 1], [0.5, 0.5]],
    masks: [square(0), square(1), square(2)],
    data: { className: ['cat', 'dog', 'cat'], area: new Float64Array([100, 300, 4]) },
  });
}

/** A 4 x 4 mask with pixel (k, k) set, as COCO RLE. */
function square(k: number) {
  const m = new Uint8Array(16);
  m[k * 4 + k] = 1;
  return rleEncode(m, 4, 4);
}

const plain = (d: Detections) => [...d].map((x) => ({ ...x, feature: x.feature && Array.from(x.feature) }));

describe('Detections.from', () => {
  it('stores typed columns, adopts typed arrays of the stored type and copies the rest', () => {
    const xyxy = new Float32Array([0, 0, 1, 1]);
    const d = Detections.from({ xyxy, confidence: [0.25], classId: new Int32Array([3]) });
    expect(d.length).toBe(1);
    expect(d.xyxy).toBe(xyxy);
    expect(d.confidence).toBeInstanceOf(Float32Array);
    expect(d.classId).toBeInstanceOf(Int32Array);
    expect(d.masks).toBeUndefined();
    expect(d.trackerId).toBeUndefined();
    expect(d.features).toBeUndefined();
    expect(d.data).toEqual({});
    expect(Object.isFrozen(d)).toBe(true);
  });

  it('reads flat features with featureDim and nested ones without', () => {
    const flat = Detections.from({ xyxy: [0, 0, 1, 1, 0, 0, 2, 2], confidence: [1, 1], classId: [0, 0], features: [1, 2, 3, 4, 5, 6], featureDim: 3 });
    expect(flat.featureDim).toBe(3);
    expect(Array.from(flat.features!)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(full().features!)).toEqual([1, 0, 0, 1, 0.5, 0.5]);
    expect(full().featureDim).toBe(2);
  });

  it('compresses uncompressed RLE masks', () => {
    const d = Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0], masks: [{ size: [2, 2], counts: [1, 2, 1] }] });
    expect(d.masks).toEqual([{ size: [2, 2], counts: '121' }]) // one character '0' + c per small run;
  });

  const ok: DetectionsInit = { xyxy: [[0, 0, 1, 1], [2, 2, 3, 3]], confidence: [0.1, 0.2], classId: [0, 1] };
  it.each<[string, Partial<DetectionsInit> & Record<string, unknown>, string]>([
    ['NaN box', { xyxy: [[0, 0, 1, 1], [2, Number.NaN, 3, 3]] }, 'xyxy[1]'],
    ['infinite box', { xyxy: [[0, 0, Infinity, 1], [2, 2, 3, 3]] }, 'xyxy[0]'],
    ['inverted x', { xyxy: [[0, 0, 1, 1], [3, 2, 2, 3]] }, 'xyxy[1]'],
    ['inverted y', { xyxy: [[0, 1, 1, 0], [2, 2, 3, 3]] }, 'xyxy[0]'],
    ['box length not 4N', { xyxy: [0, 0, 1, 1, 2] }, 'xyxy'],
    ['NaN score', { confidence: [0.1, Number.NaN] }, 'confidence[1]'],
    ['score beyond float32', { confidence: [1e39, 0] }, 'confidence[0]'],
    ['too few scores', { confidence: [0.1] }, 'confidence'],
    ['too many class ids', { classId: [0, 1, 2] }, 'classId'],
    ['fractional class id', { classId: [0, 1.5] }, 'classId[1]'],
    ['class id beyond int32', { classId: [2 ** 31, 0] }, 'classId[0]'],
    ['missing confidence', { confidence: undefined as never }, 'confidence'],
    ['fractional tracker id', { trackerId: [1, 0.5] }, 'trackerId[1]'],
    ['tracker ids of the wrong length', { trackerId: [1] }, 'trackerId'],
    ['ragged features', { features: [[1, 2], [3]] }, 'features[1]'],
    ['flat features without featureDim', { features: [1, 2, 3, 4] }, 'featureDim'],
    ['NaN feature', { features: [[1, 2], [3, Number.NaN]] }, 'features[3]'],
    ['featureDim without features', { featureDim: 2 }, 'featureDim'],
    ['masks of two sizes', { masks: [square(0), rleEncode(new Uint8Array(6), 2, 3)] }, 'masks[1].size'],
    ['too few masks', { masks: [square(0)] }, 'masks'],
    ['data column of the wrong length', { data: { className: ['a'] } }, 'data.className'],
    ['data column not an array', { data: { className: 'ab' as never } }, 'data.className'],
  ])('rejects %s, naming the field', (_case, change, field) => {
    expect(() => Detections.from({ ...ok, ...change })).toThrowError(invalid(field));
  });

  it('rejects a malformed RLE string with E_INVALID_RLE', () => {
    const bad = { size: [4, 4] as [number, number], counts: '0' };
    expect(() => Detections.from({ ...ok, masks: [square(0), bad] })).toThrowError(expect.objectContaining({ code: 'E_INVALID_RLE' }));
  });

  it('accepts zero-area boxes, negative coordinates, negative ids and logits', () => {
    const d = Detections.from({ xyxy: [[-5, -5, -5, -5]], confidence: [-3.5], classId: [-1], trackerId: [-1] });
    expect(plain(d)).toEqual([{ xyxy: [-5, -5, -5, -5], confidence: -3.5, classId: -1, trackerId: -1, data: {}, feature: undefined }]);
  });
});

describe('Detections methods', () => {
  it('iterates plain per-detection objects', () => {
    const items = [...full()];
    expect(items).toHaveLength(3);
    expect(items[1]).toEqual({
      xyxy: [5, 5, 20, 25],
      confidence: Math.fround(0.9),
      classId: 2,
      trackerId: 8,
      mask: square(1),
      feature: new Float32Array([0, 1]),
      data: { className: 'dog', area: 300 },
    });
  });

  it('select gathers every field in the given order, repeats allowed', () => {
    const d = full().select([2, 0, 2]);
    expect(Array.from(d.xyxy)).toEqual([1, 2, 3, 4, 0, 0, 10, 10, 1, 2, 3, 4]);
    expect(Array.from(d.trackerId!)).toEqual([9, 7, 9]);
    expect(Array.from(d.features!)).toEqual([0.5, 0.5, 1, 0, 0.5, 0.5]);
    expect(d.masks).toEqual([square(2), square(0), square(2)]);
    expect(d.data.className).toEqual(['cat', 'cat', 'cat']);
    expect(d.data.area).toEqual(new Float64Array([4, 100, 4]));
  });

  it('filter takes a boolean mask or a predicate', () => {
    const d = full();
    expect(plain(d.filter([true, false, true]))).toEqual(plain(d.select([0, 2])));
    expect(plain(d.filter((x) => x.data.className === 'dog'))).toEqual(plain(d.select([1])));
    expect(d.filter((x) => x.confidence > 2).length).toBe(0);
    expect(() => d.filter([true])).toThrowError(invalid('filter mask'));
  });

  it.each([
    [undefined, undefined, [0, 1, 2]],
    [1, undefined, [1, 2]],
    [0, 2, [0, 1]],
    [-1, undefined, [2]],
    [-5, 1, [0]],
    [2, 1, []],
    [0, 100, [0, 1, 2]],
  ])('slice(%s, %s) keeps %j', (start, end, kept) => {
    expect(plain(full().slice(start, end))).toEqual(plain(full().select(kept)));
  });

  it.each([
    ['distinct', [0.1, 0.9, 0.5], [1, 2, 0]],
    ['ties keep order', [0.5, 0.9, 0.5, 0.9, 0.5], [1, 3, 0, 2, 4]],
    ['all equal', [0.3, 0.3, 0.3], [0, 1, 2]],
    ['negative scores', [-1, -0.5, -2], [1, 0, 2]],
    ['one', [0.4], [0]],
    ['empty', [], []],
  ])('sortByScore: %s', (_case, scores, order) => {
    const n = scores.length;
    const d = Detections.from({ xyxy: new Float32Array(4 * n), confidence: scores, classId: Array.from({ length: n }, (_, i) => i) });
    const sorted = d.sortByScore();
    expect(Array.from(sorted.classId)).toEqual(order);
    expect(Array.from(d.classId)).toEqual(Array.from({ length: n }, (_, i) => i)); // unchanged
  });

  it('select rejects out-of-range and fractional indices', () => {
    expect(() => full().select([3])).toThrowError(invalid('indices[0]'));
    expect(() => full().select([0, -1])).toThrowError(invalid('indices[1]'));
    expect(() => full().select([0.5])).toThrowError(invalid('indices[0]'));
  });

  it('withTrackerIds sets ids and leaves the original alone', () => {
    const d = Detections.from({ xyxy: [[0, 0, 1, 1], [0, 0, 2, 2]], confidence: [1, 1], classId: [0, 0] });
    const t = d.withTrackerIds([4, 5]);
    expect(Array.from(t.trackerId!)).toEqual([4, 5]);
    expect(d.trackerId).toBeUndefined();
    expect(Array.from(full().withTrackerIds([1, 2, 3]).trackerId!)).toEqual([1, 2, 3]);
    expect(() => d.withTrackerIds([1])).toThrowError(invalid('trackerId'));
  });

  it('at rejects indices out of range', () => {
    expect(() => full().at(3)).toThrowError(invalid('index 3'));
    expect(() => Detections.empty().at(0)).toThrowError(invalid('index 0'));
  });
});

describe('Detections.concat', () => {
  it('joins in order, keeping every field', () => {
    const d = full();
    const joined = Detections.concat([d.slice(2), d.slice(0, 2)]);
    expect(plain(joined)).toEqual(plain(d.select([2, 0, 1])));
    expect(joined.data.area).toBeInstanceOf(Float64Array);
  });

  it('skips empty members, so they never conflict', () => {
    const d = full();
    expect(plain(Detections.concat([Detections.empty(), d, Detections.empty()]))).toEqual(plain(d));
    expect(Detections.concat([]).length).toBe(0);
    expect(Detections.concat([Detections.empty(), Detections.empty()]).length).toBe(0);
  });

  it('mixes data columns of different kinds into a plain array', () => {
    const a = Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0], data: { v: new Int32Array([1]) } });
    const b = Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0], data: { v: [2] } });
    expect(Detections.concat([a, b]).data.v).toEqual([1, 2]);
  });

  const base = { xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0] };
  it.each<[string, Partial<DetectionsInit>, Partial<DetectionsInit>, string]>([
    ['trackerId on one only', { trackerId: [1] }, {}, 'trackerId'],
    ['masks on one only', {}, { masks: [square(0)] }, 'masks'],
    ['features on one only', { features: [[1]] }, {}, 'features'],
    ['different feature lengths', { features: [[1]] }, { features: [[1, 2]] }, 'featureDim'],
    ['different data keys', { data: { a: [1] } }, { data: { b: [1] } }, 'data.'],
    ['masks of different sizes', { masks: [square(0)] }, { masks: [rleEncode(new Uint8Array(4), 2, 2)] }, 'size'],
  ])('rejects %s', (_case, a, b, field) => {
    expect(() => Detections.concat([Detections.from({ ...base, ...a }), Detections.from({ ...base, ...b })])).toThrowError(invalid(field));
  });
});

describe('empty Detections work everywhere', () => {
  const empties: [string, Detections][] = [
    ['Detections.empty()', Detections.empty()],
    ['from empty arrays', Detections.from({ xyxy: [], confidence: [], classId: [] })],
    ['with every optional field', full().filter([false, false, false])],
    ['flat empty features', Detections.from({ xyxy: [], confidence: [], classId: [], features: [], featureDim: 8 })],
  ];
  it.each(empties)('%s', (_case, e) => {
    expect(e.length).toBe(0);
    expect([...e]).toEqual([]);
    for (const r of [e.filter([]), e.filter(() => true), e.select([]), e.sortByScore(), e.slice(), e.slice(-3, 5), e.withTrackerIds([])]) {
      expect(r.length).toBe(0);
    }
    expect(Detections.concat([e, e]).length).toBe(0);
    expect(e.toCocoResults(1)).toEqual([]);
    expect(Detections.fromCocoResults([]).length).toBe(0);
  });

  it('keeps optional fields through operations', () => {
    const e = full().select([]);
    expect(e.masks).toEqual([]);
    expect(e.trackerId).toEqual(new Int32Array(0));
    expect(e.featureDim).toBe(2);
    expect(e.data.className).toEqual([]);
  });
});
