import * as tfl from '@tensorflow/tfjs-layers';
import { type SymbolicTensor, apply, join } from './common.js';
import { convBnAct } from './conv-bn-act.js';
import { type SqueezeExciteOptions, squeezeExcite } from './squeeze-excite.js';

/** Filters of one inception v1 module, the columns of Table 1 of Szegedy et al. 2015. */
export interface InceptionOptions {
  /** "#1x1": the 1x1 branch. */
  conv1x1: number;
  /** "#3x3 reduce": the 1x1 bottleneck before the 3x3 convolution. */
  reduce3x3: number;
  /** "#3x3". */
  conv3x3: number;
  /** "#5x5 reduce". */
  reduce5x5: number;
  /** "#5x5" (torchvision's GoogLeNet uses a 3x3 here by mistake; this is the paper's 5x5). */
  conv5x5: number;
  /** "pool proj": 1x1 after the 3x3 stride-1 max pool. */
  poolProj: number;
  /** BatchNorm after every convolution (torchvision's BN-GoogLeNet); default false, as the paper. */
  batchNorm?: boolean;
  /**
   * Squeeze-and-excitation on the concatenated output (SE-Inception, Hu et al. 2018 Fig. 2): `true` for
   * SENet's r = 16, or the {@link squeezeExcite} options (its `name` is replaced by `${name}_se`). Default off.
   */
  se?: boolean | SqueezeExciteOptions;
  /**
   * Layer-name prefix, e.g. `inception_3a`: branches `_1x1`, `_3x3_reduce`, `_3x3`, `_5x5_reduce`, `_5x5`,
   * `_pool`, `_pool_proj`, `_output`, then with `se` the SE block's layers under `_se`.
   */
  name?: string;
}

/**
 * The inception v1 module: four parallel branches (1x1; 1x1 -> 3x3; 1x1 -> 5x5; 3x3 max pool ->
 * 1x1), every convolution with ReLU and a bias (or, with `batchNorm`, BatchNorm instead of the bias),
 * 'same' padding, concatenated on channels; with `se`, the concatenation is recalibrated by a
 * squeeze-and-excitation block (the SE-Inception module).
 *
 * @returns NHWC, same spatial size, `conv1x1 + conv3x3 + conv5x5 + poolProj` channels.
 */
export function inceptionModule(x: SymbolicTensor, o: InceptionOptions): SymbolicTensor {
  const { batchNorm = false, se = false, name } = o;
  const conv = (input: SymbolicTensor, filters: number, kernelSize: number, suffix: string) =>
    convBnAct(input, { filters, kernelSize, batchNorm, bnEpsilon: 1e-3, name: join(name, suffix) });
  const b1 = conv(x, o.conv1x1, 1, '1x1');
  const b2 = conv(conv(x, o.reduce3x3, 1, '3x3_reduce'), o.conv3x3, 3, '3x3');
  const b3 = conv(conv(x, o.reduce5x5, 1, '5x5_reduce'), o.conv5x5, 5, '5x5');
  const pooled = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 1, padding: 'same', name: join(name, 'pool') }), x);
  const b4 = conv(pooled, o.poolProj, 1, 'pool_proj');
  const output = apply(tfl.layers.concatenate({ axis: -1, name: join(name, 'output') }), [b1, b2, b3, b4]);
  if (se === false) return output;
  return squeezeExcite(output, { ...(se === true ? {} : se), name: join(name, 'se') });
}
