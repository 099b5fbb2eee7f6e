import { Detections, FoveaError } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { motRowsFromDetections, readMotChallenge, writeMotChallenge } from '../../src/index.js';

describe('readMotChallenge', () => {
  it('subtracts 1 from bb_left/bb_top like py-motmetrics and keeps file order', () => {
    const rows = readMotChallenge('2,7,11,21,30,40,0.9,1,0.5,-1\n1,3,1,1,5,6,1,-1,-1,-1\n');
    expect(rows).toEqual([
      { frame: 2, id: 7, x: 10, y: 20, width: 30, height: 40, confidence: 0.9, classId: 1, visibility: 0.5 },
      { frame: 1, id: 3, x: 0, y: 0, width: 5, height: 6, confidence: 1, classId: -1, visibility: -1 },
    ]);
  });

  it.each([
    ['commas', '1,2,3,4,5,6,1,-1,-1,-1'],
    ['commas with spaces', '1, 2, 3, 4, 5, 6, 1, -1, -1, -1'],
    ['spaces', '1 2 3 4 5 6 1 -1 -1 -1'],
    ['tabs', '1\t2\t3\t4\t5\t6\t1\t-1\t-1\t-1'],
    ['CRLF and trailing comma', '1,2,3,4,5,6,1,-1,-1,-1,\r\n'],
    ['leading blank lines', '\n\n  1,2,3,4,5,6,1,-1,-1,-1  \n\n'],
    ['exponents', '1,2,3e0,.4e1,5.,6,1,-1,-1,-1'],
  ])('accepts %s', (_, text) => {
    expect(readMotChallenge(text)).toEqual([{ frame: 1, id: 2, x: 2, y: 3, width: 5, height: 6, confidence: 1, classId: -1, visibility: -1 }]);
  });

  it.each([
    [6, { confidence: 1, classId: -1, visibility: -1 }],
    [7, { confidence: 0.5, classId: -1, visibility: -1 }],
    [9, { confidence: 0.5, classId: 3, visibility: 0.25 }],
  ])('reads a %i-field line, defaulting the missing fields', (fields, want) => {
    const line = ['1', '2', '3', '4', '5', '6', '0.5', '3', '0.25'].slice(0, fields).join(',');
    expect(readMotChallenge(line)[0]).toMatchObject(want);
  });

  it('drops rows below minConfidence (py-motmetrics min_confidence)', () => {
    const text = '1,1,0,0,5,5,1\n1,2,0,0,5,5,0\n2,1,0,0,5,5,0.99\n';
    expect(readMotChallenge(text).length).toBe(3);
    expect(readMotChallenge(text, { minConfidence: 1 }).map((r) => [r.frame, r.id])).toEqual([[1, 1]]);
    expect(readMotChallenge('')).toEqual([]);
  });

  it.each([
    ['too few fields', '1,1,0,0,5,5\n1,2,0,0,5\n', 2],
    ['too many fields', '1,2,0,0,5,5,1,1,1,1,1\n', 1],
    ['a word', '1,1,0,0,5,5\n\n1,x,0,0,5,5\n', 3],
    ['NaN', '1,1,0,0,nan,5\n', 1],
    ['Infinity', '1,1,0,0,5,Infinity\n', 1],
    ['hex', '1,1,0x10,0,5,5\n', 1],
    ['an empty field', '1,,0,0,5,5,1\n', 1],
  ])('rejects %s with E_MOT_FORMAT naming the line', (_, text, line) => {
    try {
      readMotChallenge(text);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(FoveaError);
      expect((e as FoveaError).code).toBe('E_MOT_FORMAT');
      expect((e as FoveaError).message).toContain(`line ${line}`);
    }
  });

  it('rejects a NaN minConfidence', () => {
    expect(() => readMotChallenge('', { minConfidence: Number.NaN })).toThrow(/minConfidence/);
  });
});

describe('writeMotChallenge', () => {
  it('writes 1-based boxes and round-trips through readMotChallenge', () => {
    const rows = [
      { frame: 1, id: 4, x: 112.84, y: 273.5, width: 57.307, height: 130.05, confidence: -1, classId: -1, visibility: -1 },
      { frame: 2, id: 5, x: 0, y: -0.5, width: 1e-3, height: 3, confidence: 0.25, classId: 2, visibility: 0.5 },
    ];
    const text = writeMotChallenge(rows);
    expect(text.split('\n')[1]).toBe('2,5,1,0.5,0.001,3,0.25,2,0.5,-1');
    const back = readMotChallenge(text);
    back.forEach((r, k) => {
      for (const key of Object.keys(r) as (keyof typeof r)[]) expect(r[key]).toBeCloseTo(rows[k][key], 12);
    });
  });

  it('defaults confidence to 1 and class/visibility to -1', () => {
    expect(writeMotChallenge([{ frame: 3, id: 1, x: 0, y: 0, width: 2, height: 2 }])).toBe('3,1,1,1,2,2,1,-1,-1,-1\n');
    expect(writeMotChallenge([])).toBe('');
  });

  it('rejects non-finite fields', () => {
    expect(() => writeMotChallenge([{ frame: 1, id: 1, x: Number.NaN, y: 0, width: 1, height: 1 }])).toThrow(/rows\[0\] has a non-finite x/);
  });
});

describe('motRowsFromDetections', () => {
  it('numbers frames from 1 and converts xyxy to 0-based xywh', () => {
    const frames = [
      Detections.from({ xyxy: [[10, 20, 40, 60]], confidence: [0.5], classId: [2], trackerId: [7] }),
      Detections.empty(),
      Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0], trackerId: [8] }),
    ];
    expect(motRowsFromDetections(frames)).toEqual([
      { frame: 1, id: 7, x: 10, y: 20, width: 30, height: 40, confidence: 0.5, classId: 2, visibility: -1 },
      { frame: 3, id: 8, x: 0, y: 0, width: 1, height: 1, confidence: 1, classId: 0, visibility: -1 },
    ]);
  });

  it('needs trackerId', () => {
    expect(() => motRowsFromDetections([Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0] })])).toThrow(/trackerId/);
  });
});
