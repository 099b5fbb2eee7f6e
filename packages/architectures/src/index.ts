// Custom layers (registered for serialisation on import).
export { LocalResponseNormalization, GroupedConv2D, Swish, HardSigmoid, HardSwish, StochasticDepth } from './layers/index.js';
export type { LocalResponseNormalizationArgs, GroupedConv2DArgs, InitializerName, StochasticDepthArgs } from './layers/index.js';
// Reusable blocks over tfjs symbolic tensors.
export { activate, apply, convBnAct, squeezeExcite, makeDivisible, basicBlock, bottleneck, inceptionModule } from './blocks/index.js';
export type { ActivationName, SymbolicTensor, ConvBnActOptions, SqueezeExciteOptions, ResidualOptions, ResNetVariant, InceptionOptions } from './blocks/index.js';
// Builders: one parametric builder per family, thin named ones.
export type { ModelOptions } from './models/options.js';
export { lenet5 } from './models/lenet.js';
export { alexnet } from './models/alexnet.js';
export type { AlexNetOptions } from './models/alexnet.js';
export { googlenet } from './models/googlenet.js';
export type { GoogLeNetOptions } from './models/googlenet.js';
export { vgg, vgg16, vgg19 } from './models/vgg.js';
export type { VggOptions } from './models/vgg.js';
export { resnet, resnet18, resnet34, resnet50, resnet101, resnet152, resnext50_32x4d, seresnet50 } from './models/resnet.js';
export type { ResNetOptions } from './models/resnet.js';
// Registry and tools.
export { createModel, getArchitecture, listArchitectures, registerArchitecture } from './registry.js';
export type { ArchitectureEntry, CreateModelOptions } from './registry.js';
export { withZeroInit } from './zero-init.js';
export { summarize, formatSummary } from './summarize.js';
export type { LayerSummary, ModelSummary, SummarizeOptions } from './summarize.js';
