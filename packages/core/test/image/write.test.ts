import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { encodeImage, writeImage } from '../../src/image/write.js';
import { gradient, noise, rejection } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'fovea-write-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Decodes with sharp directly (not readImage), keeping the file's channels. */
async function decode(bytes: Uint8Array, grey = false) {
  const s = sharp(bytes);
  const { data, info } = await (grey ? s.toColourspace('b-w') : s).raw().toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data), info };
}

describe('encodeImage', () => {
  it.each([1, 3, 4] as const)('round-trips an int32 %i-channel image through PNG exactly', async (channels) => {
    const pixels = noise(21, 34, channels, 40 + channels);
    const before = tf.memory().numTensors;
    const image = tf.tensor3d(Int32Array.from(pixels), [21, 34, channels], 'int32');
    const png = await encodeImage(image, 'png');
    image.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 34, 21, channels]);
    expect((await decode(png, channels === 1)).data).toEqual(pixels);
  });

  it('reads float32 as 0-1, rounds half up and clamps', async () => {
    const values = [0, 1, 0.5, -0.2, 1.7, NaN, 100.5 / 255, 100.49 / 255, 3 / 255];
    const image = tf.tensor3d(values, [1, 3, 3], 'float32');
    const { data } = await decode(await encodeImage(image, 'png'));
    image.dispose();
    expect([...data]).toEqual([0, 255, 128, 0, 255, 0, 101, 100, 3]);
  });

  it('clamps int32 to 0-255', async () => {
    const image = tf.tensor3d([-5, 0, 256, 1000, 7, 255], [1, 2, 3], 'int32');
    const { data } = await decode(await encodeImage(image, 'png'));
    image.dispose();
    expect([...data]).toEqual([0, 0, 255, 255, 7, 255]);
  });

  it('writes JPEG within tolerance and at the quality asked', async () => {
    const pixels = gradient(48, 64, 3);
    const image = tf.tensor3d(Int32Array.from(pixels), [48, 64, 3], 'int32');
    const high = await encodeImage(image, 'jpeg', { quality: 95 });
    const low = await encodeImage(image, 'jpeg', { quality: 20 });
    image.dispose();
    expect(low.length).toBeLessThan(high.length);
    const { data, info } = await decode(high);
    expect([info.width, info.height, info.channels]).toEqual([64, 48, 3]);
    expect(Math.max(...data.map((v, i) => Math.abs(v - pixels[i])))).toBeLessThanOrEqual(8);
  });

  it('writes lossless WebP exactly where alpha > 0', async () => {
    // libwebp zeroes the colour of fully transparent pixels even when lossless.
    const pixels = noise(16, 16, 4, 9).map((v, i) => (i % 4 === 3 ? Math.max(v, 1) : v));
    const image = tf.tensor3d(Int32Array.from(pixels), [16, 16, 4], 'int32');
    const webp = await encodeImage(image, 'webp', { lossless: true });
    image.dispose();
    expect((await decode(webp)).data).toEqual(pixels);
  });

  it.each([
    ['a rank-2 tensor', () => tf.zeros([4, 4], 'int32'), 'png'],
    ['a batch', () => tf.zeros([1, 4, 4, 3], 'int32'), 'png'],
    ['a CHW image', () => tf.zeros([3, 8, 8], 'int32'), 'png'],
    ['a bool tensor', () => tf.zeros([4, 4, 3], 'bool'), 'png'],
    ['an empty image', () => tf.zeros([0, 4, 3], 'int32'), 'png'],
    ['RGBA to JPEG', () => tf.zeros([4, 4, 4], 'int32'), 'jpeg'],
    ['an unknown format', () => tf.zeros([4, 4, 3], 'int32'), 'bmp'],
  ] as const)('refuses %s with E_INVALID_ARGUMENT', async (_, make, format) => {
    const before = tf.memory().numTensors;
    const image = make() as tf.Tensor3D;
    const err = await rejection(encodeImage(image, format as 'png'));
    image.dispose();
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe('E_INVALID_ARGUMENT');
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each([0, 101, 50.5])('refuses quality %s', async (quality) => {
    const image = tf.zeros([2, 2, 3], 'int32') as tf.Tensor3D;
    const err = await rejection(encodeImage(image, 'jpeg', { quality }));
    image.dispose();
    expect(err.code).toBe('E_INVALID_ARGUMENT');
  });

  it('refuses a disposed tensor', async () => {
    const image = tf.zeros([2, 2, 3], 'int32') as tf.Tensor3D;
    image.dispose();
    expect((await rejection(encodeImage(image, 'png'))).code).toBe('E_INVALID_ARGUMENT');
  });
});

describe('writeImage', () => {
  it.each([
    ['a.png', 'png'],
    ['b.PNG', 'png'],
    ['c.jpg', 'jpeg'],
    ['d.jpeg', 'jpeg'],
    ['e.webp', 'webp'],
  ])('writes %s as %s', async (name, format) => {
    const image = tf.tensor3d(Int32Array.from(gradient(8, 8, 3)), [8, 8, 3], 'int32');
    const path = join(dir, name);
    await writeImage(image, path);
    image.dispose();
    expect((await sharp(await readFile(path)).metadata()).format).toBe(format);
  });

  it('takes options.format over the extension', async () => {
    const image = tf.zeros([4, 4, 3], 'int32') as tf.Tensor3D;
    const path = join(dir, 'no-extension');
    await writeImage(image, path, { format: 'png' });
    image.dispose();
    expect((await sharp(await readFile(path)).metadata()).format).toBe('png');
  });

  it.each([
    ['an unknown extension', 'x.bmp', 'E_INVALID_ARGUMENT'],
    ['no extension', 'x', 'E_INVALID_ARGUMENT'],
    ['a missing directory', join('no-such-dir', 'x.png'), 'E_FILE_NOT_FOUND'],
  ])('refuses %s', async (_, name, code) => {
    const image = tf.zeros([4, 4, 3], 'int32') as tf.Tensor3D;
    const err = await rejection(writeImage(image, join(dir, name)));
    image.dispose();
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe(code);
  });
});
