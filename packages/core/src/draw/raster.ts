import type { Rgb } from './palette.js';

/** The pixel storage annotate draws on: bytes (raw/encoded images), int32 or float32 (tensors). */
export type PixelArray = Uint8Array | Uint8ClampedArray | Int32Array | Float32Array;

/**
 * An HWC pixel buffer to draw on, row-major, `channels` values per pixel. `max` is full
 * intensity: 255 for byte and int32 images, 1 for float32 images (tfjs's 0-1 convention).
 * Every primitive clips to the buffer, so callers may pass coordinates outside it.
 */
export interface Canvas {
  data: PixelArray;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
  max: number;
}

/**
 * A colour as this canvas stores it, one value per channel: grey is ITU-R 601-2 luma (as
 * readImage computes it), RGBA gets an opaque alpha, float canvases are scaled to 0-1.
 */
export function paintOf(canvas: Canvas, [r, g, b]: Rgb): number[] {
  const s = canvas.max / 255;
  if (canvas.channels === 1) return [((19595 * r + 38470 * g + 7471 * b + 32768) >> 16) * s];
  return canvas.channels === 3 ? [r * s, g * s, b * s] : [r * s, g * s, b * s, canvas.max];
}

/** Fills pixels `x0 <= x < x1`, `y0 <= y < y1` (integers, clipped) with `paint`: one row written, then copied down. */
export function fillRect(c: Canvas, x0: number, y0: number, x1: number, y1: number, paint: readonly number[]): void {
  const xa = Math.max(0, x0);
  const xb = Math.min(c.width, x1);
  const ya = Math.max(0, y0);
  const yb = Math.min(c.height, y1);
  if (xa >= xb || ya >= yb) return;
  const { data, width, channels } = c;
  const start = (ya * width + xa) * channels;
  const end = (ya * width + xb) * channels;
  for (let i = start; i < end; i += channels) for (let k = 0; k < channels; k++) data[i + k] = paint[k];
  const stride = width * channels;
  for (let y = ya + 1, at = start + stride; y < yb; y++, at += stride) data.copyWithin(at, start, end);
}

/**
 * Outlines the pixel rectangle `[x0, x1) x [y0, y1)` with bands `t` pixels wide drawn inside
 * it, so the outline never leaves the box; a box at most `2t` across is filled.
 */
export function strokeRect(c: Canvas, x0: number, y0: number, x1: number, y1: number, t: number, paint: readonly number[]): void {
  if (x1 - x0 <= 2 * t || y1 - y0 <= 2 * t) {
    fillRect(c, x0, y0, x1, y1, paint);
    return;
  }
  fillRect(c, x0, y0, x1, y0 + t, paint);
  fillRect(c, x0, y1 - t, x1, y1, paint);
  fillRect(c, x0, y0 + t, x0 + t, y1 - t, paint);
  fillRect(c, x1 - t, y0 + t, x1, y1 - t, paint);
}

/**
 * Blends `paint` over the foreground of a COCO RLE of the canvas size (`counts`: column-major
 * runs, background first): `out = v * (1 - alpha) + paint * alpha`, rounded half up on
 * integer canvases. Touches only foreground pixels, walking each run down its column.
 */
export function blendRuns(c: Canvas, counts: ArrayLike<number>, paint: readonly number[], alpha: number): void {
  const { data, width: w, height: h, channels } = c;
  const round = !(data instanceof Float32Array);
  const keep = 1 - alpha;
  const add = paint.map((p) => p * alpha);
  let pos = 0;
  for (let j = 0; j < counts.length; j++) {
    const n = counts[j];
    if (j % 2 === 1) {
      let x = Math.floor(pos / h);
      let y = pos - x * h;
      for (let m = 0; m < n; m++) {
        const i = (y * w + x) * channels;
        for (let k = 0; k < channels; k++) {
          const v = data[i + k] * keep + add[k];
          data[i + k] = round ? Math.round(v) : v;
        }
        if (++y === h) {
          y = 0;
          x++;
        }
      }
    }
    pos += n;
  }
}

/**
 * Draws the segment from `(ax, ay)` to `(bx, by)` (pixel coordinates; the pixel holding a point
 * is `floor` of it) `t` pixels thick: Bresenham along the major axis, a `t`-pixel span across
 * it at each step, so each pixel is written about once. The segment is first clipped to the
 * canvas (grown by `t`), so far-away endpoints cost nothing.
 */
export function drawLine(c: Canvas, ax: number, ay: number, bx: number, by: number, t: number, paint: readonly number[]): void {
  if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(bx) && Number.isFinite(by))) return;
  const clipped = clipSegment(ax, ay, bx, by, -t, -t, c.width + t, c.height + t);
  if (!clipped) return;
  let x = Math.floor(clipped[0]);
  let y = Math.floor(clipped[1]);
  const x1 = Math.floor(clipped[2]);
  const y1 = Math.floor(clipped[3]);
  const dx = Math.abs(x1 - x);
  const dy = -Math.abs(y1 - y);
  const sx = x < x1 ? 1 : -1;
  const sy = y < y1 ? 1 : -1;
  const o = (t - 1) >> 1;
  const steep = -dy > dx;
  let err = dx + dy;
  for (;;) {
    if (steep) fillRect(c, x - o, y, x - o + t, y + 1, paint);
    else fillRect(c, x, y - o, x + 1, y - o + t, paint);
    if (x === x1 && y === y1) return;
    const e2 = 2 * err;
    if (e2 >= dy) {
      err += dy;
      x += sx;
    }
    if (e2 <= dx) {
      err += dx;
      y += sy;
    }
  }
}

/** Liang-Barsky: the part of a segment inside `[xmin, xmax] x [ymin, ymax]`, or undefined. */
function clipSegment(
  ax: number, ay: number, bx: number, by: number, xmin: number, ymin: number, xmax: number, ymax: number,
): [number, number, number, number] | undefined {
  const dx = bx - ax;
  const dy = by - ay;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [[-dx, ax - xmin], [dx, xmax - ax], [-dy, ay - ymin], [dy, ymax - ay]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else {
      const r = q / p;
      if (p < 0) t0 = Math.max(t0, r);
      else t1 = Math.min(t1, r);
      if (t0 > t1) return undefined;
    }
  }
  return [ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy];
}
