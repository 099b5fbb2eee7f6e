import { basicBlock, convBnAct, createBackbone } from '@fovea/architectures';
import { FoveaError, Random, check, mixSeed, tf } from '@fovea/core';
import { UnitNormalization } from './cnn-unit-normalization.js';

/** Options of {@link reidNetwork}. */
export interface ReidNetworkOptions {
  /** `[height, width]` of the crops the network sees, pixels. Default `[32, 32]`. */
  inputSize?: readonly [height: number, width: number];
  /** D, the length of the embedding. Default 64. */
  featureDim?: number;
  /**
   * Channels of the stem and of each residual stage; every stage after the first halves the
   * resolution. Default `[16, 32, 64]` (about 120k parameters).
   */
  widths?: readonly number[];
  /** Seed of the weight initialisation; the same seed gives the same weights. Default 0. */
  seed?: number;
  /**
   * A registered architecture (`listArchitectures()` of @fovea/architectures, e.g. `'mobilenet_v2'` or
   * `'resnet18'`) to use instead of the stem and `widths` stages: its deepest feature map (the backbone contract's
   * last level) feeds the same pooling and embedding head. Default none.
   */
  backbone?: string;
  /** Builder options of `backbone`, e.g. `{ alpha: 0.35 }` for a MobileNet. Default none. */
  backboneOptions?: Record<string, unknown>;
}

/**
 * A small re-identification CNN in the spirit of deep_sort's cosine metric learning network (Wojke
 * and Bewley, 2018), scaled down for small crops: 0-255 RGB in, rescaled to [-1, 1]; a 3x3
 * `convBnAct` stem at stride 2; one ResNet `basicBlock` per width in `widths` (stride 2 from the second on);
 * global average pooling; Dense to `featureDim`; BatchNormalization; {@link UnitNormalization}. With `backbone`,
 * any registered architecture's deepest feature map replaces the stem and stages (its layers are nested as one
 * `backbone` layer, so the model still saves and loads as one file).
 *
 * @returns A layers model `[N, height, width, 3]` (0-255) -> `[N, featureDim]`, unit L2 norm per row,
 *   named `reid_embedding`. Weights are drawn from `seed` (Glorot-uniform kernels, He-uniform with `backbone`;
 *   zero biases).
 * @throws FoveaError `E_INVALID_ARGUMENT` for a bad option.
 */
export function reidNetwork(options: ReidNetworkOptions = {}): tf.LayersModel {
  const { inputSize = [32, 32], featureDim = 64, widths = [16, 32, 64], seed = 0 } = options;
  const [h, w] = inputSize;
  check(Array.isArray(inputSize) && inputSize.length === 2 && [h, w].every((v) => Number.isInteger(v) && v >= 8),
    `reidNetwork: inputSize is ${JSON.stringify(inputSize)}; give [height, width] of integers >= 8, such as [32, 32].`);
  check(Number.isInteger(featureDim) && featureDim >= 1, `reidNetwork: featureDim is ${featureDim}; give a positive integer such as 64.`);
  check(Array.isArray(widths) && widths.length >= 1 && widths.every((c) => Number.isInteger(c) && c >= 1),
    `reidNetwork: widths is ${JSON.stringify(widths)}; give a non-empty list of positive integers such as [16, 32, 64].`);
  check(Number.isSafeInteger(seed), `reidNetwork: seed is ${seed}; give an integer.`);
  const input = tf.input({ shape: [h, w, 3], name: 'crops' });
  let x = tf.layers.rescaling({ scale: 1 / 127.5, offset: -1, name: 'rescale' }).apply(input) as tf.SymbolicTensor;
  if (options.backbone !== undefined) x = deepestFeatures(x, options.backbone, options.backboneOptions ?? {}, [h, w]);
  else {
    x = convBnAct(x, { filters: widths[0], kernelSize: 3, strides: 2, name: 'stem' });
    widths.forEach((filters, i) => {
      x = basicBlock(x, { filters, strides: i === 0 ? 1 : 2, name: `stage${i + 1}` });
    });
  }
  x = tf.layers.globalAveragePooling2d({ name: 'avg_pool' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({ units: featureDim, name: 'embedding' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9, name: 'embedding_bn' }).apply(x) as tf.SymbolicTensor;
  const output = new UnitNormalization({ name: 'l2_normalize' }).apply(x) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: 'reid_embedding' });
  seedKernels(model.trainableWeights, seed, options.backbone === undefined ? 'glorot' : 'he');
  return model;
}

/**
 * The deepest level of `name`'s backbone applied to `x`, as one nested layer named `backbone`.
 * @throws FoveaError `E_INVALID_ARGUMENT` (from @fovea/architectures) for an unknown name or an input too small for it.
 */
function deepestFeatures(x: tf.SymbolicTensor, name: string, builderOptions: Record<string, unknown>, [h, w]: readonly number[]): tf.SymbolicTensor {
  const probe = createBackbone(name, { ...builderOptions, inputShape: [h, w, 3], initWeights: false });
  const deepest = probe.featureInfo[probe.featureInfo.length - 1];
  probe.dispose();
  const level = Math.log2(deepest.stride);
  const backbone = createBackbone(name, { ...builderOptions, inputShape: [h, w, 3], outLevels: [level], name: 'backbone' });
  return backbone.model.apply(x) as tf.SymbolicTensor;
}

/**
 * Redraws every kernel among `weights` from `seed` (tfjs's initialisers draw from an unseeded generator), so a
 * given seed always builds the same network: Glorot-uniform (limit sqrt(6 / (fanIn + fanOut))), or with `scale:
 * 'he'` He-uniform (limit sqrt(6 / fanIn), for deep ReLU backbones, whose activations Glorot lets fade through
 * dozens of layers). A depthwise kernel `[kh, kw, C, M]` has fanIn kh*kw and fanOut kh*kw*M (each output channel
 * sees one input channel). Biases, BN and other weights keep their constant initial values.
 */
export function seedKernels(weights: readonly tf.LayerVariable[], seed: number, scale: 'glorot' | 'he' = 'glorot'): void {
  const random = new Random(mixSeed(seed, 0x5eed));
  for (const weight of weights) {
    if (!/kernel$/.test(weight.originalName)) continue;
    const shape = weight.shape as number[];
    if (shape.length < 2) throw new FoveaError('E_INVALID_ARGUMENT', `seedKernels: kernel ${weight.name} has shape [${shape}]; expected rank >= 2.`);
    const receptive = shape.slice(0, -2).reduce((a, b) => a * b, 1);
    const [cIn, cOut] = shape.slice(-2);
    const depthwise = /depthwise_kernel$/.test(weight.originalName);
    const fanIn = depthwise ? receptive : receptive * cIn;
    const fanOut = receptive * cOut;
    const limit = Math.sqrt(6 / (scale === 'he' ? fanIn : fanIn + fanOut));
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < values.length; i++) values[i] = random.uniform(-limit, limit);
    const t = tf.tensor(values, shape);
    weight.write(t);
    t.dispose();
  }
}
