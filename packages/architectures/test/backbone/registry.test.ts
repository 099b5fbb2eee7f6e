// The backbone contract over the whole registry, zero-initialised on cpu (symbolic shapes only, no forward pass):
// levels are C2.. up to the network's deepest at stride 2^k, each map is [N, ceil(H/s), ceil(W/s), C] ('same'
// networks; hand sizes for the 'valid' ones), the deepest level is the includeTop: false output, and the
// backbone of the full classifier taps the very same tensors (so it shares its layers and weights).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { backboneFromModel, createBackbone, createModel, listArchitectures } from '../../src/index.js';
import { table, using } from './helpers.js';

beforeAll(async () => {
  await initBackend({ prefer: 'cpu', verbose: false });
});

const SIDE = 64;
// Spatial sizes of C2.. at the test input for networks with 'valid' convolutions (derivations in tables.test.ts).
const VALID: Record<string, number[]> = { lenet5: [10], alexnet: [15, 7, 3, 1], xception: [15, 8, 4, 2] };

const rows = listArchitectures().map((e) => {
  const side = Math.max(e.minInputSize, SIDE);
  return [e.name, e, [side, side + 32, e.inputShape[2]] as [number, number, number]] as const;
});

describe('every registered architecture is a backbone', () => {
  it.each(rows)('%s', (name, _, inputShape) => {
    const [h, w] = inputShape;
    const before = tf.memory().numTensors;
    const full = createModel(name, { inputShape, initWeights: false });
    const top = createModel(name, { inputShape, initWeights: false, includeTop: false });
    try {
      using(() => createBackbone(name, { inputShape, initWeights: false }), (backbone) => {
        const levels = table(backbone);
        // Levels 2, 3, ... in order, without gaps, each at stride 2^k; the deepest is the includeTop: false output.
        expect(levels.map(([level]) => level)).toEqual(levels.map((_, i) => `C${i + 2}`));
        expect(levels.map(([, stride]) => stride)).toEqual(levels.map((_, i) => 2 ** (i + 2)));
        const deepest = backbone.featureInfo[backbone.featureInfo.length - 1];
        expect(deepest.layer).toBe(top.outputs[0].sourceLayer.name);
        expect(backbone.model.outputs[backbone.model.outputs.length - 1].shape).toEqual(top.outputs[0].shape);
        // Non-square input, each axis by its own size. w - h = 32 is a multiple of every stride, so a 'valid'
        // network's width is its height plus 32 / stride.
        const sizes = VALID[name];
        const expected = levels.map(([, stride], i) =>
          sizes === undefined ? [Math.ceil(h / stride), Math.ceil(w / stride)] : [sizes[i], sizes[i] + (w - h) / stride]);
        expect(levels.map(([, , , fh, fw]) => [fh, fw])).toEqual(expected);
        // The full classifier's backbone picks the same layers and taps the classifier's own tensors.
        const fromFull = backboneFromModel(full);
        try {
          expect(fromFull.featureInfo).toEqual(backbone.featureInfo);
          fromFull.featureInfo.forEach((f, i) => expect(fromFull.model.outputs[i]).toBe(full.getLayer(f.layer).output));
          for (const layer of fromFull.model.layers) expect(full.getLayer(layer.name)).toBe(layer);
        } finally {
          fromFull.dispose();
        }
      });
    } finally {
      full.dispose();
      top.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);
});
