import { check } from '../errors.js';
import { readPixels, toImage } from './pixels.js';
import { type RandomFn, checkRandom, roundHalfEven } from './random.js';
import { type AugmentSample, checkSample } from './sample.js';

/** Eigenvalues of the ImageNet RGB covariance on the [0, 1] scale, largest first (as used by fb.resnet.torch). */
export const IMAGENET_EIGVAL = [0.2175, 0.0188, 0.0045] as const;
/** The matching eigenvectors as columns: `IMAGENET_EIGVEC[channel][component]`. */
export const IMAGENET_EIGVEC = [
  [-0.5675, 0.7192, 0.4009],
  [-0.5808, -0.0045, -0.814],
  [-0.5836, -0.6948, 0.4203],
] as const;

export interface LightingOptions {
  /** Full intensity: 255 (default) for 0-255 images, 1 for [0, 1] images; the eigenvalues are on the [0, 1] scale. */
  maxValue?: number;
  /** Eigenvalues of the RGB covariance, [0, 1] scale. Default {@link IMAGENET_EIGVAL}. */
  eigval?: readonly number[];
  /** Eigenvectors as columns, `eigvec[channel][component]`. Default {@link IMAGENET_EIGVEC}. */
  eigvec?: readonly (readonly number[])[];
}

/**
 * AlexNet's "fancy PCA" colour augmentation with given weights: adds the same RGB offset
 * `maxValue * sum_k alpha_k * eigval_k * eigvec[:, k]` to every pixel, then clamps to
 * [0, maxValue] (int32 images are rounded). RGB(A) images only; detections pass through.
 *
 * @param alpha The three component weights (AlexNet draws them from N(0, 0.1)).
 * @returns A new sample; the caller disposes its image.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an image without 3 colour channels or bad weights.
 */
export function lighting<S extends AugmentSample>(sample: S, alpha: readonly number[], options: LightingOptions = {}): S {
  const [h, w] = checkSample(sample, 'lighting');
  const { maxValue = 255, eigval = IMAGENET_EIGVAL, eigvec = IMAGENET_EIGVEC } = options ?? {};
  const c = sample.image.shape[2];
  check(c === 3 || c === 4, `lighting: the image has ${c} channel(s); PCA lighting needs RGB or RGBA.`);
  check(Number.isFinite(maxValue) && maxValue > 0, `lighting: maxValue is ${maxValue}; give 255, or 1 for [0, 1] images.`);
  const ok3 = (a: unknown) => Array.isArray(a) && a.length === 3 && a.every(Number.isFinite);
  check(ok3(alpha), `lighting: alpha is ${JSON.stringify(alpha)}; give 3 finite weights.`);
  check(ok3(eigval) && Array.isArray(eigvec) && eigvec.length === 3 && eigvec.every(ok3),
    'lighting: eigval must hold 3 numbers and eigvec 3 rows of 3.');
  const offset = eigvec.map((row) => maxValue * (row[0] * alpha[0] * eigval[0] + row[1] * alpha[1] * eigval[1] + row[2] * alpha[2] * eigval[2]));
  const { data, dtype } = readPixels(sample.image);
  const out = dtype === 'int32' ? new Int32Array(data.length) : new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const k = i % c;
    if (k === 3) {
      out[i] = data[i]; // alpha
      continue;
    }
    const v = Math.min(maxValue, Math.max(0, data[i] + offset[k]));
    out[i] = dtype === 'int32' ? roundHalfEven(v) : v;
  }
  return { ...sample, image: toImage(out, h, w, c, dtype) };
}

/** A standard normal draw from two uniforms (Box-Muller). */
function normal(random: RandomFn): number {
  const u = 1 - random(); // (0, 1], so the log is finite
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * AlexNet's PCA lighting noise: {@link lighting} with `alpha_k ~ N(0, alphaStd)` (AlexNet: 0.1).
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a negative `alphaStd`.
 */
export function randomLighting<S extends AugmentSample>(
  sample: S,
  options: LightingOptions & { alphaStd?: number },
  random: RandomFn,
): S {
  checkRandom(random, 'randomLighting');
  const alphaStd = options?.alphaStd ?? 0.1;
  check(Number.isFinite(alphaStd) && alphaStd >= 0, `randomLighting: alphaStd is ${alphaStd}; give a standard deviation >= 0.`);
  const alpha = [0, 1, 2].map(() => alphaStd * normal(random));
  return lighting(sample, alpha, options);
}
