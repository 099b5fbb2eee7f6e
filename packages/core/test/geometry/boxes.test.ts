import { describe, expect, it } from 'vitest';
import { boxArea, clipBoxes, convertBoxes, scaleBoxes, toBoxArray, toValidBoxes } from '../../src/geometry/boxes.js';

const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });

describe('toBoxArray', () => {
  it('accepts flat arrays, nested rows and typed arrays; returns a Float32Array as is', () => {
    const f32 = new Float32Array([0, 0, 1, 1]);
    expect(toBoxArray(f32)).toBe(f32);
    expect(Array.from(toBoxArray([[1, 2, 3, 4], [5, 6, 7, 8]]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Array.from(toBoxArray(new Float64Array([1, 2, 3, 4])))).toEqual([1, 2, 3, 4]);
    expect(toBoxArray([]).length).toBe(0);
  });

  it.each([
    ['length 5', [0, 0, 1, 1, 2]],
    ['a row of 5', [[0, 0, 1, 1, 2]]],
    ['NaN', [0, Number.NaN, 1, 1]],
    ['-Infinity', [-Infinity, 0, 1, 1]],
  ])('rejects %s', (_name, bad) => {
    expect(() => toBoxArray(bad)).toThrowError(invalid);
  });

  it.each([
    ['xyxy', [2, 0, 1, 1]],
    ['xywh', [0, 0, -1, 1]],
    ['tlwh', [0, 0, 1, -1]],
    ['cxcywh', [0, 0, -2, 1]],
  ] as const)('toValidBoxes rejects inverted %s boxes', (format, bad) => {
    expect(() => toValidBoxes(bad, format)).toThrowError(invalid);
    expect(() => convertBoxes(bad, format, 'xyxy')).toThrowError(invalid);
  });
});

describe('convertBoxes', () => {
  const xyxy = [10, 20, 50, 80];
  it.each([
    ['xywh', [10, 20, 40, 60]],
    ['tlwh', [10, 20, 40, 60]], // deep_sort's tlwh is torchvision's xywh
    ['cxcywh', [30, 50, 40, 60]],
    ['xyxy', xyxy],
  ] as const)('xyxy -> %s and back', (format, expected) => {
    expect(Array.from(convertBoxes(xyxy, 'xyxy', format))).toEqual(expected);
    expect(Array.from(convertBoxes(expected, format, 'xyxy'))).toEqual(xyxy);
  });

  it('converts between two non-xyxy formats and returns a fresh array', () => {
    const input = new Float32Array([10, 20, 40, 60]);
    expect(Array.from(convertBoxes(input, 'tlwh', 'cxcywh'))).toEqual([30, 50, 40, 60]);
    expect(convertBoxes(input, 'xywh', 'tlwh')).not.toBe(input);
    expect(convertBoxes([], 'xyxy', 'cxcywh').length).toBe(0);
  });

  it('rejects unknown formats', () => {
    expect(() => convertBoxes(xyxy, 'xyxy', 'yxyx' as never)).toThrowError(invalid);
  });
});

describe('boxArea, clipBoxes, scaleBoxes', () => {
  it('boxArea: widths times heights, zero for degenerate boxes', () => {
    expect(Array.from(boxArea([[0, 0, 2, 3], [1, 1, 1, 5], [0.5, 0.5, 1, 1]]))).toEqual([6, 0, 0.25]);
  });

  it('clipBoxes clamps x into [0, w] and y into [0, h] (imageSize is [h, w])', () => {
    const out = clipBoxes([[-5, -5, 700, 300], [10, 10, 20, 20]], [480, 640]);
    expect(Array.from(out)).toEqual([0, 0, 640, 300, 10, 10, 20, 20]);
    expect(() => clipBoxes([0, 0, 1, 1], [Number.NaN, 5])).toThrowError(invalid);
  });

  it('scaleBoxes scales x by sx and y by sy (default sx), without touching the input', () => {
    const input = new Float32Array([1, 2, 3, 4]);
    expect(Array.from(scaleBoxes(input, 2, 10))).toEqual([2, 20, 6, 40]);
    expect(Array.from(scaleBoxes(input, 0.5))).toEqual([0.5, 1, 1.5, 2]);
    expect(Array.from(input)).toEqual([1, 2, 3, 4]);
    expect(() => scaleBoxes(input, -1)).toThrowError(invalid);
  });
});
