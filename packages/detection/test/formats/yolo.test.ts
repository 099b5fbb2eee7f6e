import { Detections } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { formatYoloLabels, parseYoloLabels } from '../../src/formats/index.js';
import { formatG } from '../../src/formats/yolo.js';

describe('YOLO labels', () => {
  it('reads normalised cx cy w h into pixel xyxy, confidence 1 or the 6th column', () => {
    const d = parseYoloLabels('0 0.5 0.5 0.25 0.5\n\n  3 0.1 0.2 0.2 0.4 0.75  \r\n', [200, 400]);
    expect(Array.from(d.classId)).toEqual([0, 3]);
    expect(Array.from(d.xyxy)).toEqual([150, 50, 250, 150, 0, 0, 80, 80].map(Math.fround));
    expect(Array.from(d.confidence)).toEqual([1, 0.75]);
    expect(parseYoloLabels('', [10, 10]).length).toBe(0);
  });

  it('writes what it reads (round trip to 6 significant digits)', () => {
    const d = Detections.from({
      xyxy: [[10, 20, 110, 95.5], [0, 0, 640, 480], [333.3, 1.7, 334.1, 2.9]],
      confidence: [0.9, 0.5, 0.123456789],
      classId: [2, 0, 79],
    });
    const text = formatYoloLabels(d, [480, 640], { saveConf: true });
    expect(text.split('\n')[1]).toBe('0 0.5 0.5 1 1 0.5');
    const back = parseYoloLabels(text, [480, 640]);
    expect(Array.from(back.classId)).toEqual([2, 0, 79]);
    back.xyxy.forEach((v, i) => expect(Math.abs(v - d.xyxy[i])).toBeLessThan(640 * 1e-6));
    back.confidence.forEach((v, i) => expect(v).toBeCloseTo(d.confidence[i], 6));
    expect(formatYoloLabels(back, [480, 640], { saveConf: true })).toBe(text);
    expect(formatYoloLabels(Detections.empty(), [1, 1])).toBe('');
  });

  it('clips boxes to the image by default and refuses them with clip: false', () => {
    const d = Detections.from({ xyxy: [[-10, -10, 50, 50]], confidence: [1], classId: [1] });
    expect(formatYoloLabels(d, [100, 100])).toBe('1 0.25 0.25 0.5 0.5\n');
    expect(() => formatYoloLabels(d, [100, 100], { clip: false })).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });

  it.each([
    [0, '0'], [0.5, '0.5'], [1, '1'], [0.123456789, '0.123457'], [1e-5, '1e-05'], [0.0001, '0.0001'],
    [123456, '123456'], [1234567, '1.23457e+06'], [9.9999996, '10'], [-0.25, '-0.25'], [2.5e-7, '2.5e-07'],
  ])('formatG(%s) is %s, as Python "%%g"', (x, s) => {
    expect(formatG(x)).toBe(s);
  });

  it.each([
    ['too few values', '0 0.5 0.5 0.5', /line 1 .*has 4 values/],
    ['a polygon', '0 0.1 0.1 0.2 0.1 0.2 0.2 0.1 0.2', /has 9 values/],
    ['a negative class', '-1 0.5 0.5 0.1 0.1', /class is '-1'/],
    ['a fractional class', '1.5 0.5 0.5 0.1 0.1', /class is '1.5'/],
    ['pixel coordinates', '0 0.5 0.5 0.1 0.1\n0 320 240 20 20', /line 2 .*cx is '320'/],
    ['a negative size', '0 0.5 0.5 -0.1 0.1', /w is '-0.1'/],
    ['a word', '0 0.5 abc 0.1 0.1', /cy is 'abc'/],
    ['a NaN confidence', '0 0.5 0.5 0.1 0.1 nan', /confidence is 'nan'/],
  ])('throws E_YOLO_FORMAT for %s, naming the line', (_name, text, message) => {
    expect(() => parseYoloLabels(text, [10, 10])).toThrowError(expect.objectContaining({ code: 'E_YOLO_FORMAT', message: expect.stringMatching(message) }));
  });

  it.each([[[0, 10]], [[10]], [[Number.NaN, 1]]])('throws E_INVALID_ARGUMENT for image size %j', (size) => {
    expect(() => parseYoloLabels('', size as unknown as [number, number])).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
