import { describe, expect, it } from 'vitest';
import { Random } from '../../src/datasets/random.js';
import { SHAPE_CLASSES, makeShape, shapeContains } from '../../src/datasets/shapes-raster.js';
import { fullExtent, rasterise } from '../../src/datasets/shapes-scene.js';

const H = 40;
const W = 48;

/** Pixel-by-pixel rasterisation with the point test: the slow, obvious definition. */
function slowMask(shape: ReturnType<typeof makeShape>): Uint8Array {
  const out = new Uint8Array(H * W);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[y * W + x] = shapeContains(shape, x, y) ? 1 : 0;
  return out;
}

describe('shape rasterisation', () => {
  it.each(SHAPE_CLASSES.map((k) => [k]))('%s: scanline spans equal the per-pixel point test on 60 random placements', (kind) => {
    const rng = new Random(11);
    for (let i = 0; i < 60; i++) {
      // Centres may be off the image, so clipping is exercised too.
      const shape = makeShape(kind, rng.uniform(-10, W + 10), rng.uniform(-10, H + 10), rng.uniform(1, 20), rng.uniform(0, 7), rng.uniform(0.4, 0.8));
      const fast = rasterise([{ shape, classId: 0, color: [0, 0, 0], light: [1, 0] }], H, W);
      expect(Array.from(fast)).toEqual(Array.from(slowMask(shape)));
    }
  });

  it.each<[string, number, number]>([
    // Closed-form areas for circumradius r: pi r^2, 2 r^2, (3 sqrt 3 / 4) r^2, (3 sqrt 3 / 2) r^2.
    ['circle', Math.PI, 0.01],
    ['square', 2, 0.01],
    ['triangle', (3 * Math.sqrt(3)) / 4, 0.015],
    ['hexagon', (3 * Math.sqrt(3)) / 2, 0.01],
  ])('%s of radius 60 covers its closed-form area within 1%%', (kind, factor, tol) => {
    const r = 60;
    const { area, box } = fullExtent(makeShape(kind as 'circle', 0.3, 0.7, r, 0.4));
    expect(Math.abs(area / (factor * r * r) - 1)).toBeLessThan(tol);
    // The box is tight: no more than the circumcircle, and for a circle nearly all of it.
    expect(box[0]).toBeGreaterThanOrEqual(Math.floor(0.3 - r));
    expect(box[2]).toBeLessThanOrEqual(Math.ceil(0.3 + r));
  });

  it('counts pixels outside the image in the full extent', () => {
    const shape = makeShape('square', 0, 0, 10 * Math.SQRT2, 0); // axis-aligned, side 20, centred on the corner
    expect(fullExtent(shape)).toEqual({ area: 400, box: [-10, -10, 10, 10] });
    const owner = rasterise([{ shape, classId: 0, color: [0, 0, 0], light: [1, 0] }], H, W);
    expect(owner.reduce((s, v) => s + v, 0)).toBe(100);
  });
});
