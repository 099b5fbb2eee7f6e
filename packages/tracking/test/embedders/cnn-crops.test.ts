import { FoveaError, initBackend, tf } from '@fovea/core';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cropBoxes, imageBatch } from '../../src/embedders/cnn-crops.js';

/** A 4x6 RGB image whose pixel (r, c) is [10 r + c, 100 + c, 200 - r]. */
function image(): { data: Uint8Array; height: number; width: number; channels: 3 } {
  const data = new Uint8Array(4 * 6 * 3);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 6; c++) data.set([10 * r + c, 100 + c, 200 - r], (r * 6 + c) * 3);
  return { data, height: 4, width: 6, channels: 3 };
}

/** The slow reference: pixel (r, c) of the image as a number[3]. */
const px = (r: number, c: number) => [10 * r + c, 100 + c, 200 - r];

describe('cropBoxes', () => {
  let before = 0;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });
  beforeEach(() => {
    before = tf.memory().numTensors;
  });
  afterEach(() => {
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    // box, crop size, expected crop as rows of pixels (sample centres land on pixel centres)
    ['the whole image at its own size', [0, 0, 6, 4], [4, 6], Array.from({ length: 4 }, (_, r) => Array.from({ length: 6 }, (_, c) => px(r, c)))],
    ['a 2x2 window', [2, 1, 4, 3], [2, 2], [[px(1, 2), px(1, 3)], [px(2, 2), px(2, 3)]]],
    ['the same window mirrored (x1 > x2)', [4, 1, 2, 3], [2, 2], [[px(1, 3), px(1, 2)], [px(2, 3), px(2, 2)]]],
    // 4x4 box to 2x2: samples at edge coordinates 1 and 3, i.e. halfway between pixel centres 0|1 and 2|3.
    ['a 2x downsample (bilinear midpoints)', [0, 0, 4, 4], [2, 2], [
      [mean(px(0, 0), px(0, 1), px(1, 0), px(1, 1)), mean(px(0, 2), px(0, 3), px(1, 2), px(1, 3))],
      [mean(px(2, 0), px(2, 1), px(3, 0), px(3, 1)), mean(px(2, 2), px(2, 3), px(3, 2), px(3, 3))],
    ]],
  ] as const)('%s', (_, box, size, expected) => {
    const frame = imageBatch(image());
    const crop = cropBoxes(frame, box, size as [number, number]);
    expect(crop.shape).toEqual([1, size[0], size[1], 3]);
    const got = (crop.arraySync() as number[][][][])[0];
    got.flat(2).forEach((v, i) => expect(v).toBeCloseTo((expected as readonly (readonly (readonly number[])[])[]).flat(2)[i], 4));
    tf.dispose([frame, crop]);
  });

  it('no boxes gives an empty batch', () => {
    const frame = imageBatch(image());
    const crop = cropBoxes(frame, [], [8, 8]);
    expect(crop.shape).toEqual([0, 8, 8, 3]);
    tf.dispose([frame, crop]);
  });

  it.each([
    ['length not a multiple of 4', [0, 0, 1]],
    ['NaN', [0, 0, NaN, 2]],
    ['Infinity', [0, 0, Infinity, 2]],
  ])('rejects boxes with %s', (_, boxes) => {
    const frame = imageBatch(image());
    expect(() => cropBoxes(frame, boxes, [2, 2])).toThrow(FoveaError);
    frame.dispose();
  });
});

describe('imageBatch', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', verbose: false });
  });

  it.each([
    ['grey', 1, [7], [7, 7, 7]],
    ['RGB', 3, [1, 2, 3], [1, 2, 3]],
    ['RGBA', 4, [1, 2, 3, 255], [1, 2, 3]],
  ] as const)('%s pixels become RGB', (_, channels, pixel, rgb) => {
    const before = tf.memory().numTensors;
    const raw = imageBatch({ data: Uint8Array.from(pixel), height: 1, width: 1, channels });
    const source = tf.tensor3d(Uint8Array.from(pixel), [1, 1, channels], 'int32');
    const fromTensor = imageBatch(source);
    expect(Array.from(raw.dataSync())).toEqual(rgb);
    expect(Array.from(fromTensor.dataSync())).toEqual(rgb);
    expect(raw.dtype).toBe('float32');
    tf.dispose([raw, source, fromTensor]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['2 channels', { data: new Uint8Array(2), height: 1, width: 1, channels: 2 }],
    ['data shorter than the shape', { data: new Uint8Array(5), height: 1, width: 2, channels: 3 }],
    ['a rank-4 tensor', 'rank4'],
  ])('rejects %s', (_, input) => {
    const before = tf.memory().numTensors;
    const arg = input === 'rank4' ? tf.zeros([1, 2, 2, 3]) : input;
    expect(() => imageBatch(arg as never)).toThrow(FoveaError);
    if (arg instanceof tf.Tensor) arg.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

function mean(...pixels: number[][]): number[] {
  return [0, 1, 2].map((k) => pixels.reduce((s, p) => s + p[k], 0) / pixels.length);
}
