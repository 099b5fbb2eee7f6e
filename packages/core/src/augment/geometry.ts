import type { Detections } from '../detections/index.js';
import { transformDetections } from './detections.js';
import type { PixelMap } from './pixel-map.js';
import { readPixels, remapPixels, toImage } from './pixels.js';
import type { AugmentSample } from './sample.js';

export interface RemapOptions {
  /** Output `[height, width]`; must match the map's lengths. */
  outSize: readonly [number, number];
  /** The map every pixel of the image and masks follows. */
  map: PixelMap;
  /** The same transform on flat `xyxy` boxes (unclipped). */
  boxes: (xyxy: Float32Array) => Float64Array;
  /** Clip boxes to the output and drop those left without area (all but flips). */
  clip: boolean;
  /** Image value per channel where the map points outside the input. */
  fill: readonly number[];
}

/** Moves an image, its boxes and its masks by one {@link PixelMap}: the core of every geometric transform. */
export function remapSample<S extends AugmentSample>(sample: S, { outSize, map, boxes, clip, fill }: RemapOptions): S {
  const px = readPixels(sample.image);
  const image = toImage(remapPixels(px.data, px.w, px.c, map, fill), outSize[0], outSize[1], px.c, px.dtype);
  if (!sample.detections) return { ...sample, image };
  let detections: Detections;
  try {
    detections = transformDetections(sample.detections, px.w, outSize, boxes, () => map, clip);
  } catch (e) {
    image.dispose();
    throw e;
  }
  return { ...sample, image, detections };
}
