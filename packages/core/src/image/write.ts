import { writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { FoveaError } from '../errors.js';
import { checkImageTensor } from './check.js';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface EncodeImageOptions {
  /** JPEG/WebP quality, an integer 1-100. Default 90 (JPEG) and 80 (WebP, sharp's default). */
  quality?: number;
  /** WebP only: encode losslessly (libwebp still zeroes the colour of fully transparent pixels). Default false. */
  lossless?: boolean;
}

export interface WriteImageOptions extends EncodeImageOptions {
  /** Format to write; by default taken from the extension (.png, .jpg/.jpeg, .webp). */
  format?: ImageFormat;
}

/**
 * Encodes an HWC image tensor (1, 3 or 4 channels) to PNG, JPEG or WebP bytes with sharp.
 *
 * Value range follows `tf.browser.toPixels`: `int32` is read as 0-255, `float32` as 0-1 (scaled
 * by 255). Values are then rounded (half up) and clamped to 0-255; NaN becomes 0.
 * PNG is lossless, so `readImage(await encodeImage(x, 'png'))` returns `x` exactly for int32 input.
 * JPEG has no alpha channel: 4-channel images are refused rather than silently flattened.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for a tensor that is not HWC int32/float32 with 1, 3
 *   or 4 channels, an unknown format, a bad quality, or RGBA to JPEG.
 */
export async function encodeImage(
  image: tf.Tensor3D,
  format: ImageFormat,
  options: EncodeImageOptions = {},
): Promise<Uint8Array> {
  checkImageTensor(image, 'encodeImage');
  const [height, width, channels] = image.shape;
  const { quality, lossless = false } = options;
  if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `encodeImage: quality must be an integer 1-100, got ${quality}`);
  }
  if (format === 'jpeg' && channels === 4) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'encodeImage: JPEG has no alpha channel but the image has 4 channels; ' +
      "drop alpha with image.slice([0, 0, 0], [-1, -1, 3]) or encode 'png'/'webp'");
  }
  const pixels = toBytes(await image.data(), image.dtype === 'float32' ? 255 : 1);
  // Without the colourspace hint sharp writes one-channel input as RGB.
  let raw = sharp(pixels, { raw: { width, height, channels: channels as 1 | 3 | 4 } });
  if (channels === 1) raw = raw.toColourspace('b-w');
  let out: Buffer;
  if (format === 'png') out = await raw.png().toBuffer();
  else if (format === 'jpeg') out = await raw.jpeg({ quality: quality ?? 90 }).toBuffer();
  else if (format === 'webp') out = await raw.webp({ quality: quality ?? 80, lossless }).toBuffer();
  else throw new FoveaError('E_INVALID_ARGUMENT', `encodeImage: format must be 'png', 'jpeg' or 'webp', got '${String(format)}'`);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/**
 * Encodes an HWC image tensor (see {@link encodeImage} for value ranges) and writes it to `path`.
 * The format comes from `options.format` or else the extension.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` (bad tensor, unknown extension), `E_FILE_NOT_FOUND`
 *   (the directory does not exist).
 */
export async function writeImage(image: tf.Tensor3D, path: string, options: WriteImageOptions = {}): Promise<void> {
  const { format = formatOf(path), ...encodeOptions } = options;
  const bytes = await encodeImage(image, format, encodeOptions);
  try {
    await writeFile(path, bytes);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new FoveaError('E_FILE_NOT_FOUND', `writeImage: the directory of '${path}' does not exist; create it first`, { cause: err });
    }
    throw err;
  }
}

function formatOf(path: string): ImageFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.png') return 'png';
  if (ext === '.jpg' || ext === '.jpeg') return 'jpeg';
  if (ext === '.webp') return 'webp';
  throw new FoveaError('E_INVALID_ARGUMENT',
    `writeImage: cannot tell the format of '${path}' from its extension; use .png, .jpg, .jpeg or .webp, or pass options.format`);
}

function toBytes(values: ArrayLike<number>, scale: number): Uint8Array {
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(values[i] * scale); // NaN stays NaN and is stored as 0
    out[i] = v < 0 ? 0 : v > 255 ? 255 : v;
  }
  return out;
}
