import { FoveaError, check } from '../errors.js';

/**
 * Box layouts, four numbers per box:
 * - `xyxy`: x1, y1, x2, y2 (corners; Fovea's default, torchvision's `xyxy`).
 * - `xywh`: x, y of the top-left corner, then width, height (torchvision's `xywh`).
 * - `tlwh`: top-left x, y, width, height (deep_sort's name). The same numbers as `xywh`;
 *   both names are accepted so code ported from either library reads naturally.
 * - `cxcywh`: centre x, centre y, width, height (torchvision's `cxcywh`, YOLO/DETR heads).
 */
export type BoxFormat = 'xyxy' | 'xywh' | 'tlwh' | 'cxcywh';

/** Boxes as Fovea stores them (flat, length 4N) or as callers often hold them (`[[x1, y1, x2, y2], ...]`). */
export type BoxesInput = Float32Array | Float64Array | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

const FORMATS: readonly BoxFormat[] = ['xyxy', 'xywh', 'tlwh', 'cxcywh'];

/**
 * Normalises boxes to a flat `Float32Array` of length 4N (values rounded to float32).
 * A `Float32Array` is returned as is (not copied); anything else is copied.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` if the length is not a multiple of 4, a nested row
 *   does not hold exactly 4 numbers, or any value is NaN or infinite.
 */
export function toBoxArray(boxes: BoxesInput, name = 'boxes'): Float32Array {
  let out: Float32Array;
  if (boxes instanceof Float32Array) {
    out = boxes;
  } else if (boxes.length > 0 && typeof boxes[0] !== 'number') {
    const rows = boxes as ArrayLike<ArrayLike<number>>;
    out = new Float32Array(rows.length * 4);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      check(row != null && row.length === 4, `${name}[${i}] has ${row?.length} values; each box needs exactly 4.`);
      for (let k = 0; k < 4; k++) out[i * 4 + k] = row[k];
    }
  } else {
    out = Float32Array.from(boxes as ArrayLike<number>);
  }
  check(
    out.length % 4 === 0,
    `${name} has length ${out.length}, not a multiple of 4; pass a flat array of 4N numbers or N rows of 4.`,
  );
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) {
      const msg = `${name}[${i >> 2}] holds ${out[i]} at coordinate ${i & 3}; box coordinates must be finite.`;
      throw new FoveaError('E_INVALID_ARGUMENT', msg);
    }
  }
  return out;
}

/**
 * {@link toBoxArray}, then checks each box is not inverted: x2 >= x1 and y2 >= y1 for `xyxy`,
 * width and height >= 0 otherwise. Zero-size boxes are valid.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` naming the first bad box.
 */
export function toValidBoxes(boxes: BoxesInput, format: BoxFormat = 'xyxy', name = 'boxes'): Float32Array {
  const b = toBoxArray(boxes, name);
  const corners = format === 'xyxy';
  for (let i = 0; i < b.length; i += 4) {
    const w = corners ? b[i + 2] - b[i] : b[i + 2];
    const h = corners ? b[i + 3] - b[i + 1] : b[i + 3];
    if (w < 0 || h < 0) {
      const box = `[${Array.from(b.subarray(i, i + 4)).join(', ')}]`;
      const fix = corners ? 'order corners as x1 <= x2, y1 <= y2' : 'widths and heights must be >= 0';
      throw new FoveaError('E_INVALID_ARGUMENT', `${name}[${i / 4}] = ${box} (${format}) is inverted; ${fix}.`);
    }
  }
  return b;
}

/**
 * Converts boxes between layouts (see {@link BoxFormat}). Returns a new `Float32Array` of the same
 * length, with arithmetic rounded to float32 as torchvision.ops.box_convert does on float32 tensors
 * (via `xyxy` when neither side is `xyxy`, as torchvision does).
 */
export function convertBoxes(boxes: BoxesInput, from: BoxFormat, to: BoxFormat): Float32Array {
  check(FORMATS.includes(from), `Unknown box format from='${from}'; use one of ${FORMATS.join(', ')}.`);
  check(FORMATS.includes(to), `Unknown box format to='${to}'; use one of ${FORMATS.join(', ')}.`);
  const b = toValidBoxes(boxes, from);
  const src = from === 'tlwh' ? 'xywh' : from;
  const dst = to === 'tlwh' ? 'xywh' : to;
  if (src === dst) return b.slice();
  const xyxy = src === 'xyxy' ? b : toXyxy(b, src);
  return dst === 'xyxy' ? (xyxy === b ? b.slice() : xyxy) : fromXyxy(xyxy, dst);
}

const f = Math.fround;

function toXyxy(b: Float32Array, from: 'xywh' | 'cxcywh'): Float32Array {
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i += 4) {
    // xywh: (x, y) is the top-left corner; cxcywh: (x, y) is the centre. 0.5 * w is exact.
    const dx = from === 'xywh' ? 0 : 0.5 * b[i + 2];
    const dy = from === 'xywh' ? 0 : 0.5 * b[i + 3];
    out[i] = b[i] - dx;
    out[i + 1] = b[i + 1] - dy;
    out[i + 2] = from === 'xywh' ? b[i] + b[i + 2] : b[i] + dx;
    out[i + 3] = from === 'xywh' ? b[i + 1] + b[i + 3] : b[i + 1] + dy;
  }
  return out;
}

function fromXyxy(b: Float32Array, to: 'xywh' | 'cxcywh'): Float32Array {
  const out = new Float32Array(b.length);
  for (let i = 0; i < b.length; i += 4) {
    const [x1, y1, x2, y2] = [b[i], b[i + 1], b[i + 2], b[i + 3]];
    // Round the sum to float32 before halving, as torch does on float32 tensors.
    out[i] = to === 'xywh' ? x1 : f(x1 + x2) / 2;
    out[i + 1] = to === 'xywh' ? y1 : f(y1 + y2) / 2;
    out[i + 2] = x2 - x1;
    out[i + 3] = y2 - y1;
  }
  return out;
}

/**
 * Area of each `xyxy` box, `(x2 - x1) * (y2 - y1)` in float32 (torchvision.ops.box_area).
 * Returns a `Float32Array` of length N. Inverted boxes throw (torchvision returns negative areas).
 */
export function boxArea(boxes: BoxesInput): Float32Array {
  const b = toValidBoxes(boxes);
  const out = new Float32Array(b.length / 4);
  for (let i = 0; i < out.length; i++) {
    out[i] = f(b[4 * i + 2] - b[4 * i]) * f(b[4 * i + 3] - b[4 * i + 1]);
  }
  return out;
}

/**
 * Clamps `xyxy` boxes to an image of `[height, width]` pixels: x into [0, width], y into
 * [0, height] (torchvision.ops.clip_boxes_to_image). Returns a new `Float32Array`.
 */
export function clipBoxes(boxes: BoxesInput, imageSize: readonly [number, number]): Float32Array {
  const [h, w] = imageSize;
  check(
    Number.isFinite(h) && Number.isFinite(w) && h >= 0 && w >= 0,
    `imageSize must be [height, width] with finite sizes >= 0; got [${h}, ${w}].`,
  );
  const out = toBoxArray(boxes).slice();
  for (let i = 0; i < out.length; i++) {
    const hi = (i & 1) === 0 ? w : h;
    out[i] = Math.min(Math.max(out[i], 0), hi);
  }
  return out;
}

/**
 * Multiplies x coordinates by `sx` and y coordinates by `sy` (default `sx`), e.g. to map boxes
 * from a resized image back to the original. Works for `xyxy`, `xywh`/`tlwh` and `cxcywh` alike
 * since every coordinate is an x or a y quantity. Returns a new `Float32Array`.
 */
export function scaleBoxes(boxes: BoxesInput, sx: number, sy: number = sx): Float32Array {
  check(
    Number.isFinite(sx) && Number.isFinite(sy) && sx >= 0 && sy >= 0,
    `Scale factors must be finite and >= 0 (flip boxes with a flip transform instead); got sx=${sx}, sy=${sy}.`,
  );
  const out = toBoxArray(boxes).slice();
  for (let i = 0; i < out.length; i++) out[i] *= (i & 1) === 0 ? sx : sy;
  return out;
}
