import { describe, expect, it } from 'vitest';
import { Detections } from '../../src/detections/index.js';
import { TrackTrails } from '../../src/draw/trails.js';
import { thrown } from '../image/helpers.js';

const frame = (boxes: number[][], ids?: number[]) =>
  Detections.from({ xyxy: boxes, confidence: boxes.map(() => 1), classId: boxes.map(() => 0), trackerId: ids });

describe('TrackTrails', () => {
  it('accumulates box centres per track, oldest first', () => {
    const trails = new TrackTrails();
    trails.update(frame([[0, 0, 10, 20], [100, 100, 110, 110]], [1, 2]));
    trails.update(frame([[10, 0, 20, 20]], [1]));
    expect(trails.get(1)).toEqual([[5, 10], [15, 10]]);
    expect(trails.get(2)).toEqual([[105, 105]]);
    expect(trails.get(3)).toEqual([]);
    expect([...trails.toMap().keys()]).toEqual([1, 2]);
    expect(trails.size).toBe(2);
  });

  it('uses the bottom centre when asked', () => {
    const trails = new TrackTrails({ anchor: 'bottomCenter' });
    trails.update(frame([[0, 0, 10, 20]], [4]));
    expect(trails.get(4)).toEqual([[5, 20]]);
  });

  it('keeps points of the last maxLength frames and forgets lost tracks', () => {
    const trails = new TrackTrails({ maxLength: 3 });
    for (let f = 0; f < 5; f++) trails.update(frame([[f, 0, f, 0]], [1]));
    expect(trails.get(1)).toEqual([[2, 0], [3, 0], [4, 0]]);
    trails.update(frame([]));
    trails.update(frame([[0, 0, 2, 2]], [9]));
    expect(trails.get(1)).toEqual([[4, 0]]);
    trails.update(frame([]));
    expect(trails.get(1)).toEqual([]);
    expect(trails.size).toBe(1);
  });

  it('counts frames without tracker ids, and reset forgets everything', () => {
    const trails = new TrackTrails({ maxLength: 1 });
    trails.update(frame([[0, 0, 2, 2]], [1]));
    trails.update(frame([[0, 0, 2, 2]])); // detections without trackerId
    expect(trails.size).toBe(0);
    trails.update(frame([[0, 0, 2, 2]], [1]));
    trails.reset();
    expect(trails.size).toBe(0);
  });

  it('returns copies', () => {
    const trails = new TrackTrails();
    trails.update(frame([[0, 0, 2, 2]], [1]));
    trails.get(1)[0][0] = 99;
    trails.toMap().get(1)!.push([1, 1]);
    expect(trails.get(1)).toEqual([[1, 1]]);
  });

  it.each([
    [{ maxLength: 0 }],
    [{ maxLength: 2.5 }],
    [{ anchor: 'top' }],
  ])('refuses %j', (options) => {
    expect(thrown(() => new TrackTrails(options as never)).code).toBe('E_INVALID_ARGUMENT');
  });

  it('refuses anything but Detections', () => {
    expect(thrown(() => new TrackTrails().update({} as never)).code).toBe('E_INVALID_ARGUMENT');
  });
});
