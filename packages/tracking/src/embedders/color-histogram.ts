import { FoveaError, tf } from '@fovea/core';
import type { Embedder, EmbedderImage } from './embedder.js';

/** Options of {@link ColorHistogramEmbedder}. */
export interface ColorHistogramOptions {
  /** `'hsv'` (hue, saturation, value: robust to brightness changes) or `'rgb'`. Default `'hsv'`. */
  colorSpace?: 'hsv' | 'rgb';
  /** Bins per channel; the feature has `3 x bins` numbers (one histogram per channel, concatenated). Default 16. */
  bins?: number;
}

/**
 * Appearance features without a model: per box, a histogram of each colour channel over the pixels of
 * the crop (clipped to the image), concatenated and L2-normalised, so the cosine distance DeepSORT uses
 * compares colour distributions. Grey images (1 channel) are read as R = G = B; alpha is ignored. An
 * empty crop (outside the image) gives a zero feature, which {@link DeepSort} rejects: drop such boxes.
 *
 * HSV follows OpenCV's 8-bit convention scaled to [0, 1): hue = angle / 360, saturation = (max - min) /
 * max, value = max / 255.
 */
export class ColorHistogramEmbedder implements Embedder {
  readonly colorSpace: 'hsv' | 'rgb';
  readonly bins: number;

  constructor(options: ColorHistogramOptions = {}) {
    this.colorSpace = options.colorSpace ?? 'hsv';
    this.bins = options.bins ?? 16;
    if (this.colorSpace !== 'hsv' && this.colorSpace !== 'rgb') {
      throw new FoveaError('E_INVALID_ARGUMENT', `colorSpace is ${this.colorSpace}; use 'hsv' or 'rgb'.`);
    }
    if (!Number.isInteger(this.bins) || this.bins < 1 || this.bins > 256) {
      throw new FoveaError('E_INVALID_ARGUMENT', `bins is ${this.bins}; use an integer from 1 to 256.`);
    }
  }

  get featureDim(): number {
    return 3 * this.bins;
  }

  /** @inheritDoc Embedder.embed */
  embed(image: EmbedderImage, boxes: ArrayLike<number>): Float32Array {
    const { data, height, width, channels } = readImage(image);
    if (boxes == null || boxes.length % 4 !== 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `boxes has length ${boxes?.length}; give flat xyxy boxes, 4 numbers each.`);
    }
    const n = boxes.length / 4;
    const bins = this.bins;
    const dim = 3 * bins;
    const out = new Float32Array(n * dim);
    const hist = new Float64Array(dim);
    for (let b = 0; b < n; b++) {
      const [x1, y1, x2, y2] = [boxes[4 * b], boxes[4 * b + 1], boxes[4 * b + 2], boxes[4 * b + 3]];
      if (![x1, y1, x2, y2].every(Number.isFinite)) {
        throw new FoveaError('E_INVALID_ARGUMENT', `box ${b} is [${x1}, ${y1}, ${x2}, ${y2}]; boxes must be finite.`);
      }
      // Pixels whose centre lies in the box.
      const c0 = Math.max(0, Math.ceil(x1 - 0.5));
      const c1 = Math.min(width, Math.ceil(x2 - 0.5));
      const r0 = Math.max(0, Math.ceil(y1 - 0.5));
      const r1 = Math.min(height, Math.ceil(y2 - 0.5));
      hist.fill(0);
      for (let r = r0; r < r1; r++) {
        for (let c = c0; c < c1; c++) {
          const p = (r * width + c) * channels;
          const red = data[p];
          const green = channels >= 3 ? data[p + 1] : red;
          const blue = channels >= 3 ? data[p + 2] : red;
          let u: number, v: number, w: number; // the three channels in [0, 1]
          if (this.colorSpace === 'rgb') {
            u = red / 256;
            v = green / 256;
            w = blue / 256;
          } else {
            const max = Math.max(red, green, blue);
            const min = Math.min(red, green, blue);
            const delta = max - min;
            let hue = 0;
            if (delta > 0) {
              if (max === red) hue = ((green - blue) / delta + 6) % 6;
              else if (max === green) hue = (blue - red) / delta + 2;
              else hue = (red - green) / delta + 4;
            }
            u = hue / 6;
            v = max > 0 ? delta / max : 0;
            w = max / 256;
          }
          hist[Math.min(bins - 1, Math.floor(u * bins))]++;
          hist[bins + Math.min(bins - 1, Math.floor(v * bins))]++;
          hist[2 * bins + Math.min(bins - 1, Math.floor(w * bins))]++;
        }
      }
      let norm = 0;
      for (let k = 0; k < dim; k++) norm += hist[k] * hist[k];
      norm = Math.sqrt(norm);
      if (norm > 0) for (let k = 0; k < dim; k++) out[b * dim + k] = hist[k] / norm;
    }
    return out;
  }
}

function readImage(image: EmbedderImage): {
  data: ArrayLike<number>;
  height: number;
  width: number;
  channels: number;
} {
  if (image instanceof tf.Tensor) {
    if (image.rank !== 3) {
      throw new FoveaError('E_INVALID_ARGUMENT', `image has shape [${image.shape}]; give an HWC tensor [height, width, channels].`);
    }
    const [height, width, channels] = image.shape as [number, number, number];
    checkChannels(channels);
    return { data: image.dataSync(), height, width, channels };
  }
  const { data, height, width, channels } = image ?? ({} as never);
  checkChannels(channels);
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 0 || width < 0 || data == null || data.length !== height * width * channels) {
    throw new FoveaError(
      'E_INVALID_ARGUMENT',
      `image data has length ${data?.length} but height ${height} x width ${width} x channels ${channels} = ${height * width * channels}; give interleaved HWC pixels.`,
    );
  }
  return { data, height, width, channels };
}

function checkChannels(channels: number): void {
  if (channels !== 1 && channels !== 3 && channels !== 4) {
    throw new FoveaError('E_INVALID_ARGUMENT', `image has ${channels} channels; use 1 (grey), 3 (RGB) or 4 (RGBA).`);
  }
}
