import { check } from '../errors.js';

/** One layer of a stack, along one spatial axis (square kernels; call per axis otherwise). */
export interface ReceptiveFieldLayer {
  kernelSize: number;
  strides: number;
  /**
   * Padding before the first input pixel (top or left), in pixels; default 0. `'valid'` is 0 and
   * `'same'` is floor((kEff - 1) / 2), which is what tfjs pads at stride 1; at larger strides
   * tfjs's 'same' padding depends on the input size, so pass the number if it matters.
   */
  padding?: number | 'same' | 'valid';
  /** Dilation rate; default 1. */
  dilation?: number;
}

/** Receptive field of one layer's output units, in input pixels. */
export interface ReceptiveField {
  /** Side of the region of the input that one output unit sees. */
  size: number;
  /** Distance in input pixels between adjacent output units (product of strides so far). */
  jump: number;
  /**
   * Centre of the first output unit's receptive field, in continuous input coordinates where
   * pixel i spans [i, i + 1] (so the input's own first centre is 0.5). Negative when it lies in
   * the padding.
   */
  start: number;
}

/**
 * Receptive field after each layer of a stack, with the standard recursion (input: size 1,
 * jump 1, start 0.5; kEff = k + (k - 1)(d - 1)):
 * `jump = jumpIn * s`, `size = sizeIn + (kEff - 1) * jumpIn`,
 * `start = startIn + ((kEff - 1) / 2 - padding) * jumpIn`.
 *
 * @returns one entry per layer, in order; e.g. AlexNet's pool5 has size 195, VGG16's pool5 212.
 * @throws FoveaError `E_INVALID_ARGUMENT` for non-integer or non-positive kernel, stride or
 *   dilation, or negative padding.
 */
export function receptiveField(layers: readonly ReceptiveFieldLayer[]): ReceptiveField[] {
  let size = 1;
  let jump = 1;
  let start = 0.5;
  return layers.map((layer, i) => {
    const { kernelSize: k, strides: s, dilation: d = 1, padding = 0 } = layer;
    for (const [name, v] of [['kernelSize', k], ['strides', s], ['dilation', d]] as const) {
      check(Number.isInteger(v) && v >= 1, `layers[${i}].${name} must be a positive integer; got ${v}.`);
    }
    const kEff = k + (k - 1) * (d - 1);
    const p = padding === 'valid' ? 0 : padding === 'same' ? Math.floor((kEff - 1) / 2) : padding;
    check(
      Number.isInteger(p) && p >= 0,
      `layers[${i}].padding must be 'same', 'valid' or an integer >= 0; got ${JSON.stringify(padding)}.`,
    );
    start += ((kEff - 1) / 2 - p) * jump;
    size += (kEff - 1) * jump;
    jump *= s;
    return { size, jump, start };
  });
}
