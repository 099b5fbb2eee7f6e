import { readFileSync } from 'node:fs';
import { Detections } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { vocEval } from '../../src/voc/index.js';
import type { VocEvalArgs, VocGroundTruth, VocDetectionArrays } from '../../src/voc/index.js';

interface Fixture {
  sets: Record<string, { gt: Required<VocGroundTruth>; dt: VocDetectionArrays }[]>;
  cases: {
    set: string;
    options: Omit<VocEvalArgs, 'groundTruth' | 'detections'>;
    expected: { mAP: number; perClass: { classId: number; ap: number; nPositives: number; outcome: string }[] };
  }[];
}

const fixture = JSON.parse(readFileSync(new URL('../fixtures/voc/voc-eval.json', import.meta.url), 'utf8')) as Fixture;

/** Recall and precision rebuilt from the reference's per-detection outcomes, with the devkit's formulas. */
function curves(outcome: string, nPositives: number): { recall: number[]; precision: number[] } {
  let tp = 0;
  let fp = 0;
  const recall: number[] = [];
  const precision: number[] = [];
  for (const o of outcome) {
    if (o === 'T') tp++;
    if (o === 'F') fp++;
    recall.push(nPositives > 0 ? tp / nPositives : 0);
    precision.push(tp / Math.max(tp + fp, Number.EPSILON));
  }
  return { recall, precision };
}

describe('vocEval against the numpy devkit reference (test/fixtures/voc/generate.py)', () => {
  it.each(fixture.cases.map((c) => [c.set, JSON.stringify(c.options), c] as const))('%s %s', (set, _o, c) => {
    const images = fixture.sets[set];
    const result = vocEval({ groundTruth: images.map((i) => i.gt), detections: images.map((i) => i.dt), ...c.options });
    expect(result.mAP).toBe(c.expected.mAP);
    expect(result.perClass.map((r) => r.classId)).toEqual(c.expected.perClass.map((r) => r.classId));
    result.perClass.forEach((r, k) => {
      const e = c.expected.perClass[k];
      expect(r.ap).toBe(e.ap); // bit-identical
      expect(r.nPositives).toBe(e.nPositives);
      const { recall, precision } = curves(e.outcome, e.nPositives);
      expect(Array.from(r.recall)).toEqual(recall);
      expect(Array.from(r.precision)).toEqual(precision);
    });
  });

  it('gives the same result for Detections as for plain arrays (fixture values are exact float32)', () => {
    const images = fixture.sets.random;
    const asDetections = images.map((i) => Detections.from({ xyxy: i.dt.boxes, confidence: i.dt.scores, classId: i.dt.classIds }));
    const gt = images.map((i) => i.gt);
    const a = vocEval({ groundTruth: gt, detections: asDetections, method: '11point' });
    const b = vocEval({ groundTruth: gt, detections: images.map((i) => i.dt), method: '11point' });
    expect(a).toEqual(b);
  });
});

describe('vocEval hand cases', () => {
  const gt = (boxes: number[][], difficult?: boolean[]): VocGroundTruth => ({ boxes, classIds: boxes.map(() => 0), difficult });
  const dt = (boxes: number[][], scores: number[]): VocDetectionArrays => ({ boxes, scores, classIds: boxes.map(() => 0) });

  it('IoU exactly at the threshold matches in the devkit (>=) and not in py-faster-rcnn (>)', () => {
    // Inclusive pixels: [0,0,9,9] is 100 px, [0,0,9,19] 200 px, overlap 100: IoU = 0.5 exactly.
    const args = { groundTruth: [gt([[0, 0, 9, 9]])], detections: [dt([[0, 0, 9, 19]], [1])] };
    expect(vocEval(args).perClass[0].ap).toBe(1);
    expect(vocEval({ ...args, variant: 'py-faster-rcnn' }).perClass[0].ap).toBe(0);
  });

  it('pixelInclusive changes IoU: [0,0,1,1] vs [1,1,2,2] overlap by one pixel only with inclusive coordinates', () => {
    const args = { groundTruth: [gt([[0, 0, 1, 1]])], detections: [dt([[1, 1, 2, 2]], [1])], iouThreshold: 1 / 7 };
    expect(vocEval(args).perClass[0].ap).toBe(1); // 1 px / (4 + 4 - 1) px
    expect(vocEval({ ...args, pixelInclusive: false }).perClass[0].ap).toBe(0); // touching, no overlap
  });

  it('duplicates are false positives; difficult matches are ignored unless useDifficult', () => {
    const groundTruth = [gt([[0, 0, 10, 10], [50, 50, 60, 60]], [false, true])];
    const detections = [dt([[0, 0, 10, 10], [0, 0, 10, 10], [50, 50, 60, 60]], [0.9, 0.8, 0.7])];
    const r = vocEval({ groundTruth, detections }).perClass[0];
    expect(r.nPositives).toBe(1);
    expect(Array.from(r.precision)).toEqual([1, 0.5, 0.5]); // the difficult match adds neither TP nor FP
    expect(Array.from(r.recall)).toEqual([1, 1, 1]);
    expect(r.ap).toBe(1);
    const all = vocEval({ groundTruth, detections, useDifficult: true }).perClass[0];
    expect(all.nPositives).toBe(2);
    expect(Array.from(all.precision)).toEqual([1, 0.5, 2 / 3]);
    expect(all.ap).toBe(0.5 + 0.5 * (2 / 3));
  });

  it('a detection best overlapping a difficult object is ignored even if it also overlaps a normal one', () => {
    const groundTruth = [gt([[0, 0, 10, 10], [0, 0, 10, 11]], [false, true])];
    const r = vocEval({ groundTruth, detections: [dt([[0, 0, 10, 11]], [1])] }).perClass[0];
    expect(Array.from(r.precision)).toEqual([0]);
    expect(r.ap).toBe(0);
  });

  it('ties in score keep image order, then detection order (stable sort)', () => {
    const groundTruth = [gt([[0, 0, 10, 10]]), gt([])];
    const detections = [dt([[0, 0, 10, 10]], [0.5]), dt([[0, 0, 10, 10]], [0.5])];
    const r = vocEval({ groundTruth, detections }).perClass[0];
    expect(Array.from(r.precision)).toEqual([1, 0.5]);
    const swapped = vocEval({ groundTruth: [...groundTruth].reverse(), detections: [...detections].reverse() }).perClass[0];
    expect(Array.from(swapped.precision)).toEqual([0, 0.5]);
  });

  it('classes without positives get ap -1 and stay out of mAP; empty input is valid', () => {
    const r = vocEval({ groundTruth: [{ boxes: [[0, 0, 10, 10]], classIds: [1] }], detections: [dt([[0, 0, 10, 10]], [1])] });
    expect(r.perClass.map((c) => [c.classId, c.ap, c.nPositives])).toEqual([[0, -1, 0], [1, 0, 1]]);
    expect(r.mAP).toBe(0);
    expect(vocEval({ groundTruth: [], detections: [] })).toMatchObject({ mAP: -1, perClass: [] });
    const only = vocEval({ groundTruth: [gt([[0, 0, 1, 1]])], detections: [dt([], [])], classIds: [0, 5] });
    expect(only.perClass.map((c) => c.ap)).toEqual([0, -1]);
  });

  it.each([
    ['lists of different lengths', { groundTruth: [gt([])], detections: [] }],
    ['an inverted box', { groundTruth: [gt([[5, 0, 0, 5]])], detections: [dt([], [])] }],
    ['a NaN score', { groundTruth: [gt([])], detections: [dt([[0, 0, 1, 1]], [Number.NaN])] }],
    ['a fractional class id', { groundTruth: [{ boxes: [[0, 0, 1, 1]], classIds: [0.5] }], detections: [dt([], [])] }],
    ['a missing difficult flag', { groundTruth: [gt([[0, 0, 1, 1]], [])], detections: [dt([], [])] }],
    ['a threshold above 1', { groundTruth: [], detections: [], iouThreshold: 1.5 }],
    ['an unknown method', { groundTruth: [], detections: [], method: 'voc2012' }],
    ['an unknown variant', { groundTruth: [], detections: [], variant: 'matlab' }],
  ])('throws E_INVALID_ARGUMENT for %s', (_name, args) => {
    expect(() => vocEval(args as VocEvalArgs)).toThrowError(expect.objectContaining({ code: 'E_INVALID_ARGUMENT' }));
  });
});
