import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import {
  type ConvShapeArgs,
  type Padding,
  convOutputShape,
  convTransposeOutputShape,
  poolOutputShape,
} from '../../src/geometry/conv-arithmetic.js';
import { tf } from '../../src/tf.js';
import { rng as uniform } from '../image/helpers.js';

/** Seeded integers in [lo, hi], so the random cases are the same on every run. */
function rng(seed: number): (lo: number, hi: number) => number {
  const next = uniform(seed);
  return (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
}

const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });
type TfPad = 'same' | 'valid' | number | [[number, number], [number, number], [number, number], [number, number]];

/** The padding as tfjs takes it: numbers become explicit unless square (see the porting note). */
function tfPad(p: Padding, square: boolean): TfPad {
  if (typeof p === 'string') return p;
  if (typeof p === 'number') return square ? p : [[0, 0], [p, p], [p, p], [0, 0]];
  return [[0, 0], [...p[0]], [...p[1]], [0, 0]];
}

type P2 = [number, number];
interface Case {
  inputShape: P2;
  kernelSize: P2;
  strides: P2;
  dilation: P2;
  padding: Padding;
  roundingMode?: 'floor' | 'ceil' | 'round';
}

function randomCase(r: ReturnType<typeof rng>, opts: { explicitPads: boolean }): Case {
  const pads: Padding[] = ['same', 'valid'];
  if (opts.explicitPads) {
    pads.push(r(0, 3), [[r(0, 3), r(0, 3)], [r(0, 3), r(0, 3)]]);
  }
  const dilated = r(0, 3) === 0; // tfjs runs strides > 1 or dilation > 1, not both
  const padding = pads[r(0, pads.length - 1)];
  const numeric = typeof padding !== 'string';
  return {
    inputShape: [r(1, 24), r(1, 24)],
    kernelSize: [r(1, 6), r(1, 6)],
    strides: dilated ? [1, 1] : [r(1, 4), r(1, 4)],
    dilation: dilated ? [r(1, 3), r(1, 3)] : [1, 1],
    padding,
    roundingMode: numeric && r(0, 3) === 0 ? (['floor', 'ceil', 'round'] as const)[r(0, 2)] : undefined,
  };
}

function square(c: Case): boolean {
  const [k, s, d] = [c.kernelSize, c.strides, c.dilation];
  return k[0] === k[1] && s[0] === s[1] && d[0] === d[1];
}

const nhwc = (hw: P2): [number, number, number, number] => [1, hw[0], hw[1], 1];
const zeros4d = (shape: [number, number, number, number]) => tf.zeros(shape) as tf.Tensor4D;

/** tfjs's own output [h, w] (backend_util), or null when it has no positive size. */
function tfInfo(op: 'conv' | 'pool', c: Case, pad: TfPad): P2 | null {
  const { inputShape, kernelSize: k, strides, dilation, roundingMode } = c;
  const info =
    op === 'conv'
      ? tf.backend_util.computeConv2DInfo(nhwc(inputShape), [k[0], k[1], 1, 1], strides, dilation, pad, roundingMode)
      : tf.backend_util.computePool2DInfo(nhwc(inputShape), k, strides, dilation, pad, roundingMode);
  return info.outHeight < 1 || info.outWidth < 1 ? null : [info.outHeight, info.outWidth];
}

/** Output [h, w] of the real tf.conv2d / tf.maxPool, or null when tfjs has no positive size. */
function tfShape(op: 'conv' | 'pool', c: Case): P2 | null {
  const pad = tfPad(c.padding, square(c));
  const expected = tfInfo(op, c, pad);
  if (expected === null) return null;
  const y = tf.tidy(() => {
    const x = zeros4d(nhwc(c.inputShape));
    return op === 'conv'
      ? tf.conv2d(x, zeros4d([...c.kernelSize, 1, 1]), c.strides, pad, 'NHWC', c.dilation, c.roundingMode)
      : tf.maxPool(x, c.kernelSize, c.strides, pad, c.roundingMode);
  });
  const shape: P2 = [y.shape[1], y.shape[2]];
  y.dispose();
  expect(shape).toEqual(expected);
  return shape;
}

let tensorsBefore = 0;
beforeAll(async () => {
  await tf.setBackend('cpu');
  tensorsBefore = tf.memory().numTensors;
});
afterAll(() => {
  expect(tf.memory().numTensors).toBe(tensorsBefore);
});

describe.each(['conv', 'pool'] as const)('%sOutputShape equals tfjs on 250 seeded random cases', (op) => {
  it('matches the shape of the real tfjs op, and throws exactly where tfjs has no output', () => {
    const r = rng(op === 'conv' ? 1 : 2);
    let matched = 0;
    for (let n = 0; n < 250; n++) {
      const c = randomCase(r, { explicitPads: true });
      if (op === 'pool') c.dilation = [1, 1]; // tf.maxPool takes no dilation
      const expected = tfShape(op, c);
      const fn = op === 'conv' ? convOutputShape : poolOutputShape;
      if (expected === null) {
        expect(() => fn(c), JSON.stringify(c)).toThrow(FoveaError);
      } else {
        expect(fn(c), JSON.stringify(c)).toEqual(expected);
        matched++;
      }
    }
    expect(matched).toBeGreaterThanOrEqual(200);
  });
});

describe('convTransposeOutputShape', () => {
  it('equals tfjs-layers Conv2DTranspose and tf.conv2dTranspose on 200 seeded cases', () => {
    const r = rng(3);
    for (let n = 0; n < 200; n++) {
      const c = { ...randomCase(r, { explicitPads: false }), dilation: [1, 1] as P2 };
      const { roundingMode: _, ...args } = c;
      const padding = c.padding as 'same' | 'valid';
      const layer = tfl.layers.conv2dTranspose({ filters: 1, kernelSize: c.kernelSize, strides: c.strides, padding });
      const [, lh, lw] = layer.computeOutputShape([null, ...c.inputShape, 1]) as number[];
      const out = convTransposeOutputShape(args);
      expect(out, JSON.stringify(args)).toEqual([lh, lw]);
      const y = tf.tidy(() => {
        const [dy, filter] = [zeros4d(nhwc(c.inputShape)), zeros4d([...c.kernelSize, 1, 1])];
        return tf.conv2dTranspose(dy, filter, nhwc(out), c.strides, padding);
      });
      expect(y.shape.slice(1, 3)).toEqual(out);
      y.dispose();
    }
  });

  it('is undone by the forward convolution for any padding and outputPadding (200 seeded cases)', () => {
    const r = rng(4);
    let checked = 0;
    while (checked < 200) {
      const { roundingMode: _, ...c } = randomCase(r, { explicitPads: true });
      const strides = c.strides;
      const outputPadding: [number, number] = [r(0, strides[0] - 1), r(0, strides[1] - 1)];
      let out: [number, number];
      try {
        out = convTransposeOutputShape({ ...c, outputPadding });
      } catch (e) {
        expect((e as FoveaError).code).toBe('E_INVALID_ARGUMENT'); // explicit pads larger than the kernel
        continue;
      }
      const back = tfInfo('conv', { ...c, inputShape: out }, tfPad(c.padding, false));
      expect(back, JSON.stringify({ ...c, outputPadding })).toEqual(c.inputShape);
      checked++;
    }
  });

  it.each([
    // [inputShape, kernel, strides, padding, outputPadding, expected]: PyTorch/Keras closed forms
    [[4, 4], 3, 2, 'valid', undefined, [9, 9]],
    [[4, 4], 2, 2, 'valid', undefined, [8, 8]],
    [[4, 4], 1, 3, 'valid', undefined, [12, 12]], // Keras: in*s + max(k - s, 0)
    [[4, 4], 3, 2, 'same', undefined, [8, 8]],
    [[4, 4], 3, 2, [[1, 1], [1, 1]], undefined, [7, 7]], // torch ConvTranspose2d(k=3, s=2, p=1)
    [[4, 4], 3, 2, [[1, 1], [1, 1]], 1, [8, 8]], // ... with output_padding=1
    [[4, 5], 4, 2, 1, undefined, [8, 10]], // the DCGAN/FCN x2 upsampler
    [[10, 10], 64, 32, [[16, 16], [16, 16]], undefined, [320, 320]], // FCN-32s style x32
  ] as const)('%j k=%j s=%j pad=%j op=%j -> %j', (inputShape, kernelSize, strides, padding, op, expected) => {
    const args = { inputShape, kernelSize, strides, padding, outputPadding: op };
    expect(convTransposeOutputShape(args)).toEqual(expected);
  });
});

describe('hand cases and errors', () => {
  it.each([
    // The book case: 150x100 image, 5x5 kernel, stride 1, same padding keeps the size.
    [{ inputShape: [150, 100], kernelSize: 5, strides: 1, padding: 'same' }, [150, 100]],
    // AlexNet conv1, torchvision's (padding 2 on 224) and the paper's (valid on 227).
    [{ inputShape: [224, 224], kernelSize: 11, strides: 4, padding: [[2, 2], [2, 2]] }, [55, 55]],
    [{ inputShape: [227, 227], kernelSize: 11, strides: 4, padding: 'valid' }, [55, 55]],
    [{ inputShape: [224, 224], kernelSize: 7, strides: 2, padding: 3 }, [112, 112]], // ResNet stem
    [{ inputShape: [32, 32], kernelSize: 3, dilation: 2, padding: 'valid' }, [28, 28]],
    [{ inputShape: [7, 7], kernelSize: 3, strides: 2, padding: 'valid' }, [3, 3]],
  ] as const)('convOutputShape(%j) = %j', (args, expected) => {
    expect(convOutputShape(args)).toEqual(expected);
  });

  it('pool strides default to the kernel size; ceil rounding gives Caffe-style pools', () => {
    expect(poolOutputShape({ inputShape: [224, 224], kernelSize: 2 })).toEqual([112, 112]);
    expect(poolOutputShape({ inputShape: [55, 55], kernelSize: 3, strides: 2 })).toEqual([27, 27]);
    const caffe = { inputShape: [112, 112], kernelSize: 3, strides: 2, padding: 0, roundingMode: 'ceil' } as const;
    expect(poolOutputShape(caffe)).toEqual([56, 56]);
  });

  it.each([
    ['kernel larger than input', { inputShape: [3, 3], kernelSize: 5 }],
    ['zero stride', { inputShape: [8, 8], kernelSize: 3, strides: 0 }],
    ['fractional kernel', { inputShape: [8, 8], kernelSize: 2.5 }],
    ['negative padding', { inputShape: [8, 8], kernelSize: 3, padding: -1 }],
    ['zero input', { inputShape: [0, 8], kernelSize: 1 }],
    ['roundingMode with same', { inputShape: [8, 8], kernelSize: 3, padding: 'same', roundingMode: 'ceil' }],
  ] as const)('convOutputShape rejects %s', (_name, args) => {
    expect(() => convOutputShape(args as ConvShapeArgs)).toThrowError(invalid);
  });

  it('convTransposeOutputShape rejects outputPadding >= stride', () => {
    const args = { inputShape: [4, 4], kernelSize: 3, strides: 2, outputPadding: 2 } as const;
    expect(() => convTransposeOutputShape(args)).toThrowError(invalid);
  });

  it('uses each axis own kernel for numeric padding where tfjs 4.22 reuses the height kernel', () => {
    const args = { inputShape: [10, 10], kernelSize: [1, 5], padding: 1 } as const;
    expect(convOutputShape(args)).toEqual([12, 8]);
    const tfjsInfo = tf.backend_util.computeConv2DInfo([1, 10, 10, 1], [1, 5, 1, 1], 1, 1, 1);
    expect([tfjsInfo.outHeight, tfjsInfo.outWidth]).toEqual([12, 12]); // documents the tfjs quirk
  });
});
