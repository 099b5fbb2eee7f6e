/**
 * Makes Kalman-predicted xyxy boxes valid in place: a prediction can shrink a box past zero (an object leaving or
 * shrinking fast gives a negative predicted size), which `Detections` rightly rejects. Such a box collapses to zero
 * size at its centre instead of failing the tracker's update after its state has moved on. deep_sort would print
 * the inverted box; valid boxes are unchanged, so outputs still equal the reference wherever it is sane.
 */
export function collapseInverted(xyxy: Float32Array): Float32Array {
  for (let k = 0; k < xyxy.length; k += 4) {
    if (!(xyxy[k + 2] >= xyxy[k])) xyxy[k] = xyxy[k + 2] = (xyxy[k] + xyxy[k + 2]) / 2;
    if (!(xyxy[k + 3] >= xyxy[k + 1])) xyxy[k + 1] = xyxy[k + 3] = (xyxy[k + 1] + xyxy[k + 3]) / 2;
  }
  return xyxy;
}
