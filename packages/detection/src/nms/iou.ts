const f = Math.fround;

/**
 * Float32 areas `(x2 - x1) * (y2 - y1)`, as torchvision's CPU kernel computes them on float32 tensors.
 * JS evaluates each operation in float64 and `Math.fround` rounds it; for +, -, * and / of float32
 * operands that double rounding is exact, so every value equals the float32 operation.
 */
export function boxAreas(boxes: Float32Array): Float32Array {
  const n = boxes.length >> 2;
  const areas = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    areas[i] = f(boxes[4 * i + 2] - boxes[4 * i]) * f(boxes[4 * i + 3] - boxes[4 * i + 1]);
  }
  return areas;
}

/**
 * IoU of boxes `i` and `j` in torchvision's CPU nms arithmetic (csrc/ops/cpu/nms_kernel.cpp):
 * `inter / (area_i + area_j - inter)`, every step rounded to float32, with the intersection's
 * width and height clamped at 0. Two zero-area boxes give 0/0 = NaN.
 */
export function pairIou(b: Float32Array, areas: Float32Array, i: number, j: number): number {
  const i4 = 4 * i;
  const j4 = 4 * j;
  const xx1 = b[i4] < b[j4] ? b[j4] : b[i4];
  const yy1 = b[i4 + 1] < b[j4 + 1] ? b[j4 + 1] : b[i4 + 1];
  const xx2 = b[i4 + 2] < b[j4 + 2] ? b[i4 + 2] : b[j4 + 2];
  const yy2 = b[i4 + 3] < b[j4 + 3] ? b[i4 + 3] : b[j4 + 3];
  const w = f(xx2 - xx1);
  const h = f(yy2 - yy1);
  const inter = f((w > 0 ? w : 0) * (h > 0 ? h : 0));
  return f(inter / f(f(areas[i] + areas[j]) - inter));
}

/**
 * Whether kept box `i` suppresses box `j`: torchvision's `ovr > iou_threshold`, with the float32
 * IoU compared against the float64 threshold (so IoU = 3/10 rounds up to float32 0.30000001 and is
 * suppressed at threshold 0.3, but not at 0.7's float32 0.69999999). NaN IoU never suppresses.
 */
export function suppresses(b: Float32Array, areas: Float32Array, i: number, j: number, thr: number): boolean {
  return pairIou(b, areas, i, j) > thr;
}
