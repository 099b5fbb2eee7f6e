import { Detections, FoveaError, mulberry32 } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import {
  evaluateMot, linearSumAssignment, MotAccumulator, overallMotMetrics, type MotEvent, type MotId, type MotRow,
} from '../../src/index.js';

const row = (frame: number, id: number, x: number, y = 0, w = 10, h = 10): MotRow =>
  ({ frame, id, x, y, width: w, height: h, confidence: 1, classId: -1, visibility: -1 });

describe('evaluateMot: closed forms', () => {
  it('one object, its track id changes once', () => {
    const gt = [1, 2, 3, 4].map((f) => row(f, 1, 0));
    const hyp = [row(1, 10, 0), row(2, 10, 0), row(3, 11, 0), row(4, 11, 0)];
    const m = evaluateMot(gt, hyp);
    expect(m).toMatchObject({
      numFrames: 4, numMatches: 3, numSwitches: 1, numAscend: 1, numTransfer: 0, numFalsePositives: 0,
      numMisses: 0, numObjects: 4, numPredictions: 4, mostlyTracked: 1, numFragmentations: 0,
      motp: 0, mota: 0.75, precision: 1, recall: 1, idtp: 2, idfn: 2, idfp: 2, idp: 0.5, idr: 0.5, idf1: 0.5,
    });
  });

  it('MOTP is the mean distance 1 - IoU of the matches', () => {
    // IoU 1/3 would be dropped at 0.5; IoU 0.5 (distance 0.5) and IoU 1 (distance 0) are kept.
    const m = evaluateMot([row(1, 1, 0), row(2, 1, 0)], [row(1, 5, 0, 0, 10, 20), row(2, 5, 0)]);
    expect([m.numMatches, m.motp]).toEqual([2, 0.25]);
    expect(evaluateMot([row(1, 1, 0)], [row(1, 5, 5)]).numFalsePositives).toBe(1);
    expect(evaluateMot([row(1, 1, 0)], [row(1, 5, 5)], { iouThreshold: 0.3 }).numMatches).toBe(1);
  });

  it('ratios divide by zero the way py-motmetrics does', () => {
    const m = evaluateMot([], [row(1, 1, 0)]);
    expect([m.numFrames, m.mota, m.recall, m.motp, m.precision, m.idf1]).toEqual([1, -Infinity, Number.NaN, Number.NaN, 0, 0]);
    const none = evaluateMot([], []);
    expect([none.numFrames, none.mota, none.idf1]).toEqual([0, Number.NaN, Number.NaN]);
  });

  it('takes per-frame Detections with trackerId (frame t + 1) like the equivalent rows', () => {
    const frames = (boxes: [number, number][][]) => boxes.map((list) => Detections.from({
      xyxy: list.map(([, x]) => [x, 0, x + 10, 10]), confidence: list.map(() => 1), classId: list.map(() => 0),
      trackerId: list.map(([id]) => id),
    }));
    const gt = frames([[[1, 0], [2, 30]], [[1, 2], [2, 28]], [], [[1, 6]]]);
    const hyp = frames([[[7, 1]], [[7, 3], [8, 27]], [[9, 50]], [[8, 5]]]);
    const rows = (list: Detections[]) => list.flatMap((d, t) => [...d].map((x) => row(t + 1, x.trackerId!, x.xyxy[0])));
    expect(evaluateMot(gt, hyp)).toEqual(evaluateMot(rows(gt), rows(hyp)));
    expect(() => evaluateMot([Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [1], classId: [0] })], []))
      .toThrow(/trackerId/);
  });
});

describe('MotAccumulator', () => {
  it('numbers frames from 0 when no frameId is given, and accepts string ids', () => {
    const acc = new MotAccumulator();
    expect(acc.update(['a', 'b'], ['x'], [[0.1], [Number.NaN]])).toBe(0);
    expect(acc.update(['a'], ['y'], [0.2])).toBe(1);
    expect(acc.update(['a'], ['y'], [0.3], 10)).toBe(10);
    expect(acc.motEvents.map((e) => [e.frameId, e.type, e.oid, e.hid])).toEqual([
      [0, 'MATCH', 'a', 'x'], [0, 'MISS', 'b', null], [1, 'ASCEND', 'a', 'y'], [1, 'SWITCH', 'a', 'y'], [10, 'MATCH', 'a', 'y'],
    ]);
    const m = acc.metrics();
    expect([m.numSwitches, m.numMatches, m.numMisses, m.numUniqueObjects]).toEqual([1, 2, 1, 2]);
    expect(m.motp).toBeCloseTo(0.2, 15);
  });

  it('logs RAW events like py-motmetrics: a frame marker, finite pairs, then ids without pairs', () => {
    const acc = new MotAccumulator();
    acc.update([1, 2], [5], [[0.5], [Number.POSITIVE_INFINITY]], 3);
    const raw = acc.events.filter((e) => e.type === 'RAW').map((e: MotEvent) => [e.eventId, e.oid, e.hid, e.distance]);
    expect(raw).toEqual([[0, null, null, Number.NaN], [1, 1, 5, 0.5], [2, 2, null, Number.NaN]]);
  });

  it.each([
    ['a repeated gt id', [1, 1], [2], [[0], [0]], undefined, /gtIds has 1 twice/],
    ['a repeated hyp id', [1], [2, 2], [[0, 0]], undefined, /hypIds has 2 twice/],
    ['a NaN id', [Number.NaN], [], [], undefined, /not NaN/],
    ['a repeated frame id', [1], [2], [[0]], 0, /already added/],
    ['a wrong row count', [1, 2], [2], [[0]], undefined, /2 rows/],
    ['a wrong flat length', [1, 2], [2], [0], undefined, /expected 2 x 1/],
    ['a NaN frame id', [1], [2], [[0]], Number.NaN, /frameId/],
  ] as [string, MotId[], MotId[], number[] | number[][], number | undefined, RegExp][])(
    'rejects %s and leaves the accumulator unchanged',
    (_, oids, hids, d, frame, message) => {
      const acc = new MotAccumulator();
      acc.update([1], [2], [[0.1]], 0);
      const before = [acc.metrics(), acc.events];
      expect(() => acc.update(oids, hids, d, frame)).toThrow(message);
      try {
        acc.update(oids, hids, d, frame);
      } catch (e) {
        expect((e as FoveaError).code).toBe('E_INVALID_ARGUMENT');
      }
      expect([acc.metrics(), acc.events]).toEqual(before);
    },
  );

  it('reset() forgets everything', () => {
    const acc = new MotAccumulator();
    acc.update([1], [2], [[0.1]], 5);
    acc.reset();
    expect(acc.events).toEqual([]);
    expect(acc.update([1], [3], [[0.1]], 5)).toBe(5);
    expect(acc.metrics().numSwitches).toBe(0);
  });

  it('rejects a bad maxSwitchTime and bad evaluateMot input', () => {
    expect(() => new MotAccumulator({ maxSwitchTime: -1 })).toThrow(/maxSwitchTime/);
    expect(() => evaluateMot([row(1, 1, 0)], [], { iouThreshold: 1.5 })).toThrow(/iouThreshold/);
    expect(() => evaluateMot([{ ...row(1, 1, 0), width: Number.NaN }], [])).toThrow(/gt\[0\]\.width is NaN/);
    expect(() => evaluateMot([row(1, 1, 0), row(1, 1, 5)], [])).toThrow(/twice in frame 1/);
  });
});

describe('identity metrics (IDF1): fast matching vs the reference formulation', () => {
  /** py-motmetrics' id_global_assignment on the (objects + hypotheses)² matrix, read off the RAW events. */
  function referenceIdtp(events: MotEvent[], numObjects: number): number {
    const ocs = new Map<MotId, Set<number>>();
    const hcs = new Map<MotId, Set<number>>();
    const tps = new Map<string, number>();
    for (const e of events) {
      if (e.type !== 'RAW') continue;
      if (e.oid !== null) ocs.set(e.oid, (ocs.get(e.oid) ?? new Set()).add(e.frameId));
      if (e.hid !== null) hcs.set(e.hid, (hcs.get(e.hid) ?? new Set()).add(e.frameId));
      if (e.oid !== null && e.hid !== null) tps.set(`${e.oid}|${e.hid}`, (tps.get(`${e.oid}|${e.hid}`) ?? 0) + 1);
    }
    const oids = [...ocs.keys()];
    const hids = [...hcs.keys()];
    const no = oids.length;
    const nh = hids.length;
    const size = no + nh;
    const big = 1e9;
    const fn = new Float64Array(size * size);
    const cost = new Float64Array(size * size);
    for (let r = 0; r < size; r++) {
      for (let c = 0; c < size; c++) {
        const o = r < no ? oids[r] : null;
        const h = c < nh ? hids[c] : null;
        const oc = o === null ? 0 : ocs.get(o)!.size;
        const hc = h === null ? 0 : hcs.get(h)!.size;
        let fnv = 0;
        let fpv = 0;
        if (o !== null && h !== null) {
          const tp = tps.get(`${o}|${h}`) ?? 0;
          fnv = oc - tp;
          fpv = hc - tp;
        } else if (o !== null) fnv = c - nh === r ? oc : big;
        else if (h !== null) fpv = r - no === c ? hc : big;
        fn[r * size + c] = fnv;
        cost[r * size + c] = fnv + fpv;
      }
    }
    const { rowIndices, colIndices } = linearSumAssignment(cost, { rows: size, cols: size });
    let idfn = 0;
    rowIndices.forEach((r, k) => (idfn += fn[r * size + colIndices[k]]));
    return numObjects - idfn;
  }

  it.each([1, 2, 3, 4, 5, 6])('random sequence %i', (seed) => {
    const rand = mulberry32(seed);
    const gt: MotRow[] = [];
    const hyp: MotRow[] = [];
    for (let f = 1; f <= 30; f++) {
      for (let k = 0; k < 8; k++) {
        if (rand() < 0.2) continue;
        const x = 25 * k + 10 * Math.sin(f / 5 + k);
        gt.push(row(f, k, x));
        if (rand() < 0.85) hyp.push(row(f, 100 + ((k + Math.floor(f / 10) * (rand() < 0.3 ? 1 : 0)) % 8), x + 4 * (rand() - 0.5)));
      }
    }
    // Keep hypothesis ids unique within each frame.
    const seen = new Set<string>();
    const uniqueHyp = hyp.filter((r) => !seen.has(`${r.frame}|${r.id}`) && seen.add(`${r.frame}|${r.id}`));
    const m = evaluateMot(gt, uniqueHyp, { iouThreshold: 0.3 });
    const acc = new MotAccumulator();
    // Rebuild the same accumulator through the public update() to read its events.
    for (let f = 1; f <= 30; f++) {
      const g = gt.filter((r) => r.frame === f);
      const h = uniqueHyp.filter((r) => r.frame === f);
      const d = g.map((a) => h.map((b) => {
        const iw = Math.max(Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x), 0);
        const iou = (iw * 10) / (200 - iw * 10);
        return 1 - iou > 0.7 ? Number.NaN : 1 - iou;
      }));
      if (g.length + h.length > 0) acc.update(g.map((r) => r.id), h.map((r) => r.id), d, f);
    }
    expect(acc.metrics().idtp).toBe(m.idtp);
    expect(m.idtp).toBe(referenceIdtp(acc.events, m.numObjects));
    expect(m.idtp).toBeGreaterThan(0);
  });
});

describe('overallMotMetrics', () => {
  it('adds counts and re-derives ratios; one part is unchanged', () => {
    const a = evaluateMot([row(1, 1, 0), row(2, 1, 0)], [row(1, 3, 1), row(2, 4, 0)]);
    const b = evaluateMot([row(1, 1, 0)], [row(1, 3, 50)]);
    expect(overallMotMetrics([a])).toEqual(a);
    const o = overallMotMetrics([a, b]);
    expect(o.numObjects).toBe(3);
    expect(o.numUniqueObjects).toBe(2);
    expect(o.mota).toBe(1 - (a.numSwitches + 1 + 1) / 3);
    // b has no matches, so its MOTP is NaN and, as in py-motmetrics' motp_m, so is the overall MOTP.
    expect(o.motp).toBeNaN();
    const c = evaluateMot([row(1, 1, 0)], [row(1, 3, 5, 0, 5, 10)]);
    expect(overallMotMetrics([a, c]).motp).toBeCloseTo((a.motp * 2 + 0.5) / 3, 15);
    expect(overallMotMetrics([]).mota).toBeNaN();
  });
});
