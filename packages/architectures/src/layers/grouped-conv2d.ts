import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, check } from '@fovea/core';
import { type Kwargs, type LayerArgs, checkNhwc, nhwcShape, single } from './common.js';

/** Kernel and bias initialisers {@link GroupedConv2D} can serialise by name. */
export type InitializerName = 'glorotUniform' | 'glorotNormal' | 'heNormal' | 'heUniform' | 'leCunNormal' | 'leCunUniform' | 'zeros' | 'ones';

const INITIALIZERS: Record<InitializerName, () => ReturnType<typeof tfl.initializers.zeros>> = {
  glorotUniform: () => tfl.initializers.glorotUniform({}),
  glorotNormal: () => tfl.initializers.glorotNormal({}),
  heNormal: () => tfl.initializers.heNormal({}),
  heUniform: () => tfl.initializers.heUniform({}),
  leCunNormal: () => tfl.initializers.leCunNormal({}),
  leCunUniform: () => tfl.initializers.leCunUniform({}),
  zeros: () => tfl.initializers.zeros(),
  ones: () => tfl.initializers.ones(),
};

/** Options of {@link GroupedConv2D}. */
export interface GroupedConv2DArgs extends LayerArgs {
  /** Output channels; divisible by `groups`. */
  filters: number;
  /** Kernel height and width (one number for square). */
  kernelSize: number | [number, number];
  /** Default 1. */
  strides?: number | [number, number];
  /** `'valid'` (default, as Keras) or `'same'` (tfjs/TF 'same': extra padding goes bottom/right). */
  padding?: 'valid' | 'same';
  /** Default 1. Only with strides 1, as in tfjs's conv2d. */
  dilationRate?: number | [number, number];
  /** Channel groups; divides the input channels and `filters`. Default 1 (a plain convolution). */
  groups?: number;
  /** Default true. */
  useBias?: boolean;
  /** Default `'glorotUniform'` (Keras's default). */
  kernelInitializer?: InitializerName;
  /** Default `'zeros'`. */
  biasInitializer?: InitializerName;
}

function pair(v: number | [number, number], name: string): [number, number] {
  const p: [number, number] = typeof v === 'number' ? [v, v] : [v[0], v[1]];
  check(p.every((n) => Number.isInteger(n) && n >= 1), `GroupedConv2D: ${name} must be positive integers; got ${JSON.stringify(v)}.`);
  return p;
}

/**
 * 2-D convolution with channel groups (ResNeXt, and AlexNet's two-GPU split): input channels and
 * filters are cut into `groups` contiguous slices and slice g of the filters sees only slice g of
 * the input, so the kernel is `[kH, kW, Cin / groups, filters]` and a grouped convolution costs
 * `1 / groups` of a plain one. tfjs's Conv2D has no `groups`; this runs one conv2d per group and
 * concatenates (trainable on every backend). NHWC only.
 *
 * Porting note: same kernel layout and channel order as Keras `Conv2D(groups=g)`, whose weights
 * load unchanged; a PyTorch `nn.Conv2d(groups=g)` weight `[Cout, Cin / g, kH, kW]` is transposed
 * with `(2, 3, 1, 0)`. 'same' padding follows TF (asymmetric at stride 2); PyTorch's symmetric
 * `padding=k // 2` is `ZeroPadding2D` + `'valid'`.
 */
export class GroupedConv2D extends tfl.layers.Layer {
  static readonly className = 'GroupedConv2D';
  readonly filters: number;
  readonly kernelSize: [number, number];
  readonly strides: [number, number];
  readonly padding: 'valid' | 'same';
  readonly dilationRate: [number, number];
  readonly groups: number;
  readonly useBias: boolean;
  readonly kernelInitializer: InitializerName;
  readonly biasInitializer: InitializerName;
  private kernel?: tfl.LayerVariable;
  private biasWeight?: tfl.LayerVariable;

  constructor(args: GroupedConv2DArgs) {
    super(args);
    const { filters, groups = 1, padding = 'valid', useBias = true } = args;
    const { kernelInitializer = 'glorotUniform', biasInitializer = 'zeros' } = args;
    check(Number.isInteger(groups) && groups >= 1, `GroupedConv2D: groups must be a positive integer; got ${groups}.`);
    check(Number.isInteger(filters) && filters >= 1 && filters % groups === 0,
      `GroupedConv2D: filters must be a positive multiple of groups (${groups}); got ${filters}.`);
    check(padding === 'valid' || padding === 'same', `GroupedConv2D: padding must be 'valid' or 'same'; got ${JSON.stringify(padding)}.`);
    for (const init of [kernelInitializer, biasInitializer]) {
      check(init in INITIALIZERS, `GroupedConv2D: unknown initializer ${JSON.stringify(init)}; use one of ${Object.keys(INITIALIZERS).join(', ')}.`);
    }
    this.filters = filters;
    this.kernelSize = pair(args.kernelSize, 'kernelSize');
    this.strides = pair(args.strides ?? 1, 'strides');
    this.dilationRate = pair(args.dilationRate ?? 1, 'dilationRate');
    check(this.dilationRate.every((d) => d === 1) || this.strides.every((s) => s === 1),
      'GroupedConv2D: dilationRate > 1 needs strides 1 (a tfjs conv2d restriction).');
    this.padding = padding;
    this.groups = groups;
    this.useBias = useBias;
    this.kernelInitializer = kernelInitializer;
    this.biasInitializer = biasInitializer;
  }

  override build(inputShape: tfl.Shape | tfl.Shape[]): void {
    const channels = nhwcShape(inputShape, 'GroupedConv2D')[3];
    if (channels == null || channels % this.groups !== 0) {
      throw new FoveaError('E_INVALID_ARGUMENT',
        `GroupedConv2D '${this.name}': input channels (${channels}) must be known and divisible by groups (${this.groups}).`);
    }
    const [kh, kw] = this.kernelSize;
    this.kernel = this.addWeight('kernel', [kh, kw, channels / this.groups, this.filters], 'float32',
      INITIALIZERS[this.kernelInitializer](), undefined, true);
    if (this.useBias) {
      this.biasWeight = this.addWeight('bias', [this.filters], 'float32', INITIALIZERS[this.biasInitializer](), undefined, true);
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const [n, h, w] = nhwcShape(inputShape, 'GroupedConv2D');
    const out = (size: number | null, axis: 0 | 1): number | null => {
      if (size == null) return null;
      const k = this.kernelSize[axis] + (this.kernelSize[axis] - 1) * (this.dilationRate[axis] - 1);
      const s = this.strides[axis];
      return this.padding === 'same' ? Math.ceil(size / s) : Math.ceil((size - k + 1) / s);
    };
    return [n, out(h, 0), out(w, 1), this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = checkNhwc(single(inputs, 'GroupedConv2D'), 'GroupedConv2D');
      const kernel = this.kernel!.read() as tf.Tensor4D;
      const conv = (xi: tf.Tensor4D, ki: tf.Tensor4D) => tf.conv2d(xi, ki, this.strides, this.padding, 'NHWC', this.dilationRate);
      let y: tf.Tensor;
      if (this.groups === 1) {
        y = conv(x, kernel);
      } else {
        const kernels = tf.split(kernel, this.groups, 3) as tf.Tensor4D[];
        y = tf.concat((tf.split(x, this.groups, 3) as tf.Tensor4D[]).map((xi, g) => conv(xi, kernels[g])), 3);
      }
      if (this.biasWeight) y = tf.add(y, this.biasWeight.read());
      return y;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, padding, dilationRate, groups, useBias, kernelInitializer, biasInitializer } = this;
    return { filters, kernelSize, strides, padding, dilationRate, groups, useBias, kernelInitializer, biasInitializer, ...super.getConfig() };
  }
}
tf.serialization.registerClass(GroupedConv2D, 'Fovea');
