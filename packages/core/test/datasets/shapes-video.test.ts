import { describe, expect, it } from 'vitest';
import { shapesVideo, type ShapesFrame } from '../../src/datasets/shapes-video.js';
import { rleArea, rleDecode, rleToBbox } from '../../src/masks/index.js';

const invalid = (fragment: string) =>
  expect.objectContaining({ name: 'FoveaError', code: 'E_INVALID_ARGUMENT', message: expect.stringContaining(fragment) });

interface MotRow {
  frame: number;
  id: number;
  xyxy: number[];
  conf: number;
  cls: number;
  visibility: number;
}

/**
 * Reads MOTChallenge lines as py-motmetrics' load_motchallenge does: comma-separated, 1-based
 * frames, and 1 subtracted from bb_left/bb_top ("matlab convention") to get 0-based pixel edges.
 */
function parseMot(text: string): MotRow[] {
  return text
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const f = line.split(',').map(Number);
      expect(f.length).toBe(9);
      const [frame, id, left, top, w, h, conf, cls, visibility] = f;
      return { frame, id, xyxy: [left - 1, top - 1, left - 1 + w, top - 1 + h], conf, cls, visibility };
    });
}

function frameBytes(f: ShapesFrame) {
  const d = f.detections;
  return {
    image: Buffer.from(f.image).toString('base64'),
    semantic: Buffer.from(f.semantic).toString('base64'),
    xyxy: Array.from(d.xyxy),
    ids: Array.from(d.trackerId!),
    masks: d.masks,
    visibility: Array.from(d.data.visibility as Float32Array),
  };
}

/** All frames' detections, per track id: frame -> { box, classId, visibility }. */
function byTrack(video: ReturnType<typeof shapesVideo>) {
  const tracks = new Map<number, Map<number, { box: number[]; classId: number; visibility: number }>>();
  for (let t = 0; t < video.length; t++) {
    const d = video.frame(t).detections;
    for (let j = 0; j < d.length; j++) {
      const id = d.trackerId![j];
      if (!tracks.has(id)) tracks.set(id, new Map());
      tracks.get(id)!.set(t, {
        box: Array.from(d.xyxy.subarray(4 * j, 4 * j + 4)),
        classId: d.classId[j],
        visibility: (d.data.visibility as Float32Array)[j],
      });
    }
  }
  return tracks;
}

describe('shapesVideo', () => {
  it('has the documented defaults', () => {
    const v = shapesVideo({ seed: 0 });
    expect([v.length, v.height, v.width]).toEqual([60, 128, 128]);
    expect(v.classes).toEqual(['circle', 'square', 'triangle', 'star']);
  });

  it('renders the same bytes for a seed whatever order frames are asked in', () => {
    const a = shapesVideo({ seed: 3, frames: 20 });
    const b = shapesVideo({ seed: 3, frames: 20 });
    const forward = [0, 10, 19].map((t) => frameBytes(a.frame(t)));
    const backward = [19, 10, 0].map((t) => frameBytes(b.frame(t))).reverse();
    expect(forward).toEqual(backward);
    expect(a.toMot()).toBe(b.toMot());
    expect(frameBytes(shapesVideo({ seed: 4, frames: 20 }).frame(10)).image).not.toBe(forward[1].image);
    expect(forward[1].image).not.toBe(forward[0].image); // noise differs from frame to frame
  });

  it('annotates every frame consistently: boxes bound the masks, masks are disjoint, semantic agrees', () => {
    const v = shapesVideo({ seed: 1, frames: 30 });
    for (let t = 0; t < v.length; t++) {
      const { detections: d, semantic, height: h, width: w } = v.frame(t);
      const covered = new Uint8Array(h * w);
      let problems = 0;
      d.masks!.forEach((m, j) => {
        const [x, y, bw, bh] = rleToBbox(m);
        expect(Array.from(d.xyxy.subarray(4 * j, 4 * j + 4))).toEqual([x, y, x + bw, y + bh]);
        expect(rleArea(m)).toBeGreaterThanOrEqual(1);
        rleDecode(m).forEach((on, i) => {
          if (!on) return;
          if (covered[i] || semantic[i] !== d.classId[j] + 1) problems++;
          covered[i] = 1;
        });
      });
      semantic.forEach((c, i) => c !== 0 && !covered[i] && problems++);
      expect(problems, `frame ${t}`).toBe(0);
      expect(new Set(d.trackerId).size).toBe(d.length);
    }
  });

  it.each([0, 1, 2, 3, 4])('seed %i: ids are stable, objects enter and leave mid-sequence, and one hides another', (seed) => {
    const v = shapesVideo({ seed, frames: 40, objects: 5 });
    const tracks = byTrack(v);
    expect([...tracks.keys()].every((id) => id >= 1 && id <= 5)).toBe(true);
    for (const frames of tracks.values()) expect(new Set([...frames.values()].map((f) => f.classId)).size).toBe(1);
    const first = [...tracks.values()].map((f) => Math.min(...f.keys()));
    const last = [...tracks.values()].map((f) => Math.max(...f.keys()));
    expect(Math.max(...first), 'some object enters after the first frame').toBeGreaterThan(0);
    expect(Math.min(...last), 'some object leaves before the last frame').toBeLessThan(v.length - 1);
    // Occlusion, not just truncation: a box clear of the borders with part of its shape hidden.
    const occluded = [...tracks.values()].some((frames) =>
      [...frames.values()].some(({ box, visibility }) => visibility < 1 && box[0] > 0 && box[1] > 0 && box[2] < v.width && box[3] < v.height),
    );
    expect(occluded).toBe(true);
  });

  it('writes MOTChallenge ground truth that parses back to the frame boxes', () => {
    const v = shapesVideo({ seed: 2, frames: 25, imageSize: [96, 120] });
    const mot = v.toMot();
    expect(mot.endsWith('\n')).toBe(true);
    const rows = parseMot(mot);
    const tracks = byTrack(v);
    expect(rows.length).toBe([...tracks.values()].reduce((n, f) => n + f.size, 0));
    for (const r of rows) {
      const gt = tracks.get(r.id)!.get(r.frame - 1)!;
      expect(r.xyxy).toEqual(gt.box);
      expect(r.conf).toBe(1);
      expect(r.cls).toBe(gt.classId + 1);
      // Six decimals in the file; data.visibility is float32.
      expect(Math.abs(r.visibility - gt.visibility)).toBeLessThanOrEqual(6e-7);
    }
    // Sorted by frame, then id.
    const keys = rows.map((r) => r.frame * 1e6 + r.id);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    // First frame, top-left pixel convention: bb_left/bb_top are at least 1.
    expect(rows.every((r) => r.xyxy[0] >= 0 && r.xyxy[1] >= 0 && r.frame >= 1)).toBe(true);
  });

  it("writes amodal boxes with boxes: 'full', containing the visible box, hidden objects included", () => {
    const v = shapesVideo({ seed: 2, frames: 25 });
    const visible = new Map(parseMot(v.toMot()).map((r) => [`${r.frame}:${r.id}`, r]));
    const full = parseMot(v.toMot({ boxes: 'full' }));
    const keys = new Set(full.map((r) => `${r.frame}:${r.id}`));
    for (const k of visible.keys()) expect(keys.has(k)).toBe(true);
    let beyond = 0;
    for (const r of full) {
      const vis = visible.get(`${r.frame}:${r.id}`);
      if (r.xyxy[0] < 0 || r.xyxy[1] < 0 || r.xyxy[2] > v.width || r.xyxy[3] > v.height) beyond++;
      if (!vis) {
        expect(r.visibility).toBe(0);
        continue;
      }
      expect(r.visibility).toBe(vis.visibility);
      expect(r.xyxy[0]).toBeLessThanOrEqual(vis.xyxy[0]);
      expect(r.xyxy[1]).toBeLessThanOrEqual(vis.xyxy[1]);
      expect(r.xyxy[2]).toBeGreaterThanOrEqual(vis.xyxy[2]);
      expect(r.xyxy[3]).toBeGreaterThanOrEqual(vis.xyxy[3]);
    }
    expect(beyond, 'some amodal box reaches past the image (entering or leaving)').toBeGreaterThan(0);
  });

  it('handles one frame and no objects', () => {
    const v = shapesVideo({ seed: 0, frames: 1, objects: 0 });
    expect(v.frame(0).detections.length).toBe(0);
    expect(v.toMot()).toBe('');
  });

  it.each<[string, () => unknown, string]>([
    ['zero frames', () => shapesVideo({ frames: 0 }), 'frames'],
    ['fractional objects', () => shapesVideo({ objects: 2.5 }), 'objects'],
    ['negative speed', () => shapesVideo({ speedRange: [-1, 2] }), 'speedRange'],
    ['NaN jitter', () => shapesVideo({ jitter: Number.NaN }), 'jitter'],
    ['unknown class', () => shapesVideo({ classes: ['square', 'blob' as 'square'] }), "'blob'"],
    ['bad imageSize', () => shapesVideo({ imageSize: [0, 64] }), 'imageSize'],
    ['frame past the end', () => shapesVideo({ frames: 5 }).frame(5), 'frame(5)'],
    ['bad toMot boxes', () => shapesVideo({ frames: 2 }).toMot({ boxes: 'amodal' as 'full' }), "'amodal'"],
  ])('rejects %s with E_INVALID_ARGUMENT', (_, f, fragment) => {
    expect(f).toThrow(invalid(fragment));
  });
});
