import { Detections, FoveaError } from '@fovea/core';
import { describe, expect, it } from 'vitest';
import { ByteTrack } from '../../src/trackers/byte-track.js';
import { Sort } from '../../src/trackers/sort.js';
import type { Tracker } from '../../src/trackers/tracker.js';

type Box = [number, number, number, number, number]; // x1, y1, x2, y2, score

function frame(boxes: Box[]): Detections {
  return Detections.from({
    xyxy: boxes.map((b) => b.slice(0, 4)),
    confidence: boxes.map((b) => b[4]),
    classId: boxes.map(() => 0),
  });
}

/** Runs a tracker over frames; per frame, the id reported for each input detection (-1 if none). */
function idsPerDetection(tracker: Tracker, frames: Box[][]): number[][] {
  return frames.map((boxes) => {
    const out = tracker.update(frame(boxes));
    const ids = boxes.map(() => -1);
    const index = out.data.detectionIndex as Int32Array;
    for (let k = 0; k < out.length; k++) if (index[k] >= 0) ids[index[k]] = out.trackerId![k];
    return ids;
  });
}

/** Two 40x80 boxes passing each other horizontally, 20 px apart vertically. */
function crossing(frames = 30): Box[][] {
  return Array.from({ length: frames }, (_, f) => [
    [100 + 10 * f, 100, 140 + 10 * f, 180, 0.9],
    [400 - 10 * f, 120, 440 - 10 * f, 200, 0.9],
  ]);
}

/** One box moving right whose score drops to 0.3 (say, partly occluded) in frames 6-8. */
function fading(): Box[][] {
  return Array.from({ length: 15 }, (_, f) => [[100 + 5 * f, 100, 150 + 5 * f, 200, f >= 6 && f <= 8 ? 0.3 : 0.9]]);
}

describe('Sort', () => {
  it('keeps both ids through a crossing', () => {
    const ids = idsPerDetection(new Sort(), crossing());
    for (const row of ids) expect(row).toEqual([1, 2]);
  });

  it('reports new tracks only after minHits consecutive matches, except in the first minHits frames', () => {
    const frames: Box[][] = Array.from({ length: 8 }, (_, f) => {
      const boxes: Box[] = [[10 + f, 10, 50 + f, 90, 0.9]];
      if (f >= 4) boxes.push([300, 300, 340, 380, 0.9]);
      return boxes;
    });
    const ids = idsPerDetection(new Sort(), frames);
    expect(ids.map((r) => r[0])).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    // sort.py counts no hit at creation: streak 0, 1, 2 (not shown), then 3.
    expect(ids.slice(4).map((r) => r[1])).toEqual([-1, -1, -1, 2]);
  });

  it('drops a track missed for more than maxAge frames and starts a new id', () => {
    const frames: Box[][] = Array.from({ length: 10 }, (_, f) => (f === 4 || f === 5 ? [] : [[100, 100, 140, 180, 0.9]]));
    const ids = idsPerDetection(new Sort({ minHits: 0 }), frames);
    expect(ids.filter((r) => r.length > 0).map((r) => r[0])).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
  });

  it('loses an object whose low-score detections a score threshold removed', () => {
    const thresholded = fading().map((boxes) => boxes.filter((b) => b[4] > 0.5));
    const ids = idsPerDetection(new Sort(), thresholded).flat();
    expect(new Set(ids.filter((id) => id > 0))).toEqual(new Set([1, 2]));
  });

  it('rejects empty boxes and leaves its state alone', () => {
    const sort = new Sort();
    sort.update(frame([[0, 0, 10, 10, 1]]));
    expect(() => sort.update(frame([[5, 5, 5, 9, 1]]))).toThrow(FoveaError);
    expect(Array.from(sort.update(frame([[0, 0, 10, 10, 1]])).trackerId!)).toEqual([1]);
  });
});

describe('ByteTrack', () => {
  it('keeps both ids through a crossing', () => {
    const ids = idsPerDetection(new ByteTrack(), crossing());
    for (const row of ids) expect(row).toEqual([1, 2]);
  });

  it('recovers low-score detections in its second round: one id throughout', () => {
    const ids = idsPerDetection(new ByteTrack(), fading()).map((r) => r[0]);
    expect(ids).toEqual(Array(15).fill(1));
  });

  it('starts tracks only from detections above newTrackThreshold, and shows them from their second hit', () => {
    const frames: Box[][] = Array.from({ length: 4 }, () => [
      [10, 10, 50, 90, 0.9],
      [200, 10, 240, 90, 0.55], // high (> 0.5) but below det_thresh 0.6: never starts a track
    ]);
    frames.push([[10, 10, 50, 90, 0.9], [200, 10, 240, 90, 0.55], [400, 10, 440, 90, 0.9]]);
    frames.push([[10, 10, 50, 90, 0.9], [200, 10, 240, 90, 0.55], [400, 10, 440, 90, 0.9]]);
    const ids = idsPerDetection(new ByteTrack(), frames);
    expect(ids.map((r) => r[0])).toEqual([1, 1, 1, 1, 1, 1]);
    expect(ids.map((r) => r[1])).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(ids[4][2]).toBe(-1); // started in frame 5, not yet activated
    expect(ids[5][2]).toBe(2);
  });

  it('re-finds a lost track within lostTrackBuffer frames, with its id', () => {
    const frames: Box[][] = Array.from({ length: 30 }, (_, f) =>
      f >= 10 && f < 20 ? [] : [[100 + 4 * f, 100, 150 + 4 * f, 200, 0.9]],
    );
    const ids = idsPerDetection(new ByteTrack(), frames).filter((r) => r.length > 0).map((r) => r[0]);
    expect(ids).toEqual(Array(20).fill(1));
    const short = idsPerDetection(new ByteTrack({ lostTrackBuffer: 5 }), frames).filter((r) => r.length > 0).map((r) => r[0]);
    expect(short.slice(0, 10)).toEqual(Array(10).fill(1));
    expect(short[11]).toBe(2); // a new track, shown from its second frame
  });

  it('reset() restarts ids', () => {
    const bt = new ByteTrack();
    idsPerDetection(bt, crossing(3));
    bt.reset();
    expect(idsPerDetection(bt, crossing(1))[0]).toEqual([1, 2]);
  });
});
