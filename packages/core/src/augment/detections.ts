import { Detections } from '../detections/index.js';
import { type Rle, rleDecode, rleEncode } from '../masks/index.js';
import type { PixelMap } from './pixel-map.js';
import { remapPixels } from './pixels.js';

/** Applies a {@link PixelMap} to a row-major mask `w` wide (background outside the input). */
export function remapMask(mask: Uint8Array, w: number, map: PixelMap): Uint8Array {
  return remapPixels(mask, w, 1, map, [0]);
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
