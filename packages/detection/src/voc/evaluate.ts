import { FoveaError, check } from '@fovea/core';
import { vocAp } from './ap.js';
import { numpySum } from '../numpy-sum.js';
import type { VocClassResult, VocEvalArgs, VocEvaluation, VocVariant } from './types.js';
import { detectionsOf, groundTruthOf, type ImageBoxes } from './validate.js';

interface Settings {
  iouThreshold: number;
  useDifficult: boolean;
  pixel: number;
  variant: VocVariant;
}

/**
 * PASCAL VOC detection evaluation: per class precision/recall and AP, and their mean (mAP), with the
 * devkit's semantics (MATLAB `VOCevaldet.m`; py-faster-rcnn's `voc_eval.py` with `variant`).
 *
 * For each class, detections of every image are sorted by decreasing score (a stable sort: ties keep
 * image order, then detection order, as MATLAB's `sort` does). Each detection takes the ground truth
 * of its image and class with the highest IoU (the first on ties), difficult ones included. If that
 * IoU reaches `iouThreshold` (`>=` for the devkit, `>` for py-faster-rcnn) the detection is
 *   - ignored (neither TP nor FP) when that ground truth is difficult and `useDifficult` is false,
 *   - a true positive when the ground truth is still unmatched,
 *   - a false positive (a duplicate) otherwise;
 * below the threshold it is a false positive. Recall is `tp / nPositives`, precision
 * `tp / max(tp + fp, eps)` (the devkit's `tp ./ (fp + tp)` is NaN where py-faster-rcnn's is 0; both
 * give the same AP except when every detection of a class is ignored: NaN in MATLAB, 0 here).
 * AP is {@link vocAp} of that curve.
 *
 * With `pixelInclusive` (default, as the devkit) widths are `x2 - x1 + 1`: VOC coordinates are
 * 1-based inclusive pixel indices. Pass `false` for continuous coordinates (torchvision, COCO).
 *
 * A class with no positives gets `ap = -1` and is left out of mAP (the devkit gives NaN for it);
 * mAP is the plain mean of the others, summed in numpy's order.
 *
 * @returns Per class results in `classIds` order and their mean.
 * @throws FoveaError `E_INVALID_ARGUMENT` naming the bad value: lists of different lengths, a box
 *   that is not finite xyxy with x2 >= x1, a score that is not finite, a class id that is not an
 *   integer, a threshold outside [0, 1], an unknown method or variant.
 */
export function vocEval(args: VocEvalArgs): VocEvaluation {
  check(args != null && typeof args === 'object', `vocEval got ${args}; pass { groundTruth, detections, ... }.`);
  const { groundTruth, detections, iouThreshold = 0.5, method = 'area', useDifficult = false, pixelInclusive = true, variant = 'devkit' } = args;
  check(Array.isArray(groundTruth), `vocEval: groundTruth is ${groundTruth}; pass one { boxes, classIds, difficult? } per image.`);
  check(Array.isArray(detections), `vocEval: detections is ${detections}; pass one Detections per image.`);
  check(
    groundTruth.length === detections.length,
    `vocEval: groundTruth has ${groundTruth.length} images but detections has ${detections.length}; pass one entry per image in both, in the same order.`,
  );
  check(
    typeof iouThreshold === 'number' && iouThreshold >= 0 && iouThreshold <= 1,
    `vocEval: iouThreshold is ${iouThreshold}; pass a number in [0, 1].`,
  );
  if (method !== 'area' && method !== '11point') {
    throw new FoveaError('E_INVALID_ARGUMENT', `vocEval: method must be '11point' or 'area', got '${String(method)}'.`);
  }
  if (variant !== 'devkit' && variant !== 'py-faster-rcnn') {
    throw new FoveaError('E_INVALID_ARGUMENT', `vocEval: variant must be 'devkit' or 'py-faster-rcnn', got '${String(variant)}'.`);
  }
  const gts = groundTruth.map((g, i) => groundTruthOf(g, `groundTruth[${i}]`));
  const dts = detections.map((d, i) => detectionsOf(d, `detections[${i}]`));
  const gtByClass = byClass(gts);
  const dtByClass = byClass(dts);
  const classIds = args.classIds ? [...args.classIds] : allClasses(gtByClass, dtByClass);
  classIds.forEach((c, i) => check(Number.isInteger(c), `vocEval: classIds[${i}] is ${c}; class ids must be integers.`));
  const settings: Settings = { iouThreshold, useDifficult, pixel: pixelInclusive ? 1 : 0, variant };
  const perClass = classIds.map((c) => {
    const r = evaluateClass(c, gts, dts, gtByClass.get(c) ?? [], dtByClass.get(c) ?? [], settings);
    r.ap = r.nPositives > 0 ? vocAp(r.recall, r.precision, method, variant) : -1;
    return r;
  });
  // np.mean order, so mAP matches py-faster-rcnn's `np.mean(aps)` to the last bit.
  const aps = Float64Array.from(perClass.filter((r) => r.ap >= 0), (r) => r.ap);
  const mAP = aps.length > 0 ? numpySum(aps) / aps.length : -1;
  return { mAP, perClass, iouThreshold, method, variant };
}

/** Per class, the (image, box) pairs holding it, flattened, in image then box order. */
function byClass(images: ImageBoxes[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  images.forEach((img, image) => {
    img.classIds.forEach((c, index) => {
      let list = out.get(c);
      if (!list) out.set(c, (list = []));
      list.push(image, index);
    });
  });
  return out;
}

function allClasses(gtByClass: Map<number, number[]>, dtByClass: Map<number, number[]>): number[] {
  return [...new Set([...gtByClass.keys(), ...dtByClass.keys()])].sort((a, b) => a - b);
}

function evaluateClass(classId: number, gts: ImageBoxes[], dts: ImageBoxes[], gtPairs: number[], dtPairs: number[], s: Settings): VocClassResult {
  // Per image: the indices of this class's ground truths, and whether each is already matched.
  const gtIdx: number[][] = [];
  const matched: Uint8Array[] = [];
  let nPositives = 0;
  for (let p = 0; p < gtPairs.length; p += 2) {
    const [image, j] = [gtPairs[p], gtPairs[p + 1]];
    (gtIdx[image] ??= []).push(j);
    if (s.useDifficult || !gts[image].extra[j]) nPositives++;
  }
  gtIdx.forEach((idx, image) => (matched[image] = new Uint8Array(idx.length)));
  const nd = dtPairs.length / 2;
  const unsorted = new Float64Array(nd);
  for (let d = 0; d < nd; d++) unsorted[d] = dts[dtPairs[2 * d]].extra[dtPairs[2 * d + 1]];
  // Decreasing score; ties keep input order (image, then detection), as MATLAB's stable sort.
  const order = Array.from({ length: nd }, (_, d) => d).sort((a, b) => unsorted[b] - unsorted[a] || a - b);
  const recall = new Float64Array(nd);
  const precision = new Float64Array(nd);
  const scores = new Float64Array(nd);
  const none: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let d = 0; d < nd; d++) {
    const image = dtPairs[2 * order[d]];
    const candidates = gtIdx[image] ?? none;
    const [jmax, ovmax] = bestMatch(dts[image].boxes, dtPairs[2 * order[d] + 1], gts[image].boxes, candidates, s.pixel);
    const hit = s.variant === 'devkit' ? ovmax >= s.iouThreshold : ovmax > s.iouThreshold;
    if (!hit) fp++;
    else if (s.useDifficult || !gts[image].extra[candidates[jmax]]) {
      if (matched[image][jmax]) fp++;
      else {
        tp++;
        matched[image][jmax] = 1;
      }
    }
    scores[d] = unsorted[order[d]];
    recall[d] = nPositives > 0 ? tp / nPositives : 0;
    precision[d] = tp / Math.max(tp + fp, Number.EPSILON);
  }
  return { classId, ap: -1, recall, precision, scores, nPositives };
}

/**
 * The ground truth (position in `candidates`) with the largest IoU with detection `d`, the first on
 * ties, and that IoU; `[-1, -Infinity]` when none overlaps. The arithmetic follows the devkit
 * term by term (`ua = area(bb) + area(gt) - iw * ih`), so IoUs on the threshold compare exactly.
 */
function bestMatch(dBoxes: Float64Array, d: number, gBoxes: Float64Array, candidates: number[], pixel: number): [number, number] {
  const bx1 = dBoxes[4 * d];
  const by1 = dBoxes[4 * d + 1];
  const bx2 = dBoxes[4 * d + 2];
  const by2 = dBoxes[4 * d + 3];
  let jmax = -1;
  let ovmax = -Infinity;
  for (let j = 0; j < candidates.length; j++) {
    const k = 4 * candidates[j];
    const gx1 = gBoxes[k];
    const gy1 = gBoxes[k + 1];
    const gx2 = gBoxes[k + 2];
    const gy2 = gBoxes[k + 3];
    const iw = Math.min(bx2, gx2) - Math.max(bx1, gx1) + pixel;
    const ih = Math.min(by2, gy2) - Math.max(by1, gy1) + pixel;
    if (iw > 0 && ih > 0) {
      const inter = iw * ih;
      const ua = (bx2 - bx1 + pixel) * (by2 - by1 + pixel) + (gx2 - gx1 + pixel) * (gy2 - gy1 + pixel) - inter;
      const ov = inter / ua;
      if (ov > ovmax) {
        ovmax = ov;
        jmax = j;
      }
    }
  }
  return [jmax, ovmax];
}
