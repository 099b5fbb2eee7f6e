import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { expect } from 'vitest';
import { type ModelSummary, summarize, withZeroInit } from '../../src/index.js';

/** Builds zero-initialised (cheap on cpu), hands the model and its summary to `read`, disposes, checks for leaks. */
export function inspect<T>(build: () => tfl.LayersModel, read: (model: tfl.LayersModel, summary: ModelSummary) => T): T {
  const before = tf.memory().numTensors;
  const model = withZeroInit(build);
  try {
    return read(model, summarize(model));
  } finally {
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }
}

/** Relative difference |a - b| / b. */
export const relative = (a: number, b: number) => Math.abs(a - b) / b;
