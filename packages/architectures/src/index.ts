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
// Modern families: Xception, MobileNet v1-v3, DenseNet, EfficientNet, CSPNet.
export { Normalization } from './layers/normalization.js';
export type { NormalizationArgs } from './layers/normalization.js';
export { ChannelSlice } from './layers/channel-slice.js';
export type { ChannelSliceArgs } from './layers/channel-slice.js';
export { invertedResidual, mbConv, denseLayer, denseBlock, transitionBlock, cspStage, cspBottleneck, darkBlock } from './blocks/index.js';
export type {
  InvertedResidualOptions, MBConvOptions, DenseLayerOptions, DenseBlockOptions, TransitionOptions, CspStageOptions, CspBlockOptions, CspActivation,
} from './blocks/index.js';
export { xception } from './models/xception.js';
export type { XceptionOptions } from './models/xception.js';
export { mobilenet, mobilenetV2, mobilenetV3, mobilenetV3Small, mobilenetV3Large } from './models/mobilenet.js';
export type { MobileNetOptions, MobileNetV2Options, MobileNetV3Options } from './models/mobilenet.js';
export { densenet, densenet121, densenet169, densenet201 } from './models/densenet.js';
export type { DenseNetOptions } from './models/densenet.js';
export {
  efficientnet, efficientnetB0, efficientnetB1, efficientnetB2, efficientnetB3, efficientnetB4, efficientnetB5, efficientnetB6, efficientnetB7,
} from './models/efficientnet.js';
export type { EfficientNetOptions } from './models/efficientnet.js';
export { cspnet, cspresnext50, cspdarknet53 } from './models/cspnet.js';
export type { CspNetOptions, CspStageSpec } from './models/cspnet.js';
// Training: train(model, data, options), evaluation, LR schedules, history CSV and plot.
export * from './training/index.js';
// Choosing an architecture: train each scaled down on Fashion-MNIST under one budget, compare accuracy, size, FLOPs, latency.
export * from './compare/index.js';
// SE-Inception (GoogLeNet's `se` and `width` options) and squeeze-and-excitation as one serialisable layer.
export { seinception } from './models/googlenet.js';
export { SqueezeExcite } from './layers/squeeze-excite.js';
export type { SqueezeExciteArgs } from './layers/squeeze-excite.js';
// Backbones: any architecture as named feature maps (C2..C5) for FPN, YOLO, FCN and re-ID heads.
export { backboneFromModel, createBackbone } from './backbone/index.js';
export type { Backbone, BackboneOptions, BackboneSelection, FeatureInfo } from './backbone/index.js';
