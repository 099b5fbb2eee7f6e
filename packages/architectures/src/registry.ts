import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';
import { alexnet } from './models/alexnet.js';
import { googlenet, seinception } from './models/googlenet.js';
import { lenet5 } from './models/lenet.js';
import type { ModelOptions } from './models/options.js';
import { resnet101, resnet152, resnet18, resnet34, resnet50, resnext50_32x4d, seresnet50 } from './models/resnet.js';
import { vgg16, vgg19 } from './models/vgg.js';
import { cspdarknet53, cspresnext50 } from './models/cspnet.js';
import { densenet121, densenet169, densenet201 } from './models/densenet.js';
import {
  efficientnetB0, efficientnetB1, efficientnetB2, efficientnetB3, efficientnetB4, efficientnetB5, efficientnetB6, efficientnetB7,
} from './models/efficientnet.js';
import { mobilenet, mobilenetV2, mobilenetV3Large, mobilenetV3Small } from './models/mobilenet.js';
import { xception } from './models/xception.js';
import { withZeroInit } from './zero-init.js';

/** One registered architecture. */
export interface ArchitectureEntry {
  /** Registry key, e.g. `'resnet50'`. */
  name: string;
  /** Builder family, e.g. `'resnet'` for ResNet, ResNeXt and SE-ResNet. */
  family: string;
  /** Paper title and first author. */
  paper: string;
  year: number;
  /** `[height, width, channels]` the reference count and FLOPs are quoted at. */
  inputShape: [number, number, number];
  /** Classes of the reference classifier. */
  classes: number;
  /** Smallest square input side the builder accepts. */
  minInputSize: number;
  /** Parameters at `inputShape` and `classes`, tfjs counting (BatchNorm moving statistics included). */
  referenceParams: number;
  /** Where `referenceParams` comes from. */
  referenceSource: string;
  /** The thin builder; options override the canonical input and classes. */
  build: (options?: ModelOptions) => tfl.LayersModel;
}

const KERAS = 'Keras Applications (model.count_params(), include_top)';
const TORCH = 'torchvision parameters + BatchNorm running mean/var';

const ENTRIES: ArchitectureEntry[] = [
  { name: 'lenet5', family: 'lenet', paper: 'Gradient-based learning applied to document recognition (LeCun et al.)', year: 1998,
    inputShape: [28, 28, 1], classes: 10, minInputSize: 28, referenceParams: 61_706, referenceSource: 'closed form (the CNN chapter\'s LeNet-5)', build: lenet5 },
  { name: 'alexnet', family: 'alexnet', paper: 'ImageNet classification with deep convolutional neural networks (Krizhevsky et al.)', year: 2012,
    inputShape: [227, 227, 3], classes: 1000, minInputSize: 67, referenceParams: 62_378_344, referenceSource: 'closed form (one tower, LRN, no groups)', build: alexnet },
  { name: 'googlenet', family: 'googlenet', paper: 'Going deeper with convolutions (Szegedy et al.)', year: 2015,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 6_998_552,
    referenceSource: 'PyTorch build of the same structure (test/fixtures/googlenet_params.py)', build: googlenet },
  { name: 'seinception', family: 'googlenet', paper: 'Squeeze-and-excitation networks (Hu et al.)', year: 2018,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 7_500_495,
    referenceSource: 'PyTorch build of the same structure, parameters + BatchNorm running mean/var (test/fixtures/googlenet_params.py)', build: seinception },
  { name: 'vgg16', family: 'vgg', paper: 'Very deep convolutional networks for large-scale image recognition (Simonyan, Zisserman)', year: 2014,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 138_357_544, referenceSource: KERAS, build: vgg16 },
  { name: 'vgg19', family: 'vgg', paper: 'Very deep convolutional networks for large-scale image recognition (Simonyan, Zisserman)', year: 2014,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 143_667_240, referenceSource: KERAS, build: vgg19 },
  ...(
    [
      ['resnet18', 11_699_112, TORCH, resnet18],
      ['resnet34', 21_814_696, TORCH, resnet34],
      ['resnet50', 25_636_712, KERAS, resnet50],
      ['resnet101', 44_707_176, KERAS, resnet101],
      ['resnet152', 60_419_944, KERAS, resnet152],
    ] as const
  ).map(([name, referenceParams, referenceSource, build]): ArchitectureEntry => ({
    name, family: 'resnet', paper: 'Deep residual learning for image recognition (He et al.)', year: 2016,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams, referenceSource, build,
  })),
  { name: 'resnext50_32x4d', family: 'resnet', paper: 'Aggregated residual transformations for deep neural networks (Xie et al.)', year: 2017,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 25_097_128, referenceSource: TORCH, build: resnext50_32x4d },
  { name: 'seresnet50', family: 'resnet', paper: 'Squeeze-and-excitation networks (Hu et al.)', year: 2018,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 28_141_144,
    referenceSource: 'timm seresnet50 parameters + BatchNorm running mean/var', build: seresnet50 },
  { name: 'xception', family: 'xception', paper: 'Xception: deep learning with depthwise separable convolutions (Chollet)', year: 2017,
    inputShape: [299, 299, 3], classes: 1000, minInputSize: 32, referenceParams: 22_910_480, referenceSource: KERAS, build: xception },
  { name: 'mobilenet_v1', family: 'mobilenet', paper: 'MobileNets: efficient convolutional neural networks for mobile vision applications (Howard et al.)', year: 2017,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 4_253_864, referenceSource: KERAS, build: mobilenet },
  { name: 'mobilenet_v2', family: 'mobilenet_v2', paper: 'MobileNetV2: inverted residuals and linear bottlenecks (Sandler et al.)', year: 2018,
    inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams: 3_538_984, referenceSource: KERAS, build: mobilenetV2 },
  ...([['mobilenet_v3_small', 2_554_968, mobilenetV3Small], ['mobilenet_v3_large', 5_507_432, mobilenetV3Large]] as const).map(
    ([name, referenceParams, build]): ArchitectureEntry => ({
      name, family: 'mobilenet_v3', paper: 'Searching for MobileNetV3 (Howard et al.)', year: 2019,
      inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams, referenceSource: KERAS, build,
    })),
  ...([['densenet121', 8_062_504, densenet121], ['densenet169', 14_307_880, densenet169], ['densenet201', 20_242_984, densenet201]] as const).map(
    ([name, referenceParams, build]): ArchitectureEntry => ({
      name, family: 'densenet', paper: 'Densely connected convolutional networks (Huang et al.)', year: 2017,
      inputShape: [224, 224, 3], classes: 1000, minInputSize: 32, referenceParams, referenceSource: KERAS, build,
    })),
  ...(
    [
      [224, 5_330_571, efficientnetB0], [240, 7_856_239, efficientnetB1], [260, 9_177_569, efficientnetB2], [300, 12_320_535, efficientnetB3],
      [380, 19_466_823, efficientnetB4], [456, 30_562_527, efficientnetB5], [528, 43_265_143, efficientnetB6], [600, 66_658_687, efficientnetB7],
    ] as const
  ).map(([side, referenceParams, build], i): ArchitectureEntry => ({
    name: `efficientnet_b${i}`, family: 'efficientnet', paper: 'EfficientNet: rethinking model scaling for convolutional neural networks (Tan, Le)', year: 2019,
    inputShape: [side, side, 3], classes: 1000, minInputSize: 32, referenceParams,
    referenceSource: `${KERAS}, with its input Normalization's 7 statistics`, build,
  })),
  ...([['cspresnext50', 20_627_368, cspresnext50], ['cspdarknet53', 27_677_512, cspdarknet53]] as const).map(
    ([name, referenceParams, build]): ArchitectureEntry => ({
      name, family: 'cspnet', paper: 'CSPNet: a new backbone that can enhance learning capability of CNN (Wang et al.)', year: 2020,
      inputShape: [256, 256, 3], classes: 1000, minInputSize: 32, referenceParams,
      referenceSource: `timm ${name} parameters + BatchNorm running mean/var`, build,
    })),
];

const REGISTRY = new Map<string, ArchitectureEntry>();

/**
 * Adds an architecture to the registry (families living elsewhere register themselves this way).
 * @throws FoveaError `E_INVALID_ARGUMENT` if the name is taken.
 */
export function registerArchitecture(entry: ArchitectureEntry): void {
  if (REGISTRY.has(entry.name)) {
    throw new FoveaError('E_INVALID_ARGUMENT', `Architecture '${entry.name}' is already registered; pick another name.`);
  }
  REGISTRY.set(entry.name, entry);
}
for (const entry of ENTRIES) registerArchitecture(entry);

/** Every registered architecture, in registration order (LeNet-5 first). */
export function listArchitectures(): ArchitectureEntry[] {
  return [...REGISTRY.values()];
}

/**
 * The registry entry of `name`.
 * @throws FoveaError `E_INVALID_ARGUMENT` naming the known architectures.
 */
export function getArchitecture(name: string): ArchitectureEntry {
  const entry = REGISTRY.get(name);
  if (entry === undefined) {
    throw new FoveaError('E_INVALID_ARGUMENT', `Unknown architecture ${JSON.stringify(name)}; use one of ${[...REGISTRY.keys()].join(', ')}.`);
  }
  return entry;
}

/** Options of {@link createModel}. */
export interface CreateModelOptions extends ModelOptions {
  /**
   * Default true. false zero-fills every weight (see {@link withZeroInit}): cheap on the cpu backend,
   * for counting parameters or {@link summarize}; such a model cannot learn (its symmetry is never broken).
   */
  initWeights?: boolean;
}

/**
 * Builds a registered architecture as a tfjs `LayersModel` (untrained; dispose it when done).
 *
 * @example
 * const model = createModel('resnet50', { inputShape: [64, 64, 3], classes: 10 });
 * model.outputs[0].shape; // [null, 10]
 */
export function createModel(name: string, options: CreateModelOptions = {}): tfl.LayersModel {
  const { initWeights = true, ...rest } = options;
  const { build } = getArchitecture(name);
  return initWeights ? build(rest) : withZeroInit(() => build(rest));
}
