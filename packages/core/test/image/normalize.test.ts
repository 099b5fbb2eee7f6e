import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { IMAGENET_MEAN, IMAGENET_STD, normalize, type NormalizePreset } from '../../src/image/normalize.js';
import { thrown } from './helpers.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Two pixels, RGB, covering the ends and the middle of the 0-255 range.
const PIXELS = [0, 127.5, 255, 51, 204, 102];

describe('normalize', () => {
  it.each([
    ['zeroToOne', 'zeroToOne', [0, 0.5, 1, 0.2, 0.8, 0.4]],
    ['minusOneToOne', 'minusOneToOne', [-1, 0, 1, -0.6, 0.6, -0.2]],
    ['imagenet', 'imagenet', PIXELS.map((v, i) => (v / 255 - [0.485, 0.456, 0.406][i % 3]) / [0.229, 0.224, 0.225][i % 3])],
    ['one mean/std for all channels', { mean: [0.5], std: [0.25] }, PIXELS.map((v) => (v / 255 - 0.5) / 0.25)],
    ['per-channel mean/std', { mean: [0, 0.5, 1], std: [1, 2, 4] }, PIXELS.map((v, i) => (v / 255 - [0, 0.5, 1][i % 3]) / [1, 2, 4][i % 3])],
  ] as const)('%s matches its closed form', (_, preset, expected) => {
    for (const dtype of ['float32', 'int32'] as const) {
      const values = dtype === 'int32' ? PIXELS.map(Math.round) : PIXELS;
      const want = dtype === 'int32' ? closedForm(preset, values) : expected;
      const before = tf.memory().numTensors;
      const image = tf.tensor3d(values, [1, 2, 3], dtype);
      const out = normalize(image, preset as NormalizePreset);
      expect([out.dtype, out.shape]).toEqual(['float32', [1, 2, 3]]);
      Array.from(out.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
      tf.dispose([image, out]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('exports the ImageNet statistics torchvision uses', () => {
    expect(IMAGENET_MEAN).toEqual([0.485, 0.456, 0.406]);
    expect(IMAGENET_STD).toEqual([0.229, 0.224, 0.225]);
  });

  it('works on an NHWC batch', () => {
    const batch = tf.fill([2, 3, 3, 3], 255, 'int32');
    const out = normalize(batch, 'zeroToOne');
    expect(out.shape).toEqual([2, 3, 3, 3]);
    expect(tf.min(out).arraySync()).toBe(1);
    tf.dispose([batch, out]);
  });

  it.each([
    ['an unknown preset', 'torch'],
    ['imagenet on a grey image', 'imagenet', 1],
    ['two means for three channels', { mean: [0.5, 0.5], std: [0.5, 0.5] }],
    ['mean and std of different lengths', { mean: [0.5, 0.5, 0.5], std: [0.5] }],
    ['a zero std', { mean: [0.5], std: [0] }],
    ['a negative std', { mean: [0.5], std: [-1] }],
    ['a NaN mean', { mean: [NaN], std: [1] }],
    ['empty mean/std', { mean: [], std: [] }],
  ] as [string, unknown, number?][])('refuses %s', (_, preset, channels = 3) => {
    const image = tf.zeros([2, 2, channels], 'int32');
    const before = tf.memory().numTensors;
    const err = thrown(() => normalize(image, preset as unknown as NormalizePreset));
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(tf.memory().numTensors).toBe(before);
    image.dispose();
  });
});

/** The presets' formulas in float64, per channel of an RGB pixel list. */
function closedForm(preset: unknown, values: number[]): number[] {
  if (preset === 'zeroToOne') return values.map((v) => v / 255);
  if (preset === 'minusOneToOne') return values.map((v) => v / 127.5 - 1);
  const { mean, std } = preset === 'imagenet' ? { mean: IMAGENET_MEAN, std: IMAGENET_STD } : (preset as { mean: number[]; std: number[] });
  return values.map((v, i) => (v / 255 - mean[i % mean.length]) / std[i % std.length]);
}
