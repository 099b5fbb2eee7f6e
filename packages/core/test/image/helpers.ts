import sharp from 'sharp';

/** Deterministic uniform [0, 1) generator (mulberry32), so failures reproduce. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random HWC pixels 0-255. */
export function noise(height: number, width: number, channels: number, seed = 1): Uint8Array {
  const r = rng(seed);
  return Uint8Array.from({ length: height * width * channels }, () => Math.floor(r() * 256));
}

/** A smooth HWC gradient 0-255 (compresses and JPEGs well). */
export function gradient(height: number, width: number, channels: number): Uint8Array {
  const out = new Uint8Array(height * width * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < channels; c++) {
        out[(y * width + x) * channels + c] = Math.round(c === 1 ? (255 * y) / (height - 1) : (255 * x) / (width - 1));
      }
    }
  }
  return out;
}

/** Encodes raw HWC pixels with sharp, independently of the code under test. */
export function encodeRaw(pixels: Uint8Array, height: number, width: number, channels: 1 | 3 | 4): sharp.Sharp {
  const s = sharp(pixels, { raw: { width, height, channels } });
  return channels === 1 ? s.toColourspace('b-w') : s;
}

/** Expects `promise` to reject with a FoveaError carrying `code`; returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<{ name: string; code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { name: string; code: string; message: string };
  }
  throw new Error('expected a rejection');
}

/** The same for synchronous calls. */
export function thrown(fn: () => unknown): { name: string; code: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { name: string; code: string; message: string };
  }
  throw new Error('expected a throw');
}
