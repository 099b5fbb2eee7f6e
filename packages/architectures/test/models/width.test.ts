// The `width` option of AlexNet, VGG, ResNet/ResNeXt, Xception and CSPNet: parameter counts of scaled builds against
// closed forms written from the papers' layer tables, with the scaled channel counts worked out by hand.
import { initBackend } from '@fovea/core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { alexnet, cspdarknet53, cspresnext50, resnet18, resnext50_32x4d, vgg16, xception } from '../../src/index.js';
import { inspect } from './build.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

/** k x k conv from cin to cout over `groups`, with BN (gamma, beta, moving mean and variance) and no bias, or a bias and no BN. */
const conv = (k: number, cin: number, cout: number, o: { groups?: number; bn?: boolean } = {}) =>
  (k * k * cin * cout) / (o.groups ?? 1) + (o.bn === false ? cout : 4 * cout);
const dense = (cin: number, cout: number) => cin * cout + cout;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/** Output channels of every convolution, in layer order. */
const convFilters = (model: tfl.LayersModel) =>
  model.layers.filter((l) => ['Conv2D', 'GroupedConv2D'].includes(l.getClassName())).map((l) => l.getConfig().filters as number);

describe('alexnet width', () => {
  // At 67x67x1: C1 11x11/4 valid -> 15, pool -> 7, C3 'same', pool -> 3, C5-C7, pool -> 1x1xC7. C3, C6, C7 grouped.
  const closedForm = ([c1, c3, c5, c6, c7]: number[], units: number, groups: number) => sum([
    conv(11, 1, c1, { bn: false }), conv(5, c1, c3, { groups, bn: false }), conv(3, c3, c5, { bn: false }),
    conv(3, c5, c6, { groups, bn: false }), conv(3, c6, c7, { groups, bn: false }), dense(c7, units), dense(units, units), dense(units, 10),
  ]);

  it.each([
    // 96, 256, 384, 384, 256 and 4096 x 1/8: exact.
    [0.125, 1, [12, 32, 48, 48, 32], 512, 344_290],
    // x 0.1 = 9.6, 25.6, 38.4, 38.4, 25.6 -> nearest even (2 groups): 10, 26, 38, 38, 26; 409.6 -> 410 units.
    [0.1, 2, [10, 26, 38, 38, 26], 410, undefined],
  ] as const)('width %d, groups %d: filters %j, %d units', (width, groups, filters, units, total) => {
    inspect(() => alexnet({ inputShape: [67, 67, 1], classes: 10, width, groups }), (model) => {
      expect(convFilters(model)).toEqual(filters);
      expect(model.getLayer('f9').getConfig().units).toBe(units);
      expect(model.countParams()).toBe(closedForm([...filters], units, groups));
      if (total !== undefined) expect(model.countParams()).toBe(total);
    });
  });
});

describe('vgg width', () => {
  // VGG16 at 32x32x1: blocks of 2, 2, 3, 3, 3 3x3 convs, five 2x2 pools -> 1x1xC5, fc1, fc2, 10 classes.
  const closedForm = (f: number[], units: number, bn: boolean) => {
    const depths = [2, 2, 3, 3, 3];
    let cin = 1;
    const convs = depths.flatMap((d, b) => Array.from({ length: d }, () => {
      const p = conv(3, cin, f[b], { bn });
      cin = f[b];
      return p;
    }));
    return sum(convs) + dense(f[4], units) + dense(units, units) + dense(units, 10);
  };

  it.each([
    // Plain: 230,424 in the convs + 33,280 + 262,656 + 5,130 in fc1, fc2, predictions.
    [0.125, false, [8, 16, 32, 64, 64], 512, 531_490],
    // BN replaces the 528 conv biases by 4 x 528 BN weights.
    [0.125, true, [8, 16, 32, 64, 64], 512, 533_074],
    // 64 x 0.3 = 19.2 -> 19, 38.4 -> 38, 76.8 -> 77, 153.6 -> 154; 4096 x 0.3 = 1228.8 -> 1229.
    [0.3, false, [19, 38, 77, 154, 154], 1229, undefined],
  ] as const)('width %d, batchNorm %s: filters %j, %d units', (width, batchNorm, f, units, total) => {
    inspect(() => vgg16({ inputShape: [32, 32, 1], classes: 10, width, batchNorm }), (model) => {
      expect(convFilters(model)).toEqual([2, 2, 3, 3, 3].flatMap((d, b) => Array<number>(d).fill(f[b])));
      expect(model.countParams()).toBe(closedForm([...f], units, batchNorm));
      if (total !== undefined) expect(model.countParams()).toBe(total);
    });
  });
});

describe('resnet width', () => {
  // torchvision layout: 7x7/2 stem conv + BN, no conv biases, a 1x1 projection + BN where the shape changes.
  const basic = (cin: number, p: number) => conv(3, cin, p) + conv(3, p, p) + (cin !== p ? conv(1, cin, p) : 0);
  const bottle = (cin: number, p: number, w: number, g: number, project: boolean) =>
    conv(1, cin, w) + conv(3, w, w, { groups: g }) + conv(1, w, 4 * p) + (project ? conv(1, cin, 4 * p) : 0);

  it('ResNet-18 at width 0.25: stem 16, planes 16, 32, 64, 128 (704,218 at 32x32x1)', () => {
    const planes = [16, 32, 64, 128];
    let cin = 16;
    const stages = planes.map((p) => {
      const n = basic(cin, p) + basic(p, p);
      cin = p;
      return n;
    });
    const expected = conv(7, 1, 16) + sum(stages) + dense(128, 10);
    expect(expected).toBe(704_218);
    inspect(() => resnet18({ inputShape: [32, 32, 1], classes: 10, width: 0.25 }), (model) => expect(model.countParams()).toBe(expected));
  });

  it('ResNeXt-50 32x4d at width 0.25 keeps 32 groups: planes 16-128, 3x3 widths floor(p * 4 / 64) * 32 = 32-256', () => {
    const planes = [16, 32, 64, 128];
    const widths = [32, 64, 128, 256];
    let cin = 16;
    const stages = [3, 4, 6, 3].map((depth, s) => {
      let n = 0;
      for (let i = 0; i < depth; i++) {
        n += bottle(cin, planes[s], widths[s], 32, i === 0);
        cin = 4 * planes[s];
      }
      return n;
    });
    inspect(() => resnext50_32x4d({ inputShape: [32, 32, 1], classes: 10, width: 0.25 }), (model) => {
      expect(model.countParams()).toBe(conv(7, 1, 16) + sum(stages) + dense(512, 10));
      const grouped = model.layers.filter((l) => l.getClassName() === 'GroupedConv2D').map((l) => l.getConfig().groups);
      expect(new Set(grouped)).toEqual(new Set([32]));
    });
  });

  it('rejects a width that leaves a ResNeXt group no channel', () => {
    // 64 x 0.2 = 12.8 -> 13 planes; floor(13 * 4 / 64) = 0 channels per group.
    expect(() => resnext50_32x4d({ width: 0.2 })).toThrow(/width 0.2 gives 13 planes .* use width >= 0.25/);
  });
});

describe('cspnet width', () => {
  // timm's CrossStage: conv_down 3x3/2 (groups) -> conv_exp 1x1 to E -> halves; blocks on one half ->
  // conv_transition_b 1x1 -> concat -> conv_transition 1x1 to the stage's filters. Every conv + BN, no bias.
  interface Stage { cin: number; f: number; down: number; e: number; depth: number; mid: number; g: number; block: 'dark' | 'bottleneck' }
  const stage = ({ cin, f, down, e, depth, mid, g, block }: Stage) => {
    const half = e / 2;
    const unit = block === 'dark'
      ? conv(1, half, mid) + conv(3, mid, half)
      : conv(1, half, mid) + conv(3, mid, mid, { groups: g }) + conv(1, mid, half);
    return (down > 0 ? conv(3, cin, down, { groups: g }) : 0) + conv(1, down || cin, e) + depth * unit + conv(1, half, half) + conv(1, e, f);
  };

  it('CSPDarknet-53 at width 0.125: stem 4, stages 8, 16, 32, 64, 128 (425,486 at 32x32x1)', () => {
    // Stage 1 expands 2x with half-width blocks; the others expand 1x and their blocks are half the stage.
    const f = [8, 16, 32, 64, 128];
    const stages = f.map((fi, i) => stage({
      cin: i === 0 ? 4 : f[i - 1], f: fi, down: fi, e: i === 0 ? 2 * fi : fi, depth: [1, 2, 8, 8, 4][i], mid: i === 0 ? fi / 2 : fi / 2, g: 1, block: 'dark',
    }));
    const expected = conv(3, 1, 4) + sum(stages) + dense(128, 10);
    expect(expected).toBe(425_486);
    inspect(() => cspdarknet53({ inputShape: [32, 32, 1], classes: 10, width: 0.125 }), (model) => expect(model.countParams()).toBe(expected));
  });

  it('CSPResNeXt-50 at width 0.125: stages round to multiples of 64 (2 x 32 groups): 64, 64, 128, 256; stem 8', () => {
    // 256, 512, 1024, 2048 x 1/8 = 32, 64, 128, 256; 32 / 64 = 0.5 rounds to 1 -> 64. Stem 64 / 8 = 8.
    const f = [64, 64, 128, 256];
    const stages = f.map((fi, i) => stage({
      cin: i === 0 ? 8 : f[i - 1], f: fi, down: i === 0 ? 0 : f[i - 1], e: fi, depth: [3, 3, 5, 2][i], mid: fi / 2, g: 32, block: 'bottleneck',
    }));
    inspect(() => cspresnext50({ inputShape: [64, 64, 1], classes: 10, width: 0.125 }), (model) => {
      expect(model.countParams()).toBe(conv(7, 1, 8) + sum(stages) + dense(256, 10));
    });
  });
});

describe('xception width', () => {
  // Keras's layout: two plain convs, entry blocks (1x1/2 projection + two separable convs), middle blocks of three
  // separable convs, the exit block and two more separable convs. Separable: 3x3 depthwise + 1x1 pointwise, no bias.
  const sep = (cin: number, cout: number) => 9 * cin + cin * cout + 4 * cout;
  const down = (cin: number, f1: number, f2: number) => conv(1, cin, f2) + sep(cin, f1) + sep(f1, f2);
  const closedForm = ([a, b, c2, c3, m, e1, e2, e3]: number[], cin: number, middle: number, classes: number) =>
    conv(3, cin, a) + conv(3, a, b) + down(b, c2, c2) + down(c2, c3, c3) + down(c3, m, m) + middle * 3 * sep(m, m) +
    down(m, m, e1) + sep(e1, e2) + sep(e2, e3) + dense(e3, classes);

  it.each([
    // The published widths: the closed form gives Keras's 22,910,480 (input size does not change the count).
    [1, [32, 64, 128, 256, 728, 1024, 1536, 2048], 3, 1000, 22_910_480],
    // x 1/4: 728 / 4 = 182 exactly.
    [0.25, [8, 16, 32, 64, 182, 256, 384, 512], 1, 10, 1_368_332],
    // x 0.1: 3.2, 6.4, 12.8, 25.6, 72.8, 102.4, 153.6, 204.8 -> nearest.
    [0.1, [3, 6, 13, 26, 73, 102, 154, 205], 1, 10, undefined],
  ] as const)('width %d: filters %j', (width, filters, channels, classes, total) => {
    inspect(() => xception({ inputShape: [32, 32, channels], classes, width }), (model) => {
      expect(model.countParams()).toBe(closedForm([...filters], channels, 8, classes));
      if (total !== undefined) expect(model.countParams()).toBe(total);
    });
  });
});

describe('width validation', () => {
  it.each([
    ['alexnet', () => alexnet({ width: 0 })],
    ['vgg', () => vgg16({ width: -1 })],
    ['resnet', () => resnet18({ width: Number.NaN })],
    ['cspnet', () => cspdarknet53({ width: Number.POSITIVE_INFINITY })],
    ['xception', () => xception({ width: '0.5' as unknown as number })],
  ])('%s rejects a width that is not a positive number', (builder, build) => {
    expect(build).toThrow(new RegExp(`${builder}: width must be a positive number .* got `));
  });
});
