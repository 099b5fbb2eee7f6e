import { Detections } from '../detections/index.js';
import { type Rle, rleDecode, rleEncode } from '../masks/index.js';

/**
 * Where each output pixel of a separable geometric transform reads from: output column `j`
 * reads input column `srcX[j]` and output row `i` input row `srcY[i]`; -1 means "outside the
 * input" (background). Flips, shifts, crops and nearest resizes are all of this form.
 */
export interface PixelMap {
  srcX: Int32Array;
  srcY: Int32Array;
}

/** Applies a {@link PixelMap} to a row-major h x w mask; returns a row-major mask of srcY.length x srcX.length. */
export function remapMask(mask: Uint8Array, w: number, { srcX, srcY }: PixelMap): Uint8Array {
  const outW = srcX.length;
  const out = new Uint8Array(srcY.length * outW);
  for (let i = 0; i < srcY.length; i++) {
    const y = srcY[i];
    if (y < 0) continue;
    const row = y * w;
    for (let j = 0; j < outW; j++) {
      const x = srcX[j];
      if (x >= 0) out[i * outW + j] = mask[row + x];
    }
  }
  return out;
}

/**
 * Moves detections with their image, from an image `inW` wide to one of `[outH, outW]`: `boxes`
 * maps the flat `xyxy` array to new boxes, `map` moves the masks pixel by pixel. With `clip`,
 * boxes are then clipped to the new image and detections left with no area (clipped width or
 * height 0) are dropped, with their masks and every other column; without it (flips, which
 * keep every box), boxes are stored as mapped.
 */
export function transformDetections(
  detections: Detections,
  inW: number,
  [outH, outW]: readonly [number, number],
  boxes: (xyxy: Float32Array) => Float64Array,
  map: () => PixelMap,
  clip = true,
): Detections {
  const moved = boxes(detections.xyxy);
  const keep: number[] = [];
  const kept: number[] = [];
  for (let i = 0; i < detections.length; i++) {
    let [x1, y1, x2, y2] = [moved[4 * i], moved[4 * i + 1], moved[4 * i + 2], moved[4 * i + 3]];
    if (clip) {
      [x1, x2] = [Math.min(Math.max(x1, 0), outW), Math.min(Math.max(x2, 0), outW)];
      [y1, y2] = [Math.min(Math.max(y1, 0), outH), Math.min(Math.max(y2, 0), outH)];
      // Compare as stored (float32), so a sliver that rounds to zero width is dropped too.
      if (!(Math.fround(x2) > Math.fround(x1) && Math.fround(y2) > Math.fround(y1))) continue;
    }
    keep.push(i);
    kept.push(x1, y1, x2, y2);
  }
  const s = keep.length === detections.length ? detections : detections.select(keep);
  let masks: Rle[] | undefined;
  if (s.masks) {
    const m = map();
    masks = s.masks.map((rle) => rleEncode(remapMask(rleDecode(rle), inW, m), outH, outW));
  }
  return Detections.from({
    xyxy: Float32Array.from(kept),
    confidence: s.confidence,
    classId: s.classId,
    masks,
    trackerId: s.trackerId,
    features: s.features,
    featureDim: s.featureDim,
    data: s.data,
  });
}
