import type * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';
import { alexnet } from './models/alexnet.js';
import { googlenet } from './models/googlenet.js';
import { lenet5 } from './models/lenet.js';
import type { ModelOptions } from './models/options.js';
import { resnet101, resnet152, resnet18, resnet34, resnet50, resnext50_32x4d, seresnet50 } from './models/resnet.js';
import { vgg16, vgg19 } from './models/vgg.js';
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
