import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { alexnet, formatSummary, lenet5, resnet50, summarize, vgg16, withZeroInit } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** Builds zero-initialised (no weight memory touched on cpu), summarises, disposes. */
function summaryOf(build: () => import('@tensorflow/tfjs-layers').LayersModel) {
  const before = tf.memory().numTensors;
  const model = withZeroInit(build);
  const summary = summarize(model);
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return summary;
}

describe('summarize', () => {
  it.each([
    // torchvision's published GFLOPS (which are MACs) at 224x224.
    ['VGG16', () => vgg16(), 15.47e9],
    ['ResNet-50 (torchvision layout, stride on the 3x3)', () => resnet50({ variant: 'torchvision' }), 4.09e9],
  ])('%s MACs at canonical input within 1 percent of the reference', (_, build, reference) => {
    const s = summaryOf(build);
    expect(Math.abs(s.macs - reference) / reference).toBeLessThan(0.01);
    expect(s.flops).toBe(2 * s.macs);
  });

  it('ResNet-50 in the Keras layout (stride on the 1x1) costs the closed-form difference less', () => {
    const keras = summaryOf(() => resnet50());
    const torch = summaryOf(() => resnet50({ variant: 'torchvision' }));
    // Moving the stride of the first unit of stages 3-5 from the 3x3 to the 1x1 shrinks that 1x1's
    // output 4x and its 3x3's input grid: 3x3 convs of width w at grid g cost 9 w^2 g^2 either way,
    // the 1x1 (Cin -> w) goes from g_in^2 to g^2 = g_in^2 / 4.
    const oneByOne = (cin: number, w: number, gIn: number) => cin * w * gIn * gIn * (3 / 4);
    const expected = oneByOne(256, 128, 56) + oneByOne(512, 256, 28) + oneByOne(1024, 512, 14);
    expect(torch.macs - keras.macs).toBe(expected);
    expect(keras.params).toBe(25_636_712);
  });

  it('LeNet-5: every row by hand', () => {
    const s = summaryOf(() => lenet5());
    const rows = s.layers.map((l) => [l.name, l.outputShape, l.params, l.macs, l.receptiveField?.size ?? null]);
    expect(rows).toEqual([
      ['input', [28, 28, 1], 0, 0, 1],
      ['c1', [28, 28, 6], 156, 25 * 6 * 28 * 28, 5],
      ['s2', [14, 14, 6], 0, 0, 6],
      ['c3', [10, 10, 16], 2416, 25 * 6 * 16 * 100, 14],
      ['s4', [5, 5, 16], 0, 0, 16],
      ['c5', [1, 1, 120], 48_120, 25 * 16 * 120, 32],
      ['flatten', [120], 0, 0, null],
      ['f6', [84], 10_164, 120 * 84, null],
      ['predictions', [10], 850, 84 * 10, null],
    ]);
    expect(s.params).toBe(61_706);
    expect(s.activationBytes).toBe(4 * (784 + 4704 + 1176 + 1600 + 400 + 120 + 120 + 84 + 10));
  });

  it('receptive fields of the classic chains (AlexNet S8 195, VGG16 block5_pool 212)', () => {
    const rf = (s: ReturnType<typeof summarize>, name: string) => s.layers.find((l) => l.name === name)?.receptiveField;
    const a = summaryOf(() => alexnet());
    expect(rf(a, 's8')).toMatchObject({ size: 195, jump: 32 });
    expect(rf(a, 'f9')).toBeNull();
    const v = summaryOf(() => vgg16());
    expect(rf(v, 'block5_pool')).toMatchObject({ size: 212, jump: 32 });
  });

  it('is null after a merge: ResNet-50 has a field through its stem, none after the first addition', () => {
    const s = summaryOf(() => resnet50());
    const byName = new Map(s.layers.map((l) => [l.name, l.receptiveField]));
    // Stem: pad 3, 7x7/2, pad 1, 3x3/2: size 7 + 2 * 2 = 11, jump 4.
    expect(byName.get('pool1_pool')).toMatchObject({ size: 11, jump: 4 });
    expect(byName.get('conv2_block1_add')).toBeNull();
    expect(byName.get('predictions')).toBeNull();
  });

  it("carries core's memory estimate over the same layers", () => {
    const before = tf.memory().numTensors;
    const model = lenet5();
    const s = summarize(model, { batchSize: 8 });
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(s.memory.batchSize).toBe(8);
    expect(s.memory.multiplications).toBe(s.macs);
    expect(s.memory.training.activationBytes).toBe(8 * s.activationBytes);
    expect(s.memory.inference.paramBytes).toBe(4 * 61_706);
    // Largest pair of consecutive outputs: c1 (28x28x6 = 4704) + s2 (14x14x6 = 1176) values.
    expect(s.memory.inference.peakBytes).toBe(8 * 4 * (4704 + 1176));
  });

  it('formats a table with totals', () => {
    const text = formatSummary(summaryOf(() => lenet5()));
    expect(text.split('\n')).toHaveLength(11);
    expect(text).toMatch(/^total\s+61,706/m);
  });
});
