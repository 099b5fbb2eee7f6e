import { FoveaError, rleFromBbox, rleFromPolygon, rleMerge, type RleInput } from '@fovea/core';
import type { CocoImage, CocoSegmentation } from './types.js';
import { formatError } from './validate.js';

function imageSize(image: CocoImage | undefined, path: string): [number, number] {
  const h = image?.height;
  const w = image?.width;
  if (h === undefined || w === undefined) {
    formatError(path, `is a polygon or box but image ${image?.id} has no height/width; add them to rasterise it.`);
  }
  return [h, w];
}

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof FoveaError && e.code !== 'E_COCO_FORMAT') formatError(path, `is invalid: ${e.message}`, e);
    throw e;
  }
}

/**
 * The mask COCOeval compares for one annotation, as `COCO.annToRLE`: polygons are rasterised at the
 * image size and their parts merged; an RLE is used as it is, and must have the image's size.
 * A box result without a mask becomes the polygon through its corners, as `COCO.loadRes` does.
 *
 * @param path JSON path of the segmentation, for error messages.
 */
export function annToRle(seg: CocoSegmentation | undefined, box: ArrayLike<number> | undefined, image: CocoImage | undefined, path: string): RleInput {
  if (seg === undefined) {
    if (box === undefined) formatError(path, "is missing; iouType 'segm' needs a mask (or, for results, a box).");
    const [h, w] = imageSize(image, path);
    return wrap(path, () => rleFromBbox(box, h, w));
  }
  if (Array.isArray(seg)) {
    const [h, w] = imageSize(image, path);
    const parts = seg.map((part, j) => wrap(`${path}[${j}]`, () => rleFromPolygon(part, h, w)));
    return parts.length === 1 ? parts[0] : wrap(path, () => rleMerge(parts));
  }
  const rle = seg as RleInput;
  const h = image?.height;
  const w = image?.width;
  if (h !== undefined && w !== undefined && (rle.size[0] !== h || rle.size[1] !== w)) {
    formatError(`${path}.size`, `is [${rle.size[0]}, ${rle.size[1]}] but image ${image!.id} is ${h} x ${w}; encode masks at the image size.`);
  }
  return rle;
}
