import { type BoxesInput, toValidBoxes } from './boxes.js';

// Every step is rounded to float32 in torchvision's order of operations, so results equal
// torchvision.ops on float32 tensors (bit for bit except where atan differs by an ulp).
const f = Math.fround;
const EPS = f(1e-7); // torchvision's default eps for distance/complete IoU
const FOUR_OVER_PI2 = f(4 / Math.PI ** 2);

type Kind = 'iou' | 'giou' | 'diou' | 'ciou';

const min = (x: number, y: number) => (x < y ? x : y); // inputs are finite, so no NaN handling
const max = (x: number, y: number) => (x > y ? x : y);

function pairwise(boxes1: BoxesInput, boxes2: BoxesInput, kind: Kind): Float32Array {
  const a = toValidBoxes(boxes1, 'xyxy', 'boxes1');
  const b = toValidBoxes(boxes2, 'xyxy', 'boxes2');
  const n = a.length / 4;
  const m = b.length / 4;
  const out = new Float32Array(n * m);
  const areaB = new Float32Array(m); // float32 storage rounds like torch
  for (let j = 0; j < m; j++) areaB[j] = f(b[4 * j + 2] - b[4 * j]) * f(b[4 * j + 3] - b[4 * j + 1]);
  for (let i = 0, o = 0; i < n; i++) {
    const ax1 = a[4 * i], ay1 = a[4 * i + 1], ax2 = a[4 * i + 2], ay2 = a[4 * i + 3];
    const aw = f(ax2 - ax1);
    const ah = f(ay2 - ay1);
    const areaA = f(aw * ah);
    for (let j = 0; j < m; j++, o++) {
      const bx1 = b[4 * j], by1 = b[4 * j + 1], bx2 = b[4 * j + 2], by2 = b[4 * j + 3];
      const iw = max(f(min(ax2, bx2) - max(ax1, bx1)), 0);
      const ih = max(f(min(ay2, by2) - max(ay1, by1)), 0);
      const inter = f(iw * ih);
      const union = f(f(areaA + areaB[j]) - inter);
      const iou = f(inter / union); // 0/0 = NaN for two zero-area boxes, as in torchvision
      if (kind === 'iou') {
        out[o] = iou;
        continue;
      }
      // Smallest enclosing box.
      const cw = max(f(max(ax2, bx2) - min(ax1, bx1)), 0);
      const ch = max(f(max(ay2, by2) - min(ay1, by1)), 0);
      if (kind === 'giou') {
        const areaC = f(cw * ch);
        out[o] = f(iou - f(f(areaC - union) / areaC));
        continue;
      }
      const diag2 = f(f(f(cw * cw) + f(ch * ch)) + EPS);
      const dx = f(f(f(ax1 + ax2) / 2) - f(f(bx1 + bx2) / 2));
      const dy = f(f(f(ay1 + ay2) / 2) - f(f(by1 + by2) / 2));
      const diou = f(iou - f(f(f(dx * dx) + f(dy * dy)) / diag2));
      if (kind === 'diou') {
        out[o] = diou;
        continue;
      }
      const dAtan = f(f(Math.atan(f(aw / ah))) - f(Math.atan(f(f(bx2 - bx1) / f(by2 - by1)))));
      const v = f(FOUR_OVER_PI2 * f(dAtan * dAtan));
      const alpha = f(v / f(f(f(1 - iou) + v) + EPS));
      out[o] = f(diou - f(alpha * v));
    }
  }
  return out;
}

/**
 * Pairwise intersection over union of two sets of `xyxy` boxes, equal to torchvision.ops.box_iou.
 *
 * @param boxes1 N boxes (flat length 4N or N rows of 4), x1 <= x2, y1 <= y2.
 * @param boxes2 M boxes, same layout.
 * @returns N x M `Float32Array`, row-major: `out[i * M + j]` = IoU(boxes1[i], boxes2[j]).
 *   Two zero-area boxes give NaN (0/0), as torchvision does; a zero-area box against a box with
 *   area gives 0. Empty inputs give an empty array.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a length not a multiple of 4, non-finite values or
 *   inverted boxes.
 */
export function boxIou(boxes1: BoxesInput, boxes2: BoxesInput): Float32Array {
  return pairwise(boxes1, boxes2, 'iou');
}

/**
 * Pairwise generalized IoU (Rezatofighi et al., 2019), in [-1, 1], equal to
 * torchvision.ops.generalized_box_iou: `IoU - (C - U) / C` with C the area of the smallest
 * enclosing box. Shapes, layout and errors as {@link boxIou}; NaN wherever C is 0.
 */
export function generalizedBoxIou(boxes1: BoxesInput, boxes2: BoxesInput): Float32Array {
  return pairwise(boxes1, boxes2, 'giou');
}

/**
 * Pairwise distance IoU (Zheng et al., 2020), equal to torchvision.ops.distance_box_iou with its
 * default eps = 1e-7: `IoU - d^2 / (c^2 + eps)`, d the distance between centres and c the
 * enclosing box's diagonal. Shapes, layout and errors as {@link boxIou}.
 */
export function distanceBoxIou(boxes1: BoxesInput, boxes2: BoxesInput): Float32Array {
  return pairwise(boxes1, boxes2, 'diou');
}

/**
 * Pairwise complete IoU (Zheng et al., 2020), equal to torchvision.ops.complete_box_iou with
 * eps = 1e-7: DIoU minus `alpha * v`, where v = 4/pi^2 (atan(w1/h1) - atan(w2/h2))^2 penalises
 * differing aspect ratios and alpha = v / (1 - IoU + v + eps). A box with zero width and zero
 * height has an undefined aspect ratio (0/0), so its CIoU is NaN, as in torchvision.
 * Shapes, layout and errors as {@link boxIou}.
 */
export function completeBoxIou(boxes1: BoxesInput, boxes2: BoxesInput): Float32Array {
  return pairwise(boxes1, boxes2, 'ciou');
}
