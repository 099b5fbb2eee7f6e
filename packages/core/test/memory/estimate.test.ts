import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateMemory } from '../../src/memory/estimate.js';
import type { LayerSpec } from '../../src/memory/types.js';
import { tf } from '../../src/tf.js';
import { lenet5, vggStack } from './models.js';

const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });
const book: LayerSpec[] = [
  { name: 'image', kind: 'input', outputShape: [150, 100, 3], params: 0 },
  { name: 'conv', kind: 'conv2d', outputShape: [150, 100, 200], params: 15_200, kernelSize: 5 },
];

let before: number;
beforeAll(async () => {
  await tf.setBackend('cpu');
  before = tf.memory().numTensors;
});
afterAll(() => expect(tf.memory().numTensors).toBe(before));

/** Builds a model, estimates it, disposes it. */
function estimateModel(build: () => tfl.LayersModel, options?: Parameters<typeof estimateMemory>[1]) {
  const model = build();
  try {
    return estimateMemory(model, options);
  } finally {
    model.dispose();
  }
}

describe('estimateMemory on layer specs', () => {
  it('holds the book case: 12 MB per instance, 1.2 GB for a batch of 100', () => {
    const one = estimateMemory(book);
    expect(one.layers[1]).toEqual({
      name: 'conv', className: 'conv2d', outputShape: [150, 100, 200],
      params: 15_200, trainableParams: 15_200,
      activations: 3_000_000, multiplications: 225_000_000, bytes: 12_000_000,
    });
    const hundred = estimateMemory(book, { batchSize: 100 });
    expect(hundred.layers[1].bytes).toBe(1_200_000_000);
    expect(hundred.inference).toEqual({
      peakBytes: (45_000 + 3_000_000) * 4 * 100, // input and output alive together
      peakBetween: ['image', 'conv'],
      paramBytes: 60_800,
      totalBytes: 1_218_000_000 + 60_800,
    });
    expect(hundred.multiplications).toBe(225_000_000);
  });

  it('adds activations, parameters, gradients and optimizer slots for training', () => {
    const est = estimateMemory(book, { batchSize: 100, training: true });
    expect(est.training).toEqual({
      activationBytes: 1_218_000_000,
      paramBytes: 60_800,
      gradientBytes: 60_800,
      optimizerSlots: 2,
      optimizerBytes: 121_600,
      totalBytes: 1_218_000_000 + 4 * 60_800,
    });
    expect(est.totalBytes).toBe(est.training.totalBytes);
    expect(estimateMemory(book, { batchSize: 100 }).totalBytes).toBe(1_218_060_800);
  });

  it.each([
    ['sgd', 0], ['momentum', 1], ['rmsprop', 1], ['adam', 2], [{ slotsPerParam: 3 }, 3],
  ] as const)('optimizer %j keeps %i slots per trainable parameter', (optimizer, slots) => {
    const specs: LayerSpec[] = [
      { name: 'x', kind: 'input', outputShape: [4], params: 0 },
      { name: 'bn', kind: 'batchNorm', outputShape: [4], params: 16, trainableParams: 8 },
    ];
    const { training } = estimateMemory(specs, { optimizer });
    expect(training).toMatchObject({ optimizerSlots: slots, optimizerBytes: slots * 8 * 4, gradientBytes: 32, paramBytes: 64 });
  });

  it('derives multiplications for dense and depthwise specs, 0 for others, and honours macs', () => {
    const specs: LayerSpec[] = [
      { name: 'x', kind: 'input', outputShape: [16, 16, 8], params: 0 },
      { name: 'dw', kind: 'depthwiseConv2d', outputShape: [16, 16, 16], params: 160, kernelSize: [3, 3] },
      { name: 'pool', kind: 'pool', outputShape: [8, 8, 16], params: 0 },
      { name: 'grouped', kind: 'conv2d', outputShape: [8, 8, 32], params: 8 * 32 + 32, kernelSize: 1, groups: 2 },
      { name: 'tokens', kind: 'dense', outputShape: [8, 8, 10], params: 330 },
      { name: 'custom', kind: 'attention', outputShape: [8, 8, 10], params: 0, macs: 1234 },
      { name: 'head', kind: 'dense', outputShape: [5], params: 3205, inputShape: [640] },
    ];
    const macs = estimateMemory(specs).layers.map((l) => l.multiplications);
    expect(macs).toEqual([0, 9 * 16 * 256, 0, (16 / 2) * 32 * 64, 32 * 10 * 64, 1234, 640 * 5]);
  });

  it('a lone layer is its own peak; dtype sets the bytes per value', () => {
    const est = estimateMemory([{ name: 'only', kind: 'input', outputShape: [10, 10], params: 0 }], { dtype: 'float16' });
    expect(est.inference).toMatchObject({ peakBytes: 200, peakBetween: ['only', 'only'] });
    expect(est.bytesPerValue).toBe(2);
  });

  it.each([
    ['an empty list', [], {}],
    ['a conv without kernelSize', [book[0], { ...book[1], kernelSize: undefined }], {}],
    ['a conv without input shape', [book[1]], {}],
    ['a batch axis of 0', [{ ...book[0], outputShape: [0, 100, 3] }], {}],
    ['negative params', [{ ...book[0], params: -1 }], {}],
    ['trainableParams above params', [{ ...book[0], params: 1, trainableParams: 2 }], {}],
    ['batchSize 0', book, { batchSize: 0 }],
    ['an unknown optimizer', book, { optimizer: 'lion' }],
    ['fractional slots', book, { optimizer: { slotsPerParam: 0.5 } }],
    ['an unknown dtype', book, { dtype: 'float64' }],
  ])('rejects %s with E_INVALID_ARGUMENT', (_name, specs, options) => {
    expect(() => estimateMemory(specs as LayerSpec[], options as never)).toThrowError(invalid);
  });
});

describe('estimateMemory on tfjs models', () => {
  it('LeNet-5: 61,706 parameters and the closed-form activations and multiplications', () => {
    const est = estimateModel(lenet5, { batchSize: 32 });
    const rows = est.layers.map((l) => [l.className, l.outputShape, l.params, l.activations, l.multiplications]);
    expect(rows).toEqual([
      ['InputLayer', [28, 28, 1], 0, 784, 0],
      ['Conv2D', [28, 28, 6], (25 + 1) * 6, 4704, 25 * 6 * 784],
      ['AveragePooling2D', [14, 14, 6], 0, 1176, 0],
      ['Conv2D', [10, 10, 16], (150 + 1) * 16, 1600, 150 * 16 * 100],
      ['AveragePooling2D', [5, 5, 16], 0, 400, 0],
      ['Conv2D', [1, 1, 120], (400 + 1) * 120, 120, 400 * 120],
      ['Flatten', [120], 0, 120, 0],
      ['Dense', [84], 121 * 84, 84, 120 * 84],
      ['Dense', [10], 85 * 10, 10, 840],
    ]);
    expect(est.params).toBe(61_706);
    expect(est.trainableParams).toBe(61_706);
    expect(est.multiplications).toBe(416_520);
    // C1 (4,704) + S2 (1,176) outweighs the input (784) + C1.
    expect(est.inference.peakBytes).toBe(5880 * 32 * 4);
    expect(est.inference.peakBetween).toEqual([est.layers[1].name, est.layers[2].name]);
    expect(est.training).toEqual({
      activationBytes: 8998 * 32 * 4,
      paramBytes: 246_824,
      gradientBytes: 246_824,
      optimizerSlots: 2,
      optimizerBytes: 493_648,
      totalBytes: 8998 * 32 * 4 + 4 * 246_824,
    });
  });

  it('VGG-style stack on 64x64x3: closed-form parameters, multiplications and peak', () => {
    const est = estimateModel(() => vggStack(), { batchSize: 8, training: true });
    const conv = (cIn: number, cOut: number, hw: number) => ({ params: (9 * cIn + 1) * cOut, macs: 9 * cIn * cOut * hw * hw });
    const expected = [
      ['InputLayer', 64 * 64 * 3, { params: 0, macs: 0 }],
      ['Conv2D', 64 * 64 * 64, conv(3, 64, 64)],
      ['Conv2D', 64 * 64 * 64, conv(64, 64, 64)],
      ['MaxPooling2D', 32 * 32 * 64, { params: 0, macs: 0 }],
      ['Conv2D', 32 * 32 * 128, conv(64, 128, 32)],
      ['Conv2D', 32 * 32 * 128, conv(128, 128, 32)],
      ['MaxPooling2D', 16 * 16 * 128, { params: 0, macs: 0 }],
      ['Flatten', 32_768, { params: 0, macs: 0 }],
      ['Dense', 10, { params: 32_769 * 10, macs: 327_680 }],
    ] as const;
    expect(est.layers.map((l) => [l.className, l.activations, { params: l.params, macs: l.multiplications }])).toEqual(expected);
    expect(est.params).toBe(587_850);
    expect(est.multiplications).toBe(384_892_928);
    expect(est.inference.peakBytes).toBe(2 * 262_144 * 8 * 4); // the two conv64 outputs
    expect(est.inference.peakBetween).toEqual([est.layers[1].name, est.layers[2].name]);
    expect(est.training.activationBytes).toBe(929_802 * 8 * 4);
    expect(est.totalBytes).toBe(929_802 * 32 + 587_850 * 4 * 4);
  });

  it('counts depthwise, separable and transposed convolutions and non-trainable weights', () => {
    const est = estimateModel(() => {
      const x = tfl.input({ shape: [8, 8, 4] });
      const dw = tfl.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, padding: 'same' }).apply(x);
      const sep = tfl.layers.separableConv2d({ filters: 6, kernelSize: 3, padding: 'same' }).apply(dw);
      const up = tfl.layers.conv2dTranspose({ filters: 3, kernelSize: 2, strides: 2 }).apply(sep);
      const bn = tfl.layers.batchNormalization().apply(up);
      const frozen = tfl.layers.conv2d({ filters: 2, kernelSize: 1, trainable: false }).apply(bn);
      return tfl.model({ inputs: x, outputs: frozen as tfl.SymbolicTensor });
    });
    expect(est.layers.map((l) => [l.className, l.outputShape, l.params, l.trainableParams, l.multiplications])).toEqual([
      ['InputLayer', [8, 8, 4], 0, 0, 0],
      ['DepthwiseConv2D', [8, 8, 8], 9 * 8 + 8, 80, 9 * 8 * 64],
      ['SeparableConv2D', [8, 8, 6], 9 * 8 + 8 * 6 + 6, 126, 9 * 8 * 64 + 8 * 6 * 64],
      ['Conv2DTranspose', [16, 16, 3], 4 * 6 * 3 + 3, 75, 4 * 6 * 3 * 64], // per input pixel
      ['BatchNormalization', [16, 16, 3], 12, 6, 0], // moving mean and variance are not trained
      ['Conv2D', [16, 16, 2], 8, 0, 3 * 2 * 256],
    ]);
    expect(est.trainableParams).toBe(80 + 126 + 75 + 6);
  });

  it('rejects a model with unknown spatial sizes', () => {
    const x = tfl.input({ shape: [null, null, 3] });
    const model = tfl.model({ inputs: x, outputs: tfl.layers.conv2d({ filters: 2, kernelSize: 3 }).apply(x) as tfl.SymbolicTensor });
    expect(() => estimateMemory(model)).toThrowError(invalid);
    model.dispose();
  });
});
