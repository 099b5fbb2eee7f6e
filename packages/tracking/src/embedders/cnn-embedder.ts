import { FoveaError, loadModel, saveModel, tf } from '@fovea/core';
import { cropBoxes, imageBatch } from './cnn-crops.js';
import { type ReidNetworkOptions, reidNetwork } from './cnn-network.js';
import type { Embedder, EmbedderImage } from './embedder.js';
// Registers the custom layer before any model is loaded.
import './cnn-unit-normalization.js';

/** Boxes per forward pass in {@link CnnEmbedder.embed}; bounds the crops tensor's memory. */
const BATCH = 64;

/**
 * Appearance features from a small re-identification CNN (deep_sort's "cosine metric learning"
 * recipe, scaled down): each box is cropped from the frame and resized to the network's input
 * (bilinear, see {@link cropBoxes}), and the network maps the crop to a unit-norm feature, so
 * {@link DeepSort}'s cosine distance is `1 - dot`. Build an untrained one with
 * {@link CnnEmbedder.create}, train it with {@link trainReidEmbedder}, and keep it with
 * {@link CnnEmbedder.save} / {@link CnnEmbedder.load}.
 *
 * The embedder owns its model: {@link CnnEmbedder.dispose} frees its weights.
 */
export class CnnEmbedder implements Embedder {
  /** `[N, height, width, 3]` 0-255 RGB crops -> `[N, featureDim]` unit-norm features. */
  readonly model: tf.LayersModel;
  /** `[height, width]` of the crops. */
  readonly inputSize: readonly [number, number];
  readonly featureDim: number;

  /**
   * @param model A layers model `[N, height, width, 3]` -> `[N, D]` whose rows have unit L2 norm
   *   (as {@link reidNetwork} builds); the embedder takes ownership.
   * @throws FoveaError `E_INVALID_ARGUMENT` for a model of another input or output shape.
   */
  constructor(model: tf.LayersModel) {
    const input = model?.inputs?.length === 1 ? model.inputs[0].shape : undefined;
    const output = model?.outputs?.length === 1 ? model.outputs[0].shape : undefined;
    if (input?.length !== 4 || input[3] !== 3 || !(Number(input[1]) >= 1) || !(Number(input[2]) >= 1) || output?.length !== 2 || !(Number(output[1]) >= 1)) {
      throw new FoveaError(
        'E_INVALID_ARGUMENT',
        `CnnEmbedder needs a model [N, height, width, 3] -> [N, D]; got inputs ${JSON.stringify(input)} and outputs ${JSON.stringify(output)}. Build one with reidNetwork().`,
      );
    }
    this.model = model;
    this.inputSize = [input[1] as number, input[2] as number];
    this.featureDim = output[1] as number;
  }

  /** An untrained embedder over {@link reidNetwork}`(options)`; its weights depend only on `options.seed`. */
  static create(options: ReidNetworkOptions = {}): CnnEmbedder {
    return new CnnEmbedder(reidNetwork(options));
  }

  /**
   * Loads an embedder written by {@link CnnEmbedder.save} (or any `model.json` + weights of a model
   * the constructor accepts).
   * @throws FoveaError as core's `loadModel`, and as the constructor.
   */
  static async load(dir: string): Promise<CnnEmbedder> {
    const model = await loadModel(dir);
    try {
      return new CnnEmbedder(model);
    } catch (error) {
      model.dispose();
      throw error;
    }
  }

  /** Writes `model.json` + `weights.bin` into `dir` with core's `saveModel`. */
  async save(dir: string): Promise<tf.io.SaveResult> {
    return saveModel(this.model, dir);
  }

  /** @inheritDoc Embedder.embed */
  embed(image: EmbedderImage, boxes: ArrayLike<number>): Float32Array {
    if (boxes == null || boxes.length % 4 !== 0) {
      throw new FoveaError('E_INVALID_ARGUMENT', `boxes has length ${boxes?.length}; give flat xyxy boxes, 4 numbers each.`);
    }
    const n = boxes.length / 4;
    const out = new Float32Array(n * this.featureDim);
    if (n === 0) return out;
    const frame = imageBatch(image);
    try {
      for (let start = 0; start < n; start += BATCH) {
        const part = ArrayBuffer.isView(boxes)
          ? (boxes as unknown as Float32Array).subarray(4 * start, 4 * Math.min(n, start + BATCH))
          : Array.prototype.slice.call(boxes, 4 * start, 4 * Math.min(n, start + BATCH));
        const features = tf.tidy(() => this.embedCrops(cropBoxes(frame, part, this.inputSize)));
        out.set(features.dataSync(), start * this.featureDim);
        features.dispose();
      }
    } finally {
      frame.dispose();
    }
    return out;
  }

  /**
   * Features of crops already cut and resized: `[N, height, width, 3]` 0-255 RGB -> `[N, D]` unit-norm
   * rows (inference mode). The caller disposes both.
   */
  embedCrops(crops: tf.Tensor4D): tf.Tensor2D {
    return this.model.predict(crops) as tf.Tensor2D;
  }

  /** Frees the model's weights. */
  dispose(): void {
    this.model.dispose();
  }
}
