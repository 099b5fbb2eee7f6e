import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { Detections } from '../../src/detections/index.js';
import { annotate, tagText } from '../../src/draw/annotate.js';
import type { RawImage } from '../../src/draw/kinds.js';
import { TrackTrails } from '../../src/draw/trails.js';
import { rleDecode } from '../../src/masks/encode.js';
import { rleFromBbox, rleFromPolygon } from '../../src/masks/index.js';
import { gradient, rejection, thrown } from '../image/helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Two-colour palette written out here, so expected pixels do not depend on the code under test.
const RED = [255, 0, 0] as const;
const BLUE = [0, 0, 255] as const;
const PALETTE = ['#ff0000', '#0000ff'];
const W = 64;
const H = 48;

const blank = (channels: 1 | 3 | 4 = 3, fill = 0, width = W, height = H): Required<RawImage> =>
  ({ data: new Uint8Array(width * height * channels).fill(fill), width, height, channels });
const px = (img: { data: ArrayLike<number>; width: number; channels?: number }, x: number, y: number) => {
  const c = img.channels ?? 3;
  return Array.from({ length: c }, (_, k) => img.data[(y * img.width + x) * c + k]);
};
const dets = (boxes: number[][], extra: Partial<Parameters<typeof Detections.from>[0]> = {}) =>
  Detections.from({ xyxy: boxes, confidence: boxes.map(() => 0.5), classId: boxes.map(() => 0), ...extra });

/** Pixel sets, computed independently: the inward outline of box pixels [x0, x1) x [y0, y1), t wide. */
const onOutline = (x: number, y: number, [x0, y0, x1, y1]: number[], t: number) =>
  x >= x0 && x < x1 && y >= y0 && y < y1 && (x < x0 + t || x >= x1 - t || y < y0 + t || y >= y1 - t);

describe('annotate: boxes', () => {
  it.each([1, 2, 3])('paints the outline (thickness %i) in the class colour and nothing else', (t) => {
    const box = [10, 20, 40, 44];
    const out = annotate(blank(), dets([box]), { palette: PALETTE, thickness: t, tags: false });
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) expect(px(out, x, y), `${x},${y}`).toEqual(onOutline(x, y, box, t) ? [...RED] : [0, 0, 0]);
    }
  });

  it('rounds fractional box corners to the nearest pixel edge', () => {
    const out = annotate(blank(), dets([[9.6, 19.6, 40.4, 44.4]]), { palette: PALETTE, thickness: 1, tags: false });
    expect(px(out, 10, 30)).toEqual([...RED]);
    expect(px(out, 9, 30)).toEqual([0, 0, 0]);
    expect(px(out, 39, 30)).toEqual([...RED]);
    expect(px(out, 40, 30)).toEqual([0, 0, 0]);
  });

  it.each([
    ['left and top outside', [-10, -5, 20, 15]],
    ['right and bottom outside', [50, 40, 100, 90]],
    ['larger than the image', [-100, -100, 500, 500]],
    ['wholly outside', [200, 200, 300, 300]],
    ['wholly outside, negative', [-50, -40, -10, -1]],
    ['degenerate (zero area)', [30, 30, 30, 30]],
  ])('clips a box %s without error', (_, box) => {
    const out = annotate(blank(), dets([box]), { palette: PALETTE, thickness: 2, tags: false });
    const [x0, y0, x1, y1] = box;
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) expect(px(out, x, y)).toEqual(onOutline(x, y, [x0, y0, x1, y1], 2) ? [...RED] : [0, 0, 0]);
    }
  });

  it('draws tags for boxes partly outside the image, inside the image', () => {
    for (const box of [[-30, -30, 20, 20], [50, 5, 120, 30], [-5, 40, 10, 200]]) {
      const out = annotate(blank(), dets([box]), { palette: PALETTE, thickness: 1, textScale: 1 });
      const red = countColor(out, RED);
      expect(red).toBeGreaterThan(0);
    }
  });
});

describe('annotate: masks', () => {
  it('blends the mask at exactly alpha 0.5 over the image, outside the outline', () => {
    const image = { data: gradient(H, W, 3), width: W, height: H, channels: 3 as const };
    const mask = rleFromPolygon([8, 6, 50, 10, 30, 40], H, W);
    const out = annotate(image, dets([[0, 0, 60, 46]], { masks: [mask] }), { palette: PALETTE, thickness: 1, tags: false });
    const m = rleDecode(mask);
    let blended = 0;
    for (let y = 1; y < 45; y++) {
      for (let x = 1; x < 59; x++) {
        const before = px(image, x, y);
        const expected = m[y * W + x] ? before.map((v, k) => Math.round(v * 0.5 + RED[k] * 0.5)) : before;
        expect(px(out, x, y), `${x},${y}`).toEqual(expected);
        blended += m[y * W + x];
      }
    }
    expect(blended).toBeGreaterThan(300);
  });

  it.each([0, 0.25, 1])('honours maskOpacity %f', (a) => {
    const image = blank(3, 100);
    const out = annotate(image, dets([[0, 0, 1, 1]], { masks: [rleFromBbox([10, 10, 5, 5], H, W)] }), { palette: PALETTE, boxes: false, tags: false, maskOpacity: a });
    expect(px(out, 12, 12)).toEqual([Math.round(100 * (1 - a) + 255 * a), Math.round(100 * (1 - a)), Math.round(100 * (1 - a))]);
    expect(px(out, 20, 20)).toEqual([100, 100, 100]);
  });

  it('skips masks with masks: false', () => {
    const out = annotate(blank(), dets([[0, 0, 1, 1]], { masks: [rleFromBbox([10, 10, 5, 5], H, W)] }), { masks: false, boxes: false, tags: false });
    expect(countColor(out, [0, 0, 0])).toBe(W * H);
  });

  it('refuses masks of another size than the image', () => {
    const d = dets([[0, 0, 5, 5]], { masks: [rleFromBbox([0, 0, 2, 2], 10, 10)] });
    const err = thrown(() => annotate(blank(), d));
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(err.message).toContain('[10, 10]');
  });
});

describe('annotate: tags', () => {
  // textScale s: 8-row glyphs padded by 2s all round; 6s advance per character minus the last gap.
  const tagSize = (text: string, s: number) => [(text.length * 6 - 1) * s + 4 * s, 8 * s + 4 * s];

  it.each([1, 2])('fills the tag background above the box and writes text in it (textScale %i)', (s) => {
    const box = [10, 30, 50, 46];
    const out = annotate(blank(3, 0, 160), dets([box]), { palette: PALETTE, thickness: 1, textScale: s, labels: ['cat'] });
    const [w, h] = tagSize('cat 0.50', s);
    const [tx0, ty0] = [10, 30 - h];
    let text = 0;
    for (let y = ty0; y < 30; y++) {
      for (let x = tx0; x < tx0 + w; x++) {
        const p = px(out, x, y);
        expect([[...RED], [255, 255, 255]]).toContainEqual(p); // red background or white text
        if (p[1] === 255) text++;
      }
    }
    expect(text).toBeGreaterThan(20 * s * s);
    // The padding ring is plain background; nothing beyond the tag's right edge on its rows.
    for (let x = tx0; x < tx0 + w; x++) expect(px(out, x, ty0)).toEqual([...RED]);
    expect(px(out, tx0 + w, ty0 + 1)).toEqual([0, 0, 0]);
    expect(px(out, tx0, ty0 - 1)).toEqual([0, 0, 0]);
  });

  it('writes the first letter exactly: "I" at the text origin', () => {
    const out = annotate(blank(), dets([[4, 30, 50, 46]]), { palette: PALETTE, thickness: 1, textScale: 1, labels: ['I'] });
    // Tag from y = 30 - 12 = 18; text at (4 + 2, 18 + 2). Hand-drawn glyph of I:
    const I = ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.', '.....'];
    for (let r = 0; r < 8; r++) {
      for (let c = 0; c < 6; c++) {
        const on = c < 5 && I[r][c] === '#';
        expect(px(out, 6 + c, 20 + r), `${c},${r}`).toEqual(on ? [255, 255, 255] : [...RED]);
      }
    }
  });

  it('puts the tag inside the box when there is no room above, and inside the image on the right', () => {
    const out = annotate(blank(), dets([[50, 3, 63, 40]]), { palette: PALETTE, thickness: 1, textScale: 1, labels: ['dog'] });
    const [w, h] = tagSize('dog 0.50', 1);
    // Shifted left to end at the image edge, starting at the box top.
    expect(px(out, W - w, 3)).toEqual([...RED]);
    expect(px(out, W - w - 1, 3 + h - 1)).toEqual([0, 0, 0]);
    expect(px(out, W - w, 3 + h - 1)).toEqual([...RED]);
    expect(px(out, W - w, 2)).toEqual([0, 0, 0]);
  });

  it('writes black on light colours', () => {
    const out = annotate(blank(), dets([[10, 30, 50, 46]]), { palette: ['#ffff00'], textScale: 1, labels: ['x'] });
    expect(countColor(out, [0, 0, 0], 10, 18, 49, 30)).toBeGreaterThan(10);
    expect(countColor(out, [255, 255, 255])).toBe(0);
  });

  it.each<[string, string[] | undefined, object, string]>([
    ['labels[classId]', ['person', 'dog'], { classId: [1] }, 'dog 0.87'],
    ['data.className', undefined, { classId: [1], data: { className: ['cow'] } }, 'cow 0.87'],
    ['labels before data.className', ['person', 'dog'], { classId: [1], data: { className: ['cow'] } }, 'dog 0.87'],
    ['class id when unnamed', ['person'], { classId: [4] }, '4 0.87'],
    ['track id first', ['a', 'b'], { classId: [0], trackerId: [12] }, '#12 a 0.87'],
  ])('tag text from %s', (_, labels, init, text) => {
    const d = Detections.from({ xyxy: [[0, 0, 1, 1]], confidence: [0.8666], classId: [0], ...init });
    expect(tagText(d, 0, labels)).toBe(text);
  });
});

describe('annotate: colours and trails', () => {
  it('gives a class the same colour on every call and cycles the palette', () => {
    const d = dets([[2, 2, 20, 20], [30, 2, 50, 20], [2, 25, 20, 45]], { classId: [0, 1, 2] });
    const a = annotate(blank(), d, { palette: PALETTE, tags: false, thickness: 1 });
    const b = annotate(blank(3, 9), d.select([2, 1, 0]), { palette: PALETTE, tags: false, thickness: 1 });
    for (const out of [a, b]) {
      expect(px(out, 2, 2)).toEqual([...RED]);
      expect(px(out, 30, 2)).toEqual([...BLUE]);
      expect(px(out, 2, 25)).toEqual([...RED]); // class 2 wraps to palette[0]
    }
    const c = annotate(blank(), d.select([1]), { tags: false, thickness: 1 });
    const e = annotate(blank(), d.select([1]), { tags: false, thickness: 1 });
    expect(px(c, 30, 2)).toEqual(px(e, 30, 2));
  });

  it("colours by track with colorBy: 'track', and refuses it without tracker ids", () => {
    const d = dets([[2, 2, 20, 20], [30, 2, 50, 20]], { classId: [0, 0], trackerId: [4, 7] });
    const out = annotate(blank(), d, { palette: PALETTE, tags: false, thickness: 1, colorBy: 'track' });
    expect(px(out, 2, 2)).toEqual([...RED]); // 4 mod 2 = 0
    expect(px(out, 30, 2)).toEqual([...BLUE]); // 7 mod 2 = 1
    expect(thrown(() => annotate(blank(), dets([[1, 1, 5, 5]]), { colorBy: 'track' })).code).toBe('E_INVALID_ARGUMENT');
  });

  it('draws the trails of the tracks present, in their colour', () => {
    const d = dets([[40, 30, 50, 40]], { classId: [1], trackerId: [3] });
    const trails = new Map([[3, [[5, 10], [35, 10]] as [number, number][]], [8, [[5, 20], [35, 20]] as [number, number][]]]);
    const out = annotate(blank(), d, { palette: PALETTE, trackTrails: trails, thickness: 1, boxes: false, tags: false });
    for (let x = 5; x <= 35; x++) expect(px(out, x, 10)).toEqual([...BLUE]);
    expect(countColor(out, BLUE)).toBe(31);
  });

  it('draws a TrackTrails helper the same as its map', () => {
    const trails = new TrackTrails();
    for (let f = 0; f < 5; f++) trails.update(dets([[f * 8, 10, f * 8 + 10, 20]], { trackerId: [1] }));
    const d = dets([[32, 10, 42, 20]], { trackerId: [1] });
    const options = { palette: PALETTE, thickness: 2, tags: false };
    const viaHelper = annotate(blank(), d, { ...options, trackTrails: trails });
    const viaMap = annotate(blank(), d, { ...options, trackTrails: trails.toMap() });
    expect(viaHelper.data).toEqual(viaMap.data);
    expect(px(viaHelper, 10, 15)).toEqual([...RED]);
  });
});

describe('annotate: image kinds', () => {
  const scene = () => dets([[5, 20, 40, 44], [30, 5, 60, 30]], {
    classId: [0, 1], masks: [rleFromBbox([10, 25, 20, 10], H, W), rleFromPolygon([32, 8, 58, 8, 45, 28], H, W)],
  });
  const options = { palette: PALETTE, labels: ['a', 'b'], thickness: 2, textScale: 1 };
  const base = () => ({ data: gradient(H, W, 3), width: W, height: H, channels: 3 as const });

  it('returns an identical copy for empty detections', () => {
    const image = base();
    const out = annotate(image, Detections.empty(), options);
    expect(out.data).toEqual(image.data);
    expect(out.data).not.toBe(image.data);
  });

  it('never modifies its input', () => {
    const image = base();
    const copy = image.data.slice();
    annotate(image, scene(), options);
    expect(image.data).toEqual(copy);
  });

  it('keeps Uint8ClampedArray data (ImageData) and infers channels', () => {
    const image = { data: new Uint8ClampedArray(W * H * 4), width: W, height: H };
    const out = annotate(image, scene(), options);
    expect(out.data).toBeInstanceOf(Uint8ClampedArray);
    expect(out.channels).toBe(4);
    expect(px(out, 5, 30)).toEqual([...RED, 255]); // opaque alpha where drawn
    expect(px(out, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('int32 tensor in, int32 tensor out: the same pixels as the raw path, no leaks', () => {
    const expected = annotate(base(), scene(), options);
    const before = tf.memory().numTensors;
    const image = tf.tensor3d(Int32Array.from(base().data), [H, W, 3], 'int32');
    const out = annotate(image, scene(), options);
    expect([out.dtype, out.shape]).toEqual(['int32', [H, W, 3]]);
    expect(Array.from(out.dataSync())).toEqual(Array.from(expected.data));
    expect(Array.from(image.dataSync())).toEqual(Array.from(base().data));
    tf.dispose([image, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('float32 tensor in, float32 tensor out: untouched pixels exact, drawn ones in 0-1', () => {
    const before = tf.memory().numTensors;
    const values = Float32Array.from(base().data, (v) => v / 255 + 1e-4);
    const image = tf.tensor3d(values, [H, W, 3], 'float32');
    const out = annotate(image, scene(), options);
    expect([out.dtype, out.shape]).toEqual(['float32', [H, W, 3]]);
    // A pixel is drawn if drawing changes it on the image or on its negative (a drawn pixel cannot equal both).
    const original = base().data;
    const expected = annotate(base(), scene(), options).data;
    const negative = Uint8Array.from(original, (v) => 255 - v);
    const onNegative = annotate({ data: negative, width: W, height: H, channels: 3 }, scene(), options).data;
    const got = out.dataSync();
    for (let i = 0; i < got.length; i++) {
      if (expected[i] === original[i] && onNegative[i] === negative[i]) expect(got[i]).toBe(values[i]);
      else expect(Math.abs(got[i] * 255 - expected[i])).toBeLessThanOrEqual(0.6);
    }
    tf.dispose([image, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([1, 4] as const)('draws on %i-channel tensors (grey as luma, RGBA opaque)', (channels) => {
    const before = tf.memory().numTensors;
    const image = tf.zeros([H, W, channels], 'int32') as tf.Tensor3D;
    const out = annotate(image, dets([[10, 10, 30, 30]]), { palette: PALETTE, tags: false, thickness: 1 });
    const expected = channels === 1 ? [Math.round(0.299 * 255)] : [...RED, 255];
    expect(px({ data: out.dataSync(), width: W, channels }, 10, 10)).toEqual(expected);
    tf.dispose([image, out]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('PNG in, PNG out, decoding to the drawn pixels', async () => {
    const png = await sharp(base().data, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
    const out = await annotate(png, scene(), options);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([(await sharp(out).metadata()).format, info.width, info.height, info.channels]).toEqual(['png', W, H, 3]);
    expect(new Uint8Array(data)).toEqual(annotate(base(), scene(), options).data);
  });

  it('keeps the alpha channel of an RGBA PNG', async () => {
    const png = await sharp(new Uint8Array(W * H * 4).fill(0), { raw: { width: W, height: H, channels: 4 } }).png().toBuffer();
    const out = await annotate(png, dets([[10, 10, 30, 30]]), { palette: PALETTE, tags: false, thickness: 1 });
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(4);
    expect(px({ data, width: W, channels: 4 }, 10, 10)).toEqual([...RED, 255]);
    expect(px({ data, width: W, channels: 4 }, 0, 0)).toEqual([0, 0, 0, 0]);
  });

  it('JPEG in, JPEG out, close to the drawn pixels', async () => {
    const jpeg = await sharp(base().data, { raw: { width: W, height: H, channels: 3 } }).jpeg({ quality: 95 }).toBuffer();
    const out = await annotate(jpeg, scene(), { ...options, quality: 95 });
    expect((await sharp(out).metadata()).format).toBe('jpeg');
    const decodedInput = new Uint8Array(await sharp(jpeg).raw().toBuffer());
    const expected = annotate({ data: decodedInput, width: W, height: H, channels: 3 }, scene(), options).data;
    const data = await sharp(out).raw().toBuffer();
    let err = 0;
    for (let i = 0; i < data.length; i++) err += Math.abs(data[i] - expected[i]);
    expect(err / data.length).toBeLessThan(3); // only the second JPEG encoding differs
  });
});

describe('annotate: invalid input', () => {
  it.each([
    ['thickness 0', { thickness: 0 }, 'thickness'],
    ['thickness 1.5', { thickness: 1.5 }, 'thickness'],
    ['textScale -1', { textScale: -1 }, 'textScale'],
    ['maskOpacity 2', { maskOpacity: 2 }, 'maskOpacity'],
    ['maskOpacity NaN', { maskOpacity: NaN }, 'maskOpacity'],
    ['colorBy', { colorBy: 'score' }, 'colorBy'],
    ['empty palette', { palette: [] }, 'palette'],
    ['bad colour', { palette: ['#ff0000', 'red'] }, "palette[1] is 'red'"],
    ['labels not an array', { labels: 'person' }, 'labels'],
    ['boxes not boolean', { boxes: 1 }, 'boxes'],
    ['trackTrails plain object', { trackTrails: {} }, 'trackTrails'],
    ['quality 0', { quality: 0 }, 'quality'],
    ['unknown option', { colourBy: 'class' }, "unknown option 'colourBy'"],
  ])('%s -> E_INVALID_ARGUMENT', (_, options, words) => {
    const err = thrown(() => annotate(blank(), dets([[1, 1, 5, 5]]), options as never));
    expect([err.name, err.code]).toEqual(['FoveaError', 'E_INVALID_ARGUMENT']);
    expect(err.message).toContain(words);
  });

  it.each([
    ['not Detections', blank(), { xyxy: [] }],
    ['raw data of the wrong length', { data: new Uint8Array(10), width: W, height: H }, Detections.empty()],
    ['raw data as number[]', { data: [1, 2, 3], width: 1, height: 1 }, Detections.empty()],
    ['zero width', { data: new Uint8Array(0), width: 0, height: 3 }, Detections.empty()],
    ['a string', 'image.png', Detections.empty()],
    ['null', null, Detections.empty()],
  ])('%s -> E_INVALID_ARGUMENT', (_, image, d) => {
    expect(thrown(() => annotate(image as never, d as never)).code).toBe('E_INVALID_ARGUMENT');
  });

  it('refuses a disposed or CHW tensor', () => {
    const t = tf.zeros([3, 8, 8], 'int32') as tf.Tensor3D;
    expect(thrown(() => annotate(t, Detections.empty())).code).toBe('E_INVALID_ARGUMENT');
    t.dispose();
    expect(thrown(() => annotate(t, Detections.empty())).code).toBe('E_INVALID_ARGUMENT');
  });

  it.each([
    ['not an image', new TextEncoder().encode('hello, not an image'), 'E_IMAGE_UNSUPPORTED'],
    ['empty bytes', new Uint8Array(0), 'E_IMAGE_EMPTY'],
  ])('rejects encoded bytes that are %s', async (_, bytes, code) => {
    expect((await rejection(annotate(bytes, Detections.empty()))).code).toBe(code);
  });

  it('rejects (does not throw) bad options for encoded input', async () => {
    const png = await sharp(blank().data, { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
    expect((await rejection(annotate(png, Detections.empty(), { thickness: 0 }))).code).toBe('E_INVALID_ARGUMENT');
  });
});

/** Pixels equal to `rgb` inside [x0, x1) x [y0, y1) (the whole image by default). */
function countColor(img: { data: ArrayLike<number>; width: number; height: number; channels?: number }, rgb: readonly number[], x0 = 0, y0 = 0, x1 = img.width, y1 = img.height): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (rgb.every((v, k) => px(img, x, y)[k] === v)) n++;
  return n;
}
