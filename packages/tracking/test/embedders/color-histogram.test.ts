import { FoveaError, initBackend, tf } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ColorHistogramEmbedder } from '../../src/embedders/color-histogram.js';

/** A 20x20 RGB image: left half pure red, right half pure blue, bottom-right quarter grey 128. */
function image(): { data: Uint8Array; height: number; width: number; channels: number } {
  const data = new Uint8Array(20 * 20 * 3);
  for (let r = 0; r < 20; r++) {
    for (let c = 0; c < 20; c++) {
      const p = (r * 20 + c) * 3;
      if (c < 10) data[p] = 255;
      else if (r < 10) data[p + 2] = 255;
      else data.fill(128, p, p + 3);
    }
  }
  return { data, height: 20, width: 20, channels: 3 };
}

const s = 1 / Math.sqrt(3);
const oneHot = (bins: number, hot: [number, number, number]) => {
  const f = new Array(3 * bins).fill(0);
  hot.forEach((b, ch) => (f[ch * bins + b] = s));
  return f;
};

describe('ColorHistogramEmbedder', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'cpu', verbose: false });
  });

  it.each([
    // colour space, box, bins hit per channel (hist of a uniform crop is one bin per channel)
    ['rgb', [0, 0, 10, 10], [15, 0, 0]], // red
    ['rgb', [10, 0, 20, 10], [0, 0, 15]], // blue
    ['rgb', [10, 10, 20, 20], [8, 8, 8]], // grey 128
    ['hsv', [0, 0, 10, 10], [0, 15, 15]], // hue 0, saturation 1, value 1
    ['hsv', [10, 0, 20, 10], [10, 15, 15]], // hue 240 deg = 2/3
    ['hsv', [10, 10, 20, 20], [0, 0, 8]], // grey: no hue, no saturation
  ] as const)('%s histogram of box %j', (colorSpace, box, hot) => {
    const embedder = new ColorHistogramEmbedder({ colorSpace, bins: 16 });
    const f = embedder.embed(image(), box);
    expect(f.length).toBe(48);
    Array.from(f).forEach((v, k) => expect(v).toBeCloseTo(oneHot(16, [...hot])[k], 6));
  });

  it('embeds several boxes in order, L2-normalised; a box outside the image gives zeros', () => {
    const f = new ColorHistogramEmbedder().embed(image(), [0, 0, 20, 20, 0, 0, 10, 10, 30, 30, 40, 40]);
    expect(f.length).toBe(3 * 48);
    const norm = (k: number) => Math.hypot(...f.subarray(k * 48, (k + 1) * 48));
    expect(norm(0)).toBeCloseTo(1, 6);
    expect(norm(1)).toBeCloseTo(1, 6);
    expect(norm(2)).toBe(0);
  });

  it('gives the same features for a tensor as for raw pixels, without leaking tensors', () => {
    const raw = image();
    const before = tf.memory().numTensors;
    const t = tf.tensor3d(raw.data, [20, 20, 3], 'int32');
    const embedder = new ColorHistogramEmbedder();
    const boxes = [2, 3, 17, 19, 0, 0, 20, 20];
    expect(Array.from(embedder.embed(t, boxes))).toEqual(Array.from(embedder.embed(raw, boxes)));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([
    ['bins 0', () => new ColorHistogramEmbedder({ bins: 0 })],
    ['2 channels', () => new ColorHistogramEmbedder().embed({ data: new Uint8Array(8), height: 2, width: 2, channels: 2 }, [])],
    ['short data', () => new ColorHistogramEmbedder().embed({ data: new Uint8Array(5), height: 2, width: 2, channels: 3 }, [])],
    ['boxes not 4N', () => new ColorHistogramEmbedder().embed(image(), [0, 0, 1])],
    ['a NaN box', () => new ColorHistogramEmbedder().embed(image(), [0, 0, NaN, 1])],
  ])('rejects %s', (_name, run) => {
    expect(run).toThrow(FoveaError);
  });
});
