import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import {
  adjustBrightness,
  adjustContrast,
  adjustHue,
  adjustSaturation,
  applyColorJitter,
  colorJitter,
  colorJitterParams,
  mulberry32,
} from '../../src/augment/index.js';
import { Detections } from '../../src/detections/index.js';
import { errorCode, randomImage, rng, useCpuAndCheckLeaks } from './helpers.js';

useCpuAndCheckLeaks();

const constant = (v: number, dtype: 'int32' | 'float32', c = 3) => tf.fill([4, 5, c], v, dtype) as tf.Tensor3D;
const values = (t: tf.Tensor) => Array.from(t.dataSync());
/** An HWC image as a list of [r, g, b] pixels. */
const pixels = (t: tf.Tensor) => Array.from({ length: t.size / 3 }, (_, i) => values(t).slice(3 * i, 3 * i + 3));

/** float64 reference of BT.601 luma. */
const grey = (r: number, g: number, b: number) => 0.299 * r + 0.587 * g + 0.114 * b;

/** float64 reference hue rotation of one RGB pixel in [0, 1] (the textbook hexcone model). */
function rotateHue([r, g, b]: number[], shift: number): number[] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const c = max - min;
  let h = 0;
  if (c > 0) {
    if (max === r) h = ((g - b) / c + 6) % 6;
    else if (max === g) h = (b - r) / c + 2;
    else h = (r - g) / c + 4;
  }
  h = (((h / 6 + shift) % 1) + 1) % 1;
  const s = max === 0 ? 0 : c / max;
  const k = (n: number) => (n + h * 6) % 6;
  const f = (n: number) => max - max * s * Math.max(0, Math.min(k(n), 4 - k(n), 1));
  return [f(5), f(3), f(1)];
}

describe('adjustBrightness', () => {
  it.each([
    [100, 0, 'int32'], [100, 0.5, 'int32'], [100, 1.7, 'int32'], [200, 1.5, 'int32'], [3, 0.5, 'int32'], [255, 1, 'int32'],
    [100, 0.37, 'float32'], [200, 2, 'float32'], [0, 3, 'float32'],
  ] as const)('on a constant %i with factor %f (%s) gives clamp(v * f)', (v, f, dtype) => {
    const image = constant(v, dtype);
    const out = adjustBrightness({ image }, f);
    const exact = Math.min(255, v * f);
    // int32 rounds half to even (3 * 0.5 = 1.5 -> 2).
    const expected = dtype === 'int32' ? (exact === 1.5 ? 2 : Math.round(exact)) : Math.fround(exact);
    expect(out.image.dtype).toBe(dtype);
    values(out.image).forEach((x) => expect(x).toBeCloseTo(expected, 4));
    image.dispose();
    out.image.dispose();
  });

  it('clamps float images to maxValue', () => {
    const image = constant(0.8, 'float32');
    const out = adjustBrightness({ image }, 1.5, { maxValue: 1 });
    values(out.image).forEach((x) => expect(x).toBe(1));
    image.dispose();
    out.image.dispose();
  });
});

describe('adjustContrast', () => {
  it.each([0, 0.3, 1, 1.8, 5])('leaves a constant image unchanged (factor %f)', (f) => {
    for (const v of [0, 1, 77, 128, 254, 255]) {
      const image = constant(v, 'int32');
      const out = adjustContrast({ image }, f);
      expect(values(out.image)).toEqual(values(image));
      const fimage = constant(v / 255, 'float32');
      const fout = adjustContrast({ image: fimage }, f, { maxValue: 1 });
      values(fout.image).forEach((x) => expect(x).toBeCloseTo(v / 255, 6));
      [image, out.image, fimage, fout.image].forEach((t) => t.dispose());
    }
  });

  it('with factor 0 gives the mean grey everywhere; otherwise blends with it', () => {
    const image = randomImage(rng(3), 6, 7);
    const px = pixels(image);
    const mean = px.reduce((s, [r, g, b]) => s + grey(r, g, b), 0) / px.length;
    for (const f of [0, 0.6, 1.4]) {
      const out = adjustContrast({ image }, f);
      values(out.image).forEach((x, i) => {
        const exact = Math.min(255, Math.max(0, f * px[Math.floor(i / 3)][i % 3] + (1 - f) * mean));
        expect(Math.abs(x - exact)).toBeLessThanOrEqual(0.5 + 1e-3);
      });
      out.image.dispose();
    }
    image.dispose();
  });
});

describe('adjustSaturation', () => {
  it.each([1, 2, 3])('with factor 0 gives the BT.601 greyscale in every channel (seed %i)', (seed) => {
    const image = randomImage(rng(seed), 5, 6);
    const px = pixels(image);
    const out = adjustSaturation({ image }, 0);
    const got = pixels(out.image);
    got.forEach((row, p) => {
      const g = grey(px[p][0], px[p][1], px[p][2]);
      expect(row[0]).toBe(row[1]);
      expect(row[1]).toBe(row[2]);
      expect(Number.isInteger(row[0])).toBe(true);
      expect(Math.abs(row[0] - g)).toBeLessThanOrEqual(0.5 + 1e-3);
    });
    // Float images: the weights exactly.
    const fimage = tf.cast(image, 'float32') as tf.Tensor3D;
    const fout = adjustSaturation({ image: fimage }, 0);
    values(fout.image).forEach((x, i) => {
      const p = px[Math.floor(i / 3)];
      expect(x).toBeCloseTo(grey(p[0], p[1], p[2]), 3);
    });
    [image, out.image, fimage, fout.image].forEach((t) => t.dispose());
  });

  it('leaves grey (1-channel) images alone and keeps an alpha channel', () => {
    const g = randomImage(rng(1), 3, 3, 1);
    const out = adjustSaturation({ image: g }, 0);
    expect(values(out.image)).toEqual(values(g));
    const rgba = randomImage(rng(2), 3, 3, 4);
    const out4 = adjustSaturation({ image: rgba }, 0);
    const a = values(rgba).filter((_, i) => i % 4 === 3);
    expect(values(out4.image).filter((_, i) => i % 4 === 3)).toEqual(a);
    [g, out.image, rgba, out4.image].forEach((t) => t.dispose());
  });
});

describe('adjustHue', () => {
  it.each([
    [[255, 0, 0], 1 / 3, [0, 255, 0]],
    [[255, 0, 0], -1 / 3, [0, 0, 255]],
    [[255, 0, 0], 0.5, [0, 255, 255]],
    [[0, 255, 0], 1 / 3, [0, 0, 255]],
    [[100, 100, 100], 0.25, [100, 100, 100]],
    [[200, 100, 50], 0, [200, 100, 50]],
  ])('turns %j by %f to %j', (rgb, shift, expected) => {
    const image = tf.tensor3d([[rgb]], [1, 1, 3], 'int32');
    const out = adjustHue({ image }, shift);
    expect(values(out.image)).toEqual(expected);
    image.dispose();
    out.image.dispose();
  });

  it.each([0.1, -0.25, 0.45, 0])('matches the textbook hexcone rotation on random pixels (shift %f)', (shift) => {
    const image = randomImage(rng(8), 6, 6);
    const out = adjustHue({ image }, shift);
    const src = pixels(image);
    const got = pixels(out.image);
    src.forEach((p, i) => {
      const ref = rotateHue(p.map((v) => v / 255), shift).map((v) => v * 255);
      ref.forEach((v, c) => expect(Math.abs(got[i][c] - v)).toBeLessThanOrEqual(0.5 + 1e-3));
    });
    image.dispose();
    out.image.dispose();
  });
});

describe.each([
  ['adjustBrightness', adjustBrightness],
  ['adjustContrast', adjustContrast],
  ['adjustSaturation', adjustSaturation],
])('%s', (_, adjust) => {
  it('with factor 1 is the identity and passes detections through', () => {
    const image = randomImage(rng(5), 5, 5);
    const detections = Detections.from({ xyxy: [[0, 0, 2, 2]], confidence: [0.5], classId: [1] });
    const out = adjust({ image, detections }, 1);
    expect(values(out.image)).toEqual(values(image));
    expect(out.image).not.toBe(image);
    expect(out.detections).toBe(detections);
    image.dispose();
    out.image.dispose();
  });

  it.each([-0.1, NaN, Infinity])('rejects factor %f', (f) => {
    const image = constant(1, 'int32');
    expect(errorCode(() => adjust({ image }, f))).toBe('E_INVALID_ARGUMENT');
    expect(errorCode(() => adjust({ image }, 1, { maxValue: 0 }))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});

describe('colorJitter', () => {
  it.each(Array.from({ length: 50 }, (_, i) => i))('draws a permutation and factors within range (seed %i)', (seed) => {
    const p = colorJitterParams({ brightness: 0.4, contrast: [0.5, 0.9], saturation: 2, hue: 0.1 }, mulberry32(seed));
    expect([...p.order].sort()).toEqual(['brightness', 'contrast', 'hue', 'saturation']);
    expect(p.brightness! >= 0.6 && p.brightness! < 1.4).toBe(true);
    expect(p.contrast! >= 0.5 && p.contrast! < 0.9).toBe(true);
    expect(p.saturation! >= 0 && p.saturation! < 3).toBe(true); // [max(0, 1 - 2), 1 + 2]
    expect(p.hue! >= -0.1 && p.hue! < 0.1).toBe(true);
  });

  it.each([
    [{ brightness: 0 }],
    [{ contrast: [1, 1] }],
    [{ hue: 0 }],
    [{}],
  ])('skips adjustments that cannot change the image: %j', (options) => {
    const p = colorJitterParams(options as never, mulberry32(1));
    expect(p.brightness ?? p.contrast ?? p.saturation ?? p.hue).toBeUndefined();
    const image = randomImage(rng(1), 3, 3);
    const out = colorJitter({ image }, options as never, mulberry32(1));
    expect(values(out.image)).toEqual(values(image));
    image.dispose();
    out.image.dispose();
  });

  it('applies the drawn factors in the drawn order; same seed, same image', () => {
    const image = randomImage(rng(6), 8, 8);
    const options = { brightness: 0.5, contrast: 0.5, saturation: 0.5, hue: 0.2 };
    const a = colorJitter({ image }, options, mulberry32(9));
    const b = colorJitter({ image }, options, mulberry32(9));
    const c = applyColorJitter({ image }, colorJitterParams(options, mulberry32(9)));
    // By hand: the adjust functions in the drawn order.
    const p = colorJitterParams(options, mulberry32(9));
    const fns = { brightness: adjustBrightness, contrast: adjustContrast, saturation: adjustSaturation, hue: adjustHue };
    let cur = tf.clone(image);
    for (const name of p.order) {
      const next = fns[name]({ image: cur }, p[name]!).image;
      cur.dispose();
      cur = next;
    }
    expect(values(a.image)).toEqual(values(b.image));
    expect(values(a.image)).toEqual(values(c.image));
    expect(values(a.image)).toEqual(values(cur));
    expect(values(a.image)).not.toEqual(values(image));
    [image, a.image, b.image, c.image, cur].forEach((t) => t.dispose());
  });

  it('on a constant image with brightness only gives clamp(v * f) for the drawn f', () => {
    const image = constant(90, 'float32');
    const p = colorJitterParams({ brightness: 0.8 }, mulberry32(3));
    const out = colorJitter({ image }, { brightness: 0.8 }, mulberry32(3));
    values(out.image).forEach((x) => expect(x).toBeCloseTo(90 * p.brightness!, 3));
    image.dispose();
    out.image.dispose();
  });

  it.each([
    [{ brightness: -0.5 }],
    [{ contrast: [1.2, 0.8] }],
    [{ saturation: [-0.1, 1] }],
    [{ hue: 0.6 }],
    [{ hue: [-0.6, 0] }],
    [{ brightness: NaN }],
  ])('rejects %j', (options) => {
    expect(errorCode(() => colorJitterParams(options as never, mulberry32(1)))).toBe('E_INVALID_ARGUMENT');
  });

  it.each([0.51, -0.6, NaN])('adjustHue rejects factor %f', (f) => {
    const image = constant(1, 'int32');
    expect(errorCode(() => adjustHue({ image }, f))).toBe('E_INVALID_ARGUMENT');
    image.dispose();
  });
});
