/**
 * Backgrounds and colours of the synthetic datasets: muted textured backgrounds (a gradient, often
 * stripes and blotches) under saturated shapes, so that shapes are learnable but not trivially
 * separable by a threshold.
 */
import type { Random } from './random.js';

export type Rgb = [r: number, g: number, b: number];

/** A saturated, bright colour (HSV with s >= 0.55, v >= 0.6), channels 0-255. */
export function shapeColor(rng: Random): Rgb {
  const h = rng.next() * 6;
  const s = rng.uniform(0.55, 1);
  const v = rng.uniform(0.6, 1) * 255;
  const f = h - Math.floor(h);
  const p = v * (1 - s);
  const q = v * (1 - s * f);
  const t = v * (1 - s * (1 - f));
  const table: Rgb[] = [[v, t, p], [q, v, p], [p, v, t], [p, q, v], [t, p, v], [v, p, q]];
  return table[Math.floor(h) % 6];
}

/** A muted colour: a mid grey tinted by up to +-30 per channel. */
function mutedColor(rng: Random): Rgb {
  const g = rng.uniform(50, 190);
  return [g + rng.uniform(-30, 30), g + rng.uniform(-30, 30), g + rng.uniform(-30, 30)];
}

/**
 * A textured background, H x W x 3 row-major floats (0-255, not yet clamped): a linear gradient
 * between two muted colours at a random angle, stripes of random period and angle (half the time)
 * and smooth blotches from bilinear value noise on a coarse grid (six times in ten).
 */
export function makeBackground(rng: Random, h: number, w: number): Float32Array {
  const out = new Float32Array(h * w * 3);
  const c0 = mutedColor(rng);
  const c1 = mutedColor(rng);
  const ga = rng.uniform(0, 2 * Math.PI);
  const gx = Math.cos(ga) / Math.max(1, Math.hypot(w, h));
  const gy = Math.sin(ga) / Math.max(1, Math.hypot(w, h));
  const stripes = rng.bool(0.5);
  const sa = rng.uniform(0, Math.PI);
  const period = rng.uniform(4, 24);
  const sAmp = stripes ? rng.uniform(8, 28) : 0;
  const sx = (Math.cos(sa) * 2 * Math.PI) / period;
  const sy = (Math.sin(sa) * 2 * Math.PI) / period;
  const phase = rng.uniform(0, 2 * Math.PI);
  // Value noise: a (gh + 1) x (gw + 1) grid of offsets, bilinearly interpolated.
  const blotches = rng.bool(0.6);
  const cell = rng.uniform(16, 40);
  const gw = Math.ceil(w / cell) + 1;
  const gh = Math.ceil(h / cell) + 1;
  const grid = new Float32Array(gw * gh * 3);
  const bAmp = blotches ? rng.uniform(10, 35) : 0;
  for (let i = 0; i < grid.length; i++) grid[i] = rng.uniform(-bAmp, bAmp);
  for (let y = 0, o = 0; y < h; y++) {
    for (let x = 0; x < w; x++, o += 3) {
      const t = Math.min(1, Math.max(0, 0.5 + (x - w / 2) * gx + (y - h / 2) * gy));
      // A triangle wave: stripes with soft edges, without a Math.sin per pixel.
      const p = (x * sx + y * sy + phase) * (1 / (2 * Math.PI));
      const stripe = stripes ? sAmp * (4 * Math.abs(p - Math.floor(p) - 0.5) - 1) : 0;
      out[o] = c0[0] + (c1[0] - c0[0]) * t + stripe;
      out[o + 1] = c0[1] + (c1[1] - c0[1]) * t + stripe;
      out[o + 2] = c0[2] + (c1[2] - c0[2]) * t + stripe;
    }
  }
  if (blotches) {
    for (let y = 0, o = 0; y < h; y++) {
      const y0 = Math.floor(y / cell);
      const ty = y / cell - y0;
      for (let x = 0; x < w; x++, o += 3) {
        const x0 = Math.floor(x / cell);
        const tx = x / cell - x0;
        const g00 = (y0 * gw + x0) * 3;
        const g01 = g00 + gw * 3;
        for (let c = 0; c < 3; c++) {
          const top = grid[g00 + c] + (grid[g00 + 3 + c] - grid[g00 + c]) * tx;
          const bottom = grid[g01 + c] + (grid[g01 + 3 + c] - grid[g01 + c]) * tx;
          out[o + c] += top + (bottom - top) * ty;
        }
      }
    }
  }
  return out;
}
