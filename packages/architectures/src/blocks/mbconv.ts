import { check } from '@fovea/core';
import { type ActivationName, type SymbolicTensor, channelsOf } from './common.js';
import { invertedResidual } from './inverted-residual.js';

/** Options of {@link mbConv}. */
export interface MBConvOptions {
  /** Output channels. */
  filters: number;
  /** Hidden width `Cin * expandRatio` (EfficientNet: 1 in the first stage, else 6). */
  expandRatio: number;
  /** Depthwise kernel size, 3 or 5 in EfficientNet; default 3. */
  kernelSize?: number;
  /** Default 1. */
  strides?: number;
  /** SE squeezes to `max(1, floor(Cin * seRatio))` channels, of the block's INPUT width; default 0.25. 0 disables SE. */
  seRatio?: number;
  /** Drop-connect (stochastic-depth) rate of the residual branch; default 0. */
  dropPath?: number;
  /** Default `'swish'`. */
  activation?: ActivationName;
  /** Layer-name prefix, e.g. `block2a`. */
  name?: string;
}

/**
 * EfficientNet's mobile inverted bottleneck (Tan and Le 2019; MnasNet's MBConv): an
 * {@link invertedResidual} with swish, SE on the hidden channels (squeezed relative to the input
 * width, swish then sigmoid), BN epsilon 1e-3 and momentum 0.99 (Keras defaults), and drop-connect
 * on the residual branch, which exists when the stride is 1 and Cin = `filters` (Keras's `id_skip`).
 *
 * @returns NHWC with `filters` channels, spatial size divided by `strides` (rounded up).
 */
export function mbConv(x: SymbolicTensor, options: MBConvOptions): SymbolicTensor {
  const { filters, expandRatio, kernelSize = 3, strides = 1, seRatio = 0.25, dropPath = 0, activation = 'swish', name } = options;
  check(seRatio >= 0 && seRatio <= 1, `mbConv: seRatio must be in [0, 1]; got ${seRatio}.`);
  const se = seRatio > 0 ? { squeezeChannels: Math.max(1, Math.floor(channelsOf(x) * seRatio)), activation, gate: 'sigmoid' as const } : false;
  return invertedResidual(x, {
    filters, expansion: expandRatio, expandDivisor: 1, kernelSize, strides, activation, se,
    bnEpsilon: 1e-3, bnMomentum: 0.99, dropPath, name,
  });
}
