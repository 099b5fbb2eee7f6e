/**
 * Trajectories of {@link shapesVideo}: computed up front from the seed (cheap), so that any frame can
 * be rendered on its own. Objects move at constant velocity, bouncing off the borders or passing
 * through them, and every recorded position gets a little Gaussian jitter.
 */
import type { Random } from './random.js';
import type { ShapeClass } from './shapes-raster.js';
import { shapeColor, type Rgb } from './shapes-texture.js';

/** One ground-truth object of a video. */
export interface Track {
  /** Ground-truth id, from 1 (MOTChallenge ids are positive). */
  id: number;
  classId: number;
  kind: ShapeClass;
  r: number;
  aspect: number;
  color: Rgb;
  light: [number, number];
  /** Drawing order: larger is nearer the camera. A permutation of 0..n-1. */
  depth: number;
  angle0: number;
  /** Rotation per frame, radians. */
  spin: number;
  /** First frame the object exists in (it may still be outside the image then). */
  start: number;
  /** Centre per frame, pixels; NaN before `start`. */
  cx: Float64Array;
  cy: Float64Array;
}

export interface TrackSettings {
  frames: number;
  count: number;
  h: number;
  w: number;
  classes: readonly ShapeClass[];
  sizeRange: [number, number];
  speedRange: [number, number];
  jitter: number;
}

type Role = 'cross' | 'enter' | 'leave' | 'free';

/**
 * Roles make the hard cases certain rather than likely: objects 1 and 2 meet at the centre of the
 * sequence (one occludes the other), object 3 enters through a border mid-sequence, object 4 heads
 * out through a border, the rest wander (a quarter of them entering late).
 */
function roleOf(k: number, count: number): Role {
  if (k < 2 && count >= 2) return 'cross';
  if (k === 2) return 'enter';
  if (k === 3) return 'leave';
  return 'free';
}

/** Steps a straight path from (x, y) at velocity (vx, vy) through frames start..frames-1, reflecting off the borders once fully inside. */
function walk(t: Track, s: TrackSettings, x: number, y: number, vx: number, vy: number, bounce: boolean): void {
  const { w, h } = s;
  const r = t.r;
  let inside = false;
  for (let f = t.start; f < s.frames; f++) {
    t.cx[f] = x;
    t.cy[f] = y;
    x += vx;
    y += vy;
    inside ||= x - r >= 0 && x + r <= w && y - r >= 0 && y + r <= h;
    if (!bounce || !inside) continue;
    if (x - r < 0 || x + r > w) {
      x = x - r < 0 ? 2 * r - x : 2 * (w - r) - x;
      vx = -vx;
    }
    if (y - r < 0 || y + r > h) {
      y = y - r < 0 ? 2 * r - y : 2 * (h - r) - y;
      vy = -vy;
    }
  }
}

/** A point just outside a random border (the object fully outside) and a velocity pointing in. */
function borderEntry(rng: Random, s: TrackSettings, r: number, speed: number): [number, number, number, number] {
  const side = rng.int(0, 3); // 0 left, 1 right, 2 top, 3 bottom
  const along = rng.uniform(0.2, 0.8);
  const a = rng.uniform(-Math.PI / 4, Math.PI / 4);
  const inward = [0, Math.PI, Math.PI / 2, -Math.PI / 2][side] + a;
  const x = side === 0 ? -r - 1 : side === 1 ? s.w + r + 1 : along * s.w;
  const y = side === 2 ? -r - 1 : side === 3 ? s.h + r + 1 : along * s.h;
  return [x, y, speed * Math.cos(inward), speed * Math.sin(inward)];
}

/** Simulates every track of a video (see {@link roleOf} for what is guaranteed). */
export function simulateTracks(rng: Random, s: TrackSettings): Track[] {
  const { frames, count, w, h } = s;
  const depths = rng.shuffle(Array.from({ length: count }, (_, k) => k));
  const meet = [rng.uniform(0.35, 0.65) * w, rng.uniform(0.35, 0.65) * h];
  const meetFrame = Math.floor(frames / 2);
  const crossAngle = rng.uniform(0, 2 * Math.PI);
  const tracks: Track[] = [];
  for (let k = 0; k < count; k++) {
    const classId = rng.int(0, s.classes.length - 1);
    const la = rng.uniform(0, 2 * Math.PI);
    const t: Track = {
      id: k + 1,
      classId,
      kind: s.classes[classId],
      r: rng.uniform(s.sizeRange[0], s.sizeRange[1]) / 2,
      aspect: rng.uniform(0.45, 0.75),
      color: shapeColor(rng),
      light: [Math.cos(la), Math.sin(la)],
      depth: depths[k],
      angle0: rng.uniform(0, 2 * Math.PI),
      spin: rng.uniform(-0.05, 0.05),
      start: 0,
      cx: new Float64Array(frames).fill(Number.NaN),
      cy: new Float64Array(frames).fill(Number.NaN),
    };
    const speed = rng.uniform(s.speedRange[0], s.speedRange[1]);
    const role = roleOf(k, count);
    const late = role === 'enter' || (role === 'free' && rng.bool(0.25));
    if (role === 'cross') {
      // Straight lines through the meeting point, at least 90 degrees apart.
      const a = crossAngle + (k === 0 ? 0 : rng.uniform(Math.PI / 2, (3 * Math.PI) / 2));
      const [vx, vy] = [speed * Math.cos(a), speed * Math.sin(a)];
      walk(t, s, meet[0] - vx * meetFrame, meet[1] - vy * meetFrame, vx, vy, false);
    } else if (late) {
      t.start = frames < 2 ? 0 : rng.int(Math.max(1, Math.round(0.15 * frames)), Math.max(1, Math.round(0.45 * frames)));
      const [x, y, vx, vy] = borderEntry(rng, s, t.r, speed);
      walk(t, s, x, y, vx, vy, true);
    } else {
      const x = rng.uniform(0.25, 0.75) * w;
      const y = rng.uniform(0.25, 0.75) * h;
      const a = rng.uniform(0, 2 * Math.PI);
      let v = speed;
      if (role === 'leave') {
        // Fast enough to be fully out by 60% of the sequence.
        const [dx, dy] = [Math.cos(a), Math.sin(a)];
        const tx = dx > 0 ? (w - x) / dx : dx < 0 ? -x / dx : Infinity;
        const ty = dy > 0 ? (h - y) / dy : dy < 0 ? -y / dy : Infinity;
        v = Math.max(speed, (Math.min(tx, ty) + 2 * t.r + 2) / Math.max(1, 0.6 * frames));
      }
      walk(t, s, x, y, v * Math.cos(a), v * Math.sin(a), role === 'free' && rng.bool(0.5));
    }
    for (let f = t.start; f < frames; f++) {
      t.cx[f] += rng.normal(0, s.jitter);
      t.cy[f] += rng.normal(0, s.jitter);
    }
    tracks.push(t);
  }
  return tracks;
}
