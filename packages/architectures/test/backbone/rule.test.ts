// The level rule on small hand-built graphs, each isolating one case: branch layers never chosen, padding skipped,
// broadcast gates ignored, strides read from layers (valid padding, up-sampling, nested models), and domination
// taken over every output of a multi-output model.
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BackboneSelection, backboneFromModel } from '../../src/index.js';
import { table, using } from './helpers.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

type ST = tfl.SymbolicTensor;
const conv = (x: ST, name: string, strides = 1, padding: 'same' | 'valid' = 'same', kernelSize = 3, filters = 4) =>
  tfl.layers.conv2d({ filters, kernelSize, strides, padding, name }).apply(x) as ST;
const model = (input: ST, outputs: ST | ST[]) => tfl.model({ inputs: input, outputs });

/** Each case builds a model; the rule must pick `expected` = [name, stride, channels, height, width, layer][]. */
const CASES: [string, () => tfl.LayersModel, BackboneSelection, [string, number, number, number, number, string][]][] = [
  ['a branch layer deeper than the stem at its stride is not chosen', () => {
    const input = tfl.input({ shape: [32, 32, 3] });
    const stem = conv(input, 'stem', 2);
    const a = conv(conv(stem, 'a1', 1, 'same', 1), 'a2', 2); // a1: stride 2, after stem, inside a branch
    const b = tfl.layers.maxPooling2d({ poolSize: 2, name: 'b' }).apply(stem) as ST;
    return model(input, tfl.layers.add({ name: 'sum' }).apply([a, b]) as ST);
  }, { outLevels: [1, 2] }, [['C1', 2, 4, 16, 16, 'stem'], ['C2', 4, 4, 8, 8, 'sum']]],
  ['padding layers are skipped: their output is the same grid with a border', () => {
    const input = tfl.input({ shape: [32, 32, 3] });
    const pad = tfl.layers.zeroPadding2d({ padding: 1, name: 'pad' }).apply(conv(input, 'c1', 2)) as ST;
    return model(input, conv(pad, 'c2', 2, 'valid'));
  }, { outLevels: [1, 2] }, [['C1', 2, 4, 16, 16, 'c1'], ['C2', 4, 4, 8, 8, 'c2']]],
  ["'valid' convolutions: stride from the layer, not the size (10 -> 4 is stride 2)", () => {
    const input = tfl.input({ shape: [10, 10, 3] });
    return model(input, conv(conv(input, 'c1', 2, 'valid'), 'c2', 2, 'valid', 3));
  }, { outLevels: [1] }, [['C1', 2, 4, 4, 4, 'c1']]],
  ['a squeeze-excitation gate (1x1, broadcast) does not hide the stride of its product', () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const x = conv(input, 'c', 2);
    let gate = tfl.layers.globalAveragePooling2d({}).apply(x) as ST;
    gate = tfl.layers.reshape({ targetShape: [1, 1, 4] }).apply(gate) as ST;
    gate = tfl.layers.conv2d({ filters: 4, kernelSize: 1, activation: 'sigmoid', name: 'gate' }).apply(gate) as ST;
    return model(input, conv(tfl.layers.multiply({ name: 'excite' }).apply([x, gate]) as ST, 'c2', 2));
  }, {}, [['C2', 4, 4, 4, 4, 'c2']]],
  ['up-sampling and transposed convolutions divide the stride (an encoder-decoder)', () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const down = conv(conv(input, 'd1', 2), 'd2', 2);
    const up = tfl.layers.upSampling2d({ size: [2, 2], name: 'up' }).apply(down) as ST;
    return model(input, tfl.layers.conv2dTranspose({ filters: 2, kernelSize: 2, strides: 2, name: 'tconv' }).apply(up) as ST);
  }, { outLevels: [0, 1, 2] }, [['C0', 1, 2, 16, 16, 'tconv'], ['C1', 2, 4, 8, 8, 'up'], ['C2', 4, 4, 4, 4, 'd2']]],
  ['a skip connection makes the layers it bypasses branch layers (a U-Net: only the merge is a level)', () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const up = tfl.layers.upSampling2d({ size: [2, 2], name: 'up' }).apply(conv(conv(input, 'd1', 2), 'd2', 2)) as ST;
    const skip = conv(input, 'skip', 2);
    return model(input, conv(tfl.layers.concatenate({ name: 'cat' }).apply([skip, up]) as ST, 'head'));
  }, { outLevels: [1] }, [['C1', 2, 4, 8, 8, 'head']]],
  ['a nested model as a layer: stride from its exact size ratio', () => {
    const inner = tfl.sequential({ name: 'inner', layers: [tfl.layers.conv2d({ inputShape: [32, 32, 3], filters: 6, kernelSize: 3, strides: 4, padding: 'same' })] });
    const input = tfl.input({ shape: [32, 32, 3] });
    return model(input, inner.apply(input) as ST);
  }, {}, [['C2', 4, 6, 8, 8, 'inner']]],
  ['a Sequential model', () => tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [28, 28, 1], filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 's1' }),
      tfl.layers.conv2d({ filters: 8, kernelSize: 3, strides: 2, padding: 'same', name: 's2' }),
      tfl.layers.flatten({}), tfl.layers.dense({ units: 3 }),
    ],
  }), {}, [['C2', 4, 8, 7, 7, 's2']]],
  ['domination is over every output: a map feeding only one of two outputs is not a level', () => {
    const input = tfl.input({ shape: [16, 16, 3] });
    const a = conv(input, 'a', 2);
    return model(input, [conv(a, 'b', 2), conv(a, 'aux')]);
  }, { outLevels: [1] }, [['C1', 2, 4, 8, 8, 'a']]],
  ['returnLayers takes any 4D layer, branches and odd strides included', () => {
    const input = tfl.input({ shape: [18, 18, 3] });
    const a = conv(input, 'a', 3);
    return model(input, [conv(a, 'b', 2), conv(a, 'aux')]);
  }, { returnLayers: { third: 'a', branch: 'b' } }, [['third', 3, 4, 6, 6, 'a'], ['branch', 6, 4, 3, 3, 'b']]],
];

describe('the level rule', () => {
  it.each(CASES)('%s', (_, build, selection, expected) => {
    const before = tf.memory().numTensors;
    const source = build();
    using(() => backboneFromModel(source, selection), (backbone) => {
      expect(table(backbone)).toEqual(expected.map(([name, stride, c, h, w]) => [name, stride, c, h, w]));
      expect(backbone.featureInfo.map((f) => f.layer)).toEqual(expected.map(([, , , , , layer]) => layer));
    });
    source.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a stride-3 network has no pyramid level at that stride', () => {
    const input = tfl.input({ shape: [18, 18, 3] });
    const source = model(input, conv(conv(input, 'a', 3), 'b', 2));
    expect(() => backboneFromModel(source, { outLevels: [1] })).toThrow(/no level 1 \(stride 2\).*levels are C0 \(stride 1, 4 channels, layer 'b'\)|no level 1 \(stride 2\).*none/);
    source.dispose();
  });
});
