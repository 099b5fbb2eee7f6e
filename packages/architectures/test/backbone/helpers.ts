// Shared by the backbone tests: build, read, dispose, check that nothing leaked.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { Backbone } from '../../src/index.js';

/** `[name, stride, channels, height, width]` of each feature map, from the backbone model's symbolic outputs. */
export function table(backbone: Backbone): [string, number, number, number, number][] {
  return backbone.featureInfo.map((f, i) => {
    const [, h, w, c] = backbone.model.outputs[i].shape as number[];
    expect(c).toBe(f.channels);
    return [f.name, f.stride, c, h, w];
  });
}

/** Builds a backbone, hands it to `read`, disposes it, and checks the tensor count is back where it was. */
export function using<T>(build: () => Backbone, read: (backbone: Backbone) => T): T {
  const before = tf.memory().numTensors;
  const backbone = build();
  try {
    return read(backbone);
  } finally {
    backbone.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}
