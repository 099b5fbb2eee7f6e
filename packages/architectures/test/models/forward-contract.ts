// The canonical-input forward pass of the contract, run by the contract-forward-* files on a shard each.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@fovea/core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureEntry } from '../../src/index.js';
import { createModel } from '../../src/index.js';
import { fillRandom } from './contract.js';

/**
 * Builds each entry at its canonical input (zero-initialised, then `fillRandom`): zero weights alone
 * would make every output the uniform 1/classes whatever the network computes, so they could not show
 * that the canonical-size forward pass stays finite and is not degenerate. One image, on wasm.
 */
export function forwardContract(rows: (readonly [string, ArchitectureEntry])[]): void {
  describe('canonical input: forward pass of one image with random weights on wasm', () => {
    beforeAll(async () => {
      await initBackend({ prefer: 'wasm', verbose: false });
    });

    it.each(rows)('%s', (_, entry) => {
      const before = tf.memory().numTensors;
      const model = createModel(entry.name, { initWeights: false });
      fillRandom(model, 11);
      const x = tf.randomUniform([1, ...entry.inputShape], 0, 1, 'float32', 7);
      const y = model.predict(x) as tf.Tensor;
      expect(y.shape).toEqual([1, entry.classes]);
      const p = Array.from(y.dataSync());
      expect(p.every(Number.isFinite), 'every probability finite').toBe(true);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      // Random weights: the classes are not all equally likely (zero weights would give exactly 1/classes).
      expect(Math.max(...p)).toBeGreaterThan(Math.min(...p));
      tf.dispose([x, y]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    }, 180_000);
  });
}
