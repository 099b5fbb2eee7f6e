import { readFile } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { FoveaError } from '../errors.js';
import { decodeError } from './decode-error.js';

export interface ReadImageOptions {
  /**
   * Channels of the result: 1 (grey), 3 (RGB) or 4 (RGBA). Default 3, whatever the file holds:
   * alpha is dropped (not composited), grey is repeated. Note: `tf.node.decodeImage` defaults to
   * the file's own channel count; Fovea defaults to RGB because every model here takes RGB.
   * Grey is ITU-R 601-2 luma, `(19595 R + 38470 G + 7471 B + 32768) >> 16`, as PIL's `convert('L')`.
   */
  channels?: 1 | 3 | 4;
  /**
   * Refuse images with more pixels than this before decoding them (`E_IMAGE_TOO_LARGE`); the
   * check reads only the header, so decompression bombs fail fast. Default 268402689 (16383²,
   * sharp's `limitInputPixels`).
   */
  maxPixels?: number;
}

const DEFAULT_MAX_PIXELS = 0x3fff * 0x3fff;

/**
 * Decodes an image file or its bytes to an HWC tensor, through sharp (libvips): PNG, JPEG,
 * WebP, GIF (first frame), AVIF, TIFF, SVG. The image is rotated upright by its EXIF
 * orientation; 16-bit images keep their high byte; CMYK and grey are converted to sRGB.
 * Recoverable damage that libvips only warns about is tolerated; truncation is not (sharp
 * `failOn: 'truncated'`), so a half-downloaded file fails instead of decoding to grey rows.
 *
 * @param source - a file path, or the encoded bytes.
 * @returns `int32` tensor `[height, width, channels]` with values 0-255, the dtype
 *   `tf.node.decodeImage` returns (tfjs has no uint8). The caller disposes it.
 * @throws FoveaError `E_FILE_NOT_FOUND` (no such path), `E_IMAGE_EMPTY`, `E_IMAGE_TRUNCATED`,
 *   `E_IMAGE_UNSUPPORTED` (not an image sharp decodes), `E_IMAGE_TOO_LARGE` (see `maxPixels`),
 *   `E_IMAGE_DECODE` (corrupt), `E_INVALID_ARGUMENT` (bad options or source type).
 */
export async function readImage(
  source: string | Uint8Array,
  options: ReadImageOptions = {},
): Promise<tf.Tensor3D> {
  const { channels = 3, maxPixels = DEFAULT_MAX_PIXELS } = options;
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new FoveaError('E_INVALID_ARGUMENT', `readImage: channels must be 1, 3 or 4, got ${String(channels)}`);
  }
  if (!(Number.isInteger(maxPixels) && maxPixels > 0)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `readImage: maxPixels must be a positive integer, got ${maxPixels}`);
  }
  const what = typeof source === 'string' ? `'${source}'` : 'the image';
  const bytes = await loadBytes(source);
  if (bytes.length === 0) {
    throw new FoveaError('E_IMAGE_EMPTY', `readImage: ${what} is empty (0 bytes); check the file was written completely`);
  }

  let pipeline = sharp(bytes, { failOn: 'truncated', limitInputPixels: maxPixels }).autoOrient();
  pipeline = channels === 4 ? pipeline.ensureAlpha(1) : pipeline.removeAlpha();
  let decoded: { data: Buffer; info: sharp.OutputInfo };
  try {
    decoded = await pipeline.toColourspace('srgb').raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw decodeError(err, bytes, what);
  }
  const { data, info } = decoded;
  const values = channels === 1 ? luma(data, info.channels) : new Int32Array(data);
  // The highest-priority backend (wasm) may still be initialising when no one called initBackend/tf.ready.
  await tf.ready();
  return tf.tensor3d(values, [info.height, info.width, channels], 'int32');
}

async function loadBytes(source: string | Uint8Array): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (typeof source !== 'string') {
    throw new FoveaError('E_INVALID_ARGUMENT', `readImage: source must be a file path or a Uint8Array, got ${typeof source}`);
  }
  try {
    return await readFile(source);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new FoveaError('E_FILE_NOT_FOUND', `readImage: no file at '${source}'; check the path (relative paths resolve against ${process.cwd()})`, { cause: err });
    }
    if (code === 'EISDIR') {
      throw new FoveaError('E_INVALID_ARGUMENT', `readImage: '${source}' is a directory; pass the path of an image file`, { cause: err });
    }
    throw err;
  }
}

// ITU-R 601-2 luma in 16-bit fixed point, rounding as PIL does; exact on grey input.
function luma(rgb: Uint8Array, stride: number): Int32Array {
  const out = new Int32Array(rgb.length / stride);
  for (let i = 0, j = 0; i < out.length; i++, j += stride) {
    out[i] = (19595 * rgb[j] + 38470 * rgb[j + 1] + 7471 * rgb[j + 2] + 32768) >> 16;
  }
  return out;
}
