import * as tf from '@tensorflow/tfjs-core';
import type { OutputInfo } from 'sharp';
import { FoveaError, check } from '../errors.js';
import { checkImageTensor } from '../image/check.js';
import { decodeError } from '../image/decode-error.js';
import type { Canvas } from './raster.js';

/**
 * Raw HWC pixels, row-major: what sharp's `raw()` gives and (with `channels` 4) a browser
 * `ImageData`. `channels` defaults to `data.length / (width * height)`.
 */
export interface RawImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels?: 1 | 3 | 4;
}

/** A copy of a tensor's pixels to draw on (int32 0-255 or float32 0-1). */
export function tensorCanvas(image: tf.Tensor3D): Canvas {
  checkImageTensor(image, 'annotate');
  const [height, width, channels] = image.shape;
  const data = (image.dataSync() as Int32Array | Float32Array).slice();
  return { data, width, height, channels: channels as 1 | 3 | 4, max: image.dtype === 'float32' ? 1 : 255 };
}

/** The drawn canvas as a new tensor of `like`'s dtype and shape. */
export function canvasTensor(c: Canvas, like: tf.Tensor3D): tf.Tensor3D {
  return tf.tensor3d(c.data as Int32Array | Float32Array, [c.height, c.width, c.channels], like.dtype as 'int32' | 'float32');
}

/** A copy of raw pixels to draw on. */
export function rawCanvas(image: RawImage): Canvas {
  const { data, width, height } = image;
  check(
    data instanceof Uint8Array || data instanceof Uint8ClampedArray,
    'annotate: a raw image needs data as a Uint8Array or Uint8ClampedArray of HWC pixels.',
  );
  check(
    Number.isInteger(width) && Number.isInteger(height) && width > 0 && height > 0,
    `annotate: the raw image is ${width} x ${height}; width and height must be positive integers.`,
  );
  const channels = image.channels ?? data.length / (width * height);
  check(
    (channels === 1 || channels === 3 || channels === 4) && data.length === width * height * channels,
    `annotate: the raw image has ${data.length} values for ${width} x ${height} pixels and channels ${image.channels}; ` +
      'expected width * height * channels values with 1, 3 or 4 channels.',
  );
  return { data: data.slice(), width, height, channels, max: 255 };
}

/** The drawn canvas as a raw image (the data type of the input kept). */
export function canvasRaw(c: Canvas): Required<RawImage> {
  return { data: c.data as Uint8Array | Uint8ClampedArray, width: c.width, height: c.height, channels: c.channels };
}

/** An encoded image decoded for drawing, with the format to write it back in. */
export interface Decoded {
  canvas: Canvas;
  format: 'png' | 'jpeg' | 'webp';
}

/**
 * Decodes PNG, JPEG or WebP bytes with sharp to sRGB (3 channels, 4 when the file has alpha),
 * upright by EXIF orientation as readImage does, so boxes from a detector fed by readImage line up.
 *
 * @throws FoveaError `E_IMAGE_UNSUPPORTED` for another format; the readImage decode codes for damaged bytes.
 */
export async function decodeCanvas(bytes: Uint8Array): Promise<Decoded> {
  if (bytes.length === 0) throw new FoveaError('E_IMAGE_EMPTY', 'annotate: the encoded image is empty (0 bytes).');
  let format: string | undefined;
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    const sharp = await loadSharp();
    format = (await sharp(bytes).metadata()).format;
    if (format !== 'png' && format !== 'jpeg' && format !== 'webp') {
      throw new FoveaError('E_IMAGE_UNSUPPORTED', `annotate: encoded images must be PNG, JPEG or WebP, got ${format}; ` +
        'decode it with readImage and annotate the tensor instead.');
    }
    decoded = await sharp(bytes, { failOn: 'truncated' }).autoOrient().toColourspace('srgb').raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof FoveaError) throw err;
    throw decodeError(err, bytes, 'the image passed to annotate');
  }
  const { data, info } = decoded;
  const canvas: Canvas = {
    data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    width: info.width,
    height: info.height,
    channels: info.channels as 3 | 4,
    max: 255,
  };
  return { canvas, format };
}

/**
 * Encodes a drawn byte canvas back to `format`. JPEG keeps full-resolution chroma (4:4:4):
 * with sharp's default 4:2:0, one- and two-pixel coloured outlines and text smear.
 */
export async function encodeCanvas(c: Canvas, format: Decoded['format'], quality?: number): Promise<Uint8Array> {
  const sharp = await loadSharp();
  const raw = sharp(c.data as Uint8Array, { raw: { width: c.width, height: c.height, channels: c.channels } });
  const out = format === 'png'
    ? await raw.png().toBuffer()
    : format === 'jpeg'
      ? await raw.jpeg({ quality: quality ?? 90, chromaSubsampling: '4:4:4' }).toBuffer()
      : await raw.webp({ quality: quality ?? 80 }).toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

// Loaded on first use, so drawing on tensors and raw pixels never needs sharp (e.g. in a browser bundle).
async function loadSharp(): Promise<typeof import('sharp')> {
  return (await import('sharp')).default;
}
