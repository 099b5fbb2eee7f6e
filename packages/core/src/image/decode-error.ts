import { FoveaError, type FoveaErrorCode } from '../errors.js';

/**
 * Maps a sharp/libvips decode failure to a FoveaError with a stable code. libvips words its
 * messages per loader (and a truncated PNG reads as a generic "libspng read error"), so the
 * bytes are checked for a missing end-of-image marker as well as the message for its wording.
 */
export function decodeError(err: unknown, bytes: Uint8Array, what: string): FoveaError {
  const message = err instanceof Error ? err.message : String(err);
  const [code, hint] = classify(message, bytes);
  const detail = message.split('\n').filter(Boolean).pop() ?? message;
  return new FoveaError(code, `readImage: ${what} ${hint} (decoder said: ${detail})`, { cause: err });
}

function classify(message: string, bytes: Uint8Array): [FoveaErrorCode, string] {
  if (/pixel limit/i.test(message)) {
    return ['E_IMAGE_TOO_LARGE', 'has more pixels than maxPixels allows; raise maxPixels only for trusted input'];
  }
  if (/buffer is empty|empty input/i.test(message)) return ['E_IMAGE_EMPTY', 'is empty'];
  if (/premature end|end of stream|unexpected end|truncated|end of file/i.test(message) || looksTruncated(bytes)) {
    return ['E_IMAGE_TRUNCATED', 'is truncated (the file ends before the image data does); re-download or re-export it'];
  }
  if (/unsupported image format/i.test(message)) {
    return ['E_IMAGE_UNSUPPORTED', 'is not in an image format sharp decodes (png, jpeg, webp, gif, avif, tiff, svg)'];
  }
  return ['E_IMAGE_DECODE', 'could not be decoded; the file is corrupt'];
}

/** True when `bytes` start like a PNG, JPEG, GIF or WebP file but lack that format's ending. */
export function looksTruncated(b: Uint8Array): boolean {
  const n = b.length;
  const starts = (...sig: number[]) => n >= sig.length && sig.every((v, i) => b[i] === v);
  if (starts(0x89, 0x50, 0x4e, 0x47)) {
    // IEND chunk type then its CRC close every PNG.
    return !(n >= 12 && b[n - 8] === 0x49 && b[n - 7] === 0x45 && b[n - 6] === 0x4e && b[n - 5] === 0x44);
  }
  if (starts(0xff, 0xd8, 0xff)) return !lastBytesHave(b, [0xff, 0xd9]);
  if (starts(0x47, 0x49, 0x46, 0x38)) return b[n - 1] !== 0x3b;
  if (starts(0x52, 0x49, 0x46, 0x46) && n >= 12) {
    const riffSize = (b[4] | (b[5] << 8) | (b[6] << 16) | (b[7] << 24)) >>> 0;
    return riffSize + 8 > n;
  }
  return false;
}

// Encoders sometimes pad after the end marker, so look for it among the last bytes.
function lastBytesHave(b: Uint8Array, marker: number[]): boolean {
  for (let i = Math.max(0, b.length - 64); i + marker.length <= b.length; i++) {
    if (marker.every((v, k) => b[i + k] === v)) return true;
  }
  return false;
}
