import * as tf from '@tensorflow/tfjs-core';
import { check } from '../errors.js';
import { Detections } from '../detections/index.js';
import { readRle } from '../masks/rle.js';
import { canvasRaw, canvasTensor, decodeCanvas, encodeCanvas, rawCanvas, tensorCanvas, type RawImage } from './kinds.js';
import { resolveOptions, type AnnotateOptions, type ResolvedOptions } from './options.js';
import { colorOf, contrastColor, type Rgb } from './palette.js';
import { blendRuns, drawLine, fillRect, paintOf, strokeRect, type Canvas } from './raster.js';
import { drawText, layoutTag } from './text.js';
import { TrackTrails } from './trails.js';

/**
 * Draws detections on an image and returns a new image of the same kind (supervision's box,
 * label, mask and trace annotators in one call). The input is never modified.
 *
 * - `tf.Tensor3D` HWC, int32 0-255 or float32 0-1, 1/3/4 channels -> a new tensor of the same
 *   dtype and shape (synchronous; the caller disposes both). Grey images get colours as luma.
 * - {@link RawImage} `{ data: Uint8Array | Uint8ClampedArray, width, height, channels? }` -> a new
 *   RawImage with a fresh `data` of the same type (synchronous).
 * - Encoded PNG, JPEG or WebP bytes (`Uint8Array`/`Buffer`) -> a Promise of bytes in the same
 *   format, decoded and encoded with sharp (upright by EXIF orientation; RGB, or RGBA when the
 *   file has alpha).
 *
 * Drawn in this order, each detection in order so later ones land on top: masks blended at
 * `maskOpacity` (`round(v * (1 - a) + c * a)`), trails of the tracks present, box outlines,
 * then tags. Boxes are `xyxy` pixels; the outline covers pixels `round(x1) <= x < round(x2)`
 * (likewise y) in bands `thickness` wide inside the box. A tag is a box-coloured rectangle on
 * the box's top edge (inside the box when the image has no room above), holding
 * `"#track label score"` in black or white, whichever contrasts. Everything is clipped to the
 * image, so boxes partly or wholly outside it are fine. Colours come from `palette`, by class id
 * or by track id (`colorBy`), the same for the same id on every call.
 *
 * @param detections Boxes in the pixel frame of `image`; masks, when drawn, must be of its size.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad image, options (see {@link AnnotateOptions}),
 *   masks of another size than the image, or `colorBy: 'track'` without `trackerId`;
 *   `E_IMAGE_UNSUPPORTED` / readImage's decode codes for encoded input sharp cannot read.
 */
export function annotate(image: tf.Tensor3D, detections: Detections, options?: AnnotateOptions): tf.Tensor3D;
export function annotate(image: RawImage, detections: Detections, options?: AnnotateOptions): Required<RawImage>;
export function annotate(image: Uint8Array, detections: Detections, options?: AnnotateOptions): Promise<Uint8Array>;
export function annotate(
  image: tf.Tensor3D | RawImage | Uint8Array,
  detections: Detections,
  options: AnnotateOptions = {},
): tf.Tensor3D | Required<RawImage> | Promise<Uint8Array> {
  check(detections instanceof Detections, 'annotate: detections must be a Detections; build one with Detections.from.');
  if (image instanceof Uint8Array) return annotateEncoded(image, detections, options);
  if (image instanceof tf.Tensor) {
    const canvas = tensorCanvas(image as tf.Tensor3D);
    draw(canvas, detections, resolveOptions(options, canvas.width, canvas.height));
    return canvasTensor(canvas, image as tf.Tensor3D);
  }
  check(
    image != null && typeof image === 'object' && 'data' in image,
    'annotate: image must be an HWC tf.Tensor3D, a raw image { data, width, height, channels } or encoded PNG/JPEG/WebP bytes.',
  );
  const canvas = rawCanvas(image);
  draw(canvas, detections, resolveOptions(options, canvas.width, canvas.height));
  return canvasRaw(canvas);
}

async function annotateEncoded(bytes: Uint8Array, detections: Detections, options: AnnotateOptions): Promise<Uint8Array> {
  const { canvas, format } = await decodeCanvas(bytes);
  const resolved = resolveOptions(options, canvas.width, canvas.height);
  draw(canvas, detections, resolved);
  return encodeCanvas(canvas, format, resolved.quality);
}

/** Draws everything on `c` in place. */
function draw(c: Canvas, d: Detections, o: ResolvedOptions): void {
  const n = d.length;
  if (n === 0) return;
  const colors = detectionColors(d, o);
  const paints = colors.map((rgb) => paintOf(c, rgb));

  if (o.masks && d.masks) {
    const [h, w] = d.masks[0].size;
    check(
      h === c.height && w === c.width,
      `annotate: the masks are [${h}, ${w}] (h, w) but the image is [${c.height}, ${c.width}]; ` +
        'encode masks at the size of the image being drawn on, or pass masks: false.',
    );
    for (let i = 0; i < n; i++) blendRuns(c, readRle(d.masks[i], `detections.masks[${i}]`).counts, paints[i], o.maskOpacity);
  }

  if (o.trackTrails && d.trackerId) {
    const drawn = new Set<number>();
    for (let i = 0; i < n; i++) {
      const id = d.trackerId[i];
      if (drawn.has(id)) continue;
      drawn.add(id);
      const points = o.trackTrails instanceof TrackTrails ? o.trackTrails.get(id) : o.trackTrails.get(id) ?? [];
      for (let k = 1; k < points.length; k++) {
        const [ax, ay] = points[k - 1];
        const [bx, by] = points[k];
        drawLine(c, ax, ay, bx, by, o.thickness, paints[i]);
      }
    }
  }

  const b = d.xyxy;
  if (o.boxes) {
    for (let i = 0; i < n; i++) {
      strokeRect(c, Math.round(b[4 * i]), Math.round(b[4 * i + 1]), Math.round(b[4 * i + 2]), Math.round(b[4 * i + 3]), o.thickness, paints[i]);
    }
  }

  if (o.tags) {
    for (let i = 0; i < n; i++) {
      const [x0, y0, x1, y1] = [b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]].map(Math.round);
      if (x1 <= 0 || y1 <= 0 || x0 >= c.width || y0 >= c.height) continue; // wholly outside: nothing to label
      const text = tagText(d, i, o.labels);
      const tag = layoutTag(text, o.textScale, x0, y0, c.width);
      fillRect(c, tag.x0, tag.y0, tag.x1, tag.y1, paints[i]);
      drawText(c, text, tag.textX, tag.textY, o.textScale, paintOf(c, contrastColor(colors[i])));
    }
  }
}

/** The colour of every detection, by class or by track. */
function detectionColors(d: Detections, o: ResolvedOptions): Rgb[] {
  const ids = o.colorBy === 'track' ? d.trackerId : d.classId;
  check(ids, "annotate: colorBy is 'track' but the detections have no trackerId; run a tracker first or use colorBy: 'class'.");
  return Array.from(ids, (id) => colorOf(o.palette, id));
}

/** `"#track label score"`: the name from `labels[classId]`, else `data.className`, else the class id. */
export function tagText(d: Detections, i: number, labels?: readonly string[]): string {
  const classId = d.classId[i];
  const names = d.data.className;
  const name = labels?.[classId] ?? (names ? String(names[i]) : String(classId));
  const score = d.confidence[i].toFixed(2);
  return d.trackerId ? `#${d.trackerId[i]} ${name} ${score}` : `${name} ${score}`;
}
