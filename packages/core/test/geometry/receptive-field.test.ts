import { describe, expect, it } from 'vitest';
import { type ReceptiveFieldLayer, receptiveField } from '../../src/geometry/receptive-field.js';

const conv = (k: number, s = 1, padding: ReceptiveFieldLayer['padding'] = 'same'): ReceptiveFieldLayer => ({
  kernelSize: k,
  strides: s,
  padding,
});
const pool = (k: number, s: number): ReceptiveFieldLayer => ({ kernelSize: k, strides: s, padding: 0 });

// torchvision.models.alexnet `features`: conv1 11/4 p2, pool 3/2, conv2 5 p2, pool 3/2, conv3-5 3 p1, pool 3/2.
const alexnet = [
  conv(11, 4, 2), pool(3, 2), // conv1, pool1
  conv(5, 1, 2), pool(3, 2), // conv2, pool2
  conv(3, 1, 1), conv(3, 1, 1), conv(3, 1, 1), pool(3, 2), // conv3-5, pool5
];
// VGG16 (configuration D): 2-2-3-3-3 3x3 'same' convs, each block closed by a 2x2/2 max pool.
const block = (n: number) => [...Array.from({ length: n }, () => conv(3)), pool(2, 2)];
const vgg16 = [...block(2), ...block(2), ...block(3), ...block(3), ...block(3)];

describe('receptiveField', () => {
  it('AlexNet pool5 sees 195 pixels with jump 32', () => {
    const rf = receptiveField(alexnet);
    expect(rf.map((l) => l.size)).toEqual([11, 19, 51, 67, 99, 131, 163, 195]);
    expect(rf.at(-1)).toMatchObject({ size: 195, jump: 32 });
  });

  it('VGG16 pool5 sees 212 pixels with jump 32', () => {
    const rf = receptiveField(vgg16);
    expect(vgg16).toHaveLength(18);
    expect(rf.map((l) => l.size)).toEqual([3, 5, 6, 10, 14, 16, 24, 32, 40, 44, 60, 76, 92, 100, 132, 164, 196, 212]);
    expect(rf.at(-1)).toMatchObject({ size: 212, jump: 32 });
  });

  it.each([
    // [layers, expected per layer], worked by hand from the recursion
    [[conv(3, 1, 0)], [{ size: 3, jump: 1, start: 1.5 }]], // first output centred on input pixel 1
    [[conv(3, 1, 1)], [{ size: 3, jump: 1, start: 0.5 }]], // 'same' keeps centres in place
    [[conv(3, 2, 1), conv(3, 2, 1)], [{ size: 3, jump: 2, start: 0.5 }, { size: 7, jump: 4, start: 0.5 }]],
    [[pool(2, 2), pool(2, 2)], [{ size: 2, jump: 2, start: 1 }, { size: 4, jump: 4, start: 2 }]],
    [[{ kernelSize: 3, strides: 1, dilation: 2, padding: 'valid' as const }], [{ size: 5, jump: 1, start: 2.5 }]],
    [[conv(5, 1, 'same')], [{ size: 5, jump: 1, start: 0.5 }]],
    [[], []],
  ])('%j -> %j', (layers, expected) => {
    expect(receptiveField(layers)).toEqual(expected);
  });

  it.each([
    ['zero kernel', { kernelSize: 0, strides: 1 }],
    ['fractional stride', { kernelSize: 3, strides: 1.5 }],
    ['negative padding', { kernelSize: 3, strides: 1, padding: -1 }],
    ['zero dilation', { kernelSize: 3, strides: 1, dilation: 0 }],
  ])('rejects %s with E_INVALID_ARGUMENT', (_name, layer) => {
    const invalid = expect.objectContaining({ code: 'E_INVALID_ARGUMENT' });
    expect(() => receptiveField([conv(3), layer])).toThrowError(invalid);
  });
});
