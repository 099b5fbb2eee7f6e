/**
 * Rendering of one synthetic scene: which object owns each pixel (later objects cover earlier ones),
 * the painted RGB image, and the annotations read back from the ownership map, so that boxes,
 * instance masks and the semantic map agree with the pixels by construction.
 */
import { Detections } from '../detections/index.js';
import { type Rle, rleEncode } from '../masks/index.js';
import type { Random } from './random.js';
import { type Shape, rowSpans, shapeBounds } from './shapes-raster.js';
import type { Rgb } from './shapes-texture.js';

/** An object of a scene, in drawing order (far to near). */
export interface SceneObject {
  shape: Shape;
  classId: number;
  color: Rgb;
  /** Shading direction (unit vector): the fill brightens by up to 15% towards it. */
  light: [x: number, y: number];
}

/** Pixel ownership of a scene: `owner[y * w + x]` is 0 for background, k + 1 for `objects[k]`. */
export function rasterise(objects: readonly SceneObject[], h: number, w: number): Uint16Array {
  const owner = new Uint16Array(h * w);
  const xs: number[] = [];
  objects.forEach((o, k) => {
    const [, y0, , y1] = shapeBounds(o.shape);
    for (let y = Math.max(0, y0); y < Math.min(h, y1); y++) {
      rowSpans(o.shape, y, xs, (x0, x1) => {
        const a = Math.max(0, x0);
        const b = Math.min(w, x1);
        if (b > a) owner.fill(k + 1, y * w + a, y * w + b);
      });
    }
  });
  return owner;
}

/** Pixels a shape covers with nothing in front and no image border, and their tight box (exclusive ends). */
export function fullExtent(shape: Shape): { area: number; box: [number, number, number, number] } {
  const [, y0, , y1] = shapeBounds(shape);
  const xs: number[] = [];
  let area = 0;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = y0; y < y1; y++) {
    rowSpans(shape, y, xs, (a, b) => {
      area += b - a;
      box[0] = Math.min(box[0], a);
      box[2] = Math.max(box[2], b);
      box[1] = Math.min(box[1], y);
      box[3] = Math.max(box[3], y + 1);
    });
  }
  return area > 0 ? { area, box } : { area, box: [0, 0, 0, 0] };
}

/** Visible pixel count and tight box (x0, y0, x1, y1 with exclusive ends) of every object. */
export function visibleExtents(owner: Uint16Array, h: number, w: number, n: number): { area: Int32Array; boxes: Int32Array } {
  const area = new Int32Array(n);
  const boxes = new Int32Array(4 * n);
  for (let k = 0; k < n; k++) boxes.set([w, h, 0, 0], 4 * k);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const k = owner[i] - 1;
      if (k < 0) continue;
      area[k]++;
      const b = 4 * k;
      if (x < boxes[b]) boxes[b] = x;
      if (y < boxes[b + 1]) boxes[b + 1] = y;
      if (x + 1 > boxes[b + 2]) boxes[b + 2] = x + 1;
      if (y + 1 > boxes[b + 3]) boxes[b + 3] = y + 1;
    }
  }
  return { area, boxes };
}

/** The four bytes of `u` summed, centred: mean 0, variance 21845. */
function byteSum(u: number): number {
  return (u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24) - 510;
}

/**
 * Paints a scene: the background, each owned pixel in its object's shaded colour, then noise of
 * standard deviation `noise` on every channel, rounded and clamped to 0-255. The noise is nearly
 * Gaussian (Irwin-Hall: the sum of four uniform bytes of one 32-bit draw), five times cheaper than
 * Box-Muller.
 *
 * @returns H x W x 3 RGB, row-major.
 */
export function paint(
  background: Float32Array,
  objects: readonly SceneObject[],
  owner: Uint16Array,
  h: number,
  w: number,
  noise: number,
  rng: Random,
): Uint8Array {
  const out = new Uint8ClampedArray(h * w * 3);
  const scale = noise / Math.sqrt(21845); // 4 * (256^2 - 1) / 12: variance of the byte sum
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const o = 3 * i;
      const k = owner[i];
      let r = background[o];
      let g = background[o + 1];
      let b = background[o + 2];
      if (k !== 0) {
        const { shape, color, light } = objects[k - 1];
        const shade = 1 + (0.15 * ((x + 0.5 - shape.cx) * light[0] + (y + 0.5 - shape.cy) * light[1])) / shape.r;
        r = color[0] * shade;
        g = color[1] * shade;
        b = color[2] * shade;
      }
      if (noise > 0) {
        r += byteSum(rng.nextUint32()) * scale;
        g += byteSum(rng.nextUint32()) * scale;
        b += byteSum(rng.nextUint32()) * scale;
      }
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  return new Uint8Array(out.buffer);
}

/** Semantic map: `classId + 1` of the owning object, 0 for background. */
export function semanticMap(owner: Uint16Array, objects: readonly SceneObject[]): Uint8Array {
  const lut = Uint8Array.from([0, ...objects.map((o) => o.classId + 1)]);
  const out = new Uint8Array(owner.length);
  for (let i = 0; i < owner.length; i++) out[i] = lut[owner[i]];
  return out;
}

/** COCO RLE of each listed object's visible pixels. */
export function visibleMasks(owner: Uint16Array, h: number, w: number, which: readonly number[]): Rle[] {
  const mask = new Uint8Array(h * w);
  return which.map((k) => {
    for (let i = 0; i < mask.length; i++) mask[i] = owner[i] === k + 1 ? 1 : 0;
    return rleEncode(mask, h, w);
  });
}

/** Ground-truth Detections (confidence 1) of the listed objects, boxes tight around their visible pixels. */
export function sceneDetections(
  owner: Uint16Array,
  h: number,
  w: number,
  objects: readonly SceneObject[],
  which: readonly number[],
  boxes: Int32Array,
  extra: { trackerId?: number[]; data?: Record<string, Float32Array> } = {},
): Detections {
  return Detections.from({
    xyxy: new Float32Array(which.flatMap((k) => Array.from(boxes.subarray(4 * k, 4 * k + 4)))),
    confidence: new Float32Array(which.length).fill(1),
    classId: which.map((k) => objects[k].classId),
    masks: visibleMasks(owner, h, w, which),
    ...(extra.trackerId ? { trackerId: extra.trackerId } : {}),
    ...(extra.data ? { data: extra.data } : {}),
  });
}
