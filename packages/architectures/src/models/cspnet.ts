import * as tfl from '@tensorflow/tfjs-layers';
import { check } from '@fovea/core';
import { apply } from '../blocks/common.js';
import { convBnAct } from '../blocks/conv-bn-act.js';
import { type CspStageOptions, cspStage } from '../blocks/csp.js';
import { type ModelOptions, averagePoolTop, finishModel, modelInput, resolveOptions } from './options.js';
import { widthScaler } from './width.js';

/** A stage of {@link cspnet}: {@link CspStageOptions} without the name and drop-path rates. */
export type CspStageSpec = Omit<CspStageOptions, 'name' | 'dropPath' | 'activation'>;

/** Options of {@link cspnet}. */
export interface CspNetOptions extends ModelOptions {
  /** Stem: one k x k conv (stride 2 when `stemStride` > 1), then a 3x3/2 max pool when `stemStride` is 4. */
  stem: { filters: number; kernelSize: number; stemStride: 1 | 2 | 4 };
  stages: CspStageSpec[];
  /** Largest stochastic-depth rate, reached by the last block (linear from 0); default 0. */
  dropPath?: number;
  /**
   * Width multiplier of the stem and of every stage's `filters` (all inner widths follow from them
   * through the stage's ratios); default 1. A stage's c becomes `max(g, round(c * width / g) * g)` with
   * g = 2 x its `groups`, so that the channel split halves and the grouped convolutions stay whole; the
   * stem's the same with g = the first stage's `groups` when that stage opens with its (grouped)
   * down-sampling conv, else g = 1. E.g. CSPDarknet-53 at width 0.25: stem 8,
   * stages 16, 32, 64, 128, 256; CSPResNeXt-50 (32 groups) at 0.25: stem 16, stages 64, 128, 256, 512.
   */
  width?: number;
}

/**
 * CSPNet (Wang et al., "CSPNet: a new backbone that can enhance learning capability of CNN", 2020) from
 * one builder, as timm's `CspNet`: a conv stem, a sequence of {@link cspStage}s, global average pool,
 * `predictions`. Every conv is conv (no bias) -> BN (epsilon 1e-5) -> leaky ReLU (slope 0.01), with
 * PyTorch's symmetric padding. Counts are timm's parameters plus the BN moving statistics. `width`
 * scales the stem and every stage (see {@link CspNetOptions.width}).
 *
 * Deviation: the stem's max pool pads with zeros (`ZeroPadding2D(1)`) where PyTorch pads with -inf;
 * the two differ only where a border window holds only negative (leaky) activations.
 */
export function cspnet(options: CspNetOptions): tfl.LayersModel {
  const { stem, stages, dropPath = 0, width = 1 } = options;
  check([1, 2, 4].includes(stem.stemStride), `cspnet: stem.stemStride must be 1, 2 or 4; got ${stem.stemStride}.`);
  check(Array.isArray(stages) && stages.length >= 1, 'cspnet: give at least one stage.');
  const scale = widthScaler(width, 'cspnet');
  const o = resolveOptions(options, { inputShape: [256, 256, 3], name: 'cspnet' });
  const input = modelInput(o, 32, 'CSPNet');
  const strides = stem.stemStride > 1 ? 2 : 1;
  // Only a first stage that down-samples reads the stem through a grouped conv.
  const stemDivisor = (stages[0].strides ?? 2) !== 1 ? (stages[0].groups ?? 1) : 1;
  let x = convBnAct(input, {
    filters: scale(stem.filters, stemDivisor), kernelSize: stem.kernelSize, strides, padding: strides > 1 ? Math.floor(stem.kernelSize / 2) : 'same',
    activation: 'linear', name: 'stem_conv1',
  });
  x = apply(tfl.layers.leakyReLU({ alpha: 0.01, name: 'stem_conv1_leaky_relu' }), x);
  if (stem.stemStride === 4) {
    x = apply(tfl.layers.zeroPadding2d({ padding: 1, name: 'stem_pool_pad' }), x);
    x = apply(tfl.layers.maxPooling2d({ poolSize: 3, strides: 2, name: 'stem_pool' }), x);
  }
  const total = stages.reduce((n, s) => n + s.depth, 0);
  let index = 0;
  stages.forEach((spec, i) => {
    const rates = Array.from({ length: spec.depth }, () => (total > 1 ? (dropPath * index++) / (total - 1) : 0));
    x = cspStage(x, { ...spec, filters: scale(spec.filters, 2 * (spec.groups ?? 1)), dropPath: rates, name: `stage${i + 1}` });
  });
  return finishModel(input, x, o, averagePoolTop(o));
}

type Named = Omit<CspNetOptions, 'stem' | 'stages'>;

/**
 * CSPResNeXt-50 (timm's `cspresnext50`): 7x7/2 stem of 64 and max pool, stages of 3, 3, 5, 2
 * bottleneck blocks with 32 groups, outputs 256, 512, 1024, 2048, the first without down-sampling.
 * 20,627,368 parameters with 1000 classes.
 */
export const cspresnext50 = (o: Named = {}) => cspnet({
  name: 'cspresnext50', ...o,
  stem: { filters: 64, kernelSize: 7, stemStride: 4 },
  stages: [[3, 256, 1], [3, 512, 2], [5, 1024, 2], [2, 2048, 2]].map(([depth, filters, strides]) => ({
    depth, filters, strides, block: 'bottleneck' as const, groups: 32, expandRatio: 1, bottleRatio: 1, blockRatio: 0.5, crossLinear: true,
  })),
});

/**
 * CSPDarknet-53 (timm's `cspdarknet53`, YOLOv4's backbone): 3x3 stem of 32, five stride-2 stages of
 * 1, 2, 8, 8, 4 Darknet blocks with outputs 64 ... 1024; the first stage expands 2x with half-width
 * bottlenecks. 27,677,512 parameters with 1000 classes.
 */
export const cspdarknet53 = (o: Named = {}) => cspnet({
  name: 'cspdarknet53', ...o,
  stem: { filters: 32, kernelSize: 3, stemStride: 1 },
  stages: [[1, 64], [2, 128], [8, 256], [8, 512], [4, 1024]].map(([depth, filters], i) => ({
    depth, filters, strides: 2, block: 'dark' as const, downGrowth: true,
    expandRatio: i === 0 ? 2 : 1, bottleRatio: i === 0 ? 0.5 : 1, blockRatio: i === 0 ? 1 : 0.5,
  })),
});
