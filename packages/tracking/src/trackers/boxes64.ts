import { Detections, FoveaError } from '@fovea/core';

/** IoU of box `i` of `a` and box `j` of `b`, both flat `xyxy`, in float64, without the +1 pixel convention. */
export function iouXyxy(a: ArrayLike<number>, i: number, b: ArrayLike<number>, j: number): number {
  const ax1 = a[4 * i], ay1 = a[4 * i + 1], ax2 = a[4 * i + 2], ay2 = a[4 * i + 3];
  const bx1 = b[4 * j], by1 = b[4 * j + 1], bx2 = b[4 * j + 2], by2 = b[4 * j + 3];
  const w = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
  const h = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
  const inter = w * h;
  return inter / ((ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter);
}

/** Throws unless `detections` is a Detections whose boxes all have positive width and height. */
export function checkDetections(detections: Detections, who: string): void {
  if (!(detections instanceof Detections)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `${who}.update got ${detections}; pass a Detections (Detections.from({...})).`);
  }
  const b = detections.xyxy;
  for (let i = 0; i < detections.length; i++) {
    if (!(b[4 * i + 2] > b[4 * i] && b[4 * i + 3] > b[4 * i + 1])) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `detection ${i} has an empty box (xyxy [${Array.from(b.subarray(4 * i, 4 * i + 4))}]); ${who} needs positive width and height, so drop degenerate boxes first.`,
      );
    }
  }
}
