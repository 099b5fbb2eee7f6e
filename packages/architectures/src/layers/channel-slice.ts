import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError, check } from '@fovea/core';
import { type Kwargs, type LayerArgs, single } from './common.js';

/** The one shape of a single-input layer, of any rank. */
function oneShape(shape: tfl.Shape | tfl.Shape[], layer: string): tfl.Shape {
  return Array.isArray(shape[0]) ? single(shape as tfl.Shape[], layer) : (shape as tfl.Shape);
}

/** Options of {@link ChannelSlice}. */
export interface ChannelSliceArgs extends LayerArgs {
  /** First channel kept (0-based). */
  begin: number;
  /** Channels kept. */
  size: number;
}

/**
 * Keeps channels `[begin, begin + size)` of the last axis: one half of CSPNet's split
 * (`x.split(c // 2, dim=1)` in timm), which tfjs-layers has no layer for. No weights;
 * differentiable on every backend (slice's gradient is a pad).
 */
export class ChannelSlice extends tfl.layers.Layer {
  static readonly className = 'ChannelSlice';
  readonly begin: number;
  readonly size: number;

  constructor(args: ChannelSliceArgs) {
    super(args);
    const { begin, size } = args;
    check(Number.isInteger(begin) && begin >= 0, `ChannelSlice: begin must be an integer >= 0; got ${begin}.`);
    check(Number.isInteger(size) && size >= 1, `ChannelSlice: size must be a positive integer; got ${size}.`);
    this.begin = begin;
    this.size = size;
  }

  private checked(shape: tfl.Shape): tfl.Shape {
    const channels = shape[shape.length - 1];
    if (channels == null || this.begin + this.size > channels) {
      throw new FoveaError('E_INVALID_ARGUMENT',
        `ChannelSlice '${this.name}': channels [${this.begin}, ${this.begin + this.size}) exceed the input's ${channels} channels.`);
    }
    return shape;
  }

  override computeOutputShape(inputShape: tfl.Shape | tfl.Shape[]): tfl.Shape {
    const shape = this.checked(oneShape(inputShape, 'ChannelSlice'));
    return [...shape.slice(0, -1), this.size];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs, 'ChannelSlice');
      this.checked(x.shape);
      const begin = x.shape.map((_, i) => (i === x.rank - 1 ? this.begin : 0));
      const size = x.shape.map((_, i) => (i === x.rank - 1 ? this.size : -1));
      return tf.slice(x, begin, size);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { begin: this.begin, size: this.size, ...super.getConfig() };
  }
}
tf.serialization.registerClass(ChannelSlice, 'Fovea');
