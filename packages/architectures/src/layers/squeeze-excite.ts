import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, check } from '@fovea/core';
import type { ActivationName } from '../blocks/common.js';
import { makeDivisible } from '../blocks/squeeze-excite.js';
import { hardSigmoid, hardSwish, swish } from './activations.js';
import { type Kwargs, type LayerArgs, checkNhwc, nhwcShape, single } from './common.js';

/** The activations of {@link SqueezeExcite} as tensor functions (the same as the blocks' activation layers). */
const ACTIVATIONS: Record<ActivationName, (x: tf.Tensor) => tf.Tensor> = {
  relu: (x) => tf.relu(x),
  relu6: (x) => tf.relu6(x),
  sigmoid: (x) => tf.sigmoid(x),
  tanh: (x) => tf.tanh(x),
  softmax: (x) => tf.softmax(x),
  swish,
  hardSigmoid,
  hardSwish,
  linear: (x) => x,
};

/** Options of {@link SqueezeExcite}: those of the {@link squeezeExcite} block, plus the base layer args. */
export interface SqueezeExciteArgs extends LayerArgs {
  /** Squeezed channels as a fraction of the input channels, in (0, 1]; default 1/16 (SENet's r = 16). */
  ratio?: number;
  /** Squeezed channels, overriding `ratio`; a positive integer. Default from `ratio`. */
  squeezeChannels?: number;
  /** Round `C * ratio` with make_divisible to a multiple of this (see {@link makeDivisible}); default 1 (nearest integer). */
  divisor?: number;
  /** After the reduce step; default `'relu'`. */
  activation?: ActivationName;
  /** The gate; default `'sigmoid'` (MobileNetV3: `'hardSigmoid'`, which is relu6(x + 3) / 6). */
  gate?: ActivationName;
}

/**
 * Squeeze-and-excitation (Hu et al., "Squeeze-and-excitation networks", CVPR 2018) as one layer, NHWC:
 * `s = mean_{h,w} x` ([N, C]), `z = activation(s . reduceKernel + reduceBias)` ([N, Cs]),
 * `g = gate(z . expandKernel + expandBias)` ([N, C]), output `x * g` broadcast over height and width.
 * Cs = `squeezeChannels`, else `makeDivisible(C * ratio, divisor)`. Weights `reduce_kernel` [1, 1, C, Cs],
 * `reduce_bias` [Cs], `expand_kernel` [1, 1, Cs, C], `expand_bias` [C] (glorot-uniform kernels, zero
 * biases): `2 * C * Cs + Cs + C` parameters. Output shape = input shape.
 *
 * The same computation and weights, in the same order, as the {@link squeezeExcite} block, which the
 * builders use because its five Keras layers keep Keras EfficientNet's layer names; this layer is for
 * a model that wants SE as one node. `setWeights(blockModel.getWeights())` moves weights across.
 *
 * Porting note: timm's `SEModule`/`SqueezeExcite` and torchvision's `ops.SqueezeExcitation` keep the two
 * FC layers as 1x1 `Conv2d`s with weights `[Cs, C, 1, 1]`: transpose with `(2, 3, 1, 0)`; the original
 * SENet's `nn.Linear` weights `[Cs, C]` transpose to `[C, Cs]` and reshape to `[1, 1, C, Cs]`. Keras has
 * no SE layer; Keras EfficientNet's `se_reduce`/`se_expand` Conv2D weights load unchanged. timm rounds
 * Cs with make_divisible by 8 (`divisor: 8` here); torchvision takes Cs explicitly (`squeezeChannels`).
 */
export class SqueezeExcite extends tfl.layers.Layer {
  static readonly className = 'SqueezeExcite';
  readonly ratio: number;
  readonly squeezeChannels?: number;
  readonly divisor: number;
  readonly activation: ActivationName;
  readonly gate: ActivationName;
  private reduceKernel?: tfl.LayerVariable;
  private reduceBias?: tfl.LayerVariable;
  private expandKernel?: tfl.LayerVariable;
  private expandBias?: tfl.LayerVariable;

  constructor(args: SqueezeExciteArgs = {}) {
    super(args);
    const { ratio = 1 / 16, squeezeChannels, divisor = 1, activation = 'relu', gate = 'sigmoid' } = args;
    check(typeof ratio === 'number' && ratio > 0 && ratio <= 1, `SqueezeExcite: ratio must be in (0, 1] (SENet: 1/16); got ${ratio}.`);
    check(squeezeChannels === undefined || (Number.isInteger(squeezeChannels) && squeezeChannels >= 1),
      `SqueezeExcite: squeezeChannels must be a positive integer or omitted (then C * ratio); got ${squeezeChannels}.`);
    check(Number.isInteger(divisor) && divisor >= 1, `SqueezeExcite: divisor must be a positive integer (1: no rounding to a multiple); got ${divisor}.`);
    for (const [option, value] of [['activation', activation], ['gate', gate]] as const) {
      check(Object.hasOwn(ACTIVATIONS, value),
        `SqueezeExcite: unknown ${option} ${JSON.stringify(value)}; use one of ${Object.keys(ACTIVATIONS).join(', ')}.`);
    }
    this.ratio = ratio;
    this.squeezeChannels = squeezeChannels;
    this.divisor = divisor;
    this.activation = activation;
    this.gate = gate;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = nhwcShape(inputShape, 'SqueezeExcite')[3];
    if (channels == null) {
      throw new FoveaError('E_INVALID_ARGUMENT', `SqueezeExcite '${this.name}': the input channels must be known; got shape ${JSON.stringify(inputShape)}.`);
    }
    const squeezed = this.squeezeChannels ?? makeDivisible(channels * this.ratio, this.divisor);
    const glorot = () => tfl.initializers.glorotUniform({});
    this.reduceKernel = this.addWeight('reduce_kernel', [1, 1, channels, squeezed], 'float32', glorot(), undefined, true);
    this.reduceBias = this.addWeight('reduce_bias', [squeezed], 'float32', tfl.initializers.zeros(), undefined, true);
    this.expandKernel = this.addWeight('expand_kernel', [1, 1, squeezed, channels], 'float32', glorot(), undefined, true);
    this.expandBias = this.addWeight('expand_bias', [channels], 'float32', tfl.initializers.zeros(), undefined, true);
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    return nhwcShape(inputShape, 'SqueezeExcite');
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = checkNhwc(single(inputs, 'SqueezeExcite'), 'SqueezeExcite');
      const [n, , , c] = x.shape;
      const [, , , squeezed] = this.reduceKernel!.shape as number[];
      // A 1x1 convolution of the pooled 1x1 map is a matrix product: [N, C] x [C, Cs].
      const s = tf.mean(x, [1, 2]) as tf.Tensor2D;
      const reduce = tf.reshape(this.reduceKernel!.read(), [c, squeezed]) as tf.Tensor2D;
      const z = ACTIVATIONS[this.activation](tf.add(tf.matMul(s, reduce), this.reduceBias!.read())) as tf.Tensor2D;
      const expand = tf.reshape(this.expandKernel!.read(), [squeezed, c]) as tf.Tensor2D;
      const g = ACTIVATIONS[this.gate](tf.add(tf.matMul(z, expand), this.expandBias!.read()));
      return tf.mul(x, tf.reshape(g, [n, 1, 1, c]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { ratio, divisor, activation, gate } = this;
    const config: tf.serialization.ConfigDict = { ratio, divisor, activation, gate, ...super.getConfig() };
    if (this.squeezeChannels !== undefined) config.squeezeChannels = this.squeezeChannels;
    return config;
  }
}
tf.serialization.registerClass(SqueezeExcite, 'Fovea');
