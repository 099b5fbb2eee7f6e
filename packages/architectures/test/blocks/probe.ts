import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { type SymbolicTensor, withZeroInit } from '../../src/index.js';

/** What a block built on one input gives: output shape, parameters, and its layers' class names by name. */
export interface Probe {
  shape: (number | null)[];
  params: number;
  layers: Map<string, tfl.layers.Layer>;
}

/** Builds input -> block zero-initialised, reads it, disposes, and checks nothing leaked. */
export function probe(shape: number[], block: (x: SymbolicTensor) => SymbolicTensor, read?: (model: tfl.LayersModel) => void): Probe {
  const before = tf.memory().numTensors;
  const model = withZeroInit(() => {
    const input = tfl.input({ shape });
    return tfl.model({ inputs: input, outputs: block(input) });
  });
  read?.(model);
  const result = { shape: model.outputs[0].shape, params: model.countParams(), layers: new Map(model.layers.map((l) => [l.name, l])) };
  model.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

/** Parameters of conv (no bias) + BN: `k^2 * cin / groups * cout + 4 * cout`. */
export const convBn = (k: number, cin: number, cout: number, groups = 1) => (k * k * cin * cout) / groups + 4 * cout;
