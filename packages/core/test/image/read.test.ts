import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FoveaError } from '../../src/errors.js';
import { readImage } from '../../src/image/read.js';
import { encodeRaw, gradient, noise, rejection, rng } from './helpers.js';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'fovea-read-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Reads `source`, returns shape, dtype and values, and checks nothing is left behind. */
async function read(source: string | Uint8Array, options?: Parameters<typeof readImage>[1]) {
  const before = tf.memory().numTensors;
  const t = await readImage(source, options);
  const out = { shape: t.shape, dtype: t.dtype, values: Uint8Array.from(t.dataSync()) };
  t.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return out;
}

describe('readImage decodes', () => {
  it.each([1, 3, 4] as const)('PNG with %i channels pixel-exactly', async (channels) => {
    const pixels = noise(37, 53, channels, channels);
    const png = await encodeRaw(pixels, 37, 53, channels).png().toBuffer();
    const got = await read(png, { channels });
    expect(got.shape).toEqual([37, 53, channels]);
    expect(got.dtype).toBe('int32');
    expect(got.values).toEqual(pixels);
  });

  it('from a path the same as from bytes', async () => {
    const png = await encodeRaw(noise(9, 7, 3), 9, 7, 3).png().toBuffer();
    const path = join(dir, 'noise.png');
    await writeFile(path, png);
    expect(await read(path)).toEqual(await read(png));
  });

  it('lossless WebP exactly', async () => {
    const pixels = noise(20, 30, 3, 5);
    const webp = await encodeRaw(pixels, 20, 30, 3).webp({ lossless: true }).toBuffer();
    expect((await read(webp)).values).toEqual(pixels);
  });

  it('JPEG within tolerance', async () => {
    const pixels = gradient(64, 80, 3);
    const jpeg = await encodeRaw(pixels, 64, 80, 3).jpeg({ quality: 95 }).toBuffer();
    const got = await read(jpeg);
    expect(got.shape).toEqual([64, 80, 3]);
    const err = got.values.map((v, i) => Math.abs(v - pixels[i]));
    expect(Math.max(...err)).toBeLessThanOrEqual(8);
    expect(err.reduce((a, b) => a + b, 0) / err.length).toBeLessThan(1.5);
  });

  it('the first frame of an animated GIF', async () => {
    const frame = (r: number, b: number) =>
      sharp({ create: { width: 4, height: 3, channels: 3, background: { r, g: 0, b } } }).png().toBuffer();
    const gif = await sharp([await frame(255, 0), await frame(0, 255)], { join: { animated: true } }).gif().toBuffer();
    const got = await read(gif);
    expect(got.shape).toEqual([3, 4, 3]);
    expect(got.values).toEqual(Uint8Array.from({ length: 36 }, (_, i) => (i % 3 === 0 ? 255 : 0)));
  });

  it('16-bit PNG to its high byte', async () => {
    const wide = Uint16Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 3001);
    const png = await sharp(wide, { raw: { width: 3, height: 2, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
    expect((await read(png)).values).toEqual(Uint8Array.from(wide, (v) => v >> 8));
  });

  it('rotating by EXIF orientation 6 (90° clockwise)', async () => {
    const [h, w] = [5, 8];
    const pixels = noise(h, w, 3, 11);
    const png = await encodeRaw(pixels, h, w, 3).png().withMetadata({ orientation: 6 }).toBuffer();
    const got = await read(png);
    expect(got.shape).toEqual([w, h, 3]);
    // Clockwise: output (r, c) shows source (h - 1 - c, r).
    const expected = new Uint8Array(pixels.length);
    for (let r = 0; r < w; r++) {
      for (let c = 0; c < h; c++) {
        for (let k = 0; k < 3; k++) expected[(r * h + c) * 3 + k] = pixels[((h - 1 - c) * w + r) * 3 + k];
      }
    }
    expect(got.values).toEqual(expected);
  });
});

describe('readImage channels', () => {
  const rgba = Uint8Array.from([255, 0, 0, 10, 0, 255, 0, 128, 0, 0, 255, 255, 40, 80, 120, 0]);
  const grey = Uint8Array.from([0, 50, 100, 255]);

  it.each([
    ['RGBA', 4, 3, rgba, [255, 0, 0, 0, 255, 0, 0, 0, 255, 40, 80, 120]], // alpha dropped, not composited
    ['RGBA', 4, 4, rgba, [...rgba]],
    // ITU-R 601-2 luma, (19595 R + 38470 G + 7471 B + 32768) >> 16, as PIL convert('L').
    ['RGBA', 4, 1, rgba, [76, 150, 29, 73]],
    ['grey', 1, 3, grey, [0, 0, 0, 50, 50, 50, 100, 100, 100, 255, 255, 255]],
    ['grey', 1, 4, grey, [0, 0, 0, 255, 50, 50, 50, 255, 100, 100, 100, 255, 255, 255, 255, 255]],
    ['grey', 1, 1, grey, [...grey]],
  ] as const)('%s (%i channels) read with channels %i', async (_, from, channels, pixels, expected) => {
    const png = await encodeRaw(Uint8Array.from(pixels), 2, 2, from).png().toBuffer();
    const got = await read(png, { channels });
    expect(got.shape).toEqual([2, 2, channels]);
    expect([...got.values]).toEqual(expected);
  });

  it('defaults to 3', async () => {
    const png = await encodeRaw(rgba, 2, 2, 4).png().toBuffer();
    expect((await read(png)).shape).toEqual([2, 2, 3]);
  });
});

// ---- bad input -------------------------------------------------------------------------------

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A valid-looking PNG whose IHDR (correct CRC) claims `size`x`size` RGB: a decompression bomb. */
function bombPng(size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(4096))),
    pngChunk('IEND', new Uint8Array(0)),
  ]);
}

async function badInputs(): Promise<[string, Uint8Array, string][]> {
  const pixels = noise(48, 64, 3, 3);
  const src = () => encodeRaw(pixels, 48, 64, 3);
  const cut = (b: Uint8Array, f: number) => b.subarray(0, Math.floor(b.length * f));
  const png = await src().png().toBuffer();
  const jpeg = await src().jpeg().toBuffer();
  const webp = await src().webp().toBuffer();
  const gif = await src().gif().toBuffer();
  const r = rng(7);
  const corruptJpeg = Buffer.from(jpeg);
  for (let i = 2; i < 40; i++) corruptJpeg[i] ^= 0x5a; // scrambles the quantisation tables
  const ico = Uint8Array.from([0, 0, 1, 0, 1, 0, 16, 16, 0, 0, 1, 0, 32, 0, 0x68, 4, 0, 0, 22, 0, 0, 0, ...new Array(64).fill(0)]);
  return [
    ['a PNG cut in its image data', cut(png, 0.6), 'E_IMAGE_TRUNCATED'],
    ['a PNG cut in its header', cut(png, 0.02), 'E_IMAGE_TRUNCATED'],
    ['a JPEG cut in its scan', cut(jpeg, 0.6), 'E_IMAGE_TRUNCATED'],
    ['a JPEG missing only its EOI', jpeg.subarray(0, jpeg.length - 2), 'E_IMAGE_TRUNCATED'],
    ['a truncated WebP', cut(webp, 0.6), 'E_IMAGE_TRUNCATED'],
    ['a truncated GIF', cut(gif, 0.6), 'E_IMAGE_TRUNCATED'],
    ['random bytes', Uint8Array.from({ length: 4096 }, () => Math.floor(r() * 256)), 'E_IMAGE_UNSUPPORTED'],
    ['an empty file', new Uint8Array(0), 'E_IMAGE_EMPTY'],
    ['a text file', Buffer.from('label,x,y\ncat,1,2\n'), 'E_IMAGE_UNSUPPORTED'],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n'), 'E_IMAGE_UNSUPPORTED'],
    ['an ICO', ico, 'E_IMAGE_UNSUPPORTED'],
    ['a 50000x50000 PNG bomb', bombPng(50000), 'E_IMAGE_TOO_LARGE'],
    ['a JPEG with a corrupt header', corruptJpeg, 'E_IMAGE_DECODE'],
  ];
}

describe('readImage refuses bad input with a stable code', async () => {
  const cases = await badInputs();

  it.each(cases)('%s, as bytes', async (_, bytes, code) => {
    const before = tf.memory().numTensors;
    const err = await rejection(readImage(bytes));
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe(code);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(cases)('%s, as a file', async (name, bytes, code) => {
    const path = join(dir, name.replace(/\W+/g, '-'));
    await writeFile(path, bytes);
    const err = await rejection(readImage(path));
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe(code);
    expect(err.message).toContain(path);
  });

  it.each([
    ['a missing path', () => readImage(join(tmpdir(), 'fovea-no-such-dir', 'x.png')), 'E_FILE_NOT_FOUND'],
    ['a directory', () => readImage(tmpdir()), 'E_INVALID_ARGUMENT'],
    ['a number', () => readImage(42 as unknown as string), 'E_INVALID_ARGUMENT'],
    ['channels 2', () => readImage(new Uint8Array(8), { channels: 2 as 3 }), 'E_INVALID_ARGUMENT'],
    ['maxPixels 0', () => readImage(new Uint8Array(8), { maxPixels: 0 }), 'E_INVALID_ARGUMENT'],
    ['more pixels than maxPixels', async () => readImage(await encodeRaw(noise(10, 10, 3), 10, 10, 3).png().toBuffer(), { maxPixels: 99 }), 'E_IMAGE_TOO_LARGE'],
  ] as const)('%s', async (_, call, code) => {
    const err = await rejection(call());
    expect(err).toBeInstanceOf(FoveaError);
    expect(err.code).toBe(code);
  });
});
