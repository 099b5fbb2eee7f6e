import type * as tfl from '@tensorflow/tfjs-layers';
import { getArchitecture } from '../registry.js';

/** How {@link compareArchitectures} builds one architecture for small grey images. */
export interface ScaledConfig {
  /** Registry name. */
  name: string;
  /** Builder options on top of `{ inputShape, classes }`, as passed to the registry's builder. */
  options: Record<string, unknown>;
  /** One line on what differs from the registry's canonical model, for the table. */
  note: string;
}

/**
 * One architecture per registry family, the default set of {@link compareArchitectures}: LeNet-5,
 * AlexNet, GoogLeNet, VGG16, ResNet-18, Xception, MobileNet v1, v2 and v3-small, DenseNet-121,
 * EfficientNet-B0, CSPDarknet-53.
 */
export const DEFAULT_COMPARE_NAMES: readonly string[] = [
  'lenet5', 'alexnet', 'googlenet', 'vgg16', 'resnet18', 'xception', 'mobilenet_v1', 'mobilenet_v2',
  'mobilenet_v3_small', 'densenet121', 'efficientnet_b0', 'cspdarknet53',
];

// Scaled-down settings per family, for 28-32 px grey images and a training budget of seconds to minutes.
// Families whose builder has a width knob use it; the others keep their published widths (their builders
// have none) and are small at 32x32 anyway, except VGG and AlexNet, whose dense layers dominate.
const FAMILY: Record<string, Omit<ScaledConfig, 'name'>> = {
  lenet: { options: {}, note: 'as published' },
  alexnet: { options: {}, note: 'published widths, at its 67x67 minimum input (images upsampled)' },
  googlenet: { options: {}, note: 'published widths (LRN, no BN)' },
  vgg: { options: { batchNorm: true }, note: 'published widths, BN after each conv (torchvision _bn): plain VGG barely moves from scratch in a short budget' },
  resnet: { options: {}, note: 'published widths' },
  xception: { options: { middleBlocks: 2 }, note: '2 of the 8 middle-flow blocks' },
  mobilenet: { options: { alpha: 0.5 }, note: 'alpha 0.5' },
  mobilenet_v2: { options: { alpha: 0.5 }, note: 'alpha 0.5' },
  mobilenet_v3: { options: { alpha: 0.75, includePreprocessing: false }, note: 'alpha 0.75, no in-model rescaling (inputs are 0-1)' },
  densenet: { options: { growthRate: 12 }, note: 'growth rate 12 (32 published), as DenseNet-BC on CIFAR' },
  efficientnet: { options: { includePreprocessing: false }, note: 'published coefficients, no in-model normalisation (inputs are 0-1)' },
  cspnet: { options: {}, note: 'published widths' },
};

/**
 * The scaled-down configuration of a registered architecture, by family, for 28-32 px grey images:
 * - LeNet-5: as published (91,946 parameters at 32x32x1).
 * - AlexNet: published widths at its 67x67 minimum input (the framed images upsampled bilinearly).
 * - GoogLeNet, ResNet/ResNeXt/SE-ResNet, CSPNet: published widths (their builders have no width option).
 * - VGG: published widths with BatchNorm after each convolution (torchvision's `vgg16_bn`).
 * - Xception: 2 of the 8 middle-flow blocks.
 * - MobileNet v1 and v2: alpha 0.5; v3: alpha 0.75 without the in-model rescaling.
 * - DenseNet: growth rate 12 instead of 32 (DenseNet-BC's CIFAR setting).
 * - EfficientNet: published coefficients without the in-model normalisation.
 * Rescaling and normalisation layers go because the inputs are already 0-1. Every configuration ends in
 * 10 softmax classes at `inputShape`. Architectures registered later (`registerArchitecture`) get their
 * builder's defaults.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown name, listing the known ones.
 */
export function scaledConfig(name: string): ScaledConfig {
  const entry = getArchitecture(name);
  return { name, ...(FAMILY[entry.family] ?? { options: {}, note: 'builder defaults' }) };
}

/** Builds `name` scaled down (see {@link scaledConfig}) for `inputShape` and `classes`. */
export function buildScaled(name: string, inputShape: [number, number, number], classes: number): tfl.LayersModel {
  const { options } = scaledConfig(name);
  return getArchitecture(name).build({ ...options, inputShape, classes });
}

