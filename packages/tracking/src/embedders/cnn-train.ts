import { type Batch, type HistoryRow, type LrSchedule, type TrainProgress, train } from '@fovea/architectures';
import { Random, check, mixSeed, tf } from '@fovea/core';
import { cropBoxes, imageBatch } from './cnn-crops.js';
import { CnnEmbedder } from './cnn-embedder.js';
import { type ReidNetworkOptions, seedKernels } from './cnn-network.js';
import { type ReidFrame, type ReidVideoOptions, reidSamples } from './cnn-shapes-samples.js';

/** Options of {@link trainReidEmbedder}. */
export interface TrainReidOptions extends ReidVideoOptions {
  /** Network options of a new embedder (`seed` defaults to this run's `seed`), or an embedder to train further. */
  embedder?: ReidNetworkOptions | CnnEmbedder;
  /** Default 10. */
  epochs?: number;
  /** Crops per step. Default 64. */
  batchSize?: number;
  /** Adam's base learning rate. Default 3e-3. */
  learningRate?: number;
  /** Default `'cosine'`. */
  lrSchedule?: LrSchedule;
  /**
   * Box augmentation: every epoch each box's edges move by up to this fraction of its width/height
   * (uniform), as a detector's boxes wobble. Default 0.1; 0 turns it off.
   */
  boxJitter?: number;
  /** Mirror half of the crops left-right each epoch. Default true. */
  flip?: boolean;
  /**
   * Scale of the unit-norm features before the softmax classifier (a fixed cosine-softmax
   * temperature: unit features alone cannot give confident logits). Default 16.
   */
  logitScale?: number;
  /** Seed of the weights (for a new embedder), the crop augmentation and the batch order. Default 0. */
  seed?: number;
  /** After every batch and epoch; as @fovea/architectures' `train` reports. */
  onProgress?: (event: TrainProgress) => void;
  /** Abort to stop after the current batch; the embedder keeps the weights reached. */
  signal?: AbortSignal;
}

/** What {@link trainReidEmbedder} returns. */
export interface TrainReidResult {
  /** The trained embedder (the classifier head is dropped); the caller disposes it. */
  embedder: CnnEmbedder;
  /** One row per epoch: mean cross-entropy `loss` and identity accuracy `acc` over the epoch's batches. */
  history: HistoryRow[];
  /** Classes of the identity classifier: ground-truth tracks over all training sequences. */
  identities: number;
  /** Crops per epoch. */
  samples: number;
}

/**
 * Trains a {@link CnnEmbedder} on crops of synthetic `shapesVideo` sequences: every ground-truth track
 * is a class, and a softmax classifier over those identities sits on the scaled unit-norm features
 * (cross-entropy; Wojke and Bewley's cosine-softmax idea with a fixed scale), so crops of the same
 * track across frames are pulled together. The classifier is dropped afterwards; only the embedding
 * network is returned. Each epoch re-crops every box with fresh jitter and flips (seeded by
 * `(seed, epoch)`), then @fovea/architectures' `train` runs Adam over shuffled batches.
 *
 * Runs on the current tfjs backend; call `initBackend({ prefer: 'wasm' })` from @fovea/core first
 * for conv training at a usable speed. The same options and seed give the same weights on one backend.
 *
 * @throws FoveaError `E_INVALID_ARGUMENT` for bad options (named).
 */
export async function trainReidEmbedder(options: TrainReidOptions = {}): Promise<TrainReidResult> {
  const { epochs = 10, batchSize = 64, learningRate = 3e-3, lrSchedule = 'cosine', boxJitter = 0.1, flip = true } = options;
  const { logitScale = 16, seed = 0 } = options;
  check(Number.isFinite(boxJitter) && boxJitter >= 0 && boxJitter < 0.5, `boxJitter is ${boxJitter}; give a fraction from 0 to below 0.5, such as 0.1.`);
  check(Number.isFinite(logitScale) && logitScale > 0, `logitScale is ${logitScale}; give a positive number such as 16.`);
  check(Number.isSafeInteger(seed), `seed is ${seed}; give an integer.`);
  const samples = reidSamples(options);
  const given = options.embedder instanceof CnnEmbedder ? options.embedder : undefined;
  const embedder = given ?? CnnEmbedder.create({ seed, ...(options.embedder as ReidNetworkOptions | undefined) });
  const head = tf.layers.dense({ units: samples.identities, activation: 'softmax', useBias: false, name: 'identity_classifier' });
  const scaled = tf.layers.rescaling({ scale: logitScale, name: 'logit_scale' }).apply(embedder.model.outputs[0]);
  const classifier = tf.model({ inputs: embedder.model.inputs, outputs: head.apply(scaled) as tf.SymbolicTensor, name: 'reid_classifier' });
  seedKernels(head.trainableWeights, mixSeed(seed, 1));
  const frames = samples.frames.map((f) => ({ ...f, tensor: imageBatch(f.image) }));
  try {
    const labels = Int32Array.from(frames.flatMap((f) => Array.from(f.labels)));
    const data = (epoch: number) => epochBatches(frames, labels, embedder.inputSize, { batchSize, boxJitter, flip, seed, epoch });
    const batches = Math.ceil(samples.boxes / batchSize);
    const { history } = await train(classifier, data, {
      epochs, batchSize, optimizer: 'adam', learningRate, lrSchedule, loss: 'sparseCategoricalCrossentropy', seed, batchesPerEpoch: batches,
      onProgress: options.onProgress, signal: options.signal,
    });
    return { embedder, history, identities: samples.identities, samples: samples.boxes };
  } catch (error) {
    if (!given) embedder.dispose();
    throw error;
  } finally {
    tf.dispose(frames.map((f) => f.tensor));
    // The head's kernel and the optimizer are the classifier's alone; the embedding layers stay live.
    head.dispose();
    const owner = classifier as unknown as { optimizer?: tf.Optimizer; isOptimizerOwned?: boolean };
    if (owner.isOptimizerOwned) owner.optimizer?.dispose();
  }
}

interface EpochOptions {
  batchSize: number;
  boxJitter: number;
  flip: boolean;
  seed: number;
  epoch: number;
}

/** One epoch's batches: all boxes re-cropped with this epoch's jitter and flips, in a shuffled order. */
function* epochBatches(frames: (ReidFrame & { tensor: tf.Tensor4D })[], labels: Int32Array, size: readonly [number, number], o: EpochOptions): Generator<Batch> {
  const random = new Random(mixSeed(o.seed, o.epoch, 0xc209));
  const crops = tf.tidy(() => tf.concat(frames.map((f) => cropBoxes(f.tensor, augmentBoxes(f.boxes, random, o), size))));
  try {
    const order = Array.from(labels, (_, i) => i);
    random.shuffle(order);
    for (let start = 0; start < order.length; start += o.batchSize) {
      const index = Int32Array.from(order.slice(start, start + o.batchSize));
      yield tf.tidy(() => {
        const i = tf.tensor1d(index, 'int32');
        return { x: tf.gather(crops, i), y: tf.gather(tf.tensor1d(labels, 'int32'), i) };
      });
    }
  } finally {
    crops.dispose();
  }
}

/** Jitters each box's edges and, with probability 1/2, swaps x1 and x2 (a mirrored crop). */
function augmentBoxes(boxes: Float32Array, random: Random, o: EpochOptions): Float32Array {
  const out = new Float32Array(boxes.length);
  for (let b = 0; b < boxes.length; b += 4) {
    let [x1, y1, x2, y2] = boxes.subarray(b, b + 4);
    const [w, h] = [x2 - x1, y2 - y1];
    if (o.boxJitter > 0) {
      x1 += random.uniform(-o.boxJitter, o.boxJitter) * w;
      x2 += random.uniform(-o.boxJitter, o.boxJitter) * w;
      y1 += random.uniform(-o.boxJitter, o.boxJitter) * h;
      y2 += random.uniform(-o.boxJitter, o.boxJitter) * h;
    }
    if (o.flip && random.bool()) [x1, x2] = [x2, x1];
    out.set([x1, y1, x2, y2], b);
  }
  return out;
}
