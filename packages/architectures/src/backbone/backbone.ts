import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { FoveaError } from '@fovea/core';
import { type CreateModelOptions, createModel } from '../registry.js';
import { type FeatureInfo, type Tap, selectLayers, selectLevels } from './levels.js';

/** Options of {@link backboneFromModel}. */
export interface BackboneSelection {
  /**
   * Pyramid levels k to return (`'Ck'`, stride 2^k), e.g. `[3, 4, 5]` for RetinaNet. Default: every level the
   * network has from 2 up to its deepest (ResNet-50 at 224: `[2, 3, 4, 5]`).
   */
  outLevels?: number[];
  /**
   * Instead of levels, the outputs of these layers, `{ featureName: layerName }` (torchvision's `return_nodes`),
   * e.g. FCN-8s's `{ pool3: 'block3_pool', pool4: 'block4_pool' }` on VGG16. Excludes `outLevels`.
   */
  returnLayers?: Record<string, string>;
}

/** Options of {@link createBackbone}: the registry's build options without the classifier, and the selection. */
export interface BackboneOptions extends Omit<CreateModelOptions, 'classes' | 'includeTop' | 'pooling' | 'classifierActivation'>, BackboneSelection {
  /** Builder options pass through, e.g. `alpha` (MobileNet) or `variant` (ResNet). */
  [builderOption: string]: unknown;
}

/** A network cut into named feature maps (timm's `features_only`, torchvision's `create_feature_extractor`). */
export interface Backbone {
  /** One NHWC output per entry of `featureInfo`, in its order; shares layers and weights with the source model. */
  model: tfl.LayersModel;
  /** Name, stride, channels and source layer of each feature map, shallowest first. */
  featureInfo: FeatureInfo[];
  /**
   * Runs the network on `input` `[batch, height, width, channels]` and returns `{ [name]: [batch, h, w, channels] }`.
   * The returned tensors are the caller's to dispose; nothing else is left allocated. `training` switches
   * BatchNorm to batch statistics and enables dropout (default false).
   */
  features(input: tf.Tensor4D, options?: { training?: boolean }): Record<string, tf.Tensor4D>;
  /**
   * Releases this backbone's hold on its layers. A {@link createBackbone} backbone is their only holder, so its
   * weights are freed; a {@link backboneFromModel} backbone's are freed once the source model is disposed too.
   */
  dispose(): void;
}

const CLASSIFIER_OPTIONS = ['classes', 'includeTop', 'pooling', 'classifierActivation'];

/**
 * Counts `model` as one more holder of each of its layers, so that disposing it releases only its hold. tfjs counts
 * symbolic applications, and a model built over existing tensors applies nothing: without this, disposing either
 * the source or the backbone would free weights the other still uses. A nested model is released twice by
 * `dispose()` (once as a layer, once as an internal container), so it is retained twice.
 */
function retainLayers(model: tfl.LayersModel): void {
  for (const layer of model.layers) {
    const counted = layer as unknown as { _refCount: number | null };
    if (typeof counted._refCount !== 'number') continue; // an InputLayer: never counted, its dispose is a no-op
    counted._refCount += 1 + model.internalContainerRefs.filter((c) => c === layer).length;
  }
}

function checkInput(model: tfl.LayersModel, input: tf.Tensor): void {
  const expected = model.inputs[0].shape;
  const fits = input instanceof tf.Tensor && input.rank === 4 && expected.every((d, i) => d === null || d === input.shape[i]);
  if (!fits) {
    const got = input instanceof tf.Tensor ? JSON.stringify(input.shape) : String(input);
    throw new FoveaError('E_INVALID_ARGUMENT',
      `features() of '${model.name}' takes a [batch, height, width, channels] tensor matching ${JSON.stringify(expected)} (null: any); got ${got}. Resize the images or build the backbone with that inputShape.`);
  }
}

function makeBackbone(source: tfl.LayersModel, taps: Tap[]): Backbone {
  const model = tfl.model({ inputs: source.inputs, outputs: taps.map((t) => t.tensor), name: `${source.name}_features` });
  retainLayers(model);
  const names = taps.map((t) => t.info.name);
  return {
    model,
    featureInfo: taps.map((t) => ({ ...t.info })),
    features(input, options = {}) {
      checkInput(model, input);
      return tf.tidy(() => {
        const out = model.apply(input, { training: options.training ?? false }) as tf.Tensor4D | tf.Tensor4D[];
        const list = Array.isArray(out) ? out : [out];
        return Object.fromEntries(names.map((name, i) => [name, list[i]]));
      }) as Record<string, tf.Tensor4D>;
    },
    dispose() {
      model.dispose();
    },
  };
}

/**
 * A backbone over any functional tfjs model with one NHWC input (a registry model, a user's, a loaded one).
 *
 * Level rule: level k (`'Ck'`, stride 2^k as in detectron/FPN) is the deepest tensor of stride 2^k that every path
 * from the input to the output passes through: a residual unit's `Add` (or the activation after it), an inception
 * module's concatenation, a dense block's transition, a network's final activation. Branch-internal layers never
 * qualify, nor padding layers. Strides are exact, read from the layers (conv and pooling strides, transposed convs and
 * up-sampling dividing), not from sizes, so 'valid' networks count right (AlexNet's 227 -> 55 is stride 4). For
 * the inverted-residual networks (MobileNetV2/V3, EfficientNet) the deepest map at a stride is the expansion
 * before the next stride-2 depthwise conv (`block_3_expand_relu6`..., the layers TF's MobileNetV2 U-Net tutorial
 * and torchvision's SSDLite tap), and the last level is Keras's top conv (EfficientNet-B0: 1280 channels; timm's
 * default stage outputs are `returnLayers` away). The deepest level is what `includeTop: false` outputs.
 * Non-4D layers (global pooling, dense) are never levels.
 *
 * The backbone shares layers and weights with `model`; dispose both (in any order) to free them.
 * @throws FoveaError `E_INVALID_ARGUMENT` for a model without one 4D input, a level or layer it does not have,
 *   or both `outLevels` and `returnLayers`.
 */
export function backboneFromModel(model: tfl.LayersModel, options: BackboneSelection = {}): Backbone {
  const { outLevels, returnLayers } = options;
  if (!(model instanceof tfl.LayersModel) || model.inputs == null) {
    throw new FoveaError('E_INVALID_ARGUMENT',
      `backboneFromModel needs a built tfjs LayersModel (tfl.model or tfl.sequential with an input shape); got ${String(model)}.`);
  }
  if (outLevels !== undefined && returnLayers !== undefined) {
    throw new FoveaError('E_INVALID_ARGUMENT', 'Give outLevels or returnLayers, not both: levels are chosen by the rule, layers by name.');
  }
  return makeBackbone(model, returnLayers !== undefined ? selectLayers(model, returnLayers) : selectLevels(model, outLevels));
}

/**
 * Builds the registered architecture `name` without its classifier (`includeTop: false`) and cuts it into feature
 * maps by the rule of {@link backboneFromModel}. Layers past the deepest requested level are not kept.
 *
 * @example
 * const backbone = createBackbone('resnet50', { inputShape: [224, 224, 3] });
 * backbone.featureInfo.map((f) => `${f.name}/${f.stride}/${f.channels}`); // C2/4/256 C3/8/512 C4/16/1024 C5/32/2048
 * @throws FoveaError `E_INVALID_ARGUMENT` for an unknown name, classifier options, or a level the network lacks.
 */
export function createBackbone(name: string, options: BackboneOptions = {}): Backbone {
  const { outLevels, returnLayers, ...build } = options;
  const classifier = CLASSIFIER_OPTIONS.filter((key) => key in build);
  if (classifier.length > 0) {
    throw new FoveaError('E_INVALID_ARGUMENT', `createBackbone builds the network without its classifier; drop ${classifier.join(', ')} (or use createModel).`);
  }
  const source = createModel(name, { ...build, includeTop: false } as CreateModelOptions);
  try {
    return backboneFromModel(source, { outLevels, returnLayers });
  } finally {
    source.dispose(); // the backbone retained what it uses; this frees the layers past its deepest level
  }
}
