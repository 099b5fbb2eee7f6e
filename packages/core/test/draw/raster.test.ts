import { describe, expect, it } from 'vitest';
import { blendRuns, drawLine, fillRect, paintOf, strokeRect, type Canvas } from '../../src/draw/raster.js';
import { decodeCounts } from '../../src/masks/counts.js';
import { rleDecode, rleEncode } from '../../src/masks/encode.js';
import { rng } from '../image/helpers.js';

function canvas(width: number, height: number, channels: 1 | 3 | 4 = 3, fill = 0): Canvas {
  return { data: new Uint8Array(width * height * channels).fill(fill), width, height, channels, max: 255 };
}

/** Pixels (x, y) whose first channel equals `v`, as "x,y" strings. */
function painted(c: Canvas, v = 255): Set<string> {
  const out = new Set<string>();
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) if (c.data[(y * c.width + x) * c.channels] === v) out.add(`${x},${y}`);
  return out;
}

/** The slow definition: every pixel of the grid for which `inside` holds. */
function where(width: number, height: number, inside: (x: number, y: number) => boolean): Set<string> {
  const out = new Set<string>();
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (inside(x, y)) out.add(`${x},${y}`);
  return out;
}

describe('paintOf', () => {
  it.each([
    ['rgb bytes', 3, 255, [10, 20, 30]],
    ['rgba bytes', 4, 255, [10, 20, 30, 255]],
    ['grey bytes (601 luma)', 1, 255, [Math.round(0.299 * 10 + 0.587 * 20 + 0.114 * 30)]],
    ['rgb float', 3, 1, [10 / 255, 20 / 255, 30 / 255]],
    ['rgba float', 4, 1, [10 / 255, 20 / 255, 30 / 255, 1]],
  ] as const)('%s', (_, channels, max, expected) => {
    const c = { ...canvas(1, 1, channels), max };
    paintOf(c, [10, 20, 30]).forEach((v, k) => expect(v).toBeCloseTo(expected[k], 12));
  });
});

describe('fillRect', () => {
  it.each([
    ['inside', 2, 3, 7, 5],
    ['one pixel', 4, 4, 5, 5],
    ['empty (x0 = x1)', 3, 1, 3, 6],
    ['inverted', 6, 6, 2, 2],
    ['left and top outside', -5, -3, 4, 2],
    ['right and bottom outside', 6, 5, 40, 40],
    ['covers everything', -100, -100, 100, 100],
    ['wholly outside', 20, 0, 30, 8],
  ])('%s', (_, x0, y0, x1, y1) => {
    const c = canvas(10, 8);
    fillRect(c, x0, y0, x1, y1, [255, 255, 255]);
    expect(painted(c)).toEqual(where(10, 8, (x, y) => x >= x0 && x < x1 && y >= y0 && y < y1));
  });

  it('writes every channel', () => {
    const c = canvas(3, 2, 4);
    fillRect(c, 1, 0, 3, 2, [1, 2, 3, 4]);
    expect([...c.data]).toEqual([0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4, 0, 0, 0, 0, 1, 2, 3, 4, 1, 2, 3, 4]);
  });
});

describe('strokeRect', () => {
  // Closed form: inside the box and less than t from one of its edges.
  const outline = (x0: number, y0: number, x1: number, y1: number, t: number) => (x: number, y: number) =>
    x >= x0 && x < x1 && y >= y0 && y < y1 && (x < x0 + t || x >= x1 - t || y < y0 + t || y >= y1 - t);

  it.each([
    ['thin', 2, 2, 12, 9, 1],
    ['thick', 1, 1, 15, 12, 3],
    ['exactly 2t wide (filled)', 3, 3, 9, 12, 3],
    ['narrower than 2t', 5, 5, 8, 14, 2],
    ['one pixel', 4, 4, 5, 5, 2],
    ['partly outside', -4, -2, 7, 6, 2],
    ['larger than the canvas', -3, -3, 30, 30, 2],
    ['wholly outside', 40, 40, 50, 50, 2],
  ])('%s', (_, x0, y0, x1, y1, t) => {
    const c = canvas(16, 14);
    strokeRect(c, x0, y0, x1, y1, t, [255, 255, 255]);
    expect(painted(c)).toEqual(where(16, 14, outline(x0, y0, x1, y1, t)));
  });

  it('matches the closed form on random boxes', () => {
    const r = rng(7);
    for (let k = 0; k < 50; k++) {
      const [x0, y0] = [Math.floor(r() * 30) - 5, Math.floor(r() * 30) - 5];
      const [x1, y1] = [x0 + Math.floor(r() * 25), y0 + Math.floor(r() * 25)];
      const t = 1 + Math.floor(r() * 4);
      const c = canvas(24, 20);
      strokeRect(c, x0, y0, x1, y1, t, [255, 255, 255]);
      expect(painted(c)).toEqual(where(24, 20, outline(x0, y0, x1, y1, t)));
    }
  });
});

describe('drawLine', () => {
  it.each([
    ['horizontal', 1.5, 2.5, 8.5, 2.5, ['1,2', '2,2', '3,2', '4,2', '5,2', '6,2', '7,2', '8,2']],
    ['vertical', 3.2, 7.9, 3.7, 4.1, ['3,4', '3,5', '3,6', '3,7']],
    ['diagonal', 0, 0, 4, 4, ['0,0', '1,1', '2,2', '3,3', '4,4']],
    ['single point', 5, 5, 5, 5, ['5,5']],
  ])('%s, one pixel thick', (_, ax, ay, bx, by, expected) => {
    const c = canvas(12, 10);
    drawLine(c, ax, ay, bx, by, 1, [255, 255, 255]);
    expect(painted(c)).toEqual(new Set(expected));
  });

  it('draws a t-pixel span across the major axis', () => {
    const c = canvas(12, 10);
    drawLine(c, 2, 5, 9, 5, 3, [255, 255, 255]);
    expect(painted(c)).toEqual(where(12, 10, (x, y) => x >= 2 && x <= 9 && y >= 4 && y <= 6));
    const v = canvas(12, 10);
    drawLine(v, 6, 1, 6, 8, 4, [255, 255, 255]);
    expect(painted(v)).toEqual(where(12, 10, (x, y) => y >= 1 && y <= 8 && x >= 5 && x <= 8));
  });

  it('keeps every pixel within t/2 + 1 of the segment and reaches both ends', () => {
    const r = rng(3);
    for (let k = 0; k < 40; k++) {
      const [ax, ay, bx, by] = [r() * 30, r() * 20, r() * 30, r() * 20];
      const t = 1 + Math.floor(r() * 3);
      const c = canvas(30, 20);
      drawLine(c, ax, ay, bx, by, t, [255, 255, 255]);
      const px = painted(c);
      expect(px.has(`${Math.floor(ax)},${Math.floor(ay)}`)).toBe(true);
      expect(px.has(`${Math.floor(bx)},${Math.floor(by)}`)).toBe(true);
      for (const p of px) {
        const [x, y] = p.split(',').map((s) => Number(s) + 0.5);
        expect(distanceToSegment(x, y, ax, ay, bx, by)).toBeLessThanOrEqual(t / 2 + 1.5);
      }
    }
  });

  it.each([
    ['far outside', -1e9, -1e9, -1e9 + 5, -1e9],
    ['crossing far away', -1e7, -50, 1e7, -50],
    ['NaN', NaN, 1, 5, 5],
    ['Infinity', 0, 0, Infinity, 3],
  ])('draws nothing for a segment %s (and returns)', (_, ax, ay, bx, by) => {
    const c = canvas(10, 10);
    drawLine(c, ax, ay, bx, by, 2, [255, 255, 255]);
    expect(painted(c).size).toBe(0);
  });

  it('clips a huge segment crossing the canvas to the pixels inside', () => {
    const c = canvas(10, 10);
    drawLine(c, -1e8, 4.5, 1e8, 4.5, 1, [255, 255, 255]);
    expect(painted(c)).toEqual(where(10, 10, (_, y) => y === 4));
  });
});

describe('blendRuns', () => {
  it.each([
    ['random 7x11', 7, 11, 0.5],
    ['random 1x9', 1, 9, 0.3],
    ['random 9x1', 9, 1, 0.8],
    ['random 13x13 opaque', 13, 13, 1],
    ['random 6x5 invisible', 6, 5, 0],
  ])('%s: out = round(v (1 - a) + c a) on the mask, untouched elsewhere', (_, h, w, alpha) => {
    const r = rng(h * 31 + w);
    const mask = Uint8Array.from({ length: h * w }, () => (r() < 0.4 ? 1 : 0));
    const c = canvas(w, h, 3);
    c.data.forEach((_, i) => (c.data[i] = Math.floor(r() * 256)));
    const before = c.data.slice();
    const paint = [200, 17, 90];
    blendRuns(c, decodeCounts(rleEncode(mask, h, w).counts), paint, alpha);
    const decoded = rleDecode(rleEncode(mask, h, w));
    for (let p = 0; p < h * w; p++) {
      for (let k = 0; k < 3; k++) {
        const v = before[p * 3 + k];
        expect(c.data[p * 3 + k]).toBe(decoded[p] ? Math.round(v * (1 - alpha) + paint[k] * alpha) : v);
      }
    }
  });

  it('blends float canvases without rounding', () => {
    const c: Canvas = { data: new Float32Array([0.2, 0.4, 0.6, 0.8]), width: 2, height: 2, channels: 1, max: 1 };
    blendRuns(c, [1, 2, 1], [1], 0.5); // column-major: pixels (0,1) and (1,0)
    expect([...c.data].map((v) => Number(v.toFixed(6)))).toEqual([0.2, 0.7, 0.8, 0.8]);
  });
});

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
