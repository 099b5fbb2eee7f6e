export { LocalResponseNormalization } from './lrn.js';
export type { LocalResponseNormalizationArgs } from './lrn.js';
export { GroupedConv2D } from './grouped-conv2d.js';
export type { GroupedConv2DArgs, InitializerName } from './grouped-conv2d.js';
export { Swish, HardSigmoid, HardSwish } from './activations.js';
export { StochasticDepth } from './stochastic-depth.js';
export type { StochasticDepthArgs } from './stochastic-depth.js';
export { SqueezeExcite } from './squeeze-excite.js';
export type { SqueezeExciteArgs } from './squeeze-excite.js';
