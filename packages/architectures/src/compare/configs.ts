import type * as tfl from '@tensorflow/tfjs-layers';
import { efficientnet } from '../models/efficientnet.js';
import { getArchitecture } from '../registry.js';

/** How {@link compareArchitectures} builds one architecture for small grey images. */
export interface ScaledConfig {
  /** Registry name. */
  name: string;
  /**
   * Builder options on top of `{ inputShape, classes }`, as passed to the registry's builder (EfficientNet-B0:
   * to the parametric `efficientnet`, since the named builder fixes its compound coefficients).
   */
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

// Per family, for 32x32x1 inputs and 10 classes: widths cut so that every default model has 0.09-1.4 M parameters
// (the published ones have 4-138 M, sized for 224x224 ImageNet) and trains at tens of images per second on one
// wasm thread. The resulting counts are listed in scaledConfig's TSDoc.
const FAMILY: Record<string, Omit<ScaledConfig, 'name'>> = {
  lenet: { options: {}, note: 'as published' },
  alexnet: { options: { width: 0.125 }, note: 'width 1/8 (12-48 filters, 512-unit dense layers), at its 67x67 minimum input (images upsampled)' },
  googlenet: { options: { width: 0.25, batchNorm: true }, note: 'width 1/4, BN instead of LRN (BN-GoogLeNet): without BN it barely moves from scratch in a short budget' },
  vgg: { options: { width: 0.125, batchNorm: true }, note: 'width 1/8 (8-64 filters, 512-unit fc1/fc2), BN after each conv (torchvision _bn)' },
  resnet: { options: { width: 0.25 }, note: 'width 1/4 (stem 16, planes 16-128)' },
  xception: { options: { width: 0.25 }, note: 'width 1/4 (8-512 filters, 182 in the middle flow), all 8 middle-flow blocks' },
  mobilenet: { options: { alpha: 0.5 }, note: 'alpha 0.5' },
  mobilenet_v2: { options: { alpha: 0.5 }, note: 'alpha 0.5' },
  mobilenet_v3: { options: { alpha: 0.75, includePreprocessing: false }, note: 'alpha 0.75, no in-model rescaling (inputs are 0-1)' },
  densenet: { options: { growthRate: 12 }, note: 'growth rate 12 (32 published), as DenseNet-BC on CIFAR' },
  efficientnet: { options: { includePreprocessing: false }, note: 'published coefficients, no in-model normalisation (inputs are 0-1)' },
  cspnet: { options: { width: 0.125 }, note: 'width 1/8 (CSPDarknet-53: stem 4, stages 8-128)' },
};

// Names whose scaled model does not come from the registry's builder.
const NAMED: Record<string, Omit<ScaledConfig, 'name'> & { build: (o: Record<string, unknown>) => tfl.LayersModel }> = {
  efficientnet_b0: {
    options: { widthCoefficient: 0.5, depthCoefficient: 0.5, dropout: 0.2, includePreprocessing: false },
    note: 'B0 compound-scaled down: width 0.5, depth 0.5 (10 of 16 MBConv blocks), no in-model normalisation',
    build: (o) => efficientnet({ name: 'efficientnetb0', ...(o as unknown as Parameters<typeof efficientnet>[0]) }),
  },
};

/**
 * The scaled-down configuration of a registered architecture for 28-32 px grey images, 10 classes.
 * Parameters of the default names at 32x32x1 with 10 classes in brackets:
 * - LeNet-5: as published (91,946).
 * - AlexNet: `width: 0.125` (12, 32, 48, 48, 32 filters; 512-unit F9/F10) at its 67x67 minimum input, the
 *   framed images upsampled bilinearly (344,290).
 * - GoogLeNet: `width: 0.25` with BatchNorm in place of LRN (BN-GoogLeNet; the plain one hardly trains from
 *   scratch in a short budget) (382,938).
 * - VGG: `width: 0.125` (8-64 filters, 512-unit fc1/fc2) with BatchNorm after each convolution, torchvision's
 *   `vgg16_bn` (533,074).
 * - ResNet/ResNeXt/SE-ResNet: `width: 0.25` (ResNet-18: stem 16, planes 16, 32, 64, 128; 704,218).
 * - Xception: `width: 0.25` (8, 16, 32, 64, 182, 256, 384, 512 filters) with all 8 middle-flow blocks (1,368,332).
 * - MobileNet v1 and v2: alpha 0.5 (834,378 and 718,746); v3: alpha 0.75 without the in-model rescaling
 *   (v3-small 1,036,514).
 * - DenseNet: growth rate 12 instead of 32, DenseNet-BC's CIFAR setting (DenseNet-121: 1,089,202).
 * - EfficientNet-B0: compound-scaled down to width 0.5 and depth 0.5 through the parametric `efficientnet`,
 *   without the in-model normalisation (676,138); B1-B7 keep their published coefficients.
 * - CSPNet: `width: 0.125` (CSPDarknet-53: stem 4, stages 8, 16, 32, 64, 128; 425,486).
 * Rescaling and normalisation layers go because the inputs are already 0-1. Architectures registered later
 * (`registerArchitecture`) get their builder's defaults.
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown name, listing the known ones.
 */
export function scaledConfig(name: string): ScaledConfig {
  const entry = getArchitecture(name);
  const named = NAMED[name];
  if (named !== undefined) return { name, options: named.options, note: named.note };
  return { name, ...(FAMILY[entry.family] ?? { options: {}, note: 'builder defaults' }) };
}

/** Builds `name` scaled down (see {@link scaledConfig}) for `inputShape` and `classes`. */
export function buildScaled(name: string, inputShape: [number, number, number], classes: number): tfl.LayersModel {
  const { options } = scaledConfig(name);
  const build = NAMED[name]?.build ?? getArchitecture(name).build;
  return build({ ...options, inputShape, classes });
}
